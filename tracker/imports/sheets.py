"""Reading a sheet: a CSV file (UTF-8 with or without a BOM, or Latin-1/cp1252; comma, semicolon or tab, told from
its header line) or an XLSX workbook (its first sheet), into numbered rows of text by column key.

Row numbers are the sheet's own (the header is row 1), so a problem names the row a person sees in the
spreadsheet. Dates in an XLSX cell are read as the day they show; numbers written as whole numbers lose the `.0`."""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import openpyxl

from tracker.imports.columns import COLUMNS, header_keys, plain

#: The most rows a sheet may hold (a roster or an attendance sheet is far smaller).
MAX_ROWS = 5_000


@dataclass(frozen=True)
class Problem:
    """Something wrong with a sheet, by row (1 is the header; 0 the command, `column` then naming the option) and
    column (its header as the file writes it, or None for the whole row)."""

    row: int
    column: str | None
    message: str
    #: One of SAID's keys when the import itself says it (the pages translate it), None when it is the record's
    #: refusal (an API message, which the pages translate as they translate the API's).
    code: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if self.row == 0:  # the command itself, or one of its options
            return f"{self.column}: {self.message}" if self.column else self.message
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


#: What the import itself says of a value, by code, in English (the pages say it in their language).
SAID = {
    "required": "a value is required",
    "unknown_word": "unknown {what} '{value}' (see the template's instructions)",
    "not_a_date": "'{value}' is not a date (write 2025-03-14 or 14/03/2025)",
    "duplicate_representative": "duplicate: {name} already represents '{organization}'",
    "other_sector": "'{organization}' is on the roster in another sector ({sector})",
    "column_twice": "the same column twice",
    "missing_column": "missing column ('{es}' or '{en}')",
    "too_many_rows": "more than {most} rows: split the file",
    "no_headers": "the first row must hold the column headers",
    "same_name": "{count} representatives on the roster are called {name}",
    "listed_twice": "duplicate: {name} is on row {other} already",
    "not_on_roster": "{name} matches no one on the roster on {day}: correct the name, or fill the organization and "
                     "the sector to record them as a guest",
    "duplicate_row": "duplicate of row {other} (same day, author and text)",
    "no_speaker": "'{organization}' has no representative serving on {day} to speak for it",
    "same_session_name": "{count} sessions of the forum are called '{value}': give the session's id",
    "no_session": "no session of the forum has the number, title or id '{value}'",
}


def said(row: int, column: str | None, code: str, **params: str) -> Problem:
    """The problem of code `code` (SAID) at that row and column."""
    return Problem(row, column, SAID[code].format(**params), code, tuple(params.items()))


@dataclass(frozen=True)
class Row:
    """A row of the sheet: its number and its values by column key (stripped; absent when empty)."""

    number: int
    values: dict[str, str]

    def get(self, key: str) -> str | None:
        return self.values.get(key)


@dataclass
class Sheet:
    """The rows of a sheet, the header each column key is written as, what was wrong with its header, and the
    columns ignored (not the template's: a sheet kept by hand may have a number, an ID card or a signature
    column)."""

    rows: list[Row] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def column(self, key: str) -> str:
        """The header the file writes column `key` as (the key itself when the file has no such column)."""
        return self.headers.get(key, key)


class Unreadable(ValueError):
    """The file is neither a CSV file nor an XLSX workbook this can read."""


def read_sheet(kind: str, content: bytes, filename: str) -> Sheet:
    """The sheet of `kind` in `content` (an XLSX workbook when it is a zip file or named .xlsx, else CSV)."""
    xlsx = content[:2] == b"PK" or filename.lower().endswith(".xlsx")
    return _sheet(kind, _xlsx_rows(content) if xlsx else _csv_rows(content))


def decode(content: bytes) -> str:
    """The text of a CSV file: UTF-8 (a BOM dropped) when it decodes as such, else cp1252 (Excel's on Windows),
    else Latin-1."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _csv_rows(content: bytes) -> list[list[str]]:
    text = decode(content)
    first = text.split("\n", 1)[0]
    delimiter = max((";", "\t", ","), key=lambda d: (first.count(d), d == ","))
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(content: bytes) -> list[list[str]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise Unreadable(f"not an XLSX workbook this can read ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _sheet(kind: str, table: list[list[str]]) -> Sheet:
    sheet = Sheet()
    if not table or not any(c.strip() for c in table[0]):
        sheet.problems.append(said(1, None, "no_headers"))
        return sheet
    known = header_keys(kind)
    keys: list[str | None] = []
    for header in table[0]:
        key = known.get(plain(header))
        if header.strip() and key is None:
            sheet.ignored.append(header.strip())
        elif key is not None and key in sheet.headers:
            sheet.problems.append(said(1, header.strip(), "column_twice"))
            key = None
        if key is not None:
            sheet.headers[key] = header.strip()
        keys.append(key)
    for column in COLUMNS[kind]:
        if column.required and column.key not in sheet.headers:
            sheet.problems.append(said(1, column.en, "missing_column", es=column.es, en=column.en))
    for number, cells in enumerate(table[1:], start=2):
        values = {k: c.strip() for k, c in zip(keys, cells, strict=False) if k is not None and c and c.strip()}
        if values:
            sheet.rows.append(Row(number, values))
    if len(sheet.rows) > MAX_ROWS:
        sheet.problems.append(said(MAX_ROWS + 2, None, "too_many_rows", most=str(MAX_ROWS)))
    return sheet
