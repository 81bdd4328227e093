"""A store that stages appends instead of writing them, so a whole sheet goes through the command handlers (every
rule enforced, each row deciding on the state the rows before it left) and is then written all at once, or not at
all.

`StagedStore` reads the log as it is, plus what it has staged; `commit` appends the staged commands in one
transaction of the real store, each against the version it was decided on, so a writer that changed one of those
streams in the meantime makes the whole import refused (ConcurrencyError) rather than half written. The handlers
an import runs read streams by id (`read_stream`, `tenant_of`, `stream_version`) only, which is all it stages."""
from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC

from events import EventStore, Metadata, NewEvent, RecordedEvent
from events.errors import TenantMismatch
from events.hashing import canonical_json


@dataclass(frozen=True)
class Staged:
    """One command's events, as the handler appended them."""

    stream_id: str
    events: list[NewEvent]
    expected_version: int | None
    metadata: Metadata
    tenant_id: str


class StagedStore(EventStore):
    """The real store's reads, with the staged events after each stream's own; appends are staged."""

    def __init__(self, store: EventStore) -> None:
        super().__init__(store.engine, store.registry, store.clock, store.keyring)
        self.real = store
        self.staged: list[Staged] = []
        self._streams: dict[str, list[RecordedEvent]] = {}
        self._tenants: dict[str, str] = {}

    def append(self, stream_id: str, events: Sequence[NewEvent], expected_version: int | None,
               metadata: Metadata, *, tenant_id: str) -> list[RecordedEvent]:
        """Stage one command's events (refusing, as the log would, a stream of another tenant)."""
        tenant = self.tenant_of(stream_id)
        if tenant is not None and tenant != tenant_id:
            raise TenantMismatch(f"stream {stream_id!r} belongs to tenant {tenant!r}, not {tenant_id!r}")
        version = self.stream_version(stream_id)
        moment = self.clock().astimezone(UTC)
        recorded = []
        for i, new in enumerate(events, start=1):
            data = json.loads(canonical_json(new.payload.to_data()))
            recorded.append(RecordedEvent(
                0, str(uuid.uuid4()), stream_id, version + i, tenant_id, new.payload.type_name(), new.payload.VERSION,
                data, new.occurred_at.astimezone(UTC), moment, metadata.actor,
                metadata.correlation_id or "", metadata.causation_id, ""))
        self.staged.append(Staged(stream_id, list(events), expected_version, metadata, tenant_id))
        self._streams.setdefault(stream_id, []).extend(recorded)
        self._tenants.setdefault(stream_id, tenant_id)
        return recorded

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]:
        events = self.real.read_stream(stream_id, after_version) + self._streams.get(stream_id, [])
        return [e for e in events if e.stream_version > after_version]

    def stream_version(self, stream_id: str) -> int:
        return self.real.stream_version(stream_id) + len(self._streams.get(stream_id, []))

    def tenant_of(self, stream_id: str) -> str | None:
        return self.real.tenant_of(stream_id) or self._tenants.get(stream_id)

    def commit(self) -> list[RecordedEvent]:
        """Append everything staged to the real store in one transaction; returns the events recorded."""
        recorded: list[RecordedEvent] = []
        with self.real.transaction() as tx:
            for s in self.staged:
                recorded += tx.append(s.stream_id, s.events, s.expected_version, s.metadata, tenant_id=s.tenant_id)
        return recorded
