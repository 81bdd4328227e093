"""The application's projector: the framework's, made ready lazily so building the app touches no database."""
from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Engine, select

from events import EventStore
from projections import Projection, Projector
from projections.projector import checkpoints


class ReadModels(Projector):
    """A Projector that, on its first use in a process, builds every read model never built and rebuilds those
    built by another version of the code (`ensure_ready`); then it catches up as usual, taking a projection's
    lock only when the log holds an event it has not applied.

    `create_app` stays free of database work: the first write (or the first read of a read model) pays for it.
    """

    def __init__(self, engine: Engine, store: EventStore, projections: Sequence[Projection],
                 unfolded: Iterable[str] = ()) -> None:
        super().__init__(engine, store, projections, unfolded)
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

    def behind(self, name: str, conn: Connection | None = None) -> bool:
        """Has the log moved past the read model's checkpoint (or has it no checkpoint)?

        Two reads by primary key (the checkpoint, then the log's head), no lock, on `conn` when given: every GET
        of a read model asks it first, on the connection it then reads with. A checkpoint moves to the end of
        what its catch-up read (`projections.projector`), and every write catches every read model up
        (`catch_up_all`), so a read model is behind only while a write has not been caught up.
        """
        if conn is None:
            with self.engine.connect() as own:
                return self.behind(name, own)
        position = conn.execute(select(checkpoints.c.position).where(checkpoints.c.name == name)).scalar()
        return position is None or position < self.store.head(conn=conn).position

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

    def catch_up_all(self) -> None:
        """`Projector.catch_up_all`, after `prepare`."""
        self.prepare()
        super().catch_up_all()

    def fresh(self, name: str, conn: Connection | None = None) -> None:
        """Bring one read model up to the end of the log before it is read (only reads when nothing is new).

        With `conn`, the question is asked on it, and its transaction ended after a catch-up: the snapshot it
        began with (SQLite) predates the rows the catch-up wrote.
        """
        self.prepare()
        if self.behind(name, conn):
            self.catch_up([name])
            if conn is not None:
                conn.rollback()
