"""What the contract's schemas share: strict schemas, bounded texts (one-line names and titles, multi-line free
texts), bounded integers, choices, URLs, instants, documents, corrections and date ranges."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from tracker.domain.names import EMPTY, clean, has_letters, multi_line_problem, one_line_problem

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


def is_multi_line(value: str) -> None:
    """Refuse what a free text has no use for: NUL and lone surrogates (`is_text`), and the control characters
    but TAB, LF, CR (and the Unicode line and paragraph separators), which it keeps."""
    is_text(value)
    problem = multi_line_problem(value)
    if problem:
        raise ValidationError(problem)


class OneLine(fields.String):
    """A one-line text: a name or a title, which pages, reports, mails and calendars render into a heading, a
    header or a table cell.

    Refused (422, under the field's name): NUL or a lone surrogate, any control character (C0 with TAB, CR and
    LF, DEL, C1, LINE and PARAGRAPH SEPARATOR), a bidirectional embedding, override or isolate, and a text with
    no letter or digit in it (only spaces, punctuation or invisible characters). Loaded as
    `tracker.domain.names.clean` makes it: NFC, invisible characters removed, each run of whitespace (NBSP too)
    one space, trimmed; of 1 to `longest` characters once cleaned. A text many times longer is refused before it
    is cleaned (cleaning a MiB is not free)."""

    #: What the OpenAPI document states of it (the fuzzer then sends control characters and expects a refusal);
    #: having a letter or digit, and the length once cleaned, it does not state.
    PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]*$"

    def __init__(self, *, longest: int = NAME.max or 300, **kw: Any) -> None:
        self.length = validate.Length(min=1, max=longest)
        kw["metadata"] = {"pattern": self.PATTERN, **kw.get("metadata", {})}
        super().__init__(validate=self.length, **kw)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kw: Any) -> str:
        text = super()._deserialize(value, attr, data, **kw)
        if len(text) > 4 * (self.length.max or 0):
            self.length(text)
        is_text(text)
        problem = one_line_problem(text)
        if problem:
            raise ValidationError(problem)
        cleaned = clean(text)
        if not has_letters(cleaned):
            raise ValidationError(EMPTY)
        return cleaned


def Name(**kw: Any) -> fields.String:
    """A name or title: one line (`OneLine`), 1 to 300 characters once cleaned."""
    return OneLine(**kw)


def Text(**kw: Any) -> fields.String:
    """A free text such as a contribution: 1 to 20,000 characters of text; line breaks and tabs allowed, no other
    control character."""
    return fields.String(validate=[TEXT, is_multi_line], **kw)


def Reason(**kw: Any) -> fields.String:
    """A reason or explanation: 1 to 2,000 characters of text; line breaks and tabs allowed, no other control
    character."""
    return fields.String(validate=[REASON, is_multi_line], **kw)


def Count(low: int, high: int, **kw: Any) -> fields.Integer:
    """An integer from `low` to `high`, sent as a JSON integer (not a string, not 7.5: never truncated)."""
    return fields.Integer(strict=True, validate=validate.Range(min=low, max=high), **kw)


#: A hexadecimal SHA-256, nothing after it (not even the line break `$` would let through; ECMA-262 syntax, for the
#: OpenAPI document).
SHA256 = validate.Regexp(r"^[0-9a-fA-F]{64}(?![\s\S])", error="must be 64 hex digits")


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
    sha256 = fields.String(validate=SHA256, load_default=None)


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
