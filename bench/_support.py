"""Helpers shared by bench/generate.py and bench/scale.py: database URLs, scratch schemas, a progress bar."""
from __future__ import annotations

import sys
import time
from urllib.parse import quote

from sqlalchemy import create_engine, make_url, text

from events import normalize_url


def with_schema(url: str, schema: str | None) -> str:
    """`url` with PostgreSQL's search_path set to `schema` (unchanged when no schema or on SQLite)."""
    url = normalize_url(url)
    if not schema or make_url(url).get_backend_name() != "postgresql":
        return url
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


def create_schema(url: str, schema: str) -> None:
    """Create a scratch PostgreSQL schema (if missing)."""
    engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    engine.dispose()


def drop_schema(url: str, schema: str) -> None:
    """Drop a scratch PostgreSQL schema and all it holds."""
    engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def is_sqlite(url: str) -> bool:
    return make_url(normalize_url(url)).get_backend_name() == "sqlite"


class Progress:
    """A one-line progress bar on stderr: done/target, rate per second, ETA. Redrawn at most 4 times a second."""

    def __init__(self, target: int | None, unit: str = "events", enabled: bool = True) -> None:
        self.target, self.unit, self.enabled = target, unit, enabled
        self.tty = sys.stderr.isatty()
        self.every = 0.25 if self.tty else 15.0  # a log file gets a line every 15 s, a terminal a redrawn line
        self.start = self.last = time.perf_counter()
        self.done = 0

    def update(self, done: int, force: bool = False) -> None:
        self.done = done
        now = time.perf_counter()
        if not self.enabled or (not force and now - self.last < self.every):
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        if self.target:
            frac = min(done / self.target, 1.0)
            bar = "#" * int(frac * 30)
            eta = (self.target - done) / rate if rate > 0 and done < self.target else 0.0
            line = (f"\r[{bar:<30}] {done:>9,}/{self.target:,} {self.unit} {rate:8.0f}/s "
                    f"ETA {int(eta // 60):02d}:{int(eta % 60):02d}")
        else:
            line = f"\r{done:>9,} {self.unit} {rate:8.0f}/s {elapsed:7.0f}s"
        sys.stderr.write(line if self.tty else line[1:] + "\n")
        sys.stderr.flush()

    def close(self) -> None:
        self.update(self.done, force=True)
        if self.enabled and self.tty:
            sys.stderr.write("\n")
            sys.stderr.flush()
