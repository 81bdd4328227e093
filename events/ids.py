"""Event and correlation ids: UUIDs of version 7 (RFC 9562), time-ordered.

A version 7 UUID starts with the Unix time in milliseconds, then 74 random bits. The log's unique index on
`event_id` therefore grows at its right edge, like the position's: measured (bench/event_store.py), random
version 4 ids put each of a command's 10 events on its own leaf page of that index, and SQLite wrote 20 pages
to its write-ahead log per 10-event command instead of 8, and synced them. Ids stay unique by their random bits
(74 a millisecond); the time in them is the process's clock, never trusted as the event's time (`recorded_at`).
"""
from __future__ import annotations

import os
import time

#: A random hex digit's two low bits as the variant's digit (binary 10xx: 8, 9, a or b).
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def new_ids(count: int) -> list[str]:
    """`count` new version 7 UUIDs in their 36-character text form, one clock reading and one read of the
    system's random source for all. Each: 48 bits of milliseconds, the version (7), 12 random bits, the variant
    (binary 10), 62 random bits."""
    millis = f"{time.time_ns() // 1_000_000 & 0xFFFF_FFFF_FFFF:012x}"
    head = f"{millis[:8]}-{millis[8:]}-7"
    random = os.urandom(10 * count).hex()
    variant = _VARIANT
    ids = []
    for start in range(0, 20 * count, 20):
        r = random[start:start + 20]
        ids.append(f"{head}{r[:3]}-{variant[r[3]]}{r[4:7]}-{r[7:19]}")
    return ids
