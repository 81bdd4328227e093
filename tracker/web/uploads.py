"""Files chosen in the pages' forms (minutes, materials, publications): read and checked before the form's
command runs, stored only once it succeeded, so a refused form writes nothing.

A file field is named after the document it fills (`document.file`, `materials.0.file`, `file`): the document
then gets the file's address on this server as its `url` and the SHA-256 the server computed as its `sha256`
(people never type a hash). Without a file, the typed link is kept, and the hash recorded before (carried in a
hidden field with the link it was of) only while the link is unchanged.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import request
from marshmallow import Schema
from werkzeug.datastructures import FileStorage, MultiDict

from tracker import extension
from tracker.commands.base import Context, Outcome
from tracker.documents.store import Upload, accept, refuse_withdrawn, served_path, store_document
from tracker.domain.errors import DomainError
from tracker.http import context
from tracker.web.actions import Submission, submit
from tracker.web.refusals import refusal, translate


@dataclass
class Chosen:
    """The files chosen in a form, by the prefix of the document they fill ("document", "materials.0", ""), and
    the refusals, by field name."""

    files: dict[str, Upload] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)  # in the page's language
    status: int = 200
    message: str | None = None


def chosen(files: MultiDict[str, FileStorage], prefixes: list[str]) -> Chosen:
    """Read and check the file fields `<prefix>.file` (`file` for the empty prefix); nothing is stored."""
    out = Chosen()
    services = extension.services()
    limit = services.max_upload_bytes
    for prefix in prefixes:
        name = f"{prefix}.file" if prefix else "file"
        storage = files.get(name)
        if storage is None or not storage.filename:
            continue
        try:
            upload = accept(storage.stream.read(limit + 1), storage.filename, limit)
            refuse_withdrawn(services.engine, upload.sha256)
        except DomainError as error:
            said = [m for messages in error.errors.values() for m in messages] or [error.message]
            out.errors[name] = [translate(m) for m in said]
            out.status, out.message = error.status, refusal(error.message)
            continue
        out.files[prefix] = upload
    return out


def fill(part: dict[str, Any], upload: Upload | None, form: Mapping[str, str], prefix: str) -> dict[str, Any]:
    """The document `part` (title, url) with the chosen file's address and hash, or, without one, the hash
    recorded before while its link is unchanged."""
    key = f"{prefix}." if prefix else ""
    if upload is not None:
        part["url"] = request.host_url.rstrip("/") + served_path(upload.sha256)
        part["sha256"] = upload.sha256
    elif part.get("url") and part["url"] == form.get(f"{key}recorded_url") and form.get(f"{key}recorded_sha256"):
        part["sha256"] = form[f"{key}recorded_sha256"]
    return part


def store_chosen(ctx: Context, forum_id: str, found: Chosen) -> None:
    """Store the chosen files for the forum, once the form's command succeeded."""
    for upload in found.files.values():
        store_document(ctx, forum_id, upload)


def submit_with_files(found: Chosen, forum_id: str, schema: Schema, command: Callable[..., Outcome], target: str, *,
                      body: dict[str, Any], values: Mapping[str, Any],
                      check_first: Callable[[Context, dict[str, Any]], None] | None = None) -> Submission:
    """A form with files, as `actions.submit` runs a form: a refused file is the form's refusal (nothing run,
    nothing stored); otherwise the command runs, and the chosen files are stored once it succeeded.

    A command that cites the files themselves (a progress report's evidence names a document the forum stored)
    needs them stored before it runs: `check_first(ctx, data)` then decides the command against the record as if
    they were stored and raises its refusal (nothing stored, nothing run); only when it passes are the files
    stored and the command run, which decides again."""
    if found.errors:
        return Submission(values, message=found.message, errors=found.errors, status=found.status)
    if check_first is None:
        submission = submit(schema, command, target, body=body, values=values)
        if submission.ok:
            store_chosen(context(), forum_id, found)
        return submission
    check: Callable[[Context, dict[str, Any]], None] = check_first

    def stored_first(ctx: Context, target_id: str, data: dict[str, Any]) -> Outcome:
        check(ctx, data)
        store_chosen(ctx, forum_id, found)
        return command(ctx, target_id, data)

    return submit(schema, stored_first, target, body=body, values=values)
