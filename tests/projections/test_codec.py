"""The records' codec: a domain state to JSON and back gives the same state, down to each value's type.

Checked on generated values (hypothesis) and on every state the story of Cajamarca leaves behind; and what is not a
domain state, or not something the codec wrote, is refused rather than built.
"""
from __future__ import annotations

import dataclasses
import json
import math
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.api import conftest as api_fixtures
from tests.api.test_story import test_a_year_of_co_creation_in_cajamarca as tell_the_story
from tracker.domain.forum import Organization
from tracker.domain.session import Rescheduling
from tracker.domain.streams import IdKind
from tracker.read_models.codec import decode, domain_classes, encode, loads
from tracker.read_models.records import KIND_OF_TYPE, KINDS

app, tokens, api, clock = api_fixtures.app, api_fixtures.tokens, api_fixtures.api, api_fixtures.clock


def typed(value: Any) -> Any:
    """`value` spelled out with the type of every part, so `==` also compares types (1, 1.0 and True differ),
    dict order, float signs and time zones."""
    kind = type(value)
    if kind is float:
        return kind, repr(value)
    if kind in (list, tuple):
        return kind, tuple(typed(v) for v in value)
    if kind is dict:
        return kind, tuple((typed(k), typed(v)) for k, v in value.items())
    if kind in (set, frozenset):
        return kind, frozenset(typed(v) for v in value)
    if kind is datetime:
        return kind, value.replace(tzinfo=None), value.fold, zone_of(value.tzinfo)
    if dataclasses.is_dataclass(value):
        return kind, tuple((f.name, typed(getattr(value, f.name))) for f in dataclasses.fields(value))
    return kind, value


def zone_of(zone: tzinfo | None) -> Any:
    if isinstance(zone, ZoneInfo):
        return ZoneInfo, zone.key
    return type(zone), zone.utcoffset(None) if zone is not None else None


def round_trip(value: Any) -> Any:
    """Through JSON text, as the table keeps it, and back by both roads (`loads`, `decode`)."""
    text = json.dumps(encode(value))
    by_decode = decode(json.loads(text))
    assert typed(by_decode) == typed(value)
    return loads(text)


offsets = st.timedeltas(min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23, minutes=59))
zones = st.none() | st.just(UTC) | st.builds(timezone, offsets) | st.timezones()
instants = st.datetimes(timezones=zones)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
hashables = scalars | st.dates() | instants | st.tuples(scalars, scalars) | st.frozensets(scalars, max_size=3)


def dataclasses_of(children: st.SearchStrategy) -> st.SearchStrategy:
    """Domain dataclasses (mutable and frozen) holding any value in any field: the codec does not look at types."""
    return (st.builds(Organization, children, children, children, children, children, children)
            | st.builds(IdKind, children, children, children)
            | st.builds(Rescheduling, children, children, children))


values = st.recursive(
    hashables | st.dates(),
    lambda children: (st.lists(children, max_size=4) | st.tuples(children, children)
                      | st.dictionaries(st.text(), children, max_size=4)
                      | st.dictionaries(hashables, children, max_size=4)
                      | st.sets(hashables, max_size=4) | st.frozensets(hashables, max_size=4)
                      | dataclasses_of(children)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_does_every_value_come_back_as_it_went_in(value):
    assert typed(round_trip(value)) == typed(value)


@pytest.mark.parametrize("value", [math.inf, -math.inf, -0.0, 10**40, "$date", {"$date": "2025-05-12"},
                                   {"$dc": "os:system"}, {1: "a", "b": 2}, {(1, 2): frozenset({3})}])
def test_are_the_values_json_cannot_say_or_that_look_like_tags_kept_apart(value):
    assert typed(round_trip(value)) == typed(value)


def test_is_not_a_number_kept():
    assert math.isnan(round_trip(math.nan))


def test_does_a_datetime_keep_its_named_zone_and_the_fold_of_an_hour_that_repeats():
    lima = datetime(2025, 5, 12, 15, 0, tzinfo=ZoneInfo("America/Lima"))
    repeated = datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York"))
    for moment in (lima, repeated):
        assert typed(round_trip(moment)) == typed(moment)
    assert round_trip(repeated).utcoffset() == timedelta(hours=-5)


def test_does_every_state_the_story_leaves_behind_come_back_the_same(app, api):
    tell_the_story(api)
    store = app.extensions["tracker"].store
    streams: dict[str, list] = {}
    for event in store.read_all():
        streams.setdefault(event.stream_id, []).append(event)
    kinds = set()
    for events in streams.values():
        kind = KIND_OF_TYPE[events[0].type]
        state = KINDS[kind].fold(events)
        assert typed(round_trip(state)) == typed(state)
        kinds.add(kind)
    assert kinds == set(KINDS)


class NotOurs(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=1)


@dataclasses.dataclass
class Outsider:
    name: str


@pytest.mark.parametrize("value", [object(), Outsider("x"), b"bytes", datetime(2025, 1, 1, tzinfo=NotOurs()),
                                   Organization])
def test_is_what_is_not_a_domain_state_refused_when_encoded(value):
    with pytest.raises(TypeError):
        encode(value)


REFUSED = [
    {"$dc": "os:system", "command": "true"},
    {"$dc": "tracker.commands.base:Context", "store": None},
    {"$dc": "tests.projections.test_codec:Outsider", "name": "x"},
    {"$dc": ["tracker.domain.streams:IdKind"], "name": "x"},
    {"$dc": "tracker.domain.streams:IdKind", "name": "session", "prefix": "ses"},  # a field missing
    {"$dc": "tracker.domain.streams:IdKind", "name": "session", "prefix": "ses", "what": "session", "x": 1},
    {"$dc": "tracker.domain.streams:IdKind", "name": "session", "prefix": "ses", "wat": "session"},
    {"$eval": "__import__('os')"},
    {"$tuple": "abc"},
    {"$date": "2025-05-12", "extra": 1},
    {"$float": "1e999"},
    {"$datetime": "2025-05-12T15:00:00-05:00", "zone": "America/Lima"},
    {"$datetime": "2025-05-12T15:00:00", "zone": "America/Lima", "fold": 2},
]


@pytest.mark.parametrize("data", REFUSED)
def test_is_anything_the_codec_did_not_write_refused_not_built(data):
    with pytest.raises(ValueError):
        decode(data)
    with pytest.raises(ValueError):
        loads(json.dumps(data))


def test_are_the_domain_classes_found_by_looking_not_by_importing_a_stored_name():
    classes = domain_classes()
    assert classes["tracker.domain.plan:PlanState"].__name__ == "PlanState"
    assert all(name.startswith("tracker.domain.") for name in classes)
    # Every field of a state is a constructor argument: that is how a stored state is built again.
    assert all(f.init for cls in classes.values() for f in dataclasses.fields(cls))


def test_is_a_date_not_taken_for_a_datetime_nor_a_bool_for_an_int():
    value = [date(2025, 5, 12), datetime(2025, 5, 12, tzinfo=UTC), True, 1, 1.0]
    assert typed(round_trip(value)) == typed(value)
