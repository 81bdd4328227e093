"""What both HTTP adapters (the JSON API, `tracker/api/`, and the pages, `tracker/web/`) take from the request
being served: the command context, and the inception and final reports as the caller may read them. Imports neither
adapter."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Response, jsonify, request, url_for
from marshmallow import Schema

from tracker import extension
from tracker.auth import current_principal
from tracker.auth.errors import UnknownUser
from tracker.auth.service import get_user
from tracker.commands.base import Context
from tracker.contract.final_report import FinalReportSchema
from tracker.contract.report import ReportSchema
from tracker.documents.store import served_path
from tracker.report import final_report as build_final
from tracker.report import (
    html_content_security_policy,
    to_docx,
    to_final_docx,
    to_final_html,
    to_final_markdown,
    to_final_pdf,
    to_html,
    to_markdown,
    to_pdf,
)
from tracker.report import inception_report as build

#: The report's formats as files: format -> media type.
REPORT_MEDIA_TYPES = {
    "html": "text/html", "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown", "json": "application/json",
}


def context() -> Context:
    """The command context of the current request."""
    services = extension.services()
    principal = current_principal()
    return Context(
        store=services.store,
        now=services.clock(),
        actor=principal.email or "anonymous",
        if_match=request.headers.get("If-Match"),
        correlation_id=correlation_id(request.headers.get("X-Correlation-Id")),
        projector=services.projector,
    )


def correlation_id(value: str | None) -> str | None:
    """An `X-Correlation-Id` header as the log stores it: a UUID in any form `uuid.UUID` reads (`urn:uuid:...`,
    `{...}`, upper case, without hyphens) in its canonical 36-character lower-case form, which fits the column on
    every engine and survives an export into another. Anything else is ignored (None: the store makes one), as
    docs/api.md promises."""
    if not value:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def hide_evaluators(checks: Iterable[dict[str, Any]]) -> None:
    """What anonymous and other partial readers see: the evaluator behind a judgement is not named."""
    for check in checks:
        if check["judgement"] is not None:
            check["judgement"]["by"] = None


def _evaluator(email: str) -> tuple[str | None, str | None] | None:
    """An evaluator's name and organization from their account (None when there is none)."""
    try:
        user = get_user(extension.services().engine, email)
    except UnknownUser:
        return None
    return user.name, user.organization


def _log_link(forum_id: str) -> Callable[[int], str]:
    """The address of the forum's audit log at an event's position."""
    def link(position: int) -> str:
        return url_for("web.audit.log", forum_id=forum_id, after=max(position - 1, 0), _external=True) + (
            f"#event-{position}")
    return link


def inception_report(plan_id: str, query: dict[str, Any]) -> dict[str, Any]:
    """The inception report of a plan as this request asks for it (`as_of`, `known_at`, `lang`), its evaluators
    named from their accounts and each piece of evidence linked to the forum's audit log; evaluators' emails
    (and their names on judgements) only for full readers."""
    services = extension.services()
    forum_id = services.store.tenant_of(plan_id) or ""
    report = build(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"], lang=query["lang"],
                   now=services.clock(), evaluators=_evaluator, log_link=_log_link(forum_id))
    if not current_principal().can_read_full(report["forum_id"]):
        hide_evaluators([*[c for name in report["sections"] for c in report["sections"][name]],
                         *[k for c in report["commitments"] for k in c["checks"]]])
        for person in report["overview"]["evaluators"]:
            person["email"] = None
    return report


def final_report(plan_id: str, query: dict[str, Any]) -> dict[str, Any]:
    """The final report of a plan as this request asks for it (`as_of`, default today; `known_at`; `lang`), its
    evaluators named from their accounts, its evidence linked to the forum's audit log and its stored documents
    to `GET /documents/{sha256}`; evaluators' emails only for full readers."""
    services = extension.services()
    forum_id = services.store.tenant_of(plan_id) or ""

    def document_link(sha256: str) -> str:
        return request.host_url.rstrip("/") + served_path(sha256)

    report = build_final(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"],
                         lang=query["lang"], now=services.clock(), evaluators=_evaluator,
                         log_link=_log_link(forum_id), document_link=document_link)
    if not current_principal().can_read_full(report["forum_id"]):
        hide_evaluators(report["cocreation"])
        for person in report["overview"]["evaluators"]:
            person["email"] = None
    return report


@dataclass(frozen=True)
class ReportFormats:
    """How one report is written in each format: its JSON schema and its renderers."""

    schema: type[Schema]
    html: Callable[[dict[str, Any]], str]
    markdown: Callable[[dict[str, Any]], str]
    pdf: Callable[[dict[str, Any]], bytes]
    docx: Callable[[dict[str, Any]], bytes]


INCEPTION = ReportFormats(ReportSchema, to_html, to_markdown, to_pdf, to_docx)
FINAL = ReportFormats(FinalReportSchema, to_final_html, to_final_markdown, to_final_pdf, to_final_docx)


def report_file(report: dict[str, Any], fmt: str, name: str, disposition: str,
                formats: ReportFormats = INCEPTION) -> Response:
    """The report in `fmt` as the API and the pages' downloads answer it, named `name`.<fmt>, written by `formats`
    (the inception report's unless told). `disposition` is `inline` or `attachment` for the text formats (JSON
    inline carries no file name); PDF and DOCX are always attachments; the HTML goes with its
    Content-Security-Policy. Raises `PdfUnavailable` when this server cannot draw a PDF (each adapter says so in
    its own way)."""
    named = {"Content-Disposition": f'{disposition}; filename="{name}.{fmt}"'}
    if fmt == "json":
        answer = jsonify(formats.schema().dump(report))
        if disposition == "attachment":
            answer.headers.update(named)
        return answer
    if fmt in ("pdf", "docx"):
        data = formats.pdf(report) if fmt == "pdf" else formats.docx(report)
        return Response(data, mimetype=REPORT_MEDIA_TYPES[fmt], headers={
            "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
    if fmt == "md":
        return Response(formats.markdown(report), mimetype=REPORT_MEDIA_TYPES[fmt], headers=named)
    html = formats.html(report)
    return Response(html, mimetype=REPORT_MEDIA_TYPES["html"],
                    headers={**named, "Content-Security-Policy": html_content_security_policy(html)})
