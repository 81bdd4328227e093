"""The evaluator's pages: a plan's compliance answers with evidence linked to the audit log, as of a date; the
judgement and assessment forms (the API's schemas and commands); the report's downloads; a contribution's trail."""
from __future__ import annotations

import re

import pytest

from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker.auth import service as auth
from tracker.compliance import compute

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def text_of(response) -> str:
    return response.get_data(as_text=True)


def form_token(client, path: str) -> str:
    match = _TOKEN.search(text_of(client.get(path)))
    assert match, f"no CSRF token in the form at {path}"
    return match.group(1)


def events_of(web_app, forum: str, type: str) -> list:
    return list(web_app.extensions["tracker"].store.read_all(tenant_id=forum, types=[type]))


def commitment_of(web_app, plan: str) -> str:
    services = web_app.extensions["tracker"]
    return compute(services.store, plan, now=services.clock())["commitments"][0]["id"]


# -- the compliance page ---------------------------------------------------------------------------------------


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_compliance_page_sends_the_signed_out_to_sign_in(client, told):
    answer = client.get(f"/action-plans/{told.plan}/compliance")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")


def test_a_secretariat_of_another_forum_may_not_read_the_compliance_page(client, told):
    sign_in(client, story.OTHER_SECRETARIAT)
    assert client.get(f"/action-plans/{told.plan}/compliance?lang=en").status_code == 403
    assert client.get(f"/action-plans/{told.plan}/report.md").status_code == 403


def test_every_check_is_shown_with_its_explanation_and_evidence_linked_to_the_log(client, told):
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=en"))
    for check in ("1.1", "1.4", "2.1", "2.6", "S.cadence", "3.1.1", "3.1.5"):
        assert f'id="check-{check}"' in page
    assert "sectors among member organizations during co-creation" in page  # 2.6's explanation, in English
    link = re.search(rf'href="/forums/{told.forum}/log\?after=(\d+)#event-(\d+)"', page)
    assert link and int(link.group(1)) + 1 == int(link.group(2))
    assert "Logged late" in page  # the story's 2025 facts were logged in November 2026
    assert "Record a judgement" not in page and "Assess this commitment" not in page  # the secretariat


def test_the_date_picker_judges_the_process_as_it_stood_then(client, told):
    sign_in(client, story.EVALUATOR)
    now = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=en"))
    then = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=en&as_of=2025-03-01&known_at=2026-12-01"))
    assert "Judged as of March 1, 2025: the date asked for." in then and 'value="2025-03-01"' in then
    assert then.count("#event-") < now.count("#event-")
    assert f"/action-plans/{told.plan}/report.md?lang=en&amp;as_of=2025-03-01&amp;known_at=2026-12-01" in then


def test_a_date_that_is_not_a_date_gets_the_apis_message_beside_the_field(client, told):
    sign_in(client, story.EVALUATOR)
    answer = client.get(f"/action-plans/{told.plan}/compliance?lang=en&as_of=pronto")
    assert answer.status_code == 422
    page = text_of(answer)
    assert 'id="as_of-error">a day YYYY-MM-DD or an instant' in page and 'value="pronto"' in page


def test_a_known_at_day_is_the_end_of_that_day_in_the_forums_time_zone_said_so_and_counted_so(client, clock, told):
    sign_in(client, story.EVALUATOR)
    path = f"/action-plans/{told.plan}/judgements"
    clock.advance(hours=13, minutes=30)  # 2026-11-21 04:30 UTC: 23:30 on 20 November in Lima
    posted = client.post(path, data={"csrf_token": form_token(client, path + "?lang=es"), "check": "1.1",
                                     "answer": "no", "explanation": "Juzgado de noche."})
    assert posted.status_code == 302
    page = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=es&known_at=2026-11-20"))
    assert "Según el registro al final del 20 de noviembre de 2026 (hora de Perú)." in page
    assert "19:00" not in page.split('class="hint"')[1].split("</p>")[0]  # not the day's start in UTC
    assert "Juzgado de noche." in page  # logged at 23:30 in Lima: within the day asked for
    before = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=es&known_at=2026-11-20T23:00:00-05:00"))
    assert "Según el registro al 20 de noviembre de 2026, 23:00 (hora de Perú)." in before
    assert "Juzgado de noche." not in before
    english = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=en&known_at=2026-11-20"))
    assert "As the record stood at the end of November 20, 2026 (Peru Time)." in english


