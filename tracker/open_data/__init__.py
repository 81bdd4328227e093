"""A forum's open data: what its public pages show, as tables others can reuse.

`tables` reads the forum once (`read`) and lays out the rows and their Table Schemas; `package` writes them as a
Frictionless Data Package (CSV files and `datapackage.json`, zipped), `workbook` as one XLSX workbook, `popolo` the
roster as a Popolo document and `ocd` the sessions as Open Civic Data events. What the public may see is decided
in `tables` and nowhere else: no email, phone or gender, never a minor's name, never a member of the public's name,
hidden texts withheld (docs/open-data.md lists every file and field).
"""
from __future__ import annotations

from tracker.open_data.tables import OpenData, Source, Table, open_data, read

__all__ = ["OpenData", "Source", "Table", "open_data", "read"]
