"""Event types: each declared once, with a version, and upcasters for its older versions.

An event type is a frozen dataclass whose fields are JSON values (str, int, float, bool, None, lists
and dicts of them). Dates travel as ISO strings: the log stores facts, not Python objects.

    registry = EventRegistry()

    @registry.register
    @dataclass(frozen=True)
    class ForumEstablished(DomainEvent):
        '''A government established a multi-stakeholder forum.'''
        VERSION: ClassVar[int] = 2
        name: str
        member: str

    @registry.upcaster("ForumEstablished", from_version=1)
    def _add_member(data: dict) -> dict:
        return {**data, "member": ""}
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

from events.errors import UnknownEventType
from events.personal import Personal

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
E = TypeVar("E", bound="DomainEvent")


@dataclasses.dataclass(frozen=True)
class DomainEvent:
    """Base of every event type: a fact, named in the past tense, that cannot change."""

    VERSION: ClassVar[int] = 1
    #: Where the event carries people's personal data, sealed per person in the log (see events/personal.py).
    PERSONAL: ClassVar[tuple[Personal, ...]] = ()
    #: Optional fields added after events of the type were stored: left out of the stored data when None or an empty
    #: list, so events recorded without them keep their exact bytes (and hashes).
    OMITTED_WHEN_EMPTY: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def type_name(cls) -> str:
        """The name stored in the log: the class name."""
        return cls.__name__

    def to_data(self) -> dict[str, Any]:
        """The event's fields as a JSON-ready dict (the stored `data`)."""
        names = type(self).__dict__.get("_field_names")
        if names is None:
            names = tuple(f.name for f in dataclasses.fields(self))
            type.__setattr__(type(self), "_field_names", names)
        data = {name: getattr(self, name) for name in names}
        for name in self.OMITTED_WHEN_EMPTY:
            value = data[name]
            if value is None or (isinstance(value, (list, tuple)) and not value):
                del data[name]
        return data


class EventRegistry:
    """Maps stored type names and versions to event classes, upcasting old versions on read."""

    def __init__(self) -> None:
        self._classes: dict[str, type[DomainEvent]] = {}
        #: type name -> current version; read on every decode, so kept as a plain dict.
        self.versions: dict[str, int] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        #: type name -> its personal-data declarations, for the types that declare any.
        self.personal: dict[str, tuple[Personal, ...]] = {}

    def register(self, cls: type[E]) -> type[E]:
        """Declare an event type (usable as a class decorator). A name may be declared once."""
        name = cls.type_name()
        if name in self._classes:
            raise ValueError(f"event type {name!r} is declared twice")
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"event type {name!r} must be a dataclass")
        self._classes[name] = cls
        self.versions[name] = cls.VERSION
        if cls.PERSONAL:
            self.personal[name] = tuple(cls.PERSONAL)
        return cls

    def upcaster(self, type_name: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Declare the function that turns `from_version` data into `from_version + 1` data."""

        def decorate(fn: Upcaster) -> Upcaster:
            key = (type_name, from_version)
            if key in self._upcasters:
                raise ValueError(f"upcaster for {type_name} v{from_version} is declared twice")
            self._upcasters[key] = fn
            return fn

        return decorate

    def __contains__(self, type_name: object) -> bool:
        return type_name in self._classes

    def names(self) -> list[str]:
        """Every declared type name, sorted."""
        return sorted(self._classes)

    def class_for(self, type_name: str) -> type[DomainEvent]:
        """The class declared for `type_name`, or UnknownEventType."""
        try:
            return self._classes[type_name]
        except KeyError:
            raise UnknownEventType(f"no event type named {type_name!r} is declared") from None

    def current_version(self, type_name: str) -> int:
        """The version new events of this type are written at."""
        return self.class_for(type_name).VERSION

    def upcast(self, type_name: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
        """Bring stored `data` of `version` up to the current version, one step at a time."""
        current = self.current_version(type_name)
        if version == current:
            return data
        if version > current or version < 1:
            raise UnknownEventType(
                f"{type_name} version {version} is not known (the code knows up to version {current})"
            )
        for step in range(version, current):
            try:
                data = self._upcasters[(type_name, step)](data)
            except KeyError:
                raise UnknownEventType(
                    f"no upcaster declared for {type_name} from version {step} to {step + 1}"
                ) from None
        return data

    def load(self, type_name: str, data: Mapping[str, Any]) -> DomainEvent:
        """The typed event for current-version `data` of `type_name`."""
        return self.class_for(type_name)(**data)

    def decode(self, type_name: str, version: int, data: Any) -> DomainEvent:
        """The typed event for one stored event's `data` of `version`, upcast to the current version: what every
        read of it will need. UnknownEventType when its type, its version or an upcaster is unknown; ValueError
        when its data (as stored, or as upcast) is not the type's fields."""
        if not isinstance(data, dict):
            raise ValueError(f"its data is not a JSON object but {type(data).__name__}")
        try:
            data = self.upcast(type_name, version, data)
        except (KeyError, TypeError, AttributeError, IndexError) as exc:  # an upcaster met data it cannot read
            raise ValueError(f"its data does not upcast from {type_name} version {version}: "
                             f"{type(exc).__name__}: {exc}") from None
        if not isinstance(data, dict):
            raise ValueError(f"its data upcast to {type_name} version {self.current_version(type_name)} is not a "
                             "JSON object")
        try:
            return self.load(type_name, data)
        except TypeError as exc:  # a missing or an unknown field
            raise ValueError(f"its data is not the fields of {type_name} version "
                             f"{self.current_version(type_name)}: {exc}") from None
