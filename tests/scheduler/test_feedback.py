"""Written feedback to contributors: a recorded response reaches a contributor who left an email, once, in the
forum's language, and is recorded as a communication by email, which OGP 2.4 counts as written feedback."""
from __future__ import annotations

from datetime import timedelta

from tests.support.builders import designate, join, new_forum, open_plan
from tests.support.builders_contributions import (
    RESIDENT_EMAIL,
    cocreation,
    communicate,
    contribute,
    representative,
    resident,
    respond,
)


def check_24(api, plan_id: str) -> dict:
    found = api.as_(None).get(f"/action-plans/{plan_id}/compliance")
    return next(c for c in found["checks"] if c["id"] == "2.4")


def test_a_response_to_a_resident_who_left_an_email_is_sent_once_and_recorded_so_that_2_4_counts_it(
        api, run, smtp, clock, logged):
    # co-creation still runs today (2026-11-20): feedback sent after the window would not count for 2.4
    c = cocreation(api, cocreation_ends_on="2026-12-15", period_start="2027-01-01", period_end="2028-12-31")
    contribution = contribute(api, c.plan, resident())
    respond(api, contribution)
    assert check_24(api, c.plan)["answer"] == "unclear"

    assert len(run(clock.now).sent) == 1
    run(clock.now + timedelta(minutes=1))
    run(clock.now + timedelta(days=2))

    [mail] = smtp.messages
    assert mail.rcpt_tos == (RESIDENT_EMAIL,)
    assert mail.subject == "Respuesta a su aporte al Plan de Acción de Gobierno Abierto de Cajamarca 2026-2027"
    body = mail.text()
    for expected in ("Hola, Marisol Huamán Tello:", "> Publicar trimestralmente la ejecución",
                     "Decisión: aceptado en parte", "la trimestral excede la capacidad actual", "lunes, 12 de mayo"):
        assert expected in body, expected
    communications = api.get(f"/contributions/{contribution}")["communications"]
    assert [(m["channel"], m["communicated_on"]) for m in communications] == [("email", "2026-11-20")]
    assert [e.data["recipient"] for e in logged("FeedbackSent")] == ["author"]
    assert [e.recorded_by for e in logged("ResponseCommunicated")] == ["scheduler"]
    found = check_24(api, c.plan)
    assert found["answer"] == "yes" and found["details"]["waiting"] == []


def test_a_representative_contributor_gets_the_feedback_at_the_address_on_the_roster(api, run, smtp, clock):
    c = cocreation(api)
    ana = contribute(api, c.plan, representative(c.ana))
    luis = contribute(api, c.plan, representative(c.luis))  # Luis left no email
    respond(api, ana, decision="accepted", reasoning="Se incorpora como hito del compromiso 1.")
    respond(api, luis)
    run(clock.now)
    [mail] = smtp.messages
    assert mail.rcpt_tos == ("ana@regioncajamarca.gob.pe",)
    assert "Hola, Ana Quispe:" in mail.text() and "Decisión: aceptado" in mail.text()
    assert [m["channel"] for m in api.get(f"/contributions/{luis}")["communications"]] == []


def test_no_feedback_email_when_the_forum_turned_it_off(api, run, smtp, clock, logged):
    forum = new_forum(api, policy={"feedback_by_email": False})
    plan = open_plan(api, forum)
    respond(api, contribute(api, plan, resident()))
    run(clock.now)
    run(clock.now + timedelta(days=1))
    assert smtp.messages == [] and logged("FeedbackSent", "ResponseCommunicated") == []


def test_no_feedback_without_an_email_nor_when_one_was_already_written_by_email(api, run, smtp, clock):
    c = cocreation(api)
    anonymous = contribute(api, c.plan, resident(email=None, name="Vecino de Baños del Inca"))
    already = contribute(api, c.plan, resident())
    for contribution in (anonymous, already):
        respond(api, contribution)
    communicate(api, already, "2025-06-05", "email")
    run(clock.now)
    assert smtp.messages == []


def test_an_english_forum_writes_back_in_english_and_a_corrected_response_is_not_sent_again(
        api, run, smtp, clock):
    forum = new_forum(api, language="en")
    gov = join(api, forum, "Regional Government", "government")
    designate(api, forum, gov, "Ann Smith", email="ann@example.org")
    plan = open_plan(api, forum, title="Open Government Action Plan 2026-2027")
    contribution = contribute(api, plan, resident(name="Mary Jones", email="mary@example.org"))
    respond(api, contribution, decision="rejected", reasoning="Outside the regional government's remit.")
    run(clock.now)
    respond(api, contribution, decision="out_of_scope", reasoning="Belongs to the national plan.",
            correction={"reason": "Wrong decision recorded"})
    run(clock.now + timedelta(hours=1))
    [mail] = smtp.messages
    assert mail.subject == "The response to your contribution to the Open Government Action Plan 2026-2027"
    assert "Hello Mary Jones," in mail.text() and "Decision: not adopted" in mail.text()


def test_responses_logged_more_than_thirty_days_before_the_scheduler_runs_are_not_emailed(api, run, smtp, clock):
    c = cocreation(api)
    respond(api, contribute(api, c.plan, resident()))
    run(clock.now + timedelta(days=31))
    assert smtp.messages == []
