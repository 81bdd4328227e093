"""Parts that typed commands of several areas share: a document, a correction, when a write occurred.

Each command itself is declared in the domain module that decides it (tracker.domain.forum, .session, ...), with
one constructor, `of`, from the mapping the contract's schema loads (tracker.contract); the command handlers
(tracker.commands) call it once, so decisions read typed attributes and never a body's keys.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, fields
from datetime import date, datetime
from typing import Any, ClassVar, Protocol, Self, cast


class DataclassLike(Protocol):
    """Any dataclass (what `dataclasses.fields` accepts)."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


def _field_values(cls: type[DataclassLike], data: Mapping[str, Any]) -> dict[str, Any]:
    """A dataclass's constructor arguments copied from a loaded mapping, field by field: a field without a
    default is required (`data[name]`); a field with a default is optional (`data.get(name, default)`, the default
    factory called only when the key is absent)."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        if not f.init:
            continue
        if f.default is not MISSING:
            values[f.name] = data.get(f.name, f.default)
        elif f.default_factory is not MISSING:
            values[f.name] = data[f.name] if f.name in data else f.default_factory()
        else:
            values[f.name] = data[f.name]
    return values


class FlatCommand:
    """A command whose fields are copied as they are from what the contract loaded. Commands that convert a
    value (a nested document, a tuple from a list, a marker) write an `of` of their own instead."""

    __slots__ = ()

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        """The command built from a loaded mapping, field by field (see `_field_values`)."""
        made: Self = cast(Any, cls)(**_field_values(cast(Any, cls), data))  # cls is a dataclass subclass
        return made


@dataclass(frozen=True, slots=True)
class Document(FlatCommand):
    """A document: its title, where it is, and optionally the SHA-256 of the file."""

    title: str
    url: str
    sha256: str | None = None

    @classmethod
    def maybe(cls, data: Mapping[str, Any] | None) -> Self | None:
        """The document of an optional nested body (None when absent)."""
        return cls.of(data) if data is not None else None

    def to_data(self) -> dict[str, Any]:
        """As events store it (the schema's keys: title, url, sha256)."""
        return {"title": self.title, "url": self.url, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class Correction:
    """Marks a repeated recording as a correction of the previous one, saying why."""

    reason: str

    @classmethod
    def maybe(cls, data: Mapping[str, Any] | None) -> Self | None:
        """The correction a body asks for (None when it asks for none)."""
        return cls(data["reason"]) if data else None


def reason_of(correction: Correction | None) -> str | None:
    """The reason of a correction, or None when there is none."""
    return correction.reason if correction is not None else None


class Occurred(Protocol):
    """A command that names no date of its own may say when it occurred: on a day, or at an instant."""

    @property
    def occurred_on(self) -> date | None: ...

    @property
    def occurred_at(self) -> datetime | None: ...


def strings(values: Any) -> tuple[str, ...]:
    """A loaded list of strings (absent or null: none) as a tuple."""
    return tuple(values or ())
