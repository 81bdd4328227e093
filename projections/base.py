"""The contract every read model fulfils."""
from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Connection, MetaData

from events import RecordedEvent


class Projection:
    """A read model: a pure function of the event sequence, kept in its own tables.

    Subclasses set `name`, `version` (raise it whenever `apply` or the tables change: the model is then
    rebuilt from the log at start-up), `handles` (the event types it reads) and `metadata` (its tables),
    and implement `apply`, which must only write its own tables through `conn`.
    """

    name: ClassVar[str]
    version: ClassVar[int]
    handles: ClassVar[frozenset[str]]
    metadata: ClassVar[MetaData]

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        """Fold one event into the tables."""
        raise NotImplementedError
