"""kill -9 of a process in the middle of multi-event, multi-stream appends: each transaction is in the log whole
or not at all, and every one it reported committed is there.

The API's commands each append one event; the store's `transaction()` commits several appends (several streams)
together. Given a migrated database (a SQLite file, and PostgreSQL), when a child process appends batches of five
events to one stream and three to another in one transaction each, printing each batch number after its commit,
and is killed with SIGKILL mid-load three times, then every batch is present with all eight events or absent,
every batch reported committed is present, and the chain verifies.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from events import EventStore, verify
from tests.events.toy_events import registry

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys
from events import EventStore, Metadata, make_engine
from tests.events.toy_events import happened, registry
store = EventStore(make_engine(sys.argv[1]), registry)
run = sys.argv[2]
n = 0
while True:
    n += 1
    batch = f"{run}-{n}"
    with store.transaction() as tx:
        tx.append(f"a-{batch}", [happened(batch, i) for i in range(5)], 0, Metadata(actor="crash"), tenant_id="t")
        tx.append(f"b-{batch}", [happened(batch, i) for i in range(3)], 0, Metadata(actor="crash"), tenant_id="t")
    print(batch, flush=True)
"""


def test_a_transaction_cut_by_kill_9_is_all_or_nothing(engine, tmp_path):
    url = engine.url.render_as_string(hide_password=False)
    committed: list[str] = []
    for run, seconds in enumerate((1.0, 0.6, 1.4)):
        out = tmp_path / f"child-{run}.out"
        with open(out, "w") as sink:
            child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(run)], cwd=ROOT, stdout=sink,
                                     stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        deadline = time.monotonic() + 60
        while not out.read_text().strip() and time.monotonic() < deadline:  # wait until it is appending
            assert child.poll() is None, out.read_text()
            time.sleep(0.05)
        time.sleep(seconds)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        lines = out.read_text().split()
        assert lines, "the child never committed a batch"
        committed += lines

    store = EventStore(engine, registry)
    batches: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for event in store.read_all():
        batches[event.data["name"]].append((event.stream_id[0], event.data["count"]))
    whole = [("a", i) for i in range(5)] + [("b", i) for i in range(3)]
    assert all(events == whole for events in batches.values()), {b: e for b, e in batches.items() if e != whole}
    assert set(committed) <= set(batches)
    print(f"\nkill -9 mid-transaction on {engine.dialect.name}: 3 kills, {len(batches)} batches of 8 events in the "
          f"log, {len(committed)} reported committed, {len(batches) - len(committed)} committed unreported, "
          f"0 partial")
    assert verify(engine).ok