def test_evidence_about_a_contribution_links_to_it_and_to_its_trail(client, told):
    sign_in(client, story.EVALUATOR)
    page = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=es"))
    evidence = page[page.index('id="check-2.4"'):]
    evidence = evidence[:evidence.index("</article>")]
    for contribution in (told.waiting, told.unsent):
        assert f'href="/contributions/{contribution}" class="to-contribution">Abrir el aporte</a>' in evidence
        assert f'href="/contributions/{contribution}/trail" class="to-trail">Su recorrido</a>' in evidence
    assert "Aporte recibido el " in evidence and "ContributionReceived" not in evidence
    assert re.search(r'href="/forums/[^"]+/log\?after=\d+#event-\d+">Evento \d+ del registro de auditoría</a>',
                     evidence)


# -- the judgement form ----------------------------------------------------------------------------------------


def test_the_judgement_forms_answers_each_read_differently(client, told):
    sign_in(client, story.EVALUATOR)
    for lang, last in (("es", "Ni inclusivo ni diverso (control 2.6)"),
                       ("en", "Not inclusive and diverse (check 2.6)")):
        page = text_of(client.get(f"/action-plans/{told.plan}/judgements?lang={lang}"))
        select = page[page.index('<select id="answer"'):]
        options = re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select[:select.index("</select>")])
        assert len(options) == 6 and len(set(options)) == 6, options  # "No" once ("Not" is "No" in Spanish)
        assert options[-1] == last


def test_a_judgement_is_recorded_and_shown_beside_the_computed_answer(web_app, client, told):
    sign_in(client, story.EVALUATOR)
    path = f"/action-plans/{told.plan}/judgements"
    posted = client.post(path, data={"csrf_token": form_token(client, path + "?lang=en"), "check": "2.6",
                                     "answer": "very", "explanation": "La juventud participó mucho.",
                                     "references": "https://example.org/informe\nhttps://example.org/actas"})
    assert posted.status_code == 302 and posted.headers["Location"].endswith("#check-2.6")
    judged = events_of(web_app, told.forum, "CheckJudged")
    assert [(e.data["check"], e.data["answer"], e.recorded_by) for e in judged] == [
        ("2.6", "very", story.EVALUATOR)]
    assert judged[0].data["references"] == ["https://example.org/informe", "https://example.org/actas"]
    page = text_of(client.get(f"/action-plans/{told.plan}/compliance?lang=en"))
    block = page[page.index('id="check-2.6"'):page.index('id="check-S.')]
    computed, judgement = block.split('class="judgement"')
    assert "Computed answer" in computed and "answer-very" not in computed
    assert "Evaluator's judgement" in judgement and 'class="answer answer-very">Very' in judgement
    assert "La juventud participó mucho." in judgement and story.EVALUATOR in judgement
    assert "https://example.org/informe" in judgement
    assert "The judgement of check 2.6 was recorded." in page


def test_an_invalid_judgement_shows_the_apis_messages_and_records_nothing(web_app, client, told):
    sign_in(client, story.EVALUATOR)
    path = f"/action-plans/{told.plan}/judgements"
    answer = client.post(path, data={"csrf_token": form_token(client, path + "?lang=en"), "check": "2.6",
                                     "answer": "yes", "explanation": "Texto que se conserva."})
    assert answer.status_code == 422
    page = text_of(answer)
    assert 'id="answer-error">Choose one of the answers this check takes.' in page
    assert "Texto que se conserva." in page
    assert events_of(web_app, told.forum, "CheckJudged") == []


def test_a_secretariat_may_not_judge(web_app, client, told):
    path = f"/action-plans/{told.plan}/judgements"
    assert client.get(path).status_code == 302  # signed out: sent to sign in
    sign_in(client, story.SECRETARIAT)
    assert client.get(path).status_code == 403
    token = csrf_token(client, f"/forums/{told.forum}/dashboard")
    refused = client.post(path, data={"csrf_token": token, "check": "2.6", "answer": "not", "explanation": "x"})
    assert refused.status_code == 403
    assert events_of(web_app, told.forum, "CheckJudged") == []


# -- the assessment form ---------------------------------------------------------------------------------------


