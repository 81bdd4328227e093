"""A forum's open data (public): GET /forums/{id}/open-data.zip (a Frictionless Data Package of CSV files),
/open-data.xlsx (the same tables as one workbook), /popolo.json (the roster as Popolo) and /ocd-events.json (the
sessions as Open Civic Data events). Each names no one the public pages would not name (docs/open-data.md)."""
from __future__ import annotations

import re

from flask import Response, current_app, url_for
from flask.views import MethodView

from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.domain.errors import NotFound
from tracker.domain.streams import FORUM
from tracker.open_data import open_data, read
from tracker.open_data.ocd import ocd_events
from tracker.open_data.package import zip_bytes
from tracker.open_data.popolo import popolo
from tracker.open_data.workbook import xlsx_bytes

blp = Blueprint("open_data", __name__, description="A forum's open data: CSV package, workbook, Popolo, OCD events")

#: What a forum's id can look like; anything else is unknown and never sent to the database.
_FORUM_ID = re.compile(rf"{FORUM.prefix}_[A-Za-z0-9_-]{{1,100}}")
ZIP = "application/zip"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: OpenAPI allows no `description` in a media type object: it goes in the schema.
_BINARY = {
    ZIP: "a Frictionless Data Package: datapackage.json and one CSV file per table (docs/open-data.md)",
    XLSX: "one sheet per table, the header row bold and frozen, and an `about` sheet",
}
_CACHE = "public, max-age=300"


def _known(forum_id: str) -> str:
    if not _FORUM_ID.fullmatch(forum_id):
        raise NotFound(f"no forum has the id {forum_id}")
    return forum_id


def _file(body: bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": _CACHE})


def _license() -> str:
    return str(current_app.config.get("OPEN_DATA_LICENSE") or "CC-BY-4.0")


def _binary(media: str) -> dict:
    schema = {"type": "string", "format": "binary", "description": _BINARY[media]}
    return {"200": {"description": _BINARY[media], "content": {media: {"schema": schema}}}}


@blp.route("/forums/<forum_id>/open-data.zip")
class OpenDataPackage(MethodView):
    @blp.doc(responses=_binary(ZIP))
    @document_errors(blp, 404)
    def get(self, forum_id):
        """The forum's open data as a Frictionless Data Package, zipped: `datapackage.json` (name, title,
        licences, created, the log position and head it was read at, each resource's Table Schema) and one CSV
        file per table. Public: no contact data, no minor's name, no member of the public's name."""
        data = open_data(extension.services(), _known(forum_id))
        return _file(zip_bytes(data, _license()), ZIP, f"{forum_id}-open-data.zip")


@blp.route("/forums/<forum_id>/open-data.xlsx")
class OpenDataWorkbook(MethodView):
    @blp.doc(responses=_binary(XLSX))
    @document_errors(blp, 404)
    def get(self, forum_id):
        """The same tables as one XLSX workbook, one sheet each. Public."""
        data = open_data(extension.services(), _known(forum_id))
        return _file(xlsx_bytes(data, _license()), XLSX, f"{forum_id}-open-data.xlsx")


@blp.route("/forums/<forum_id>/popolo.json")
class Popolo(MethodView):
    @blp.doc(responses={"200": {"description": "the roster as a Popolo document", "content": {
        "application/json": {"schema": {"type": "object"}}}}})
    @document_errors(blp, 404)
    def get(self, forum_id):
        """The roster as Popolo: `organizations` (the forum and its members), `persons` (representatives' names
        as the public pages show them: never a minor, never contact data), `posts` and `memberships`. Public."""
        body = popolo(read(extension.services(), _known(forum_id)))
        return current_app.json.response(body), 200, {"Cache-Control": _CACHE}


@blp.route("/forums/<forum_id>/ocd-events.json")
class OcdEvents(MethodView):
    @blp.doc(responses={"200": {"description": "the sessions as Open Civic Data events", "content": {
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}})
    @document_errors(blp, 404)
    def get(self, forum_id):
        """Each session as an Open Civic Data event: name, start_date, status, location, agenda, the member
        organizations that attended, documents, and the tracker's own facts in `extras`. Public."""
        source = read(extension.services(), _known(forum_id))
        page = url_for("web.public.forum", forum_id=forum_id, _external=True)
        return current_app.json.response(ocd_events(source, page)), 200, {"Cache-Control": _CACHE}
