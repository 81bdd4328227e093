"""records: one row per stream of the six aggregates, its current state as the domain folds it, ready to serve.

Every GET of the API that shows the current state of a forum, plan, session, contribution, commitment or
consultation reads it here instead of folding the stream on each request. Each event re-folds its stream up to
that event with the domain's own fold, so a row is exactly the state the commands decide on, at the stream's
version; the state is stored as JSON through `codec`, its personal values (names, emails, phones) sealed with each
person's key (`sealing`) and opened when read. Endorsements and judgements live in the plan's state.

Raise `version` whenever a fold or a state's dataclasses change: the table is then rebuilt from the log. A test
pins the states' shape to the version; a row whose fields are not its class's fails to decode rather than answer.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Connection, Index, Integer, MetaData, String, Table, Text, cast, select

from events import EventStore, RecordedEvent
from projections import Rows, StreamStates
from projections.base import Folding, Histories
from tracker.domain import streams
from tracker.domain.errors import NotFound
from tracker.domain.streams import StreamKind
from tracker.read_models.codec import encode, loads
from tracker.read_models.projector import ReadModels
from tracker.read_models.sealing import Opener, Sealer
from tracker.read_models.tables import Position


def _digits(text: str) -> str:
    """Only the digits: fixed-width keys that every engine and collation orders alike."""
    return re.sub(r"\D", "", text)


def _position(position: int) -> str:
    return f"{position:020d}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Kind:
    """An aggregate: its kind of stream (the noun its 404 names, its fold, its event types: tracker.domain.streams),
    where its rows sit and how they sort."""

    stream: StreamKind[Any]
    places: Callable[[Any], tuple[str, str | None]]  # state -> (forum_id, action_plan_id: the plan it is of)
    sort_key: Callable[[Any, int], str]  # (state, position of the stream's first event) -> key

    @property
    def what(self) -> str:
        return self.stream.what

    @property
    def fold(self) -> Callable[[Iterable[RecordedEvent]], Any]:
        return self.stream.fold

    @property
    def types(self) -> tuple[str, ...]:
        return self.stream.types


#: By the stream kind's name, which the rows' `kind` column holds.
KINDS: dict[str, Kind] = {kind.stream.name: kind for kind in (
    Kind(streams.FORUM, lambda s: (s.id, None), lambda s, first: _position(first)),
    Kind(streams.PLAN, lambda s: (s.forum_id, None), lambda s, first: _position(first)),
    # Listed by when they are (or were) scheduled; the id breaks ties.
    Kind(streams.SESSION, lambda s: (s.forum_id, s.action_plan_id), lambda s, first: _digits(_utc(s.scheduled_at))),
    # Listed by the day received, then by when logged.
    Kind(streams.CONTRIBUTION, lambda s: (s.forum_id, s.action_plan_id),
         lambda s, first: _digits(s.received_on.isoformat()) + _position(s.received_position)),
    # Commitments and consultations: in the order they were drafted or opened.
    Kind(streams.COMMITMENT, lambda s: (s.forum_id, s.action_plan_id), lambda s, first: _position(first)),
    Kind(streams.CONSULTATION, lambda s: (s.forum_id, s.action_plan_id), lambda s, first: _position(first)),
)}
KIND_OF_TYPE = {name: kind for kind, spec in KINDS.items() for name in spec.types}


class Records(StreamStates):
    """Each stream's current state (JSON), version, forum, plan and listing order."""

    name = "records"
    # 12: ContributionState keeps the channels a public author withdrew (ContributorChannelWithdrawn)
    # 11: ForumState keeps its country, a representative the channels they agreed to
    # 10: SessionState's minutes keep the comments collected (MinutesRecorded.comments)
    # 9: CommitmentState keeps end-of-commitment assessments and its lead contact; PlanState its final assessments
    # and answers to recommendations
    # 8: CommitmentState keeps its amendments (Amendment) and its text as drafted (for the endorsed text)
    # 7: CommitmentState keeps milestone ids and progress reports (ProgressReport); 6: a hidden text (TextHiding)
    version = 12  # 5: personal values sealed (tracker.read_models.sealing); 4: ForumState keeps policy amendments
    handles = frozenset(KIND_OF_TYPE) | {"PersonForgotten"}
    metadata = MetaData()
    table = Table(
        "records", metadata,
        Column("id", String(200), primary_key=True),
        Column("kind", String(20), nullable=False),
        Column("forum_id", String(200), nullable=False),
        Column("action_plan_id", String(200), nullable=True),
        Column("version", Integer, nullable=False),  # the stream's version after the last event applied
        Column("position", Position, nullable=False),  # that event's position in the log
        Column("sort_key", String(80), nullable=False),  # digits only: every engine and collation orders alike
        Column("state", JSON, nullable=False),
        Index("ix_records_kind_forum", "kind", "forum_id"),
        Index("ix_records_kind_plan", "kind", "action_plan_id"),
    )

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.sealer = Sealer(store)

    def apply_batch(self, conn: Connection, events: Sequence[RecordedEvent],
                    histories: Histories | None = None) -> None:
        """The streams' rows as they stood after the batch; then, for a forgotten person, every row of the
        forum that names them re-folded, so no copy of their data outlives their key."""
        self.sealer.begin_batch(events)
        forgotten = [e for e in events if e.type == "PersonForgotten"]
        rows = [e for e in events if e.type != "PersonForgotten"] if forgotten else events
        if rows:
            super().apply_batch(conn, rows, histories)
        for event in forgotten:
            self._refold_naming(conn, event.tenant_id, event.data["person_id"])

    def write(self, rows: Rows, event: RecordedEvent, history: list[RecordedEvent], fold: Folding) -> None:
        """Write the row of the event's stream from its history up to `event`."""
        kind = KIND_OF_TYPE[event.type]
        spec = KINDS[kind]
        state = fold(spec.fold)
        if state is None:
            return
        forum_id, action_plan_id = spec.places(state)
        rows.replace(self.table, {
            "id": event.stream_id, "kind": kind, "forum_id": forum_id, "action_plan_id": action_plan_id,
            "version": event.stream_version, "position": event.position,
            "sort_key": spec.sort_key(state, history[0].position),
            "state": self.sealer.seal_state(state, encode(state)),
        })


    def _refold_naming(self, conn: Connection, forum_id: str, person_id: str) -> None:
        t = self.table
        naming = conn.execute(select(t.c.id, t.c.kind, t.c.position).where(
            t.c.forum_id == forum_id, cast(t.c.state, Text).contains(f'"{person_id}"'))).all()
        if not naming:
            return
        found = self.store.read_streams([row.id for row in naming], upto=max(row.position for row in naming))
        for row in naming:
            state = KINDS[row.kind].fold([e for e in found.get(row.id, []) if e.position <= row.position])
            conn.execute(t.update().where(t.c.id == row.id).values(state=self.sealer.seal_state(state, encode(state))))


