"""The final report: GET /action-plans/{id}/final-report?format=html|md|json|pdf|docx&as_of=&known_at=&lang=
(public)."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView

from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.api.errors import error_body
from tracker.api.report import OTHER_FORMATS
from tracker.contract.final_report import FinalReportQuerySchema, FinalReportSchema
from tracker.http import FINAL, final_report, report_file
from tracker.report import PdfUnavailable

blp = Blueprint("final_report", __name__, description="The final report, after the plan's implementation")


@blp.route("/action-plans/<plan_id>/final-report")
class FinalReport(MethodView):
    @blp.arguments(FinalReportQuerySchema, location="query")
    @blp.doc(responses={"200": {"description": "the final report, in the format asked for",
                                "content": {"application/json": {"schema": FinalReportSchema}, **OTHER_FORMATS}}})
    @document_errors(blp, 400, 404, 422, 503)
    def get(self, query, plan_id):
        """The Local Monitoring Body's final report: per commitment (numbered as in the inception report) its
        completion computed from the milestones beside the evaluator's end-of-commitment assessment (completion,
        early results per OGP value, explanation, references), the evidence of progress and the amendments beside
        the endorsed text; co-creation during implementation (S.implementation, 2.1); the final assessment; every
        recommendation made on the plan with what later plans answered; the evidence annex.

        Available at any time: until the plan's period ends (on the day judged) it is a draft and says so.
        `format`: html (the default), md, json, pdf or docx; pdf and docx come as attachments named
        final-report-<plan>.pdf / .docx (503 when this server cannot make them). `as_of` (default: today),
        `known_at` and `lang` as for the compliance answers. Every format states the log position and head hash it
        was computed from. Public; evaluators' emails are shown to full readers only.
        """
        report = final_report(plan_id, query)
        try:
            return report_file(report, query["format"], f"final-report-{plan_id}", "inline", FINAL)
        except PdfUnavailable as error:
            return jsonify(error_body(503, "Service Unavailable", str(error), {})), 503
