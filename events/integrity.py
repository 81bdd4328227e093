"""Re-hashing the log to prove nothing in it was changed, removed or re-ordered."""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from events.envelope import Head, Verification
from events.hashing import GENESIS_HASH, chain_hash
from events.schema import HASHED_COLUMNS
from events.schema import events_table as T

PAGE = 5_000
#: The head of the empty log.
EMPTY = Head(0, GENESIS_HASH)


def stored_rows(engine: Engine, after: int = 0, upto: int | None = None, *, tenant_id: str | None = None,
                page: int | None = None) -> Iterator[dict[str, Any]]:
    """Every stored row (of one tenant, when given) as the database holds it: its columns in EVENT_COLUMNS
    order, in position order, `page` rows a query (default PAGE)."""
    page = PAGE if page is None else page
    while True:
        stmt = select(T).where(T.c.position > after)
        if upto is not None:
            stmt = stmt.where(T.c.position <= upto)
        if tenant_id is not None:
            stmt = stmt.where(T.c.tenant_id == tenant_id)
        with engine.connect() as conn:
            rows = conn.execute(stmt.order_by(T.c.position).limit(page)).mappings().all()
        yield from (dict(r) for r in rows)
        if len(rows) < page:
            return
        after = rows[-1]["position"]


def row_hash(previous: str, row: dict[str, Any]) -> str:
    """The chain hash a stored row must carry, given its predecessor's hash."""
    return chain_hash(previous, *[row[c] for c in HASHED_COLUMNS])


class ChainChecker:
    """Feeds rows in order and says at the first one that breaks the chain; it starts from the empty log, or from a
    head already verified (`count` events up to it)."""

    def __init__(self, head: Head = EMPTY, count: int = 0) -> None:
        self.head = head
        self.count = count

    def check(self, row: dict[str, Any]) -> str | None:
        """None when the row continues the chain; otherwise why it does not."""
        if row["position"] != self.head.position + 1:
            return f"position {row['position']} follows position {self.head.position}: events are missing"
        expected = row_hash(self.head.hash, row)
        if expected != row["hash"]:
            return "its stored values do not hash to its stored hash (or its predecessor's hash changed)"
        self.head = Head(row["position"], expected)
        self.count += 1
        return None


def verify(engine: Engine, against: Head | None = None, heads: Iterable[Head] = ()) -> Verification:
    """Re-hash every event; with `against` (and each of `heads`), also require that the chain at that position
    has that hash.

    `against` is a head published outside the database (in a report, on a web page): it catches even a
    log rewritten from some point on with every hash recomputed. `heads` are more such heads (the dated list of
    published heads); the first one, in position order, the log no longer hashes to is the one reported.
    """
    ordered = sorted({*heads, *([against] if against is not None else [])})
    checker = ChainChecker()
    genesis = [h for h in ordered if h.position == 0]
    pending = deque(h for h in ordered if h.position > 0)
    for head in genesis:  # position 0 is the empty log: only the genesis hash is its head
        if head.hash != GENESIS_HASH:
            return Verification(
                False, 0, checker.head, 0,
                f"position 0 is the empty log, whose head is the genesis hash {GENESIS_HASH}, not the published "
                f"{head.hash}: that is not a head of this log",
            )
    for row in stored_rows(engine):
        problem = checker.check(row)
        if problem:
            return Verification(False, checker.count, checker.head, row["position"], problem)
        while pending and pending[0].position == row["position"]:
            head = pending.popleft()
            if row["hash"] != head.hash:
                return _rewritten(checker, head, row["hash"])
    if pending:
        return _past_end(checker, pending[0])
    return Verification(True, checker.count, checker.head)


def _past_end(checker: ChainChecker, published: Head) -> Verification:
    """A published head beyond the last event: the log lost events."""
    return Verification(
        False, checker.count, checker.head, checker.head.position + 1,
        f"the published position {published.position} is past the end of the log "
        f"({checker.head.position}): events were removed",
    )


@dataclass(frozen=True)
class Rewritten(Verification):
    """The chain holds, but the log up to a published head's position no longer hashes to that head: an event at
    or before it was changed (or removed, or inserted) and every hash after it recomputed.

    Which event, the log cannot tell: every event re-hashes to its stored hash. `first_bad_position` is the
    published position, where the check failed, not the event that was altered; `published` is the head."""

    published: Head = Head(0, GENESIS_HASH)


