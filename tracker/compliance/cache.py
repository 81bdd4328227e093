"""Compliance answers kept ready: the serialized body of `GET /action-plans/{id}/compliance`, per query and
audience, reused while nothing new was logged in the plan's forum.

An answer reads only its forum's events (`snapshot.build`), so it stays true until the forum's log moves on;
the key also holds the quarter hour the request came in (an answer judged "today" changes with the day, and
every timezone's midnight falls on a quarter hour). A cached body's `known_at` and `log` say when and at which
head it was computed (at most 15 minutes before, with nothing logged in the forum since). Each process keeps
its own cache, bounded in entries.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from datetime import datetime

MAX_ENTRIES = 64


def quarter_hour(moment: datetime) -> str:
    """The quarter hour `moment` falls in (UTC), as part of a cache key."""
    return moment.strftime("%Y-%m-%dT%H:") + f"{moment.minute // 15:d}"


class AnswerCache:
    """The last MAX_ENTRIES answers, each valid while its forum's last position is the one it was computed at."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, forum_position: int) -> bytes | None:
        """The body cached for `key` if computed at `forum_position`, else None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != forum_position:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[1]

    def put(self, key: Hashable, forum_position: int, body: bytes) -> None:
        with self._lock:
            self._entries[key] = (forum_position, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
