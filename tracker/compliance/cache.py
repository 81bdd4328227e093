"""Compliance answers kept ready: the serialized body of `GET /action-plans/{id}/compliance`, per query and
audience, reused while nothing new was logged in the plan's forum.

An answer reads only its forum's events (`snapshot.build`), so it stays true until the forum's log moves on;
the key also holds the quarter hour the request came in (an answer judged "today" changes with the day, and
every timezone's midnight falls on a quarter hour). A cached body's `known_at` and `log` say when and at which
head it was computed (at most 15 minutes before, with nothing logged in the forum since). Each process keeps
its own cache, bounded in entries.

An answer is about 390 kB of JSON for a plan with 300 contributions. Served again, it goes gzipped to a client
that accepts it (compressed once, on its first reuse: a tenth of the bytes), with an entity tag naming the
forum's position and the query, so a client holding it gets 304 Not Modified.
"""
from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime

MAX_ENTRIES = 64


def quarter_hour(moment: datetime) -> str:
    """The quarter hour `moment` falls in (UTC), as part of a cache key."""
    return moment.strftime("%Y-%m-%dT%H:") + f"{moment.minute // 15:d}"


@dataclass
class Answer:
    """A serialized answer, the forum position it was computed at, its (weak) entity tag, and its gzip once
    made."""

    position: int
    body: bytes
    etag: str  # unquoted
    _gzipped: bytes | None = field(default=None, repr=False)

    def gzipped(self) -> bytes:
        """The body gzipped (made on first use, then kept; two threads may both make it, alike)."""
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped


def entity_tag(key: Hashable, forum_position: int) -> str:
    """The entity tag (unquoted; sent weak) of the answer to `key` at `forum_position`: the same in every
    process, as two workers' answers to one query at one position differ at most in `known_at` (within the
    same quarter hour)."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
    return f"{forum_position}-{digest}"


class AnswerCache:
    """The last MAX_ENTRIES answers, each valid while its forum's last position is the one it was computed at."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[Hashable, Answer] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, forum_position: int) -> Answer | None:
        """The answer cached for `key` if computed at `forum_position`, else None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.position != forum_position:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: Hashable, forum_position: int, body: bytes) -> Answer:
        """Keep `body` as the answer to `key` at `forum_position`; return it."""
        answer = Answer(forum_position, body, entity_tag(key, forum_position))
        with self._lock:
            self._entries[key] = answer
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
        return answer
