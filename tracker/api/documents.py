"""Documents uploaded to the tracker: POST /forums/{forum_id}/documents (and POST /documents with `forum_id` as a
form field), GET /documents/{sha256} (public), POST /documents/{sha256}/withdrawal (admin).

A file is sent as multipart/form-data, field `file`. Its type is read from its bytes (PDF, PNG, JPEG, GIF, WebP,
.docx, .xlsx, .pptx, .odt, .ods, .odp; never SVG or HTML), its SHA-256 computed by the server; the answer gives
the `url` and `sha256` to put in a document field (minutes, materials, publications, endorsements). These
requests alone may be as large as TRACKER_MAX_UPLOAD_BYTES: `_upload_limit` raises the body limit, app-wide,
for every view marked with `tracker.documents.accepts_files` (the pages' upload forms too), before the CSRF check
of the pages reads their form.
"""
from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import quote

from flask import Response, current_app, request
from flask.views import MethodView
from marshmallow import fields
from werkzeug.datastructures import Headers

from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.api.guards import administers, forum_param, writes
from tracker.auth import current_principal, require_write
from tracker.contract.base import Reason, StrictSchema
from tracker.documents import accepts_files, body_limit
from tracker.documents.store import Stored, accept, served, served_path, store_document, withdraw
from tracker.domain.errors import InvalidField
from tracker.http import context

blp = Blueprint("documents", __name__, description="Files the record cites: uploaded, served, withdrawn")

#: How a served document may be used by a browser: no script, no plugin, no framing by other sites.
DOCUMENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"
_FILE: dict[str, Any] = {"type": "string", "format": "binary",
                         "description": "PDF, PNG, JPEG, GIF, WebP, .docx, .xlsx, .pptx, .odt, .ods or .odp; at most "
                                        "TRACKER_MAX_UPLOAD_BYTES (20 MiB by default)"}
_MULTIPART: dict[str, Any] = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"], "properties": {"file": _FILE}}}}}
_MULTIPART_WITH_FORUM: dict[str, Any] = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["forum_id", "file"], "properties": {
        "forum_id": {"type": "string", "description": "the forum the document is stored for"}, "file": _FILE}}}}}
_BYTES = {"description": "the document's bytes, of its stored type", "content": {
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}


@blp.before_app_request
def _upload_limit() -> None:
    """A view marked with `accepts_files` reads a `multipart/form-data` body (a form with files) up to the upload
    limit instead of MAX_CONTENT_LENGTH; any other body it is sent stays within 1 MiB (JSON never grows)."""
    if request.mimetype != "multipart/form-data":
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "accepts_files", False) or getattr(getattr(view, "view_class", None), "accepts_files", False):
        request.max_content_length = body_limit(extension.services().max_upload_bytes)


class StoredDocumentSchema(StrictSchema):
    sha256 = fields.String(required=True, metadata={"description": "SHA-256 of the bytes, computed by the server"})
    url = fields.String(required=True, metadata={"description": "the absolute address it is served at"})
    media_type = fields.String(required=True, metadata={"description": "the type read from its bytes"})
    size = fields.Integer(required=True, metadata={"description": "in bytes"})
    filename = fields.String(required=True, metadata={"description": "the name it was uploaded under, cleaned"})
    positions = fields.List(fields.Integer(), required=True,
                            metadata={"description": "the DocumentStored event appended (none when the forum "
                                                     "had stored these bytes already)"})


class WithdrawalSchema(StrictSchema):
    reason = Reason(required=True, metadata={"description": "why the bytes are withdrawn (never personal data)"})


class WithdrawnSchema(StrictSchema):
    id = fields.String(required=True, metadata={"description": "the document's SHA-256"})
    positions = fields.List(fields.Integer(), required=True)


def absolute_url(sha256: str) -> str:
    """The document's address as a client reaches this server."""
    return request.host_url.rstrip("/") + served_path(sha256)


