"""What every command handler shares: its context, loading streams, and appending with concurrency control.

A handler is a function `(ctx, ...ids, cmd) -> Outcome`. It builds an `attempt` that reads the state,
decides and returns a `Decision`; `execute` appends it with the version it decided against. When the
caller sent `If-Match`, a stale version is `412` and a race at the same moment `409`; without it, a race
is retried against the new state (the decision is made again, so no rule is skipped).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from events import ConcurrencyError, EventStore, Metadata, NewEvent, RecordedEvent
from projections import Projector
from tracker.domain.errors import Conflict, InvalidField, NotFound, PreconditionFailed
from tracker.domain.streams import IdKind, StreamKind

S = TypeVar("S")
RETRIES = 3
log = logging.getLogger(__name__)


def etag(stream_id: str, version: int) -> str:
    """The ETag of a resource whose state is stream `stream_id` at `version`."""
    return f'"{stream_id}.{version}"'


@dataclass(frozen=True)
class Context:
    """Who is acting, when, on which store; the If-Match they sent, if any; the read models to catch up."""

    store: EventStore
    now: datetime
    actor: str
    if_match: str | None = None
    correlation_id: str | None = None
    projector: Projector | None = None

    def metadata(self) -> Metadata:
        return Metadata(actor=self.actor, correlation_id=self.correlation_id)


@dataclass
class Decision:
    """The events a command decided to append to one stream, against the version it read."""

    stream_id: str
    tenant_id: str
    expected_version: int
    events: list[NewEvent]
    result_id: str | None = None


@dataclass
class Outcome:
    """What the caller gets back: the id made or acted on, the events appended, the new ETag."""

    id: str
    events: list[RecordedEvent]
    etag: str
    extra: dict[str, Any] = field(default_factory=dict)


def load(store: EventStore, stream_id: str, fold: Callable[[Iterable[RecordedEvent]], S | None],
         what: str) -> tuple[S, int, str]:
    """Fold a stream; return (state, version, tenant). Unknown streams are NotFound naming `what`."""
    events = store.read_stream(stream_id)
    state = fold(events) if events else None
    if state is None:
        raise NotFound(f"no {what} has the id {stream_id}")
    return state, events[-1].stream_version, events[-1].tenant_id


def load_stream(store: EventStore, kind: StreamKind[S], stream_id: str) -> tuple[S, int, str]:
    """`load` with the kind's fold: an id of another kind is NotFound (naming the kind) without reading the log."""
    if not kind.matches(stream_id):
        raise NotFound(f"no {kind.what} has the id {stream_id}")
    return load(store, stream_id, kind.fold, kind.what)


def require_reference(ctx: Context, kind: IdKind, forum_id: str, ref_id: str, field_name: str) -> None:
    """Refuse (422 on `field_name`) an id a command names that is not of `kind` or not of this forum."""
    if not kind.matches(ref_id) or ctx.store.tenant_of(ref_id) != forum_id:
        raise InvalidField(field_name, f"no {kind.what} of this forum has the id {ref_id}")


def load_reference(ctx: Context, kind: StreamKind[S], forum_id: str, ref_id: str, field_name: str) -> S:
    """The state (by the kind's fold) of a stream of this forum a command names in `field_name`; 422 on that
    field when the id names none."""
    require_reference(ctx, kind, forum_id, ref_id, field_name)
    try:
        return load(ctx.store, ref_id, kind.fold, kind.what)[0]
    except NotFound:
        raise InvalidField(field_name, f"no {kind.what} of this forum has the id {ref_id}") from None


def check_if_match(ctx: Context, stream_id: str, version: int) -> None:
    """Refuse (412) when the caller's If-Match names another version of the resource."""
    if ctx.if_match is None:
        return
    tags = {t.strip() for t in ctx.if_match.split(",")}
    if "*" in tags or etag(stream_id, version) in tags or etag(stream_id, version).strip('"') in tags:
        return
    raise PreconditionFailed(
        "the resource changed since you read it (If-Match is stale): read it again and repeat the command"
    )


def execute(ctx: Context, attempt: Callable[[], Decision]) -> Outcome:
    """Decide and append; on a lost race retry (no If-Match) or answer 409 (If-Match)."""
    for _ in range(RETRIES):
        decision = attempt()
        try:
            recorded = ctx.store.append(
                decision.stream_id, decision.events, decision.expected_version, ctx.metadata(),
                tenant_id=decision.tenant_id,
            )
        except ConcurrencyError:
            if ctx.if_match is not None:
                raise Conflict(
                    "another writer changed this resource at the same moment; read it and retry") from None
            continue
        version = recorded[-1].stream_version if recorded else decision.expected_version
        if ctx.projector is not None:
            _catch_up(ctx.projector)
        return Outcome(decision.result_id or decision.stream_id, recorded, etag(decision.stream_id, version))
    raise Conflict("the resource kept changing while the command was decided; try again")


def _catch_up(projector: Projector) -> None:
    """Bring the read models up to the log. The write is committed already: a failure here
    must not turn it into an error, and the next catch-up (the framework resumes from each checkpoint) applies
    what was missed."""
    try:
        projector.catch_up_all()
    except Exception:
        log.exception("the read models could not catch up after a write; the next catch-up will")
