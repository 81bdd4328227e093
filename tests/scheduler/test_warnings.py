"""The secretariat's warnings: a period of the meeting rule with no session by its 10th day, and a held session
whose minutes are still missing a week later. Each is sent once, to every active secretariat user of the forum."""
from __future__ import annotations

from datetime import datetime

from tests.support.builders_reminders import SECRETARIAT, members_with_emails, secretariat, session
from tests.support.builders_sessions import approve_minutes, hold_session


def warnings(smtp) -> list:
    return [m for m in smtp.messages if m.subject.startswith(("Aviso", "Warning"))]


def test_a_month_with_no_session_produces_exactly_one_warning_on_its_tenth_day(api, tokens, run, smtp, logged):
    r = members_with_emails(api)
    secretariat(tokens, r.forum_id)
    secretariat(tokens, r.forum_id, "apoyo.secretaria@regioncajamarca.gob.pe")
    tokens.make("otro.foro@example.org", "secretariat", ())  # not of this forum

    for day in ("2026-12-01T09:00", "2026-12-09T23:59", "2026-12-10T08:59"):
        run(f"{day}:00-05:00")
    assert warnings(smtp) == []
    for day in ("2026-12-10T09:00", "2026-12-10T09:01", "2026-12-15T09:00", "2026-12-31T23:59"):
        run(f"{day}:00-05:00")

    [warning] = warnings(smtp)
    assert set(warning.rcpt_tos) == {SECRETARIAT, "apoyo.secretaria@regioncajamarca.gob.pe"}
    assert warning.subject == ("Aviso: el Foro Multiactor de Gobierno Abierto de Cajamarca no tiene sesión programada "
                               "entre martes, 1 de diciembre de 2026 y jueves, 31 de diciembre de 2026")
    assert "mensual" in warning.text()
    [sent] = logged("WarningSent")
    assert (sent.data["kind"], sent.data["subject_id"], sent.data["recipients"]) == (
        "cadence_warning", f"{r.forum_id}/2026-12-01", 2)

    run("2027-01-10T09:00:00-05:00")  # the next month without a session: its own warning
    assert len(warnings(smtp)) == 2


def test_a_month_with_a_session_scheduled_gets_no_warning_but_a_cancelled_one_does_not_count(
        api, tokens, run, smtp):
    r = members_with_emails(api)
    secretariat(tokens, r.forum_id)
    session(api, r.forum_id, "2026-12-22T15:00:00-05:00")
    cancelled = session(api, r.forum_id, "2027-01-20T15:00:00-05:00")
    api.post(f"/sessions/{cancelled}/cancellation", {"reason": "Feriado regional"})
    run("2026-12-10T09:00:00-05:00")
    assert warnings(smtp) == []
    run("2027-01-10T09:00:00-05:00")
    assert [w.subject.endswith("domingo, 31 de enero de 2027") for w in warnings(smtp)] == [True]


def test_a_quarterly_forum_is_warned_once_a_quarter(api, tokens, run, smtp):
    r = members_with_emails(api, meeting_rule={"frequency": "quarterly", "reminder_days_before": 2})
    secretariat(tokens, r.forum_id)
    for at in ("2026-11-10T09:00", "2026-11-30T09:00", "2026-12-10T09:00", "2027-01-10T09:00"):
        run(f"{at}:00-05:00")
    # Quarters counted from February 2025, the forum's first month: November 2026 to January 2027 is one.
    [warning] = warnings(smtp)
    assert "entre domingo, 1 de noviembre de 2026 y domingo, 31 de enero de 2027" in warning.subject
    assert "trimestral" in warning.text()


def test_without_a_secretariat_user_no_warning_is_sent_nor_claimed(api, run, smtp, logged):
    r = members_with_emails(api)
    report = run("2026-12-10T09:00:00-05:00")
    assert warnings(smtp) == [] and logged("DeliveryClaimed") == [] and report.skipped
    assert r


def test_a_session_held_without_minutes_a_week_later_produces_one_warning(api, tokens, run, smtp, clock, logged):
    r = members_with_emails(api)
    secretariat(tokens, r.forum_id)
    minuted = session(api, r.forum_id, "2026-11-03T15:00:00-05:00", title="Sesión ordinaria de noviembre")
    unminuted = session(api, r.forum_id, "2026-11-10T15:00:00-05:00", title="Taller de co-creación")
    clock.now = datetime.fromisoformat("2026-11-10T18:00:00-05:00")
    hold_session(api, minuted, held_at="2026-11-03T15:10:00-05:00")
    hold_session(api, unminuted, held_at="2026-11-10T15:05:00-05:00")
    approve_minutes(api, minuted, approved_on="2026-11-10")

    run("2026-11-17T08:59:00-05:00")
    assert warnings(smtp) == []
    run("2026-11-17T09:00:00-05:00")
    run("2026-11-18T09:00:00-05:00")
    run("2026-11-30T09:00:00-05:00")
    [warning] = warnings(smtp)
    assert warning.rcpt_tos == (SECRETARIAT,)
    assert warning.subject == "Aviso: falta el acta de «Taller de co-creación» (martes, 10 de noviembre de 2026)"
    assert "7 días después" in warning.text()
    assert [(e.data["kind"], e.data["subject_id"]) for e in logged("WarningSent")] == [("minutes_warning", unminuted)]


def test_an_inactive_secretariat_user_is_not_warned(api, tokens, app, run, smtp):
    from tracker.auth import service as auth

    r = members_with_emails(api)
    secretariat(tokens, r.forum_id)
    secretariat(tokens, r.forum_id, "ex.secretaria@regioncajamarca.gob.pe")
    services = app.extensions["tracker"]
    auth.deactivate_user(services.engine, services.clock, "ex.secretaria@regioncajamarca.gob.pe")
    run("2026-12-10T09:00:00-05:00")
    [warning] = warnings(smtp)
    assert warning.rcpt_tos == (SECRETARIAT,)
