"""The commitment pages: the plan's commitments with the form to draft one, a commitment with its revisions,
the form to revise it (with the contributions behind it), and whether its text moved since the endorsement."""
from __future__ import annotations

import re

import pytest

from tests.support.api import ApiClient
from tests.support.builders_plans import endorse, held_session
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker.auth import service as auth


def text_of(response) -> str:
    return response.get_data(as_text=True)


def head(web_app) -> int:
    return web_app.extensions["tracker"].store.head().position


def admin_api(web_app) -> ApiClient:
    services = web_app.extensions["tracker"]
    return ApiClient(web_app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))


def the_commitment(web_app, told) -> str:
    page = text_of(web_app.test_client().get(f"/action-plans/{told.plan}/commitments"))
    return re.search(r'href="/commitments/(cmt_\w+)"', page).group(1)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_anyone_reads_the_plans_commitments_but_only_writers_see_the_form(client, told):
    page = text_of(client.get(f"/action-plans/{told.plan}/commitments?lang=en"))
    assert "Presupuesto participativo abierto y trimestral" in page and "Draft a commitment" not in page
    sign_in(client, story.SECRETARIAT)
    assert "Draft a commitment" in text_of(client.get(f"/action-plans/{told.plan}/commitments?lang=en"))


def test_drafting_a_commitment_records_it_with_its_milestones_and_contributions(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    path = f"/action-plans/{told.plan}/commitments"
    posted = client.post(path, data={
        "csrf_token": csrf_token(client, path), "title": "Obras públicas en datos abiertos",
        "ogp_values": ["transparency", "technology_and_innovation"],
        "milestones.0.title": "Portal publicado", "milestones.0.due_on": "2027-03-31",
        "from_contributions": [told.unsent]})
    assert posted.status_code == 302
    commitment_id = posted.headers["Location"].rsplit("/", 1)[1]
    [event] = web_app.extensions["tracker"].store.read_stream(commitment_id)
    assert event.type == "CommitmentDrafted"
    assert event.data["title"] == "Obras públicas en datos abiertos"
    assert event.data["milestones"][0]["title"] == "Portal publicado"
    assert event.data["from_contributions"] == [told.unsent]
    assert "Se redactó el compromiso." in text_of(client.get(posted.headers["Location"]))  # the forum speaks Spanish


def test_an_invalid_draft_shows_the_apis_messages_and_keeps_what_was_typed(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    path = f"/action-plans/{told.plan}/commitments"
    before = head(web_app)
    refused = client.post(path, data={"csrf_token": csrf_token(client, path), "lead_institution": "Gerencia",
                                      "milestones.0.deliverable": "Informe sin título"})
    assert refused.status_code == 422
    page = text_of(refused)
    assert 'id="title-error"' in page and "Este campo es obligatorio." in page
    assert 'id="ogp_values-error"' in page
    assert 'id="milestones.0.title-error"' in page
    assert 'value="Gerencia"' in page and 'value="Informe sin título"' in page
    assert head(web_app) == before


def test_who_may_not_write_the_forum_may_not_draft(web_app, client, told):
    before = head(web_app)
    anonymous = client.post(f"/action-plans/{told.plan}/commitments",
                            data={"csrf_token": csrf_token(client), "title": "x", "ogp_values": "transparency"})
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login")
    sign_in(client, story.EVALUATOR)
    refused = client.post(f"/action-plans/{told.plan}/commitments",
                          data={"csrf_token": csrf_token(client, "/"), "title": "x", "ogp_values": "transparency"})
    assert refused.status_code == 403 and head(web_app) == before


def test_revising_records_the_changed_fields_and_the_contributions_and_shows_the_endorsed_text_moved(
        web_app, client, told):
    commitment = the_commitment(web_app, told)
    endorse(admin_api(web_app), told.plan, endorsed_on="2026-11-10")
    sign_in(client, story.SECRETARIAT)
    page_url = f"/commitments/{commitment}?lang=en"
    assert "The text is the one the forum endorsed." in text_of(client.get(page_url))
    form = text_of(client.get(page_url))
    assert 'value="Presupuesto participativo abierto y trimestral"' in form  # filled with the current text
    posted = client.post(f"/commitments/{commitment}/revision", data={
        "csrf_token": csrf_token(client, page_url), "reason": "Aporte de la junta vecinal",
        "title": "Presupuesto participativo abierto, trimestral y por distrito",
        "ogp_values": ["transparency", "public_accountability"], "from_contributions": [told.unsent]})
    assert posted.status_code == 302
    revised = web_app.extensions["tracker"].store.read_stream(commitment)[-1]
    assert revised.type == "CommitmentRevised"
    assert revised.data["changes"] == {"title": "Presupuesto participativo abierto, trimestral y por distrito"}
    assert revised.data["from_contributions"] == [told.unsent]
    page = text_of(client.get(page_url))
    assert "The text differs from the one the forum endorsed." in page and "Aporte de la junta vecinal" in page


def test_a_revision_without_a_reason_is_refused_beside_the_field(web_app, client, told):
    commitment = the_commitment(web_app, told)
    sign_in(client, story.SECRETARIAT)
    before = head(web_app)
    refused = client.post(f"/commitments/{commitment}/revision", data={
        "csrf_token": csrf_token(client, f"/commitments/{commitment}"), "title": "Otro título"})
    assert refused.status_code == 422
    page = text_of(refused)
    assert 'id="reason-error"' in page and 'value="Otro título"' in page
    assert head(web_app) == before


def test_an_evaluator_may_not_revise(web_app, client, told):
    commitment = the_commitment(web_app, told)
    sign_in(client, story.EVALUATOR)
    before = head(web_app)
    refused = client.post(f"/commitments/{commitment}/revision",
                          data={"csrf_token": csrf_token(client, "/"), "reason": "x", "title": "y"})
    assert refused.status_code == 403 and head(web_app) == before


def test_a_milestone_error_is_shown_beside_the_row_it_is_about_when_rows_were_skipped(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    path = f"/action-plans/{told.plan}/commitments"
    refused = client.post(path, data={"csrf_token": csrf_token(client, path), "title": "Obras abiertas",
                                      "ogp_values": "transparency", "milestones.0.title": "Portal",
                                      "milestones.3.deliverable": "Informe sin título"})
    assert refused.status_code == 422
    page = text_of(refused)
    assert 'id="milestones.1.title-error"' in page
    row = page[page.index('id="milestones.1.deliverable"'):][:300]
    assert 'value="Informe sin título"' in row


def test_the_secretariat_names_a_lead_contact_whom_the_public_never_sees(web_app, client, told):
    """Given a commitment without a lead contact, when the secretariat names Ana from the roster, then the event is
    written and the page names her; naming her again is refused in Spanish with nothing written; the public page
    of the commitment never shows her name."""
    commitment = the_commitment(web_app, told)
    sign_in(client, story.SECRETARIAT)
    path = f"/commitments/{commitment}"
    page = text_of(client.get(path))
    assert "Nadie designado" in page
    ana = re.search(r'<option value="(rep_\w+)">Ana Quispe · ', page).group(1)
    named = client.post(f"{path}/lead-contact", data={"csrf_token": csrf_token(client, path),
                                                       "lead_representative_id": ana})
    assert named.status_code == 302
    events = web_app.extensions["tracker"].store.read_stream(commitment)
    assert (events[-1].type, events[-1].data["lead_representative_id"]) == ("CommitmentLeadContactNamed", ana)
    page = text_of(client.get(path))
    assert "Se designó el contacto responsable." in page and re.search(r"<dd>Ana Quispe · ", page)
    before = head(web_app)
    again = client.post(f"{path}/lead-contact", data={"csrf_token": csrf_token(client, path),
                                                       "lead_representative_id": ana})
    assert again.status_code == 409 and "Esta persona ya es el contacto responsable del compromiso." in text_of(again)
    assert head(web_app) == before
    public = web_app.test_client()
    assert "Ana Quispe" not in text_of(public.get(path))
    assert "Ana Quispe" not in text_of(public.get(f"/forums/{told.forum}/commitments/{commitment}"))


def test_a_text_changed_only_by_amendments_the_forum_approved_says_so_rather_than_warn(web_app, client, told):
    """Given the endorsed commitment amended with the forum's approval in a held session, its page says the text
    changed by an amendment the forum approved (no warning, no revision numbers); a later revision without the
    forum brings the warning back."""
    api = admin_api(web_app)
    commitment = the_commitment(web_app, told)
    endorse(api, told.plan, endorsed_on="2026-11-10")
    session = held_session(api, told.forum, held_at="2026-11-12T15:00:00-05:00", title="Sesión de seguimiento")
    api.post(f"/commitments/{commitment}/amendment", {
        "changes": {"description": "Presupuesto abierto cada trimestre, con audiencias."},
        "reason": "El foro pidió audiencias públicas.", "approved_in_session_id": session,
        "occurred_on": "2026-11-13"})
    sign_in(client, story.SECRETARIAT)
    page = text_of(client.get(f"/commitments/{commitment}"))
    assert "El texto cambió desde que el foro lo aprobó por 1 modificación que el foro aprobó" in page
    assert "El texto difiere del que aprobó el foro." not in page
    api.post(f"/commitments/{commitment}/revision", {"reason": "Errata", "title": "Presupuesto abierto trimestral"})
    assert "El texto difiere del que aprobó el foro." in text_of(client.get(f"/commitments/{commitment}"))
