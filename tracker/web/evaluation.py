"""The evaluator's pages: a plan's compliance answers with their evidence (`/action-plans/<plan_id>/compliance`),
the judgement and assessment forms, the report's downloads and a contribution's trail.

For admins and for evaluators and secretariat users who read the forum in full; the forms only for those who may
evaluate it (admins, evaluators). Answers come from `tracker.compliance.compute` and the report from
`tracker.report`, exactly as the API computes them; the forms go through the API's schemas and commands.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from marshmallow import ValidationError

from tracker import extension
from tracker.commands import commitments as commitment_commands
from tracker.commands import contributions as contribution_commands
from tracker.commands import plans as plan_commands
from tracker.compliance import compute
from tracker.contract.compliance import ComplianceQuerySchema
from tracker.contract.errors import flatten
from tracker.contract.plans import AssessmentSchema, JudgementSchema
from tracker.contract.results import EndAssessmentSchema, FinalAssessmentSchema
from tracker.domain.errors import NotFound
from tracker.domain.results import assessed_values
from tracker.domain.time import today
from tracker.domain.vocabulary import (
    ANSWERS,
    COMMITMENT_TYPES,
    COMPLETION_LEVELS,
    EARLY_RESULTS,
    OGP_VALUES,
    POTENTIALS,
)
from tracker.http import context, inception_report, report_file
from tracker.queries import audit_log
from tracker.queries.results import present_results
from tracker.read_models.records import reading
from tracker.report import PdfUnavailable, form_items
from tracker.report.words import HEADINGS as REPORT_HEADINGS
from tracker.report.words import REASONS, day, moment, pick, zone_name
from tracker.web.actions import blank, body_from, submit
from tracker.web.audit import code_words, event_kind, forum_for_full_reader, text_field_name
from tracker.web.errors import error_page
from tracker.web.i18n import current_language
from tracker.web.labels import check_heading, label
from tracker.web.login import web_principal

bp = Blueprint("evaluation", __name__)

COMMITMENT_TYPE_NAMES = {
    "new_regulation_policy_practice": _l("A new regulation, policy or practice"),
    "continuation_of_ongoing_practice": _l("The continuation of an ongoing practice"),
}
POTENTIAL_NAMES = {
    "binding_or_institutionalized": _l("Binding or institutionalized"),
    "positive_change_not_binding": _l("A positive change, not binding"),
    "unclear": _l("Unclear"),
}
#: Every answer a judgement may give (the API says which fit which check), as the form lists it: check 2.6's
#: three degrees named in full, so that no two options read the same ("No" and "Not" are both "No" in Spanish).
JUDGEMENT_ANSWERS = ("yes", "no", "unclear", "very", "somewhat", "not")
JUDGEMENT_ANSWER_NAMES = {
    "very": _l("Very inclusive and diverse (check 2.6)"),
    "somewhat": _l("Somewhat inclusive and diverse (check 2.6)"),
    "not": _l("Not inclusive and diverse (check 2.6)"),
}
#: The report's downloads, in the order the compliance page offers them.
DOWNLOADS = ("html", "pdf", "docx", "md", "json")


def _forum_of(resource_id: str, what: str) -> str:
    """The forum of a plan, commitment or contribution (404 when there is none)."""
    tenant = extension.services().store.tenant_of(resource_id)
    if tenant is None:
        raise NotFound(f"no {what} has the id {resource_id}")
    return tenant


def _may_evaluate(forum_id: str) -> None:
    if not web_principal().can_evaluate(forum_id):
        abort(403)


def _moments(args: Any) -> tuple[dict[str, date | datetime | None], dict[str, list[str]]]:
    """`as_of` and `known_at` from the query string, read as the API reads them; the messages when invalid."""
    given = {k: args[k].strip() for k in ("as_of", "known_at") if args.get(k, "").strip()}
    try:
        loaded = ComplianceQuerySchema().load(given)
    except ValidationError as error:
        return {"as_of": None, "known_at": None}, flatten(error.messages)
    return {"as_of": loaded["as_of"], "known_at": loaded["known_at"]}, {}


def _in_forum_time(body: dict[str, Any], tz: str, streams: dict[int, str] | None = None) -> dict[str, Any]:
    """The compliance body with `*_local` times (in the forum's time zone, written out in the page's language, as
    the report writes them) beside the evidence's and judgements' instants; `known_at_sentence` (the record as
    it stood then: a day asked is the end of that day in the forum's time zone, as the answers count it) and
    `as_of_sentence`: the date judged and why. `streams` (position -> stream id) gives each piece of evidence
    its `stream_id`."""
    lang = current_language()

    def _local(instant: str, tz: str) -> str:
        return moment(instant, tz, lang)

    zone_words = zone_name(tz, lang)
    known = body.get("known_at")
    if known and len(known) == 10:  # a day: the end of it in the forum's time zone
        body["known_at_sentence"] = _("As the record stood at the end of %(day)s (%(zone)s).",
                                      day=day(known, lang), zone=zone_words)
    elif known:
        body["known_at_sentence"] = _("As the record stood at %(when)s (%(zone)s).",
                                      when=_local(known, tz), zone=zone_words)
    else:
        body["known_at_sentence"] = ""
    reference = day(body["as_of"], lang) if body.get("as_of") else REPORT_HEADINGS[lang]["reference_now"]
    body["as_of_sentence"] = REPORT_HEADINGS[lang]["judged_at"].format(
        day=reference, reason=pick(REASONS[body["as_of_reason"]], lang))
    for check in body["checks"] + [k for c in body["commitments"] for k in c["checks"]]:
        for e in check["evidence"]:
            e["occurred_local"], e["recorded_local"] = _local(e["occurred_at"], tz), _local(e["recorded_at"], tz)
            e["stream_id"] = (streams or {}).get(e["position"], "")
        if check["judgement"]:
            check["judgement"]["recorded_local"] = _local(check["judgement"]["recorded_at"], tz)
    return body


def _evidence_streams(forum_id: str, body: dict[str, Any]) -> dict[int, str]:
    """The stream of each piece of evidence of the body, by its position (from the forum's cached events)."""
    wanted = {e["position"] for check in body["checks"] + [k for c in body["commitments"] for k in c["checks"]]
              for e in check["evidence"]}
    return {e.position: e.stream_id for e in extension.services().store.read_tenant(forum_id)
            if e.position in wanted}


@bp.route("/action-plans/<plan_id>/compliance")
@login_required
def compliance(plan_id: str) -> tuple[str, int]:
    """Every check with its answer, explanation, judgement and evidence (linked to the audit log), as of a date."""
    forum = forum_for_full_reader(_forum_of(plan_id, "action plan"))
    services = extension.services()
    moments, errors = _moments(request.args)
    body = compute(services.store, plan_id, lang=current_language(), now=services.clock(), **moments)
    body = _in_forum_time(body, forum.timezone, _evidence_streams(forum.id, body))
    form = blank(request.args.to_dict())
    if errors:
        form.errors.update(errors)
        form.message = _("Some fields are invalid: see the messages beside them.")
    moments_asked: dict[str, Any] = {k: request.args[k] for k in ("as_of", "known_at")
                                     if request.args.get(k) and not errors}
    downloads = {fmt: url_for(".report", plan_id=plan_id, fmt=fmt, lang=current_language(), **moments_asked)
                 for fmt in DOWNLOADS}
    downloads["form"] = url_for(".report_form", plan_id=plan_id, **moments_asked)
    return render_template("web/compliance.html", forum=forum, body=body, form=form, downloads=downloads,
                           zone_words=zone_name(forum.timezone, current_language()), event_kind=event_kind,
                           can_evaluate=web_principal().can_evaluate(forum.id)), 422 if errors else 200


def _report_query(plan_id: str) -> dict[str, Any] | Response | tuple[str, int]:
    """The report's query (`as_of`, `known_at`, `lang`) read as the API reads it, after checking the reader may
    read the plan's forum in full; a 422 page when invalid."""
    forum_for_full_reader(_forum_of(plan_id, "action plan"))
    given = {k: request.args[k] for k in ("as_of", "known_at", "lang") if request.args.get(k)}
    try:
        return dict(ComplianceQuerySchema().load(given))
    except ValidationError as error:
        return error_page(422, " ".join(m for ms in flatten(error.messages).values() for m in ms))


@bp.route("/action-plans/<plan_id>/report.<any(html, pdf, docx, md, json):fmt>")
@login_required
def report(plan_id: str, fmt: str) -> Response | tuple[str, int]:
    """The inception report as a file, the same bytes the API gives a full reader (`as_of`, `known_at`, `lang`)."""
    query = _report_query(plan_id)
    if not isinstance(query, dict):
        return query
    report = inception_report(plan_id, query)
    try:
        return report_file(report, fmt, f"inception-report-{plan_id}", "attachment")
    except PdfUnavailable as error:
        return error_page(503, str(error))


@bp.route("/action-plans/<plan_id>/report/form")
@login_required
def report_form(plan_id: str) -> Response | tuple[str, int]:
    """The inception template question by question, in the page's language: for each question the option to
    choose in OGP's online form and the text to paste, each with a button that copies it (`as_of`, `known_at`
    as for the report)."""
    forum = forum_for_full_reader(_forum_of(plan_id, "action plan"))
    query = _report_query(plan_id)
    if not isinstance(query, dict):
        return query
    query["lang"] = current_language()
    report = inception_report(plan_id, query)
    moments_asked: dict[str, Any] = {k: request.args[k] for k in ("as_of", "known_at") if request.args.get(k)}
    page = render_template("web/report_form.html", forum=forum, report=report, items=form_items(report),
                           h=REPORT_HEADINGS[report["language"]], moments=moments_asked,
                           html=url_for(".report", plan_id=plan_id, fmt="html", lang=report["language"],
                                        **moments_asked))
    return Response(page, mimetype="text/html")


def _check_options(plan_id: str) -> list[tuple[str, str]]:
    """Every check of the plan, for the judgement form: (id, "id · question")."""
    services = extension.services()
    body = compute(services.store, plan_id, lang=current_language(), now=services.clock())
    checks = body["checks"] + [k for c in body["commitments"] for k in c["checks"]]
    return [(c["id"], check_heading(c)) for c in checks]


@bp.route("/action-plans/<plan_id>/judgements", methods=["GET", "POST"])
@login_required
def judgement(plan_id: str) -> Any:
    """The evaluator's answer to a check (POST /action-plans/{id}/judgements), shown beside the computed one."""
    forum = forum_for_full_reader(_forum_of(plan_id, "action plan"))
    _may_evaluate(forum.id)
    form, status = blank({"check": request.args.get("check", "")}), 200
    if request.method == "POST":
        form = submit(JudgementSchema(), plan_commands.judge, plan_id,
                      body=body_from(request.form, lists=("references",)))
        if form.ok:
            flash(_("The judgement of check %(check)s was recorded.", check=request.form.get("check")))
            return redirect(url_for(".compliance", plan_id=plan_id, _anchor=f"check-{request.form.get('check')}"))
        status = form.status
    answers = [(a, str(JUDGEMENT_ANSWER_NAMES[a]) if a in JUDGEMENT_ANSWER_NAMES else label("answers", a))
               for a in JUDGEMENT_ANSWERS]
    return render_template("web/judgement.html", forum=forum, plan_id=plan_id, form=form,
                           checks=_check_options(plan_id), answers=answers), status


@bp.route("/commitments/<commitment_id>/assessment", methods=["GET", "POST"])
@login_required
def assessment(commitment_id: str) -> Any:
    """The evaluator's assessment of a commitment (POST /commitments/{id}/assessment); a repeat needs a reason."""
    forum = forum_for_full_reader(_forum_of(commitment_id, "commitment"))
    _may_evaluate(forum.id)
    with reading(extension.services().projector) as r:
        commitment, _version = r.record("commitment", commitment_id)
    form, status = blank(), 200
    if request.method == "POST":
        form = submit(AssessmentSchema(), commitment_commands.assess_commitment, commitment_id,
                      body=body_from(request.form, lists=("ogp_values",), nested={"correction": ("reason",)}))
        if form.ok:
            flash(_("The assessment of “%(title)s” was recorded.", title=commitment.title))
            return redirect(url_for(".compliance", plan_id=commitment.action_plan_id,
                                    _anchor=f"commitment-{commitment_id}"))
        status = form.status
    options = {
        "answers": [(a, label("answers", a)) for a in ANSWERS],
        "ogp_values": [(v, label("ogp_values", v)) for v in OGP_VALUES],
        "commitment_types": [(t, str(COMMITMENT_TYPE_NAMES[t])) for t in COMMITMENT_TYPES],
        "potentials": [(p, str(POTENTIAL_NAMES[p])) for p in POTENTIALS],
    }
    return render_template("web/assessment.html", forum=forum, commitment=commitment, form=form,
                           options=options, assessed=bool(commitment.assessments)), status


@bp.route("/commitments/<commitment_id>/end-assessment", methods=["GET", "POST"])
@login_required
def end_assessment(commitment_id: str) -> Any:
    """The evaluator's end-of-commitment assessment (POST /commitments/{id}/end-assessment): the completion, with the
    one its progress computes beside it, a rating per OGP value, recommendations one per line; a repeat needs a
    reason."""
    forum = forum_for_full_reader(_forum_of(commitment_id, "commitment"))
    _may_evaluate(forum.id)
    services = extension.services()
    with reading(services.projector) as r:
        commitment, _version = r.record("commitment", commitment_id)
        plan, _plan_version = r.record("plan", commitment.action_plan_id)
    values = assessed_values(commitment)
    form, status = blank(), 200
    if request.method == "POST":
        body = body_from(request.form, lists=("references", "recommendations"),
                         nested={"correction": ("reason",), "early_results": values})
        form = submit(EndAssessmentSchema(), commitment_commands.assess_end, commitment_id, body=body,
                      values=request.form.to_dict())
        if form.ok:
            flash(_("The end-of-commitment assessment of “%(title)s” was recorded.", title=commitment.title))
            return redirect(url_for(".compliance", plan_id=commitment.action_plan_id,
                                    _anchor=f"commitment-{commitment_id}"))
        status = form.status
    results = present_results(commitment, plan, today(forum.timezone, services.clock()))
    due = results["end_assessment_due_on"]
    options = {
        "completion": [(c, label("completion_levels", c)) for c in COMPLETION_LEVELS],
        "ratings": [(v, label("early_results", v)) for v in EARLY_RESULTS],
        "values": [(v, label("ogp_values", v)) for v in values],
    }
    return render_template("web/end_assessment.html", forum=forum, commitment=commitment, form=form,
                           options=options, assessed=bool(commitment.end_assessments),
                           computed=label("completion_levels", results["computed_completion"]),
                           due=day(due, current_language()) if due else None), status


@bp.route("/action-plans/<plan_id>/final-assessment", methods=["GET", "POST"])
@login_required
def final_assessment(plan_id: str) -> Any:
    """The evaluator's final assessment of the plan (POST /action-plans/{id}/final-assessment): a summary and
    recommendations for the next plan, one per line; a repeat needs a reason."""
    forum = forum_for_full_reader(_forum_of(plan_id, "action plan"))
    _may_evaluate(forum.id)
    with reading(extension.services().projector) as r:
        plan, _version = r.record("plan", plan_id)
    form, status = blank(), 200
    if request.method == "POST":
        body = {"recommendations": [], **body_from(request.form, lists=("recommendations",),
                                                   nested={"correction": ("reason",)})}
        form = submit(FinalAssessmentSchema(), plan_commands.assess_plan, plan_id, body=body,
                      values=request.form.to_dict())
        if form.ok:
            flash(_("The final assessment of “%(title)s” was recorded.", title=plan.title))
            return redirect(url_for(".compliance", plan_id=plan_id))
        status = form.status
    return render_template("web/final_assessment.html", forum=forum, plan=plan, form=form,
                           assessed=bool(plan.final_assessments)), status


@bp.route("/contributions/<contribution_id>/trail")
@login_required
def trail(contribution_id: str) -> str:
    """Every event about a contribution, oldest first, with when it occurred, when and by whom it was logged."""
    forum = forum_for_full_reader(_forum_of(contribution_id, "contribution"))
    state, _forum, events = contribution_commands.contribution_trail(context(), contribution_id)
    lang = current_language()
    rows = [audit_log.log_row(e, forum.timezone, lang, code_words) for e in events]
    return render_template("web/trail.html", forum=forum, contribution=state, rows=rows,
                           late=contribution_commands.late_now(context(), state), event_kind=event_kind,
                           text_field_name=text_field_name, zone_words=zone_name(forum.timezone, lang),
                           when=lambda instant: moment(instant, forum.timezone, lang))
