"""The inception report: GET /action-plans/{id}/report?format=html|md|json|pdf|docx&as_of=&known_at=&lang=
(public)."""
from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue
from flask.views import MethodView

from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.api.errors import error_body
from tracker.contract.report import ReportQuerySchema, ReportSchema
from tracker.http import REPORT_MEDIA_TYPES, inception_report, report_file, served_publicly
from tracker.report import PdfUnavailable

blp = Blueprint("report", __name__, description="The inception report, rendered from the compliance answers")

#: The formats other than JSON (the final report answers them too). OpenAPI allows no `description` in a media
#: type object: it goes in the schema.
OTHER_FORMATS = {
    "text/html": {"schema": {"type": "string", "description": "format=html (the default): prints on A4"}},
    "text/markdown": {"schema": {"type": "string", "description": "format=md"}},
    REPORT_MEDIA_TYPES["pdf"]: {"schema": {"type": "string", "format": "binary",
                     "description": "format=pdf: A4, from the HTML; an attachment"}},
    REPORT_MEDIA_TYPES["docx"]: {"schema": {"type": "string", "format": "binary",
                      "description": "format=docx: a Word document; an attachment"}},
}


@blp.route("/action-plans/<plan_id>/report")
class Report(MethodView):
    @blp.arguments(ReportQuerySchema, location="query")
    @blp.doc(responses={"200": {"description": "the report, in the format asked for",
                                "content": {"application/json": {"schema": ReportSchema}, **OTHER_FORMATS}}})
    @document_errors(blp, 400, 404, 422, 503)
    def get(self, query, plan_id):
        """Sections 1 to 3 of the OGP Local inception report, each question with its answer, explanation and
        evidence, then the standards and a summary of contributions by status and days to respond.

        `format`: html (the default), md, json, pdf or docx; pdf and docx come as attachments named
        inception-report-<plan>.pdf / .docx (503 when this server cannot make them). `as_of`, `known_at` and
        `lang` as for the compliance answers. Every format states the log position and head hash it was
        computed from: `tracker events verify --against POSITION:HASH` proves later that the log was not
        altered. Public; evaluators' names are shown to full readers only.
        """
        return served_publicly(plan_id, lambda: _report(plan_id, query))


def _report(plan_id: str, query: dict[str, Any]) -> ResponseReturnValue:
    report = inception_report(plan_id, query)
    try:
        return report_file(report, query["format"], f"inception-report-{plan_id}", "inline")
    except PdfUnavailable as error:
        return jsonify(error_body(503, "Service Unavailable", str(error), {})), 503
