"""The open data as a Frictionless Data Package: one CSV file per table (UTF-8, a header row of English field
names) and `datapackage.json` with a Table Schema for each, zipped together.

The descriptor names the licence (TRACKER_OPEN_DATA_LICENSE, CC-BY-4.0 by default), when the data was read, and
the log position and head hash it was read at, so anyone can check it against the log later
(`tracker events verify --against POSITION:HASH`).
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from tracker.open_data.tables import OpenData, Table

#: The licences the descriptor can link, by their SPDX id; another id is named without a link.
LICENSES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-By-1.0": ("Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication and License 1.0",
                 "https://opendatacommons.org/licenses/pddl/1-0/"),
}
DESCRIPTOR = "datapackage.json"


def cell(value: Any) -> str:
    """A value as a CSV cell: empty for None, `true`/`false`, ISO dates; instants are already ISO 8601 text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV (RFC 4180, UTF-8 without a byte-order mark), its header row the fields' names."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([f.name for f in table.fields])
    writer.writerows([cell(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8")


def package_name(forum_id: str) -> str:
    """The package's name: lower case, digits, `-`, `.` and `_` only as the spec allows (`_` becomes `-`)."""
    return f"{forum_id}-open-data".lower().replace("_", "-")


def licence(license_id: str) -> dict[str, str]:
    """The descriptor's licence entry for an SPDX id."""
    known = LICENSES.get(license_id)
    return {"name": license_id, "title": known[0], "path": known[1]} if known else {"name": license_id}


def descriptor(data: OpenData, license_id: str) -> dict[str, Any]:
    """`datapackage.json`: name, title, licences, when it was created, the log it was read at, and every resource
    with its path and Table Schema."""
    s = data.source
    return {
        "profile": "tabular-data-package",
        "name": package_name(s.forum.id),
        "title": f"{s.forum.name}: open data",
        "description": f"What the forum {s.forum.name} ({s.forum.member}) published, as of the log position "
                       f"{s.head.position}. No email, phone or gender, no minor's name, no member of the public's "
                       "name; texts the secretariat hid are withheld.",
        "licenses": [licence(license_id)],
        "created": s.local(s.now),
        "log": {"position": s.head.position, "head": s.head.hash},
        "forum": {"id": s.forum.id, "name": s.forum.name, "member": s.forum.member, "timezone": s.forum.timezone},
        "resources": [{
            "name": t.name, "path": f"{t.name}.csv", "profile": "tabular-data-resource", "title": t.title,
            "description": t.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": t.schema(),
        } for t in data.tables],
    }


def zip_bytes(data: OpenData, license_id: str) -> bytes:
    """The package zipped: `datapackage.json` first, then one CSV file per table, all at the archive's root."""
    moment = data.source.now.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        files = [(DESCRIPTOR, json.dumps(descriptor(data, license_id), ensure_ascii=False, indent=2).encode())]
        files += [(f"{t.name}.csv", csv_bytes(t)) for t in data.tables]
        for name, body in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=moment), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()
