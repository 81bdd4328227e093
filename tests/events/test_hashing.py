"""The append path's fast spellings give the bytes of the plain ones: canonical JSON is json.dumps's text, a
command's chain hashes are chain_hash's, and event ids are time-ordered UUIDs (version 7)."""
from __future__ import annotations

import json
import threading
import time
import uuid

from hypothesis import given
from hypothesis import strategies as st

from events.hashing import CommandChain, canonical_json, chain_hash
from events.ids import new_ids

#: Text that exercises every escape: quotes, backslashes, controls, DEL, beyond ASCII and the BMP, a surrogate.
tricky = st.text() | st.text(alphabet=st.sampled_from(['\\', '"', 'u', '0', 'é', '😀', '\x7f', '\x00', '\n',
                                                        '/', '\u2028', '\ud800']))
scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80)
           | st.floats(allow_nan=True, allow_infinity=True) | tricky | st.sets(st.integers(), max_size=2))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(tricky | st.integers() | st.none(), inner, max_size=4), max_leaves=20)


def dumps(value: object) -> str | tuple[type, str]:
    """json.dumps as canonical_json is specified, or what it raised."""
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    except (TypeError, ValueError) as refused:
        return type(refused), str(refused)


def canonical(value: object) -> str | tuple[type, str]:
    try:
        return canonical_json(value)
    except (TypeError, ValueError) as refused:
        return type(refused), str(refused)


@given(values)
def test_canonical_json_writes_what_json_dumps_writes_and_refuses_what_it_refuses(value):
    assert canonical(value) == dumps(value)


def test_canonical_json_refuses_a_circular_value_and_then_still_writes_shared_ones():
    circular: list[object] = []
    circular.append(circular)
    for _ in range(2):
        assert canonical(circular) == (ValueError, "Circular reference detected")
    shared = [1]
    assert canonical_json({"a": shared, "b": shared}) == '{"a":[1],"b":[1]}'


def test_canonical_json_gives_each_thread_the_same_text():
    value = {"texto": "también", "n": [1, 2, {"z": None}]}
    texts: list[str] = []
    threads = [threading.Thread(target=lambda: texts.extend(canonical_json(value) for _ in range(500)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(texts) == {dumps(value)}


@given(st.text(), st.text(), st.text(), st.text(), st.text(), st.none() | st.text(), st.text(),
       st.lists(st.tuples(st.text(), st.integers(min_value=1, max_value=3), st.text(), st.text()), min_size=1,
                max_size=4))
def test_a_commands_chain_hashes_are_chain_hash(stream, tenant, recorded_at, actor, correlation, causation,
                                                metadata_text, events):
    chain = CommandChain(stream, tenant, recorded_at, actor, correlation, causation, metadata_text)
    fast = slow = "0" * 64
    for version, (type_, schema_version, data_text, occurred_at) in enumerate(events, 1):
        event_id = str(uuid.uuid4())
        fast = chain.hash(fast, 100 + version, event_id, version, type_, schema_version, data_text, occurred_at)
        slow = chain_hash(slow, 100 + version, event_id, stream, version, tenant, type_, schema_version,
                          data_text, occurred_at, recorded_at, actor, correlation, causation, metadata_text)
        assert fast == slow


def test_event_ids_are_version_7_uuids_unique_and_ordered_by_the_millisecond_they_were_made_in():
    before = time.time_ns() // 1_000_000
    first = new_ids(1000)
    time.sleep(0.002)
    later = new_ids(3)
    after = time.time_ns() // 1_000_000
    for text in first + later:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
        assert before <= parsed.int >> 80 <= after
    assert len(set(first + later)) == 1003
    assert max(first) < min(later)  # the log's unique index on event_id grows at its right edge
