"""events.fastjson reads and writes JSON as the standard library does, whatever the value."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from events.fastjson import json_dumps, json_loads
from events.hashing import canonical_json

scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


def same(a: object, b: object) -> bool:
    """Equal as the standard library writes them (NaN equals NaN here)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@given(values)
def test_what_the_standard_library_wrote_reads_the_same(value):
    for text in (json.dumps(value), canonical_json(value) if not _nan(value) else json.dumps(value)):
        assert same(json_loads(text), json.loads(text))
        assert same(json_loads(text.encode()), json.loads(text))


@given(values.filter(lambda v: not _nan(v)))
def test_what_it_writes_reads_back_as_the_value(value):
    assert same(json.loads(json_dumps(value)), value)
    assert same(json_loads(json_dumps(value)), value)


def test_what_json_dumps_refuses_it_refuses_and_non_string_keys_are_written_as_json_dumps_does():
    import datetime

    for refused in (datetime.date(2026, 1, 1), {"a": {1, 2}}):
        try:
            json.dumps(refused)
        except TypeError:
            pass
        else:
            raise AssertionError("json.dumps accepted it")
        try:
            json_dumps(refused)
        except TypeError:
            continue
        raise AssertionError(f"json_dumps wrote {refused!r}")
    assert json_dumps({1: "a"}) == json.dumps({1: "a"})


def test_json_has_no_nan_so_it_is_written_as_null_and_the_codec_never_gives_one():
    from tracker.read_models.codec import decode, encode

    assert json_dumps([float("nan"), float("inf")]) == "[null,null]"
    assert decode(json.loads(json_dumps(encode({"x": float("-inf")})))) == {"x": float("-inf")}


def _nan(value: object) -> bool:
    return "NaN" in json.dumps(value) or "Infinity" in json.dumps(value)


def test_integers_beyond_64_bits_and_texts_orjson_refuses_read_as_json_loads_reads_them():
    for text in ("-9223372036854775809", "[18446744073709551616, 1]", '{"a": 123456789012345678901234567890}',
                 "NaN", "[1e400]", '"\\ud800"', b'{"x": 1}', '"caf\u00e9 \u2603"'):
        assert same(json_loads(text), json.loads(text)), text
    assert type(json_loads("-9223372036854775809")) is int
