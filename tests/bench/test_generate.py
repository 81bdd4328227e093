"""The scale generator (bench/generate.py): a small forum written through the commands, reproducible by seed."""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.generate import Shape, generate
from events import make_engine
from events.integrity import verify
from events.schema import events_table
from tracker.bootstrap import bootstrap
from tracker.compliance import compute

SMALL = Shape(months=3, contributions=20, commitments=2)
SERVER_CHOSEN = re.compile(r"[a-z]{3}_[0-9a-f]{20}")


def _generate(path: Path, seed: int) -> tuple[str, dict[str, Any]]:
    url = f"sqlite:///{path}"
    return url, generate(url, 1, seed, shape=SMALL, progress=False)


def _sequence(url: str) -> list[tuple[Any, ...]]:
    """Each event's type and its scalar data fields, leaving out what the server chose (ids)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(events_table.c.type, events_table.c.data).order_by(events_table.c.position)).all()
    engine.dispose()
    out = []
    for type_, data in rows:
        fields = {k: v for k, v in json.loads(data).items()
                  if isinstance(v, str | int | float | bool) and not (isinstance(v, str) and SERVER_CHOSEN.search(v))}
        out.append((type_, tuple(sorted(fields.items()))))
    return out


def test_a_small_forum_is_written_through_the_commands_and_answers_compliance(tmp_path):
    url, made = _generate(tmp_path / "a.db", seed=3)
    assert made["forums"] == 1 and made["events"] > 100 and made["events"] == made["written"]
    engine = make_engine(url)
    try:
        verification = verify(engine)
        assert verification.ok and verification.events == made["events"]
        with engine.connect() as conn:
            types = set(conn.execute(select(events_table.c.type).distinct()).scalars())
        assert {"ForumEstablished", "SessionHeld", "MinutesRecorded", "ContributionReceived",
                "ResponseCommunicated", "CommitmentDrafted", "PlanEndorsed", "ConsultationOpened"} <= types
        services = bootstrap(url)  # the application's store, with its keyring for the sealed personal data
        try:
            answers = compute(services.store, made["plans"][0], now=datetime.now(UTC))
        finally:
            services.engine.dispose()
        assert answers["checks"] and all(check["answer"] for check in answers["checks"])
        assert answers["commitments"]
    finally:
        engine.dispose()


def test_the_same_seed_gives_the_same_sequence_and_another_seed_another(tmp_path):
    first, _ = _generate(tmp_path / "a.db", seed=5)
    again, _ = _generate(tmp_path / "b.db", seed=5)
    other, _ = _generate(tmp_path / "c.db", seed=6)
    assert _sequence(first) == _sequence(again)
    assert _sequence(first) != _sequence(other)
