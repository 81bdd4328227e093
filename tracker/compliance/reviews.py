"""Reviews of progress with civil society (OGP standards, minimum requirement 5.1): a session held during
implementation (after the co-creation window W) that presented the progress of the plan's commitments (an agenda
item's `presents_progress_of`), had non-governmental attendance, and has comments recorded (with its minutes, or
contributions logged with the session). S.implementation counts them; tracker.queries.reviews lists them."""
from __future__ import annotations

from typing import Any

from events import RecordedEvent
from tracker.compliance.check import non_governmental
from tracker.compliance.snapshot import Snapshot
from tracker.domain.contribution import ContributionState
from tracker.domain.session import SessionState

#: Why a session held during implementation is not a review of progress, in the order they are checked: no agenda
#: item presented the progress of the plan's commitments; no non-governmental attendee; no comment recorded.
NO_PROGRESS, NO_CIVIL_SOCIETY, NO_COMMENTS = "no_progress_presented", "no_civil_society_present", "no_comments_recorded"
GAPS = (NO_PROGRESS, NO_CIVIL_SOCIETY, NO_COMMENTS)


def during_implementation(snap: Snapshot) -> list[SessionState]:
    """The held sessions after W ended, in the order they were held."""
    ends = snap.plan.cocreation_ends_on
    return [s for s in snap.held_sessions() if snap.held_day(s) > ends]


def presented(snap: Snapshot, session: SessionState) -> list[str]:
    """The plan's commitments whose progress an agenda item of the session presented (agenda order, each once);
    a commitment of another plan of the forum is not this plan's result."""
    ours = {c.id for _, c in snap.commitments}
    return list(dict.fromkeys(c for item in session.agenda for c in item.get("presents_progress_of", ())
                              if c in ours))


def civil_society_present(session: SessionState) -> bool:
    """Did anyone of a non-governmental sector attend (a representative or a guest)?"""
    return any(non_governmental(a.get("sector")) for a in session.attendance)


def comments(session: SessionState) -> list[dict[str, Any]]:
    """The comments recorded with the minutes that stand (none without minutes)."""
    return list((session.minutes or {}).get("comments", ()))


def contributions(snap: Snapshot, session: SessionState) -> list[ContributionState]:
    """The plan's contributions logged with the session."""
    return [c for c in snap.contributions if c.session_id == session.id]


def gaps(snap: Snapshot, session: SessionState) -> list[str]:
    """What the session lacks to be a review of progress (`GAPS`); none when it is one."""
    lacking = []
    if not presented(snap, session):
        lacking.append(NO_PROGRESS)
    if not civil_society_present(session):
        lacking.append(NO_CIVIL_SOCIETY)
    if not comments(session) and not contributions(snap, session):
        lacking.append(NO_COMMENTS)
    return lacking


def proof(snap: Snapshot, session: SessionState) -> list[RecordedEvent | None]:
    """The events that decide whether the session is a review: its scheduling (with the agenda), the record that
    stands, the minutes that stand, and the contributions logged with it."""
    return [snap.last(session.id, "SessionScheduled"), snap.last(session.id, "SessionHeld"),
            snap.last(session.id, "MinutesRecorded"),
            *(snap.last(c.id, "ContributionReceived") for c in contributions(snap, session))]
