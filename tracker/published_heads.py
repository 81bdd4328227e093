"""The dated list of published heads: each time the log's head (position and hash) was published outside the
database (in the minutes, on the forum's website, by email to the members), so anyone can later check that the
log still hashes to it.

An operational table (not events). Migration 0005 creates exactly this table; keep them in step. Because the
table lives in the same database as the log, its value is the same list kept elsewhere too: whoever can rewrite
the log can rewrite this table; a copy of a head kept outside (`tracker events verify --against POSITION:HASH`)
is the real check.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from events import EventStore, Head, Verification, verify
from events.hashing import format_instant, parse_instant

metadata = sa.MetaData()

published_heads = sa.Table(
    "published_heads", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("position", sa.BigInteger().with_variant(sa.Integer, "sqlite"), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("published_at", sa.String(32), nullable=False),  # UTC ISO text, as events store instants
    sa.Column("published_by", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
)

#: Where a head should go once recorded: the list only proves something if it also lives outside the database.
WHERE_TO_PUBLISH = ("Publish it outside this database too: in the next session's minutes, on the forum's "
                    "website, or by email to the members. Anyone can then check the log with:")


@dataclass(frozen=True)
class PublishedHead:
    """One head as it was published: where the log ended, its hash, when and by whom, and why."""

    position: int
    hash: str
    published_at: datetime
    published_by: str
    note: str | None

    @property
    def head(self) -> Head:
        """The head itself, for `verify`."""
        return Head(self.position, self.hash)

    @property
    def check_command(self) -> str:
        """The command anyone runs to check the log against this head."""
        return f"tracker events verify --against {self.position}:{self.hash}"


def publish_head(engine: Engine, store: EventStore, published_at: datetime, published_by: str,
                 note: str | None = None) -> PublishedHead:
    """Record the log's current head as published now, and return it."""
    head = store.head()
    row = {"position": head.position, "hash": head.hash, "published_at": format_instant(published_at),
           "published_by": published_by, "note": note or None}
    with engine.begin() as conn:
        conn.execute(published_heads.insert().values(**row))
    return _published(row)


def list_heads(engine: Engine, limit: int | None = None) -> list[PublishedHead]:
    """The heads published, newest first (latest publication, then highest position)."""
    t = published_heads
    stmt = sa.select(t.c.position, t.c.hash, t.c.published_at, t.c.published_by, t.c.note).order_by(
        t.c.published_at.desc(), t.c.position.desc(), t.c.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        return [_published(dict(r)) for r in conn.execute(stmt).mappings()]


def publication_mark(engine: Engine) -> int | None:
    """What changes whenever a head is published (the last row's id; None before the first): one cheap query
    for a page kept ready that shows the head published last (`tracker.http.served_publicly`)."""
    with engine.connect() as conn:
        mark = conn.exec_driver_sql("SELECT max(id) FROM published_heads").scalar()
    return None if mark is None else int(mark)


def latest_head(engine: Engine) -> PublishedHead | None:
    """The head published last, or None when none was."""
    heads = list_heads(engine, limit=1)
    return heads[0] if heads else None


def verify_published(engine: Engine, against: Head | None = None) -> tuple[Verification, int]:
    """Re-hash the log and check it against every published head (and `against`, if given); with the number of
    published heads checked."""
    heads = [h.head for h in list_heads(engine)]
    return verify(engine, against=against, heads=heads), len(heads)


def _published(row: dict) -> PublishedHead:
    return PublishedHead(int(row["position"]), row["hash"], parse_instant(row["published_at"]),
                         row["published_by"], row["note"])
