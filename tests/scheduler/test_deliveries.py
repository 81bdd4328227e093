"""Each delivery goes out once: through a mail server that refuses for a while, after a scheduler died holding a
claim, and when two schedulers decide the same delivery at the same moment."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from events import Metadata
from tests.support.builders_reminders import EMAILS, members_with_emails, session
from tracker.domain.notices import deliveries as protocol
from tracker.domain.notices.deliveries import MAX_ATTEMPTS
from tracker.domain.notices.reminders import wanted
from tracker.read_models.reminder_queue import forum_queue
from tracker.scheduler.tick import TickReport, deliver

SESSION_AT = "2026-12-10T15:00:00-05:00"
DUE = datetime.fromisoformat("2026-12-07T09:00:00-05:00")


def test_while_the_server_refuses_failures_are_recorded_and_retried_with_back_off_then_sent_once(
        api, run, smtp, logged):
    r = members_with_emails(api)
    session(api, r.forum_id, SESSION_AT)
    smtp.refusing = True

    assert len(run(DUE).failed) == 3
    assert run(DUE + timedelta(seconds=59)).failed == []  # first retry after 1 minute
    assert len(run(DUE + timedelta(minutes=1)).failed) == 3
    assert run(DUE + timedelta(minutes=2, seconds=59)).failed == []  # then 2 minutes later
    smtp.refusing = False
    assert len(run(DUE + timedelta(minutes=3)).sent) == 3
    run(DUE + timedelta(minutes=10))
    run(DUE + timedelta(hours=2))

    assert Counter(rcpt for m in smtp.messages for rcpt in m.rcpt_tos) == Counter(
        [EMAILS["ana"], EMAILS["rosa"], EMAILS["jorge"]])
    failures = logged("DeliveryFailed")
    assert len(failures) == 6 and {e.data["attempt"] for e in failures} == {1, 2}
    assert all("451" in e.data["error"] for e in failures)
    retry = {e.data["attempt"]: datetime.fromisoformat(e.data["retry_at"]) - e.occurred_at for e in failures}
    assert retry == {1: timedelta(minutes=1), 2: timedelta(minutes=2)}
    assert {e.data["attempt"] for e in logged("ReminderSent")} == {3}
    # Every try of one delivery carried the same Message-ID, so a server could discard a repeat.
    tried = Counter(m.message_id for m in smtp.refused + smtp.messages)
    assert sorted(tried.values()) == [3, 3, 3]
    assert set(tried) == {f"<{e.data['delivery_id']}@gobiernoabierto.cajamarca.gob.pe>"
                          for e in logged("ReminderSent")}


def test_a_delivery_that_keeps_failing_is_abandoned_after_the_last_attempt_and_never_tried_again(
        api, run, smtp, logged, caplog):
    r = members_with_emails(api)
    session(api, r.forum_id, SESSION_AT)
    smtp.refusing = True
    at = DUE
    for _ in range(MAX_ATTEMPTS + 3):
        run(at)
        at += timedelta(hours=1)
    smtp.refusing = False
    run(at)

    assert smtp.messages == []
    assert len(logged("DeliveryFailed")) == 3 * (MAX_ATTEMPTS - 1)
    abandoned = logged("DeliveryAbandoned")
    assert len(abandoned) == 3 and {e.data["attempts"] for e in abandoned} == {MAX_ATTEMPTS}
    assert any(rec.levelname == "ERROR" and "abandoned" in rec.getMessage() for rec in caplog.records)


def test_a_claim_left_by_a_scheduler_that_died_is_taken_up_once_its_lease_expired(api, run, smtp, services,
                                                                                  logged):
    r = members_with_emails(api)
    session(api, r.forum_id, SESSION_AT)
    forum_id = r.forum_id
    services.projector.catch_up()
    slots, candidates = forum_queue(services.projector, forum_id)
    from tracker.domain.forum import fold

    forum = fold(services.store.read_stream(forum_id))
    ana = next(d for d in wanted(forum, slots, candidates, DUE) if d.recipient == r.ana)
    version, _, claim = protocol.claim(ana, None, DUE, "a-scheduler-that-dies")
    services.store.append(ana.delivery_id, claim, version, Metadata(actor="scheduler"), tenant_id=forum_id)

    run(DUE + timedelta(minutes=1))  # the others are sent; Ana's is still claimed by the dead scheduler
    assert EMAILS["ana"] not in {rcpt for m in smtp.messages for rcpt in m.rcpt_tos}
    assert len(smtp.messages) == 2
    run(DUE + protocol.LEASE)
    run(DUE + protocol.LEASE + timedelta(minutes=5))
    assert len(smtp.to(EMAILS["ana"])) == 1
    claims = [e.data for e in logged("DeliveryClaimed") if e.stream_id == ana.delivery_id]
    assert [(c["attempt"], c["claimed_by"]) for c in claims] == [(1, "a-scheduler-that-dies"), (2, "test-scheduler")]


def test_of_two_schedulers_deciding_the_same_delivery_only_the_first_claim_sends(api, smtp, services, logged):
    r = members_with_emails(api)
    session(api, r.forum_id, SESSION_AT)
    services.projector.catch_up()
    from tracker.domain.forum import fold

    forum = fold(services.store.read_stream(r.forum_id))
    slots, candidates = forum_queue(services.projector, r.forum_id)
    jorge = next(d for d in wanted(forum, slots, candidates, DUE) if d.recipient == r.jorge)
    first, second = TickReport(), TickReport()
    # Both read the queue before either claimed: both believe the delivery is new (version 0).
    deliver(services, smtp.mailer(), forum, jorge, None, DUE, "scheduler-a", first)
    deliver(services, smtp.mailer(), forum, jorge, None, DUE, "scheduler-b", second)
    assert (first.sent, second.lost) == ([jorge.delivery_id], [jorge.delivery_id])
    assert len(smtp.to(EMAILS["jorge"])) == 1
    assert [e.data["claimed_by"] for e in logged("DeliveryClaimed")] == ["scheduler-a"]
