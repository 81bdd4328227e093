"""A session as readers see it: its status, announcement, attendance, minutes and corrections."""
from __future__ import annotations

from collections import Counter
from typing import Any

from tracker.domain.forum import ForumState
from tracker.domain.session import SessionState
from tracker.domain.time import zone


def _attendee(forum: ForumState, entry: dict[str, Any], full: bool) -> dict[str, Any]:
    """A representative as the roster names them (a minor's name only to full readers); a guest likewise."""
    rep_id = entry.get("representative_id")
    if rep_id is None:
        return {"representative_id": None, "name": entry["name"] if full else None, "organization_id": None,
                "organization": entry.get("organization"), "sector": entry["sector"]}
    rep = forum.representatives.get(rep_id)
    org = forum.organizations.get(entry["organization_id"])
    name = rep.name if rep and (full or not rep.is_minor) else None
    return {"representative_id": rep_id, "name": name, "organization_id": entry["organization_id"],
            "organization": org.name if org else None, "sector": entry["sector"]}


def _agenda_item(item: dict[str, Any]) -> dict[str, Any]:
    """An agenda item; `presents_progress_of` is empty for one that presents no progress."""
    return {"title": item["title"], "proposed_by_organization": item.get("proposed_by_organization"),
            "presents_progress_of": list(item.get("presents_progress_of", ()))}


def present_minutes(minutes: dict[str, Any] | None, forum: ForumState) -> dict[str, Any] | None:
    """The minutes, each comment with its organization's name."""
    if minutes is None:
        return None
    comments = []
    for c in minutes.get("comments", ()):
        org = forum.organizations.get(c["organization_id"]) if c.get("organization_id") else None
        comments.append({"organization_id": c.get("organization_id"), "organization": org.name if org else None,
                         "text": c["text"]})
    return {**minutes, "comments": comments}


def present_session(session: SessionState, forum: ForumState, full: bool) -> dict[str, Any]:
    """The session as readers see it; instants in the forum's timezone."""
    tz = zone(forum.timezone)
    return {
        "id": session.id, "forum_id": session.forum_id, "action_plan_id": session.action_plan_id,
        "title": session.title, "kind": session.kind, "number": session.number, "venue": session.venue,
        "modality": session.modality, "agenda": [_agenda_item(item) for item in session.agenda],
        "scheduled_at": session.scheduled_at.astimezone(tz),
        "status": session.status, "cancellation_reason": session.cancellation_reason,
        "reschedulings": [{"from_": r.previous.astimezone(tz), "to": r.to.astimezone(tz), "reason": r.reason}
                          for r in session.reschedulings],
        "announcement": session.announcement,
        "held_at": session.held_at.astimezone(tz) if session.held_at else None,
        "attendance": [_attendee(forum, entry, full) for entry in session.attendance],
        "attendance_by_sector": dict(Counter(entry["sector"] for entry in session.attendance)),
        "public_attendees": session.public_attendees, "minutes": present_minutes(session.minutes, forum),
        "corrections": [vars(c) for c in session.corrections],
    }
