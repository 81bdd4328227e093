"""`tracker export open-data`: a forum's open data written to a file, as GET /api/v1/forums/{id}/open-data.zip
serves it (the read models brought up to the log first)."""
from __future__ import annotations

import click
from flask import current_app

from tracker import extension
from tracker.domain.errors import NotFound
from tracker.open_data import open_data
from tracker.open_data.package import zip_bytes


@click.group("export")
def export() -> None:
    """Exports of what the public may read."""


@export.command("open-data")
@click.option("--forum", "forum_id", required=True, help="The forum's id (frm_...).")
@click.option("--license", "license_id", default=None,
              help="The licence's SPDX id for datapackage.json (default: TRACKER_OPEN_DATA_LICENSE, CC-BY-4.0).")
@click.argument("file", type=click.File("wb", lazy=True))
def export_open_data(forum_id: str, license_id: str | None, file) -> None:
    """Write the forum's open data to FILE ('-' for standard output): a zipped Frictionless Data Package of CSV
    files, with no contact data, no minor's name and no member of the public's name."""
    try:
        data = open_data(extension.services(), forum_id)
    except NotFound as exc:
        raise click.ClickException(str(exc)) from None
    file.write(zip_bytes(data, license_id or current_app.config["OPEN_DATA_LICENSE"]))
    head = data.source.head
    click.echo(f"exported the open data of {forum_id} ({len(data.tables)} tables), read at {head.position}:{head.hash}",
               err=True)
