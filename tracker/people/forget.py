"""Forgetting a person: their key destroyed and a `PersonForgotten` event logged, in one transaction.

    forget(services, "rep_0123...", reason="request", actor="admin@example.org", now=...)

    forget_all(services, ["rep_…", "ctb_…", "per_…"], ...)  # all or none

Afterwards the person's name reads as "(forgotten)" and their email and phone as nothing, in every read of the
log, every read model (the `records` rows naming them are re-folded) and every backup made from then on. The
chain still verifies (it hashes the sealed text, which does not change) and the compliance answers still hold
(they count organizations, sectors and dates, never names). On SQLite the write-ahead log is then checkpointed and
truncated, so no earlier copy of the destroyed key stays in the database's files (`EventStore.shred`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from events import ConcurrencyError, Metadata, NewEvent
from events.catalog.people import PersonForgotten
from events.store import PersonKey
from tracker.bootstrap import Services
from tracker.domain.errors import Conflict, NotFound
from tracker.domain.streams import CONTRIBUTION, PERSON
from tracker.domain.time import local_day
from tracker.read_models.records import record

REASONS = ("request", "retention")


@dataclass(frozen=True)
class Forgotten:
    """What a forget did: whose key, in which forum, at which position of the log."""

    person_id: str
    forum_id: str
    position: int
    #: The id it was asked by, when not the person's own (a contribution's, for its author).
    asked_as: str | None = None


def stream_of(person_id: str) -> str:
    """The stream that records a person's forgetting (one event, once)."""
    return f"forgotten-{person_id}"


def person_of(services: Services, given: str) -> str:
    """The person an id names: a representative (`rep_…`) or a person (`per_…`, as `tracker people list` shows
    a guest or a member of the public) as given; a contribution (`ctb_…`) names its author from the public
    (`per_<contribution id>`). NotFound for a contribution a representative wrote (forget the representative)."""
    if given.startswith(CONTRIBUTION.prefix + "_"):
        person_id = PERSON.id_from(given)
        if services.store.person(person_id) is None:
            raise NotFound(f"{given} was not written by a member of the public whose data the record holds "
                           "(a representative's contribution: forget the representative)")
        return person_id
    return given


def forget_all(services: Services, given: Sequence[str], *, reason: str, actor: str, now: datetime,
               note: str | None = None) -> list[Forgotten]:
    """Destroy the keys of everyone `given` names (see `person_of`) and log why, all in one transaction or
    none: when one of them has no sealed data in the record (NotFound) or is already forgotten (Conflict), nobody
    is forgotten and the error names every such id. The same person named twice is forgotten once."""
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {', '.join(REASONS)}")
    store = services.store
    people: dict[str, PersonKey] = {}
    asked: dict[str, str] = {}
    missing, done_before = [], []
    for name in given:
        try:
            person_id = person_of(services, name)
        except NotFound as exc:
            missing.append(str(exc))
            continue
        key = store.person(person_id)
        if key is None:
            missing.append(f"the record holds no personal data of {name!r} (see `tracker people list`)")
        elif key.forgotten_at is not None:
            done_before.append(f"{name} was already forgotten at {key.forgotten_at}")
        else:
            people[person_id] = key
            asked.setdefault(person_id, name)
    if missing or done_before:
        raise (Conflict if done_before else NotFound)("; ".join(done_before + missing))
    zones = {key.tenant_id: record(services.projector, "forum", key.tenant_id)[0].timezone
             for key in people.values()}
    done = []
    try:
        with store.transaction() as tx:
            for person_id, key in people.items():
                event = PersonForgotten(person_id, local_day(now, zones[key.tenant_id]).isoformat(), reason, note)
                (recorded,) = tx.append(stream_of(person_id), [NewEvent(event, now)], 0, Metadata(actor=actor),
                                        tenant_id=key.tenant_id)
                tx.forget(person_id)
                as_ = asked[person_id] if asked[person_id] != person_id else None
                done.append(Forgotten(person_id, key.tenant_id, recorded.position, as_))
    except ConcurrencyError:
        raise Conflict(f"one of {', '.join(people)} was forgotten meanwhile: nobody was forgotten by this call; "
                       "list them again") from None
    services.projector.catch_up()
    store.shred()
    return done


def forget(services: Services, person_id: str, *, reason: str, actor: str, now: datetime,
           note: str | None = None) -> Forgotten:
    """Destroy one person's key and log why (`forget_all` for one)."""
    (done,) = forget_all(services, [person_id], reason=reason, actor=actor, now=now, note=note)
    return done
