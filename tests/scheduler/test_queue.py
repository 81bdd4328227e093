"""The reminder_queue read model: what the rules read, equal to a rebuild from the log, and never an address."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from tests.support.builders_contributions import RESIDENT_EMAIL, cocreation, contribute, resident, respond
from tests.support.builders_lead_contacts import led_commitment
from tests.support.builders_reminders import EMAILS, members_with_emails, secretariat, session
from tracker.read_models.reminder_queue import ReminderQueue, commitment_candidates, forum_queue


def tables(projector) -> dict[str, list[tuple]]:
    with projector.engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for t in ReminderQueue.metadata.sorted_tables}


def test_the_queue_built_by_each_write_and_tick_equals_a_rebuild_and_holds_no_address(
        api, tokens, run, smtp, services, clock):
    r = members_with_emails(api)
    secretariat(tokens, r.forum_id)
    sid = session(api, r.forum_id, "2026-12-10T15:00:00-05:00")
    api.post(f"/sessions/{sid}/rescheduling", {"scheduled_at": "2026-12-11T15:00:00-05:00"})
    c = cocreation(api)
    respond(api, contribute(api, c.plan, resident()))
    contribute(api, c.plan, resident(), received_on="2026-11-20")  # acknowledged by a receipt
    led = led_commitment(api)  # its lead contact reminded of a milestone due on 2026-12-18
    api.post(f"/commitments/{led.commitment}/progress", {"status": "in_progress", "reported_on": "2026-11-10",
                                                         "summary": "Se publicaron cinco distritos."})
    run(clock.now)
    smtp.refusing = True
    run("2026-12-08T09:00:00-05:00")
    smtp.refusing = False
    run("2026-12-08T09:05:00-05:00")
    run("2026-12-10T09:00:00-05:00")
    services.projector.catch_up()

    before = tables(services.projector)
    assert {name: len(rows) for name, rows in before.items()} == {
        "reminder_sessions": 1, "reminder_feedback": 1, "reminder_receipts": 2, "reminder_plans": 2,
        "reminder_commitments": 1, "reminder_deliveries": 7}  # 3 reminders, feedback, receipt, November, milestone
    services.projector.rebuild(ReminderQueue.name)
    assert tables(services.projector) == before
    text = str(before)
    assert not any(address in text for address in (*EMAILS.values(), RESIDENT_EMAIL))
    statuses = sorted(row[5] for row in before["reminder_deliveries"])
    assert statuses == ["sent"] * 7
    [slot] = commitment_candidates(services.projector, led.forum_id)
    assert (slot.id, slot.lead_representative_id, [str(m.due_on) for m in slot.milestones], slot.reported_on) == (
        led.commitment, led.ana, ["2026-12-18", "2027-03-31"], (date(2026, 11, 10),))
    assert slot.period == (date(2026, 1, 1), date(2027, 12, 31)) and slot.endorsed_on == date(2025, 11, 14)


def test_a_forums_queue_lists_its_sessions_and_only_the_contributions_not_yet_emailed(api, run, services, clock):
    c = cocreation(api)
    first, second = contribute(api, c.plan, resident()), contribute(api, c.plan, resident(name="Rosa Tello"))
    respond(api, first)
    respond(api, second)
    slots, candidates = forum_queue(services.projector, c.forum)
    assert sorted(x.contribution_id for x in candidates) == sorted([first, second]) and slots == []
    run(clock.now + timedelta(minutes=1))
    assert forum_queue(services.projector, c.forum)[1] == []
