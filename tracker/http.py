"""What both HTTP adapters (the JSON API, `tracker/api/`, and the pages, `tracker/web/`) take from the request
being served: the command context, the inception and final reports as the caller may read them, and the answers
kept ready for anonymous readers (`served_publicly`). Imports neither adapter."""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, jsonify, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import Schema

from tracker import extension
from tracker.answer_cache import Answer, AnswerCache, quarter_hour
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


#: What a stream id can look like (`frm_`, `con_`, `pln_`... and hex digits); anything else is served uncached and
#: never sent to the database as a key (PostgreSQL refuses a NUL in a text parameter).
_STREAM_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
#: The headers an answer kept ready is served with again (the others are the request's own).
_KEPT_HEADERS = frozenset({"Content-Disposition", "Content-Security-Policy", "Cache-Control"})


def public_answers(app: Flask) -> AnswerCache:
    """This application's answers kept ready for anonymous readers (one per app: tests build many apps)."""
    cache: AnswerCache = app.extensions.setdefault("public_answers", AnswerCache())
    return cache


def served_publicly(stream_id: str, produce: Callable[[], ResponseReturnValue],
                    also: Callable[[], Hashable] | None = None) -> Response:
    """The answer `produce` gives an anonymous reader, kept and served again while nothing new is logged in the
    forum of `stream_id` (the forum, or a plan, contribution... of it), within the same quarter hour.

    Kept per address, query, language asked for (`?lang=`, the one remembered in the session, Accept-Language)
    and host, so an answer is only ever served to a request that would have produced the same bytes. Only a 200
    is kept, and never a page holding a form's CSRF token or a message flashed to this visitor's session; a
    signed-in reader (a page's session or an API token) always gets a fresh answer, as what they may read
    differs. `also` gives what else the answer shows that the forum's log does not hold (the head published
    last, on the forum's page), read on each request as part of the key. Served again, an answer goes gzipped to
    a client that accepts it, with a weak entity tag naming the forum's position, and 304 Not Modified to a
    client that holds it."""
    if (not _STREAM_ID.fullmatch(stream_id) or not current_principal().is_anonymous
            or current_user.is_authenticated or session.get("_flashes")):
        return current_app.make_response(produce())
    services = extension.services()
    place = services.store.tenant_position(stream_id)
    if place is None:  # unknown: the view says so
        return current_app.make_response(produce())
    key = ("public", request.endpoint, request.path, tuple(sorted(request.args.items(multi=True))),
           session.get("lang"), request.headers.get("Accept-Language"), request.host_url,
           quarter_hour(services.clock()), also() if also is not None else None)
    cache = public_answers(current_app)
    answer = cache.get(key, place[1])
    if answer is not None:
        return answer_response(answer, reused=True, vary=("Accept-Language", "Cookie"))
    response = current_app.make_response(produce())
    if response.status_code != 200 or response.is_streamed or response.direct_passthrough:
        return response
    body = response.get_data()
    if b'name="csrf_token"' in body:
        return response
    headers = tuple((k, v) for k, v in response.headers.items() if k in _KEPT_HEADERS)
    answer = cache.put(key, place[1], body, response.content_type or "application/octet-stream", headers)
    response.set_etag(answer.etag, weak=True)
    response.vary.update(("Accept-Encoding", "Accept-Language", "Cookie"))
    return response


def answer_response(answer: Answer, reused: bool, vary: Iterable[str] = ("Authorization",)) -> Response:
    """An answer kept ready as a response: 304 Not Modified to a client holding its entity tag, gzipped when
    `reused` (compressed once, on its first reuse) and the client accepts it, else as it is; it varies with the
    encoding and with `vary`."""
    if request.if_none_match.contains_weak(answer.etag):
        response = Response(status=304)
    elif reused and "gzip" in request.accept_encodings:
        response = Response(answer.gzipped(), content_type=answer.mimetype, headers=answer.headers)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(answer.body, content_type=answer.mimetype, headers=answer.headers)
    response.set_etag(answer.etag, weak=True)
    response.vary.update(("Accept-Encoding", *vary))
    return response
