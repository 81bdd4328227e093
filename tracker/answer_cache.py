"""Answers kept ready: a response's bytes, per query and audience, reused while nothing new was logged in the
forum they read.

Two kinds of answers are kept, each in its own cache of this class: the compliance answers
(`GET /action-plans/{id}/compliance`, per query and audience) and the pages anonymous readers ask for most (a
forum's public page, a contribution's, the public report in each format, the calendar feed; see
`tracker.http.served_publicly`). Each reads only its forum's events, so it stays true until the forum's log moves
on (forgetting a person logs `PersonForgotten` in the forum, so it moves the position too); the key also holds
the quarter hour the request came in (an answer judged "today" changes with the day, and every timezone's
midnight falls on a quarter hour). Each process keeps its own caches, bounded in entries and in bytes.

A compliance answer is about 390 kB of JSON for a plan with 300 contributions. Served again, an answer goes
gzipped to a client that accepts it (compressed once, on its first reuse: a tenth of the bytes), with an entity
tag naming the forum's position and the query, so a client holding it gets 304 Not Modified.
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
#: The bytes all of a cache's bodies hold at most (a public report in PDF is about 200 kB, its HTML 400 kB).
MAX_BYTES = 32 * 1024 * 1024


def quarter_hour(moment: datetime) -> str:
    """The quarter hour `moment` falls in (UTC), as part of a cache key."""
    return moment.strftime("%Y-%m-%dT%H:") + f"{moment.minute // 15:d}"


@dataclass
class Answer:
    """A serialized answer, the forum position it was computed at, its (weak) entity tag, its media type and the
    headers it is served with, and its gzip once made."""

    position: int
    body: bytes
    etag: str  # unquoted
    mimetype: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
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
    """The last answers (at most `max_entries`, of `max_bytes` in all), each valid while its forum's last position
    is the one it was computed at."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._entries: OrderedDict[Hashable, Answer] = OrderedDict()
        self._max = max_entries
        self._max_bytes = max_bytes
        self._bytes = 0
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

    def put(self, key: Hashable, forum_position: int, body: bytes, mimetype: str = "application/json",
            headers: tuple[tuple[str, str], ...] = ()) -> Answer:
        """Keep `body` as the answer to `key` at `forum_position` (served as `mimetype` with `headers`); return it.
        A body larger than the whole cache is returned without being kept."""
        answer = Answer(forum_position, body, entity_tag(key, forum_position), mimetype, headers)
        if len(body) > self._max_bytes:
            return answer
        with self._lock:
            replaced = self._entries.pop(key, None)
            self._bytes -= len(replaced.body) if replaced is not None else 0
            self._entries[key] = answer
            self._bytes += len(body)
            while len(self._entries) > self._max or self._bytes > self._max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)
        return answer

    @property
    def size(self) -> tuple[int, int]:
        """How many answers are kept, and their bytes."""
        with self._lock:
            return len(self._entries), self._bytes