def test_an_assessment_is_recorded(web_app, client, told):
    sign_in(client, story.ADMIN)
    commitment = commitment_of(web_app, told.plan)
    path = f"/commitments/{commitment}/assessment"
    posted = client.post(path, data={
        "csrf_token": form_token(client, path + "?lang=en"), "verifiable": "yes", "relevance": "yes",
        "ogp_values": ["transparency", "civic_participation"], "commitment_type": "new_regulation_policy_practice",
        "potential": "positive_change_not_binding", "explanation": "Metas verificables."})
    assert posted.status_code == 302 and posted.headers["Location"].endswith(f"#commitment-{commitment}")
    assessed = events_of(web_app, told.forum, "CommitmentAssessed")
    assert len(assessed) == 1 and assessed[0].stream_id == commitment
    assert assessed[0].data["ogp_values"] == ["transparency", "civic_participation"]
    assert assessed[0].data["potential"] == "positive_change_not_binding"
    # the compliance page words section 3's answers as the template does, never by their codes
    page = client.get(f"/action-plans/{told.plan}/compliance?lang=en").get_data(as_text=True)
    shown = re.sub(r"<[^>]+>", " ", page)  # what people read (a class name may hold a code)
    assert "new_regulation_policy_practice" not in shown and "positive_change_not_binding" not in shown
    assert "New regulation, policy, practice or requirement" in shown


def test_an_invalid_assessment_shows_the_apis_messages_and_records_nothing(web_app, client, told):
    sign_in(client, story.EVALUATOR)
    path = f"/commitments/{commitment_of(web_app, told.plan)}/assessment"
    answer = client.post(path, data={"csrf_token": form_token(client, path + "?lang=en"), "verifiable": "quizás",
                                     "relevance": "yes", "commitment_type": "continuation_of_ongoing_practice",
                                     "potential": "unclear", "recommendations": "Recomendación tecleada."})
    assert answer.status_code == 422
    page = text_of(answer)
    assert re.search(r'id="verifiable-error">Choose one of the options offered.', page)
    assert re.search(r'id="explanation-error">[^<]+', page)
    assert "Recomendación tecleada." in page
    assert events_of(web_app, told.forum, "CommitmentAssessed") == []


def test_a_secretariat_may_not_assess(web_app, client, told):
    path = f"/commitments/{commitment_of(web_app, told.plan)}/assessment"
    assert client.get(path).status_code == 302
    sign_in(client, story.SECRETARIAT)
    assert client.get(path).status_code == 403


# -- downloads and the trail -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_the_report_downloads_are_the_apis_bytes(web_app, client, told, fmt):
    services = web_app.extensions["tracker"]
    token = auth.create_token(services.engine, services.clock, story.EVALUATOR)
    query = "as_of=2025-12-31&lang=en"
    api = client.get(f"/api/v1/action-plans/{told.plan}/report?format={fmt}&{query}",
                     headers={"Authorization": f"Bearer {token}"})
    sign_in(client, story.EVALUATOR)
    page = client.get(f"/action-plans/{told.plan}/report.{fmt}?{query}")
    assert api.status_code == page.status_code == 200
    assert page.get_data() == api.get_data()
    assert page.mimetype == api.mimetype
    assert page.headers["Content-Disposition"].startswith("attachment")


def test_the_trail_shows_every_event_of_the_contribution_oldest_first(client, told):
    trail = f"/contributions/{told.unsent}/trail?lang=en"
    assert client.get(trail).status_code == 302
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(trail))
    received = page.index("Contribution received</strong>")
    responded = page.index("Response to a contribution</strong>")
    assert received < responded
    assert story.ADMIN in page  # who logged it
    assert "portal de datos abiertos" in page


def test_a_secretariat_of_another_forum_may_not_read_a_trail(client, told):
    sign_in(client, story.OTHER_SECRETARIAT)
    assert client.get(f"/contributions/{told.unsent}/trail").status_code == 403


def test_the_standards_are_named_by_their_question_never_by_their_code(client, told):
    """OGP numbers its questions (1.1, 2.4, 3.2.1); the standards the tracker adds have only internal keys
    (S.cadence...), which a person never reads: on the evaluator's page, its judgement links and form, as in the
    report."""
    from tests.web.test_messages_in_spanish import visible_text

    sign_in(client, story.EVALUATOR)
    page = client.get(f"/action-plans/{told.plan}/compliance?lang=es").get_data(as_text=True)
    shown = visible_text(page)
    assert 'id="check-S.cadence"' in page  # the anchor stays, for links
    assert not re.search(r"\bS\.[a-z_]+", shown), re.search(r"\bS\.[a-z_]+", shown)
    assert "El foro se reúne como su propia regla lo establece" in shown
    assert "Registrar un juicio de esta respuesta" in shown and "Registrar un juicio de 2.4" in shown
    assert re.search(r'<span class="check-id">2\.4</span>', page)
    form = client.get(f"/action-plans/{told.plan}/judgements?check=S.cadence&lang=es")
    assert form.status_code == 200
    options = form.get_data(as_text=True)
    assert ">El foro se reúne como su propia regla lo establece</option>" in options
    assert not re.search(r">\s*S\.[a-z_]+", options) and ">2.4 · " in options
