"""Events of a forum's sessions (stream: the session's id; tenant: its forum).

Instants travel as ISO 8601 strings with an offset, days as ISO dates. A recording (announcement,
record, minutes) may be repeated as a correction: the later event carries `correction_reason` and
supersedes the earlier one, which stays in the stream.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from events.catalog import registry
from events.personal import Personal
from events.registry import DomainEvent


@registry.register
@dataclass(frozen=True)
class SessionScheduled(DomainEvent):
    """The secretariat scheduled a session of the forum, with its venue, modality and agenda."""

    session_id: str
    forum_id: str
    title: str
    kind: str
    scheduled_at: str
    venue: str
    modality: str
    number: int | None = None
    action_plan_id: str | None = None
    #: [{"title", "proposed_by_organization": organization id or None, "presents_progress_of": [commitment ids]}]:
    #: `presents_progress_of` (the item presents the progress of these commitments of the forum's plans) only when
    #: the item presents some, so agendas scheduled without it keep their exact bytes.
    agenda: list[dict[str, Any]] = field(default_factory=list)


@registry.register
@dataclass(frozen=True)
class SessionAnnounced(DomainEvent):
    """The invitation to a session went out through some channels, with or without materials."""

    session_id: str
    announced_on: str
    channels: list[str]
    #: [{"title", "url", "sha256"}]
    materials: list[dict[str, Any]] = field(default_factory=list)
    correction_reason: str | None = None


@registry.register
@dataclass(frozen=True)
class SessionRescheduled(DomainEvent):
    """A scheduled session was moved to another time."""

    session_id: str
    previous_scheduled_at: str
    scheduled_at: str
    reason: str | None = None


@registry.register
@dataclass(frozen=True)
class SessionCancelled(DomainEvent):
    """A scheduled session was called off and will not take place."""

    session_id: str
    reason: str


@registry.register
@dataclass(frozen=True)
class SessionHeld(DomainEvent):
    """The session took place; who attended, by organization and sector, and how many of the public came.

    A guest's name is sealed under the key of their `person_id` (`per_`, the session's id, their place)."""

    PERSONAL: ClassVar = (Personal(subject="person_id", fields=("name",), within="attendance"),)

    session_id: str
    held_at: str
    #: Representatives as {"representative_id", "organization_id", "sector"} (from the roster that day);
    #: guests as {"person_id", "name", "organization", "sector"}.
    attendance: list[dict[str, Any]] = field(default_factory=list)
    public_attendees: int | None = None
    correction_reason: str | None = None


@registry.register
@dataclass(frozen=True)
class MinutesRecorded(DomainEvent):
    """The minutes of a held session were approved, and signed by some representatives; with them, the comments
    collected in the session."""

    session_id: str
    document: dict[str, Any]
    approved_on: str
    signed_by: list[str] = field(default_factory=list)
    correction_reason: str | None = None
    #: The day the minutes were made public, when given; absent from the stored data otherwise, so minutes
    #: recorded without it keep their exact bytes.
    published_on: str | None = None
    #: The comments collected in the session, as {"organization_id": a member organization's id or None, "text"};
    #: absent from the stored data when there are none, so minutes recorded without them keep their exact bytes.
    comments: list[dict[str, Any]] = field(default_factory=list)

    OMITTED_WHEN_EMPTY: ClassVar = ("published_on", "comments")
