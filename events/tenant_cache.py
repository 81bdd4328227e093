"""The whole logs of recently read tenants, decoded, kept in memory and brought up to date with one query.

A compliance answer reads its forum's whole log (about 1,200 events for a two-year process) and decoding it
(JSON, instants, upcasting, opening sealed personal values) is most of the cost. Events never change, so a
tenant's decoded events are kept and each read fetches only what was logged after them.

The one thing that can change how a logged event reads is a person's key being destroyed. So each entry also
keeps a `mark` of the tenant's keys (the store's: how many of the tenant's people are forgotten), read before
the events; a read whose mark differs, or whose last kept event is no longer in the log as it was (another
database restored in its place), reads the tenant again from the start. In this process the store also drops
every entry as soon as it destroys a key.

Bounded by the number of events kept (least recently read tenants go first); a tenant larger than the bound is
read in full each time. The events handed out are shared: callers must not change their `data`.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import NamedTuple

from events.envelope import RecordedEvent

#: How many events all the cached tenants hold at most (about 1.9 kB of Python objects each, measured).
MAX_EVENTS = 25_000

#: (tenant id, after position) -> the tenant's events with a greater position, in order.
ReadAfter = Callable[[str, int], Sequence[RecordedEvent]]
#: tenant id -> what must not change for its kept events to read the same.
Mark = Callable[[str], Hashable]


class _Entry(NamedTuple):
    mark: Hashable
    events: list[RecordedEvent]


class TenantCache:
    """Per tenant: its decoded events up to the last one read. Thread-safe; one per store (per process)."""

    def __init__(self, read_after: ReadAfter, mark: Mark, max_events: int = MAX_EVENTS) -> None:
        self._read_after = read_after
        self._mark = mark
        self.max_events = max_events
        self._tenants: OrderedDict[str, _Entry] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()
        self._generation = 0  # moved by clear(): what was read before it is not kept after it
        self.hits = 0
        self.reloads = 0

    def events(self, tenant_id: str) -> list[RecordedEvent]:
        """Every event of the tenant logged so far (at least up to the head when called), oldest first."""
        with self._lock:
            entry = self._tenants.get(tenant_id)
            generation = self._generation
        mark = self._mark(tenant_id)  # before the events: a key destroyed after this read moves it for next time
        if entry is not None and entry.mark == mark:
            kept = entry.events
            # From the last kept event on: it must still be there, unchanged, for the rest to hold.
            newer = self._read_after(tenant_id, kept[-1].position - 1)
            if newer and newer[0].position == kept[-1].position and newer[0].hash == kept[-1].hash:
                self.hits += 1
                events = kept + list(newer[1:]) if len(newer) > 1 else kept
                self._keep(tenant_id, _Entry(mark, events), generation)
                return list(events)
        if entry is not None:
            self.reloads += 1
        events = list(self._read_after(tenant_id, 0))
        self._keep(tenant_id, _Entry(mark, events), generation)
        return list(events)

    def clear(self) -> None:
        """Drop every entry (a key was destroyed in this process)."""
        with self._lock:
            self._tenants.clear()
            self._held = 0
            self._generation += 1

    def _keep(self, tenant_id: str, entry: _Entry, generation: int) -> None:
        with self._lock:
            if generation != self._generation:
                return
            old = self._tenants.pop(tenant_id, None)
            self._held -= len(old.events) if old is not None else 0
            if not entry.events or len(entry.events) > self.max_events:
                return
            self._tenants[tenant_id] = entry
            self._held += len(entry.events)
            while self._held > self.max_events:
                _, dropped = self._tenants.popitem(last=False)
                self._held -= len(dropped.events)