class Reader:
    """Reads of the records on one connection, after the read model was brought up to the log once."""

    #: The state as the JSON text stored, so `codec.loads` decodes each object as it is parsed (one pass).
    state = cast(Records.table.c.state, Text)

    def __init__(self, conn: Connection, store: EventStore) -> None:
        self.conn = conn
        self.store = store

    def record(self, kind: str, id: str) -> tuple[Any, int]:
        """The current state of the `kind` (forum, plan, session, ...) with this id and its stream version;
        NotFound ("no action plan has the id ...") as the commands say it."""
        t = Records.table
        row = self.conn.execute(select(self.state, t.c.version).where(t.c.id == id, t.c.kind == kind)).first()
        if row is None:
            raise NotFound(f"no {KINDS[kind].what} has the id {id}")
        return loads(row[0], Opener(self.store, (row[0],))), row[1]

    def records_of(self, kind: str, *, forum_id: str | None = None, action_plan_id: str | None = None) -> list[Any]:
        """The current states of every `kind` of a forum and/or an action plan, in the order the API lists them:
        sessions by when scheduled, contributions by day received then when logged, the others as created."""
        t = Records.table
        query = select(self.state).where(t.c.kind == kind).order_by(t.c.sort_key, t.c.id)
        if forum_id is not None:
            query = query.where(t.c.forum_id == forum_id)
        if action_plan_id is not None:
            query = query.where(t.c.action_plan_id == action_plan_id)
        texts = list(self.conn.execute(query).scalars())
        opener = Opener(self.store, texts)
        return [loads(text, opener) for text in texts]


@contextmanager
def reading(projector: ReadModels) -> Iterator[Reader]:
    """Bring the records up to the log, then read them, all on one connection (what a GET does)."""
    with projector.engine.connect() as conn:
        projector.fresh(Records.name, conn)
        yield Reader(conn, projector.store)


def record(projector: ReadModels, kind: str, id: str) -> tuple[Any, int]:
    """`Reader.record`, the read model brought up to the log first."""
    with reading(projector) as reader:
        return reader.record(kind, id)


def records_of(projector: ReadModels, kind: str, *, forum_id: str | None = None,
               action_plan_id: str | None = None) -> list[Any]:
    """`Reader.records_of`, the read model brought up to the log first."""
    with reading(projector) as reader:
        return reader.records_of(kind, forum_id=forum_id, action_plan_id=action_plan_id)
