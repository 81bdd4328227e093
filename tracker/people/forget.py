"""Forgetting a person: their key destroyed and a `PersonForgotten` event logged, in one transaction.

    forget(services, "rep_0123...", reason="request", actor="admin@example.org", now=...)

Afterwards the person's name reads as "(forgotten)" and their email and phone as nothing, in every read of the
log, every read model (the `records` rows naming them are re-folded) and every backup made from then on. The
chain still verifies (it hashes the sealed text, which does not change) and the compliance answers still hold
(they count organizations, sectors and dates, never names).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from events import ConcurrencyError, Metadata, NewEvent
from events.catalog.people import PersonForgotten
from tracker.bootstrap import Services
from tracker.domain.errors import Conflict, NotFound
from tracker.domain.time import local_day
from tracker.read_models.records import record

REASONS = ("request", "retention")


@dataclass(frozen=True)
class Forgotten:
    """What a forget did: whose key, in which forum, at which position of the log."""

    person_id: str
    forum_id: str
    position: int


def stream_of(person_id: str) -> str:
    """The stream that records a person's forgetting (one event, once)."""
    return f"forgotten-{person_id}"


def forget(services: Services, person_id: str, *, reason: str, actor: str, now: datetime,
           note: str | None = None) -> Forgotten:
    """Destroy the person's key and log why; NotFound when the record holds no sealed data of theirs, Conflict
    when they are already forgotten."""
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {', '.join(REASONS)}")
    store = services.store
    key = store.person(person_id)
    if key is None:
        raise NotFound(f"the record holds no personal data of {person_id!r} (see `tracker people list`)")
    if key.forgotten_at is not None:
        raise Conflict(f"{person_id} was already forgotten at {key.forgotten_at}")
    forum, _ = record(services.projector, "forum", key.tenant_id)
    event = PersonForgotten(person_id, local_day(now, forum.timezone).isoformat(), reason, note)
    try:
        with store.transaction() as tx:
            (recorded,) = tx.append(stream_of(person_id), [NewEvent(event, now)], 0, Metadata(actor=actor),
                                    tenant_id=key.tenant_id)
            tx.forget(person_id)
    except ConcurrencyError:
        raise Conflict(f"{person_id} was already forgotten") from None
    services.projector.catch_up()
    return Forgotten(person_id, key.tenant_id, recorded.position)
