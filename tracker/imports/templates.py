"""The templates of the sheets `tracker import` reads, as a CSV file (UTF-8 with a BOM, so that Excel shows the
accents) or an XLSX workbook (the headers on its first sheet, what each column holds on a second), with the headers
in Spanish or English; either language is read back."""
from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tracker.imports.columns import COLUMNS

#: The formats a template is served in.
FORMATS = ("csv", "xlsx")
#: The media type of each format.
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
#: The name of the template's file, by kind and language.
FILE_NAMES = {"es": {"roster": "padron", "attendance": "asistencia", "contributions": "aportes"},
              "en": {"roster": "roster", "attendance": "attendance", "contributions": "contributions"}}


def template(kind: str, fmt: str, language: str = "es") -> bytes:
    """The template of `kind` in format `fmt` ('csv' or 'xlsx'), its headers in `language` ('es' or 'en')."""
    headers = [c.header(language) for c in COLUMNS[kind]]
    if fmt == "csv":
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerow(headers)
        return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
    book = Workbook()
    book.remove(book.worksheets[0])  # the blank sheet a new workbook starts with
    sheet = book.create_sheet(FILE_NAMES[language][kind])
    sheet.append(headers)
    for i, column in enumerate(COLUMNS[kind], start=1):
        sheet.cell(1, i).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(i)].width = max(14, len(column.header(language)) + 4)
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("instrucciones" if language == "es" else "instructions")
    notes.append(["columna", "obligatoria", "qué contiene"] if language == "es" else ["column", "required", "holds"])
    for column in COLUMNS[kind]:
        needed = ("sí" if column.required else "no") if language == "es" else ("yes" if column.required else "no")
        notes.append([column.header(language), needed, column.help_es if language == "es" else column.help_en])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    notes.column_dimensions["A"].width, notes.column_dimensions["C"].width = 28, 100
    out_bytes = io.BytesIO()
    book.save(out_bytes)
    return out_bytes.getvalue()


def file_name(kind: str, fmt: str, language: str = "es") -> str:
    """The template's file name, e.g. `plantilla-padron.xlsx` or `template-roster.csv`."""
    return f"{'plantilla' if language == 'es' else 'template'}-{FILE_NAMES[language][kind]}.{fmt}"
