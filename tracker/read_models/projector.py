"""The application's projector: the framework's, made ready lazily so building the app touches no database."""
from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from sqlalchemy import Engine

from events import EventStore
from projections import Projection, Projector


class ReadModels(Projector):
    """A Projector that, on its first use in a process, builds every read model never built and rebuilds those
    built by another version of the code (`ensure_ready`); then it catches up as usual, taking a projection's
    lock only when the log holds an event it has not applied.

    `create_app` stays free of database work: the first write (or the first read of a read model) pays for it.
    """

    def __init__(self, engine: Engine, store: EventStore, projections: Sequence[Projection]) -> None:
        super().__init__(engine, store, projections)
        self._ready = False
        self._ready_lock = threading.Lock()

    def prepare(self) -> None:
        """Once per process: build what is missing, rebuild what an older or newer version built."""
        if self._ready:
            return
        with self._ready_lock:
            if not self._ready:
                self.ensure_ready()
                self._ready = True

    def behind(self, name: str) -> bool:
        """Does the log hold an event the read model handles past its checkpoint? (Two reads, no lock.)"""
        checkpoint = self.checkpoint(name)
        if checkpoint is None:
            return True
        pending = self.store.read_all(after=checkpoint[1], limit=1, types=self.projections[name].handles)
        return next(iter(pending), None) is not None

    def catch_up(self, names: Iterable[str] | None = None) -> int:
        """Apply every event past each checkpoint (after `prepare`); return how many were applied.

        One read model that fails does not hold the others back: each is tried, then the first failure is raised.
        """
        self.prepare()
        applied, failure = 0, None
        for name in list(names or self.projections):
            try:
                if self.behind(name):
                    applied += super().catch_up([name])
            except Exception as exc:
                failure = failure or exc
        if failure is not None:
            raise failure
        return applied

    def fresh(self, name: str) -> None:
        """Bring one read model up to the end of the log before it is read (only reads when nothing is new)."""
        self.catch_up([name])