def _rewritten(checker: ChainChecker, published: Head, actual: str) -> Rewritten:
    """The log no longer hashes to a published head."""
    return Rewritten(
        False, checker.count, checker.head, published.position,
        f"the log up to position {published.position} no longer has the published head hash (the log at position "
        f"{published.position} hashes to {actual}, not to the published {published.hash}): it was rewritten at "
        f"or before that position and its hashes recomputed; which event was altered the log cannot tell",
        published,
    )


def stored_hash(engine: Engine, position: int) -> str | None:
    """The hash stored at a position of the log (the genesis hash at 0; None past its end)."""
    if position == 0:
        return GENESIS_HASH
    with engine.connect() as conn:
        found: str | None = conn.execute(select(T.c.hash).where(T.c.position == position)).scalar_one_or_none()
    return found


@dataclass(frozen=True)
class Checked:
    """An answer of the `IncrementalVerifier`: the verification, the position this call went on from (0: it
    re-hashed the whole log), how many events it re-hashed, and when the log was last re-hashed in full."""

    verification: Verification
    since: int
    hashed: int
    full_check_at: datetime


class IncrementalVerifier:
    """Verification that costs what is new: the whole log is re-hashed the first time it is asked (and whenever
    `full` is asked, and after any failure); after that, each check re-hashes only the events appended since the
    head it verified last, after making sure the stored row at that head still carries the hash it verified.

    The verified head is kept in this process's memory only, never in a table someone able to edit the log could
    edit too. A rewrite of the log with every hash recomputed changes the stored hash at the verified head (or
    breaks the chain of the events after it), which sends the check back to a full one, which then says where. What
    an incremental check does not see is a row at or before the verified head edited without touching its stored
    hash or its successor's: a full check does, so one runs again in a background thread once the last is
    `full_every_seconds` old (real time, not the application's clock), and a failure it finds makes the next check
    a full one, which reports it. `tracker events verify` always checks in full. Checks are serialized by a lock, so
    concurrent callers never hash the same events twice; the background check holds it only to record its outcome.
    """

    def __init__(self, engine: Engine, clock: Callable[[], datetime], full_every_seconds: float = 3600) -> None:
        self._engine, self._clock, self._full_every = engine, clock, full_every_seconds
        self._lock = threading.Lock()
        self._verified: Head | None = None
        self._full_check_at: datetime | None = None
        self._full_check_started = 0.0  # time.monotonic() when the last full check began
        self._refreshing: threading.Thread | None = None

    def check(self, against: Head | None = None, *, full: bool = False) -> Checked:
        """Is every event still as it was logged (and, with `against`, does the log still hash to that published
        head at its position)? In full when asked, the first time, or when anything looks wrong; otherwise from the
        head verified last."""
        with self._lock:
            if full or self._verified is None:
                return self._full(against)
            head = self._verified
            if stored_hash(self._engine, head.position) != head.hash:
                return self._full(against)
            checker = ChainChecker(head, head.position)
            for row in stored_rows(self._engine, after=head.position):
                if checker.check(row) is not None:
                    return self._full(against)
            self._verified = checker.head
            assert self._full_check_at is not None
            checked = Checked(self._against(checker, against), head.position, checker.head.position - head.position,
                              self._full_check_at)
            self._refresh_when_stale()
            return checked

    def _refresh_when_stale(self) -> None:
        """Start a full check in the background when the last one is `full_every_seconds` old (called locked)."""
        if self._refreshing is not None or time.monotonic() - self._full_check_started < self._full_every:
            return
        self._refreshing = threading.Thread(target=self._refresh, name="log-verification", daemon=True)
        self._refreshing.start()

    def _refresh(self) -> None:
        started = time.monotonic()
        result = verify(self._engine)
        with self._lock:
            self._refreshing = None
            self._full_check_started = started
            if result.ok:
                self._full_check_at = self._clock()
            else:
                self._verified = None  # the next check is a full one, which reports where

    def _against(self, checker: ChainChecker, against: Head | None) -> Verification:
        """The chain verified up to `checker.head`, held against a published head (as `verify` words it)."""
        if against is None:
            return Verification(True, checker.count, checker.head)
        if against.position > checker.head.position:
            return _past_end(checker, against)
        actual = stored_hash(self._engine, against.position)
        if actual != against.hash:
            if against.position == 0:
                return verify(self._engine, against=against)  # the empty log's wording; hashes nothing
            assert actual is not None
            return _rewritten(checker, against, actual)
        return Verification(True, checker.count, checker.head)

    def _full(self, against: Head | None) -> Checked:
        self._full_check_started = time.monotonic()
        result = verify(self._engine, against=against)
        self._full_check_at = self._clock()
        self._verified = result.head if result.ok else None
        return Checked(result, 0, result.events, self._full_check_at)
