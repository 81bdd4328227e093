"""The forum's sessions as Open Civic Data events (opencivicdata.org; the event schema of `pupa`).

Each session is one event: its title as `name`, when it is (or was) scheduled as `start_date` with the forum's
offset (held sessions: when held), `status` (`cancelled`, `passed` once held or past, else `confirmed`), its venue
as `location`, its agenda items in order, the member organizations whose representatives attended as
`participants` (counts, never people), and the materials and minutes as `documents`. `extras` keeps the tracker's
own facts: the session's id, kind, modality, number and attendance by sector.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from tracker.domain.session import SessionState
from tracker.open_data.tables import Source

#: Media types guessed from a link's ending (a document without one gets none).
MEDIA_TYPES = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument."
               "wordprocessingml.document", ".odt": "application/vnd.oasis.opendocument.text", ".html": "text/html"}


def _status(x: SessionState, s: Source) -> str:
    if x.cancelled:
        return "cancelled"
    return "passed" if x.held_at is not None or x.scheduled_at < s.now else "confirmed"


def _document(note: str, url: str, day: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"note": note, "url": url}
    media = next((m for end, m in MEDIA_TYPES.items() if url.lower().split("?")[0].endswith(end)), None)
    if media:
        out["media_type"] = media
    if day is not None:
        out["date"] = day.isoformat()
    return out


def _participants(x: SessionState, s: Source) -> list[dict[str, Any]]:
    orgs = s.forum.organizations
    counts = Counter(a["organization_id"] for a in x.attendance if a.get("representative_id"))
    return [{"name": orgs[org_id].name, "type": "organization", "note": f"{n} representative(s) attended"}
            for org_id, n in counts.items() if org_id in orgs]


def _agenda(x: SessionState) -> list[dict[str, Any]]:
    items = []
    for order, item in enumerate(x.agenda, start=1):
        entry: dict[str, Any] = {"description": item["title"], "order": str(order), "classification": [],
                                 "subjects": [], "notes": [], "media": [], "related_entities": []}
        if item.get("proposed_by_organization"):
            entry["related_entities"].append({"entity_type": "organization", "name": item["proposed_by_organization"],
                                              "note": "proposed it"})
        items.append(entry)
    return items


def _event(x: SessionState, s: Source, source_url: str | None) -> dict[str, Any]:
    announcement = x.announcement or {}
    documents = [_document(m["title"], m["url"], announcement.get("announced_on"))
                 for m in announcement.get("materials") or () if m.get("url")]
    minutes = x.minutes or {}
    if (minutes.get("document") or {}).get("url"):
        documents.append(_document(f"Minutes: {minutes['document'].get('title') or x.title}",
                                   minutes["document"]["url"], minutes.get("published_on") or minutes["approved_on"]))
    venue_is_link = x.venue.startswith(("http://", "https://"))
    event: dict[str, Any] = {
        "id": x.id, "name": x.title, "all_day": False, "start_date": s.local(x.held_at or x.scheduled_at),
        "status": _status(x, s), "classification": x.kind, "description": x.cancellation_reason or "",
        "location": {"name": x.venue, "note": x.modality, "url": x.venue if venue_is_link else None,
                     "coordinates": None},
        "media": [], "documents": documents, "links": [], "participants": _participants(x, s),
        "agenda": _agenda(x),
        "extras": {"session_id": x.id, "forum_id": s.forum.id, "action_plan_id": x.action_plan_id,
                   "kind": x.kind, "modality": x.modality, "number": x.number,
                   "scheduled_at": s.local(x.scheduled_at), "public_attendees": x.public_attendees,
                   "attendance_by_sector": dict(Counter(a["sector"] for a in x.attendance))},
    }
    if source_url:
        event["sources"] = [{"url": source_url, "note": "the forum's public page"}]
    return event


def ocd_events(s: Source, source_url: str | None = None) -> list[dict[str, Any]]:
    """Every session of the forum as an OCD event, by scheduled time; `source_url` (the forum's public page)
    as each event's source when given."""
    return [_event(x, s, source_url) for x in s.sessions]
