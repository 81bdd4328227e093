"""The inception report: GET /action-plans/{id}/report?format=html|md|json&as_of=&known_at=&lang= (public)."""
from __future__ import annotations

from flask import Response, jsonify
from flask.views import MethodView

from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.api.compliance import hide_evaluators
from tracker.auth import current_principal
from tracker.contract.report import ReportQuerySchema, ReportSchema
from tracker.report import html_content_security_policy, inception_report, to_html, to_markdown

blp = Blueprint("report", __name__, description="The inception report, rendered from the compliance answers")

#: The formats other than JSON. OpenAPI allows no `description` in a media type object: it goes in the schema.
_OTHER_FORMATS = {
    "text/html": {"schema": {"type": "string", "description": "format=html (the default): prints on A4"}},
    "text/markdown": {"schema": {"type": "string", "description": "format=md"}},
}


@blp.route("/action-plans/<plan_id>/report")
class Report(MethodView):
    @blp.arguments(ReportQuerySchema, location="query")
    @blp.doc(responses={"200": {"description": "the report, in the format asked for",
                                "content": {"application/json": {"schema": ReportSchema}, **_OTHER_FORMATS}}})
    @document_errors(blp, 400, 404, 422)
    def get(self, query, plan_id):
        """Sections 1 to 3 of the OGP Local inception report, each question with its answer, explanation and
        evidence, then the standards and a summary of contributions by status and days to respond.

        `as_of`, `known_at` and `lang` as for the compliance answers. Every format states the log position and
        head hash it was computed from: `tracker events verify --against POSITION:HASH` proves later that the
        log was not altered. Public; evaluators' names are shown to full readers only.
        """
        services = extension.services()
        report = inception_report(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"],
                                  lang=query["lang"], now=services.clock())
        if not current_principal().can_read_full(report["forum_id"]):
            hide_evaluators(report["sections"]["minimum_requirements"] + report["sections"][
                "recommended_practices"] + report["sections"]["standards"]
                + [k for c in report["commitments"] for k in c["checks"]])
        name = f"inception-report-{plan_id}"
        if query["format"] == "json":
            return jsonify(ReportSchema().dump(report))
        if query["format"] == "md":
            return Response(to_markdown(report), mimetype="text/markdown", headers={
                "Content-Disposition": f'inline; filename="{name}.md"'})
        html = to_html(report)
        return Response(html, mimetype="text/html", headers={
            "Content-Disposition": f'inline; filename="{name}.html"',
            "Content-Security-Policy": html_content_security_policy(html)})