def _upload(forum_id: str) -> tuple[dict[str, Any], int]:
    """Store the request's `file` for the forum (the caller was authorized already)."""
    file = request.files.get("file")
    if file is None:
        raise InvalidField("file", "send the file as multipart/form-data, field 'file'")
    limit = extension.services().max_upload_bytes
    content = file.stream.read(limit + 1)
    upload = accept(content, file.filename, limit)
    stored: Stored = store_document(context(), forum_id, upload)
    body = {"sha256": stored.sha256, "url": absolute_url(stored.sha256), "media_type": stored.media_type,
            "size": stored.size, "filename": stored.filename, "positions": [e.position for e in stored.events]}
    return body, 201 if stored.events else 200


@blp.route("/forums/<forum_id>/documents")
@accepts_files
class ForumDocuments(MethodView):
    @writes(forum_param)
    @blp.doc(requestBody=_MULTIPART)
    @blp.response(201, StoredDocumentSchema)
    @blp.alt_response(200, schema=StoredDocumentSchema, description="the forum had stored these bytes already")
    @document_errors(blp, 400, 401, 403, 404, 410, 413, 415, 422)
    def post(self, forum_id):
        """Upload a file for the forum (its secretariat, or an admin): stored once by its SHA-256, with a
        DocumentStored event in the forum's log. 415 for a type not accepted (read from the bytes: a name or a
        Content-Type is never trusted; SVG and HTML never), 413 over the limit, 410 for bytes an admin withdrew.
        Put the answer's `url` and `sha256` in the document fields of minutes, materials or publications."""
        return _upload(forum_id)


@blp.route("/documents")
@accepts_files
class Documents(MethodView):
    @blp.doc(requestBody=_MULTIPART_WITH_FORUM)
    @blp.response(201, StoredDocumentSchema)
    @blp.alt_response(200, schema=StoredDocumentSchema, description="the forum had stored these bytes already")
    @document_errors(blp, 400, 401, 403, 404, 410, 413, 415, 422)
    def post(self):
        """The same as POST /forums/{forum_id}/documents, the forum named by the form field `forum_id`."""
        if current_principal().is_anonymous:
            require_write("")  # 401 before the body is read
        forum_id = request.form.get("forum_id", "")
        if not forum_id:
            raise InvalidField("forum_id", "name the forum the document is stored for")
        forum_param({"forum_id": forum_id})  # 404 for an unknown forum
        require_write(forum_id)
        return _upload(forum_id)


@blp.route("/documents/<sha256>")
class Document(MethodView):
    @blp.doc(responses={"200": _BYTES})
    @document_errors(blp, 404, 410)
    def get(self, sha256):
        """The document's bytes (public), with its stored type: PDFs and images inline, anything else as an
        attachment; never interpreted as a page (nosniff, a sandboxing Content-Security-Policy). 410 once an admin
        withdrew it: its SHA-256 and the withdrawal stay in the log."""
        doc = served(extension.services().engine, sha256)
        headers = Headers()
        names = _filename_parameters(doc.filename)
        headers.set("Content-Disposition", "inline" if doc.inline else "attachment", **names)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Content-Security-Policy"] = DOCUMENT_CSP
        headers["Cache-Control"] = "public, no-cache"
        response = Response(doc.content, mimetype=doc.media_type, headers=headers)
        response.set_etag(doc.sha256)
        return response.make_conditional(request)


@blp.route("/documents/<sha256>/withdrawal")
class Withdrawal(MethodView):
    @administers()
    @blp.arguments(WithdrawalSchema)
    @blp.response(201, WithdrawnSchema)
    @document_errors(blp, 400, 401, 403, 404, 409, 422)
    def post(self, body, sha256):
        """Withdraw a document's bytes (admin only), e.g. a scan that shows a person's data: they are deleted and
        never served again (410); a DocumentWithdrawn event in the log of each forum that stored it keeps the
        hash and the reason, so the documents that cite it still verify against a copy kept elsewhere."""
        events = withdraw(context(), sha256, body["reason"])
        return {"id": sha256, "positions": [e.position for e in events]}, 201


def _filename_parameters(filename: str) -> dict[str, str]:
    """Content-Disposition's name parameters: plain ASCII as is; otherwise an ASCII fallback and RFC 5987's
    UTF-8 form."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        simple = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii") or "document"
        return {"filename": simple, "filename*": "UTF-8''" + quote(filename, safe="!#$&+^`|")}
    return {"filename": filename}

