"""The reviews of progress of a plan with civil society, as the final report reads them: each session held during
implementation that presented the progress of the plan's commitments, with who came, the comments collected and
whether it counts for S.implementation (tracker.compliance.reviews)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from events import EventStore
from tracker.compliance import reviews
from tracker.compliance.snapshot import build


def reviews_of_progress(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
                        known_at: date | datetime | None = None, now: datetime | None = None) -> list[dict[str, Any]]:
    """The plan's sessions held after its co-creation window that presented the progress of its commitments, in the
    order they were held: `session_id`, `title`, `held_on` (the forum's day), `presents_progress_of` (the plan's
    commitment ids presented), `civil_society_present`, `comments` (`organization_id`, `organization`: its name,
    `text`), `contributions` (ids of those logged with the session) and `counts` (a review of progress for
    S.implementation: civil society present and comments recorded).

    Only what occurred by `as_of` (the end of that day in the forum's timezone, or that instant; default now) and
    was recorded by `known_at` (default now) counts. NotFound for a plan unknown at `known_at`."""
    snap = build(store, plan_id, as_of=as_of, known_at=known_at, now=now, default_reference=False)
    roster = snap.forum or snap.settings
    found = []
    for s in reviews.during_implementation(snap):
        presented = reviews.presented(snap, s)
        if not presented:
            continue
        comments = []
        for c in reviews.comments(s):
            org = roster.organizations.get(c["organization_id"]) if c.get("organization_id") else None
            comments.append({"organization_id": c.get("organization_id"), "organization": org.name if org else None,
                             "text": c["text"]})
        found.append({"session_id": s.id, "title": s.title, "held_on": snap.held_day(s),
                      "presents_progress_of": presented, "civil_society_present": reviews.civil_society_present(s),
                      "comments": comments, "contributions": [c.id for c in reviews.contributions(snap, s)],
                      "counts": not reviews.gaps(snap, s)})
    return found
