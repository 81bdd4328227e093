"""A document a forum's record cites, uploaded to the tracker: stored once per forum, its bytes withdrawn by an
admin at most once (the hash and the withdrawal stay in the log).

The bytes are not the log's: they live in the operational table `documents` (tracker/documents/store.py).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from events import NewEvent, RecordedEvent
from events.catalog.documents import DocumentStored, DocumentWithdrawn
from tracker.domain.errors import Conflict

#: The types of a document's stream (tracker.domain.streams.DOCUMENT).
EVENT_TYPES = tuple(cls.type_name() for cls in (DocumentStored, DocumentWithdrawn))


class DocumentState(NamedTuple):
    """What a forum's log says of one document: what was stored, when, and whether it was withdrawn. (A named
    tuple, not a dataclass: no read model stores it, so it is no part of the `records` states' fingerprint.)"""

    sha256: str
    forum_id: str
    media_type: str
    size: int
    filename: str
    stored_at: datetime
    withdrawn_on: date | None = None
    withdrawal_reason: str | None = None


def fold(events: Iterable[RecordedEvent]) -> DocumentState | None:
    """The document's state from its stream (None for an empty stream or one of another kind)."""
    state: DocumentState | None = None
    for event in events:
        data = event.data
        if event.type == "DocumentStored" and state is None:
            state = DocumentState(data["sha256"], data["forum_id"], data["media_type"], data["size"],
                                  data["filename"], event.recorded_at)
        elif event.type == "DocumentWithdrawn" and state is not None:
            state = state._replace(withdrawn_on=date.fromisoformat(data["withdrawn_on"]),
                                   withdrawal_reason=data["reason"])
    return state


def withdraw(state: DocumentState, reason: str, today: date, now: datetime) -> NewEvent:
    """The withdrawal of the document's bytes in its forum's log; Conflict when they were withdrawn already."""
    if state.withdrawn_on is not None:
        raise Conflict(f"the document {state.sha256} was withdrawn on {state.withdrawn_on.isoformat()} already")
    return NewEvent(DocumentWithdrawn(state.sha256, reason, today.isoformat()), now)
