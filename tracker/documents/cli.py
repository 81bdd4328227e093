"""`tracker documents`: the documents' bytes in and out of a backup (the event export carries the log, not them)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker import extension
from tracker.documents.backup import DocumentImportRefused, export_documents, import_documents


@click.group("documents")
def documents() -> None:
    """The uploaded documents' bytes: export them beside an event export, import them after one."""


@documents.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def documents_export(directory: Path) -> None:
    """Write each held document's bytes to DIRECTORY/<sha256> (withdrawn ones never)."""
    count = export_documents(extension.services().engine, directory)
    click.echo(f"exported {count} document(s) to {directory}", err=True)


@documents.command("import")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def documents_import(directory: Path) -> None:
    """Load DIRECTORY/<sha256> files into this database, whose log was imported first (`tracker events import`):
    all or none; each file must hash to its name and be what the log's DocumentStored events say; withdrawn
    documents are never restored."""
    try:
        done = import_documents(extension.services().store, directory)
    except DocumentImportRefused as exc:
        click.echo(f"import refused, nothing imported: {exc}", err=True)
        sys.exit(1)
    click.echo(f"imported {done.loaded} document(s); {done.withdrawn} withdrawn one(s) recorded without bytes")
    for sha256 in done.missing:
        click.echo(f"missing: {sha256} is in the log but neither in {directory} nor in the database", err=True)
