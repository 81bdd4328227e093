"""What both HTTP adapters (the JSON API, `tracker/api/`, and the pages, `tracker/web/`) take from the request
being served: the command context, and the inception report as the caller may read it. Imports neither
adapter."""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from flask import Response, jsonify, request, url_for

from tracker import extension
from tracker.auth import current_principal
from tracker.auth.errors import UnknownUser
from tracker.auth.service import get_user
from tracker.commands.base import Context
from tracker.contract.report import ReportSchema
from tracker.report import html_content_security_policy, to_docx, to_html, to_markdown, to_pdf
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


def inception_report(plan_id: str, query: dict[str, Any]) -> dict[str, Any]:
    """The inception report of a plan as this request asks for it (`as_of`, `known_at`, `lang`), its evaluators
    named from their accounts and each piece of evidence linked to the forum's audit log; evaluators' emails
    (and their names on judgements) only for full readers."""
    services = extension.services()

    def evaluator(email: str) -> tuple[str | None, str | None] | None:
        try:
            user = get_user(services.engine, email)
        except UnknownUser:
            return None
        return user.name, user.organization

    def log_link(position: int) -> str:
        return url_for("web.audit.log", forum_id=forum_id, after=max(position - 1, 0), _external=True) + (
            f"#event-{position}")

    forum_id = services.store.tenant_of(plan_id) or ""
    report = build(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"], lang=query["lang"],
                   now=services.clock(), evaluators=evaluator, log_link=log_link)
    if not current_principal().can_read_full(report["forum_id"]):
        hide_evaluators([*[c for name in report["sections"] for c in report["sections"][name]],
                         *[k for c in report["commitments"] for k in c["checks"]]])
        for person in report["overview"]["evaluators"]:
            person["email"] = None
    return report


def report_file(report: dict[str, Any], fmt: str, name: str, disposition: str) -> Response:
    """The report in `fmt` as the API and the pages' downloads answer it, named `name`.<fmt>. `disposition` is
    `inline` or `attachment` for the text formats (JSON inline carries no file name); PDF and DOCX are always
    attachments; the HTML goes with its Content-Security-Policy. Raises `PdfUnavailable` when this server cannot
    draw a PDF (each adapter says so in its own way)."""
    named = {"Content-Disposition": f'{disposition}; filename="{name}.{fmt}"'}
    if fmt == "json":
        answer = jsonify(ReportSchema().dump(report))
        if disposition == "attachment":
            answer.headers.update(named)
        return answer
    if fmt in ("pdf", "docx"):
        data = to_pdf(report) if fmt == "pdf" else to_docx(report)
        return Response(data, mimetype=REPORT_MEDIA_TYPES[fmt], headers={
            "Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
    if fmt == "md":
        return Response(to_markdown(report), mimetype=REPORT_MEDIA_TYPES[fmt], headers=named)
    html = to_html(report)
    return Response(html, mimetype=REPORT_MEDIA_TYPES["html"],
                    headers={**named, "Content-Security-Policy": html_content_security_policy(html)})
