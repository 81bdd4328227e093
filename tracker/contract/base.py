"""What the contract's schemas share: strict schemas, bounded texts, choices, URLs, instants, documents,
corrections and date ranges."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

#: An id in a body (the server's ids are short; this bounds what a caller may send).
ID = validate.Length(min=1, max=100)
NAME = validate.Length(min=1, max=300)
TEXT = validate.Length(min=1, max=20_000)
REASON = validate.Length(min=1, max=2_000)
URL = validate.Length(min=1, max=2_000)


class StrictSchema(Schema):
    """Unknown fields are refused (marshmallow's default, said out loud)."""

    class Meta:
        ordered = True


_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def is_text(value: str) -> None:
    """Refuse NUL and lone UTF-16 surrogates: no document or person's name holds them."""
    if _NOT_TEXT.search(value):
        raise ValidationError("contains characters that are not text (NUL or a lone surrogate)")


def Name(**kw: Any) -> fields.String:
    """A name or title: 1 to 300 characters of text."""
    return fields.String(validate=[NAME, is_text], **kw)


def Text(**kw: Any) -> fields.String:
    """A free text such as a contribution: 1 to 20,000 characters of text."""
    return fields.String(validate=[TEXT, is_text], **kw)


def Reason(**kw: Any) -> fields.String:
    """A reason or explanation: 1 to 2,000 characters of text."""
    return fields.String(validate=[REASON, is_text], **kw)


def Choice(values: tuple[str, ...] | list[str], **kw: Any) -> fields.String:
    return fields.String(validate=validate.OneOf(values), **kw)


class Url(fields.Url):
    """An http(s) URL of at most 2,000 characters."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(schemes={"http", "https"}, validate=URL, **kw)


class Instant(fields.AwareDateTime):
    """An ISO 8601 instant with an offset, within years 1900 to 2200 (so no arithmetic overflows)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kw: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kw)
        if not 1900 <= moment.year <= 2200:
            raise ValidationError("must be between the years 1900 and 2200")
        return moment


class OccurredSchema(StrictSchema):
    """When a write that names no date of its own occurred: at most one of these, else now."""

    occurred_on = fields.Date(load_default=None, metadata={"description": "the day it happened (else now)"})
    occurred_at = Instant(load_default=None, metadata={"description": "the instant it happened (else now)"})

    @validates_schema
    def _one_time(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("occurred_on") is not None and data.get("occurred_at") is not None:
            raise ValidationError("give occurred_on or occurred_at, not both", field_name="occurred_at")


class DocumentSchema(StrictSchema):
    """A document: its title, where it is, and optionally the SHA-256 of the file as logged."""

    title = Name(required=True)
    url = Url(required=True)
    sha256 = fields.String(validate=validate.Regexp(r"^[0-9a-fA-F]{64}$", error="must be 64 hex digits"),
                           load_default=None)


class CorrectionSchema(StrictSchema):
    """Marks a repeated recording as a correction of the previous one."""

    reason = Reason(required=True)


class DateRange:
    """Mixin check: `end` is not before `start`."""

    range_fields: tuple[str, str] = ("", "")

    @validates_schema
    def _range(self, data: dict[str, Any], **_: Any) -> None:
        start, end = self.range_fields
        if data.get(start) and data.get(end) and data[end] < data[start]:
            raise ValidationError(f"must not be before {start}", field_name=end)
