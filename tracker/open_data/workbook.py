"""The open data as one XLSX workbook: one sheet per table, its header row bold and frozen, and an `about` sheet
last with the licence, when the data was read and the log position and head it was read at.

Every text goes in as text, never as a formula (a contribution may begin with `=`); days are dates, counts
numbers, instants ISO 8601 text with the forum's offset (a spreadsheet cell has no offset).
"""
from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tracker.open_data.package import descriptor
from tracker.open_data.tables import OpenData

BOLD = Font(bold=True)
#: The widest a column is made, in characters.
WIDEST = 60


def _put(sheet: Any, row: int, column: int, value: Any) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # text, even when it begins with "="
    elif isinstance(value, date) and not isinstance(value, datetime):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value


def _header(sheet: Any, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        _put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = BOLD
        sheet.column_dimensions[get_column_letter(column)].width = min(max(len(name) + 2, 12), WIDEST)
    sheet.freeze_panes = "A2"


def xlsx_bytes(data: OpenData, license_id: str) -> bytes:
    """The workbook's bytes."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the blank sheet a new workbook starts with
    for table in data.tables:
        sheet = book.create_sheet(table.name)
        _header(sheet, [f.name for f in table.fields])
        for r, values in enumerate(table.rows, start=2):
            for c, value in enumerate(values, start=1):
                _put(sheet, r, c, value)
    about = book.create_sheet("about")
    _header(about, ["property", "value"])
    package = descriptor(data, license_id)
    facts = [("title", package["title"]), ("license", package["licenses"][0]["name"]),
             ("created", package["created"]), ("log_position", package["log"]["position"]),
             ("log_head", package["log"]["head"]), ("forum_id", data.source.forum.id),
             ("timezone", data.source.forum.timezone)]
    for r, (key, value) in enumerate(facts, start=2):
        _put(about, r, 1, key)
        _put(about, r, 2, value)
    book.properties.title = package["title"]
    book.properties.created = data.source.now.astimezone(UTC).replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
