"""Re-hashing the log to prove nothing in it was changed, removed or re-ordered."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from events.envelope import Head, Verification
from events.hashing import GENESIS_HASH, chain_hash
from events.schema import HASHED_COLUMNS
from events.schema import events_table as T

PAGE = 5_000


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
    """Feeds rows in order and says at the first one that breaks the chain."""

    def __init__(self) -> None:
        self.head = Head(0, GENESIS_HASH)
        self.count = 0

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
        return Verification(
            False, checker.count, checker.head, checker.head.position + 1,
            f"the published position {pending[0].position} is past the end of the log "
            f"({checker.head.position}): events were removed",
        )
    return Verification(True, checker.count, checker.head)


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
