"""Parts that typed commands of several areas share: a document, a correction, when a write occurred.

Each command itself is declared in the domain module that decides it (tracker.domain.forum, .session, ...), with
one constructor, `of`, from the mapping the contract's schema loads (tracker.contract); the command handlers
(tracker.commands) call it once, so decisions read typed attributes and never a body's keys.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, Field, dataclass, fields
from datetime import date, datetime
from typing import Any, ClassVar, Protocol, Self, TypeVar


class DataclassLike(Protocol):
    """Any dataclass (what `dataclasses.fields` accepts)."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]


D = TypeVar("D", bound=DataclassLike)


def from_fields(cls: type[D], data: Mapping[str, Any]) -> D:
    """A dataclass whose `of` is a flat copy of a loaded mapping, built field by field.

    A field without a default is required (`data[name]`); a field with a default is optional
    (`data.get(name, default)`, the default factory called only when the key is absent). Commands that convert
    a value (a nested document, a tuple from a list, a marker) keep an `of` of their own.
    """
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
    return cls(**values)


@dataclass(frozen=True, slots=True)
class Document:
    """A document: its title, where it is, and optionally the SHA-256 of the file."""

    title: str
    url: str
    sha256: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return from_fields(cls, data)

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
