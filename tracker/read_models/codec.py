"""A domain state as JSON and back, exactly: `decode(encode(state)) == state`, with the same types throughout.

JSON says null, booleans, numbers, strings, arrays and objects with string keys; everything else is an object whose
first key is a `$` tag: `{"$date": "2025-05-12"}`, `{"$datetime": "2025-05-12T15:00:00+00:00"}` (in a zone of the
IANA database: the wall time and `"zone"`; `"fold": 1` marks the second of an hour that repeats),
`{"$tuple": [...]}`, `{"$set": [...]}`, `{"$frozenset": [...]}`, `{"$float": "nan"}`, `{"$dict": [[key, value],
...]}` (a dict whose keys are not all strings, or one that starts with `$`), and
`{"$dc": "tracker.domain.plan:PlanState", <field>: <value>, ...}` for a dataclass.

Only the dataclasses declared in `tracker.domain` are encoded or decoded: a stored name is looked up among them,
never imported, so a row cannot make the reader load or build anything else.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
import math
import pkgutil
from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import tracker.domain

DOMAIN = tracker.domain.__name__
_SCALARS = (str, int, bool, type(None))
#: The tag of a sealed personal value (see tracker.read_models.sealing), and how it reads in stored text.
SEALED_TAG_KEY = "$sealed"
SEALED_TAG = f'"{SEALED_TAG_KEY}"'


@cache
def domain_classes() -> dict[str, type]:
    """Every dataclass declared in a module of `tracker.domain`, by its `module:QualifiedName`."""
    found = {}
    for info in pkgutil.iter_modules(tracker.domain.__path__, DOMAIN + "."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                found[f"{module.__name__}:{value.__qualname__}"] = value
    return found


def _name_of(cls: type) -> str:
    name = f"{cls.__module__}:{cls.__qualname__}"
    if domain_classes().get(name) is not cls:
        raise TypeError(f"{name} is not a dataclass of {DOMAIN}: only domain states are encoded")
    return name


#: A domain dataclass -> its tag and field names (checked once, then read on every encode).
_SHAPES: dict[type, tuple[str, tuple[str, ...]]] = {}


def encode(value: Any) -> Any:
    """`value` as JSON-able data (dicts, lists, str, int, float, bool, None), tagged where JSON cannot say it."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if kind is list:
        return [encode(v) for v in value]
    if kind is dict:
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if kind is tuple:
        return {"$tuple": [encode(v) for v in value]}
    if kind in (set, frozenset):
        items = sorted((encode(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return {"$set" if kind is set else "$frozenset": items}
    if kind is datetime:
        return _encode_datetime(value)
    if kind is date:
        return {"$date": value.isoformat()}
    shape = _SHAPES.get(kind)
    if shape is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        shape = _SHAPES[kind] = (_name_of(kind), tuple(f.name for f in dataclasses.fields(value)))
    if shape is not None:
        name, field_names = shape
        return {"$dc": name, **{f: encode(getattr(value, f)) for f in field_names}}
    raise TypeError(f"cannot encode a {kind.__module__}.{kind.__qualname__}")


def _encode_datetime(moment: datetime) -> dict[str, Any]:
    zone = moment.tzinfo
    data: dict[str, Any]
    if zone is None or isinstance(zone, timezone):  # naive, or a fixed offset the ISO text states
        data = {"$datetime": moment.isoformat()}
    elif isinstance(zone, ZoneInfo) and zone.key:
        data = {"$datetime": moment.replace(tzinfo=None).isoformat(), "zone": zone.key}
    else:
        raise TypeError(f"cannot encode a datetime in the time zone {zone!r}")
    if moment.fold:  # the second of an hour that repeats (it matters only in a named zone, but is kept always)
        data["fold"] = 1
    return data


def decode(data: Any) -> Any:
    """The value `encode` turned into `data`. Unknown tags and classes outside `tracker.domain` are refused
    (ValueError)."""
    kind = type(data)
    if kind is list:
        return [decode(v) for v in data]
    if kind is dict:
        return _from_object({k: decode(v) for k, v in data.items()})
    if kind in _SCALARS or kind is float:
        return data
    raise ValueError(f"not encoded data: a {kind.__qualname__}")


def loads(text: str, opener: Callable[[dict[str, Any]], Any] | None = None) -> Any:
    """`decode(json.loads(text))` in one pass: each object is decoded as the parser makes it. A sealed value
    (`{"$sealed": …}`) is opened by `opener` (tracker.read_models.sealing.Opener); without one it is refused."""
    if opener is None or SEALED_TAG not in text:
        return _DECODER.decode(text)
    return json.JSONDecoder(object_hook=lambda data: opener(data) if SEALED_TAG_KEY in data else _from_object(
        data)).decode(text)


def _from_object(data: dict[str, Any]) -> Any:
    """One JSON object whose members are decoded already: a plain dict, or the tagged value it stands for.

    `encode` writes the tag first and never a plain key that starts with `$`, so the first key decides.
    """
    for first in data:
        if first[:1] == "$":
            return _TAGS[first](data) if first in _TAGS else _refuse(data)
        return data
    return data


def _refuse(data: dict[str, Any]) -> Any:
    raise ValueError(f"unknown tag in {sorted(data)}")


def _only(expects: type, convert: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Any]:
    """A tag whose object holds nothing else, of the JSON type `expects`."""

    def decode_tag(data: dict[str, Any]) -> Any:
        (value,) = data.values() if len(data) == 1 else (None,)
        if type(value) is not expects:
            raise ValueError(f"a tagged value is one key and a {expects.__name__}: {data!r}")
        return convert(value)

    return decode_tag


def _float(text: str) -> float:
    if text not in ("nan", "inf", "-inf"):
        raise ValueError(f"not a non-finite float: {text!r}")
    return float(text)


def _decode_datetime(data: dict[str, Any]) -> datetime:
    moment = datetime.fromisoformat(data["$datetime"])
    zone, fold = data.get("zone"), data.get("fold", 0)
    if not data.keys() <= {"$datetime", "zone", "fold"} or fold not in (0, 1) or (zone and moment.tzinfo):
        raise ValueError(f"not a datetime as encoded: {data!r}")
    return moment.replace(tzinfo=ZoneInfo(zone) if zone else moment.tzinfo, fold=fold)


@cache
def _sizes() -> dict[str, tuple[type, int]]:
    """Each domain dataclass by its stored name, with how many keys its object holds (its fields and `$dc`)."""
    return {name: (cls, len(dataclasses.fields(cls)) + 1) for name, cls in domain_classes().items()}


def _decode_dataclass(data: dict[str, Any]) -> Any:
    """A domain dataclass from its fields (every field is a constructor argument in the domain's states)."""
    name = data.pop("$dc")
    found = _sizes().get(name) if isinstance(name, str) else None
    if found is None:
        raise ValueError(f"{name!r} is not a dataclass of {DOMAIN}: refused")
    cls, size = found
    try:
        if len(data) + 1 != size:
            raise TypeError(f"{size - 1} fields expected, {len(data)} stored")
        return cls(**data)  # an unknown field is a TypeError too
    except TypeError as exc:
        raise ValueError(f"the stored {name} does not have the fields its class has now ({exc}): the state "
                         "changed shape since it was stored (rebuild the read model)") from None


_TAGS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "$dc": _decode_dataclass,
    "$datetime": _decode_datetime,
    "$date": _only(str, date.fromisoformat),
    "$tuple": _only(list, tuple),
    "$set": _only(list, set),
    "$frozenset": _only(list, frozenset),
    "$dict": _only(list, dict),
    "$float": _only(str, _float),
}
_DECODER = json.JSONDecoder(object_hook=_from_object)
