"""Request and response bodies of the action plan endpoints: the plan, its publications, consultations,
commitments, endorsements, and the evaluator's assessments and judgements."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from tracker.contract.base import (
    ID,
    SHA256,
    Choice,
    CorrectionSchema,
    DateRange,
    DocumentSchema,
    Name,
    OccurredSchema,
    Reason,
    StrictSchema,
    Text,
    Url,
)
from tracker.contract.compliance import DayOrInstant, LogSchema
from tracker.domain.commitment import PROGRESS_STATUSES
from tracker.domain.plan import answers_for, is_check
from tracker.domain.vocabulary import (
    ANSWERS,
    COMMITMENT_TYPES,
    CONTRIBUTION_CHANNELS,
    OGP_VALUES,
    POTENTIALS,
    PUBLICATION_KINDS,
    SESSION_PUBLICATIONS,
)

MILESTONES = validate.Length(max=50)


def Id(**kw: Any) -> fields.String:
    return fields.String(validate=ID, **kw)


def Ids(max_items: int, **kw: Any) -> fields.List:
    """A bounded list of ids, none twice."""
    return fields.List(Id(), validate=[validate.Length(max=max_items), _unique], **kw)


def OgpValues(**kw: Any) -> fields.List:
    size = validate.Length(min=1, max=len(OGP_VALUES))
    return fields.List(Choice(OGP_VALUES), validate=[size, _unique], **kw)


def _unique(values: list[Any]) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("lists a value twice")


class ActionPlanCreateSchema(StrictSchema):
    title = Name(required=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    cocreation_starts_on = fields.Date(required=True)
    cocreation_ends_on = fields.Date(required=True)


class SubmissionSchema(StrictSchema):
    submitted_on = fields.Date(required=True)
    document = fields.Nested(DocumentSchema, load_default=None)


class PublicationCreateSchema(StrictSchema):
    kind = Choice(PUBLICATION_KINDS, required=True)
    title = Name(required=True)
    url = Url(required=True)
    published_on = fields.Date(required=True)
    session_id = Id(load_default=None, metadata={"description": "for a session's agenda, materials, minutes"})
    sha256 = fields.String(validate=SHA256, load_default=None)

    @validates_schema
    def _session_kinds(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("session_id") and data.get("kind") not in SESSION_PUBLICATIONS:
            raise ValidationError(f"only an {', '.join(SESSION_PUBLICATIONS)} publication names a session",
                                  field_name="session_id")


class ConsultationCreateSchema(DateRange, StrictSchema):
    range_fields = ("opens_on", "closes_on")
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True, metadata={"description": "may be future"})
    channel = Choice(CONTRIBUTION_CHANNELS, required=True)
    url = Url(load_default=None)


class ExtensionSchema(OccurredSchema):
    closes_on = fields.Date(required=True, metadata={"description": "later than the current closing date"})
    reason = Reason(required=True)
    requested_by_contribution = Id(load_default=None)


class MilestoneSchema(StrictSchema):
    title = Name(required=True)
    deliverable = Text(load_default=None, allow_none=True)
    due_on = fields.Date(load_default=None, allow_none=True, metadata={"description": "may be future"})


class CommitmentCreateSchema(OccurredSchema):
    title = Name(required=True)
    problem = Text(load_default=None, allow_none=True)
    description = Text(load_default=None, allow_none=True)
    ogp_values = OgpValues(required=True)
    lead_institution = Name(load_default=None, allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneSchema), validate=MILESTONES, load_default=list)
    from_contributions = Ids(200, load_default=list)
    lead_representative_id = Id(load_default=None, allow_none=True, metadata={
        "description": "its lead contact: a current representative of the forum's roster"})


class CommitmentRevisionSchema(OccurredSchema):
    """Any field of the commitment's text (absent: unchanged), why, and the contributions behind it."""

    title = Name()
    problem = Text(allow_none=True)
    description = Text(allow_none=True)
    ogp_values = OgpValues()
    lead_institution = Name(allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneSchema), validate=MILESTONES)
    reason = Reason(required=True)
    from_contributions = Ids(200, load_default=list)


_REVISABLE = CommitmentRevisionSchema._declared_fields  # the revision's text fields, reused by amendments


class CommitmentChangesSchema(StrictSchema):
    """The fields of the commitment's text an amendment changes (absent: unchanged; `null` clears a nullable one),
    as a revision sends them; at least one."""

    title = _REVISABLE["title"]
    problem = _REVISABLE["problem"]
    description = _REVISABLE["description"]
    ogp_values = _REVISABLE["ogp_values"]
    lead_institution = _REVISABLE["lead_institution"]
    milestones = _REVISABLE["milestones"]

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("name at least one field of the commitment's text to change")


class CommitmentAmendmentSchema(OccurredSchema):
    """An amendment of an endorsed commitment during implementation, and the session of the forum that approved
    it."""

    changes = fields.Nested(CommitmentChangesSchema, required=True)
    reason = Reason(required=True)
    approved_in_session_id = Id(load_default=None, metadata={
        "description": "a session of this forum, held on or before the amendment's day, that approved it"})


class ProgressReportSchema(StrictSchema):
    """Progress of a milestone, or without `milestone_id` a note on the whole commitment."""

    milestone_id = Id(load_default=None, metadata={"description": "a milestone of this commitment (its `id`)"})
    status = Choice(PROGRESS_STATUSES, required=True,
                    metadata={"description": "delayed: the lead says it will be late; completed needs evidence or "
                                             "a reason; cancelled needs a reason"})
    reported_on = fields.Date(required=True, metadata={"description": "not in the future, not before the plan's "
                                                                      "period starts"})
    summary = Text(required=True)
    evidence = Ids(50, load_default=list, metadata={"description": "publication ids of the plan (pub_...) or "
                                                                   "sha256 hashes of documents the forum stored"})
    reason = Reason(load_default=None, metadata={"description": "why a milestone was cancelled, or why its "
                                                                "completion has no evidence to publish"})
    reported_by_organization = Id(load_default=None, metadata={"description": "an organization of the forum"})
    correction = fields.Nested(CorrectionSchema, load_default=None)


class EndorsementCreateSchema(StrictSchema):
    endorsed_on = fields.Date(required=True)
    session_id = Id(load_default=None, metadata={"description": "a session held on or before endorsed_on"})
    signed_by = Ids(200, load_default=list, metadata={"description": "representatives on endorsed_on"})
    document = fields.Nested(DocumentSchema, load_default=None)


class EndorsementWithdrawalSchema(StrictSchema):
    withdrawn_on = fields.Date(required=True)
    reason = Reason(required=True)


class AssessmentSchema(OccurredSchema):
    verifiable = Choice(ANSWERS, required=True)
    relevance = Choice(ANSWERS, required=True)
    ogp_values = OgpValues(load_default=None)
    commitment_type = Choice(COMMITMENT_TYPES, required=True)
    potential = Choice(POTENTIALS, required=True)
    explanation = Text(required=True)
    recommendations = Text(load_default=None)
    correction = fields.Nested(CorrectionSchema, load_default=None)


class JudgementSchema(OccurredSchema):
    check = fields.String(required=True, validate=validate.Length(max=20),
                          metadata={"description": "1.1-1.4, 2.1-2.6, 3.<n>.<k> (k 1-5), S.cadence, "
                                                   "S.six_months, S.alternates, S.implementation, "
                                                   "S.response_time or S.end_assessment"})
    answer = fields.String(required=True, validate=validate.Length(max=20),
                           metadata={"description": "yes, no or unclear; for 2.6 very, somewhat or not"})
    explanation = Text(required=True)
    references = fields.List(Url(), validate=validate.Length(max=50), load_default=list)

    @validates_schema
    def _answer_fits_check(self, data: dict[str, Any], **_: Any) -> None:
        check, answer = data.get("check"), data.get("answer")
        if check is None or answer is None:
            return
        if not is_check(check):
            raise ValidationError("not a check of the inception report", field_name="check")
        if answer not in answers_for(check):
            raise ValidationError(f"check {check} is answered with one of: {', '.join(answers_for(check))}",
                                  field_name="answer")


# -- responses -------------------------------------------------------------------------------------------


class MilestoneViewSchema(StrictSchema):
    title = fields.String()
    deliverable = fields.String(allow_none=True)
    due_on = fields.Date(allow_none=True)


class CommitmentSummarySchema(StrictSchema):
    id = fields.String()
    title = fields.String()
    ogp_values = fields.List(fields.String())
    lead_institution = fields.String(allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneViewSchema))
    revision = fields.Integer()


class ProgressReportViewSchema(StrictSchema):
    milestone_id = fields.String(allow_none=True, metadata={"description": "null: a note on the whole commitment"})
    status = fields.String()
    reported_on = fields.Date()
    summary = fields.String()
    evidence = fields.List(fields.String())
    reason = fields.String(allow_none=True)
    reported_by_organization = fields.String(allow_none=True)
    correction_reason = fields.String(allow_none=True)
    superseded = fields.Boolean(metadata={"description": "a later correction supersedes it"})
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()


class MilestoneProgressSchema(StrictSchema):
    id = fields.String(metadata={"description": "the milestone's id, stable across reads and revisions"})
    title = fields.String()
    deliverable = fields.String(allow_none=True)
    due_on = fields.Date(allow_none=True)
    status = fields.String(allow_none=True, metadata={"description": "that of the last report; null: none"})
    overdue = fields.Boolean(metadata={"description": "past due on `as_of` and neither completed nor cancelled"})
    last_report = fields.Nested(ProgressReportViewSchema, allow_none=True)
    evidence = fields.List(fields.String(), metadata={"description": "of every report that stands"})


class ImplementationQuerySchema(StrictSchema):
    as_of = DayOrInstant(load_default=None, metadata={
        "description": "count only reports that occurred by the end of this day (forum's timezone) or this instant, "
                       "and judge overdue milestones on its day. Default: now"})
    known_at = DayOrInstant(load_default=None, metadata={
        "description": "count only events recorded by the end of this day or this instant (default: now)"})


class ImplementationCommitmentSchema(StrictSchema):
    id = fields.String()
    number = fields.Integer(metadata={"description": "n: the n-th commitment drafted for the plan"})
    title = fields.String()
    completion = fields.String(metadata={"description": "no_evidence (nothing reported), not_started (every "
                                                        "milestone not started), limited (under 50 % of the "
                                                        "milestones completed), substantial (50 % to 99 %), "
                                                        "complete (100 %)"})
    milestones_completed = fields.Integer()
    completed_share = fields.Float(allow_none=True, metadata={"description": "0 to 1; null without milestones"})
    milestones = fields.List(fields.Nested(MilestoneProgressSchema))
    note = fields.Nested(ProgressReportViewSchema, allow_none=True)


class MilestoneTotalsSchema(StrictSchema):
    total = fields.Integer()
    completed = fields.Integer()
    overdue = fields.Integer()
    completed_share = fields.Float(allow_none=True)
    overdue_share = fields.Float(allow_none=True)


class ImplementationSchema(StrictSchema):
    """The plan's implementation as of a day, as known at a moment."""

    action_plan_id = fields.String()
    title = fields.String()
    forum_id = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    as_of = fields.Date(metadata={"description": "the day judged (overdue milestones are past due on it)"})
    known_at = fields.DateTime()
    log = fields.Nested(LogSchema)
    milestones = fields.Nested(MilestoneTotalsSchema)
    commitments = fields.List(fields.Nested(ImplementationCommitmentSchema))


class SignerSchema(StrictSchema):
    representative_id = fields.String()
    name = fields.String(allow_none=True, metadata={"description": "null for a minor, to public readers"})
    organization_id = fields.String(allow_none=True)


class EndorsementSchema(StrictSchema):
    id = fields.String()
    action_plan_id = fields.String()
    status = fields.String(metadata={"description": "standing or withdrawn"})
    endorsed_on = fields.Date()
    session_id = fields.String(allow_none=True)
    signers = fields.List(fields.Nested(SignerSchema))
    document = fields.Dict(allow_none=True)
    commitment_revisions = fields.Dict(keys=fields.String(), values=fields.Integer())
    withdrawn_on = fields.Date(allow_none=True)
    withdrawal_reason = fields.String(allow_none=True)


class PublicationSchema(StrictSchema):
    id = fields.String()
    kind = fields.String()
    title = fields.String()
    url = fields.String()
    published_on = fields.Date()
    session_id = fields.String(allow_none=True)
    sha256 = fields.String(allow_none=True)


class ConsultationSummarySchema(StrictSchema):
    id = fields.String()
    opens_on = fields.Date()
    closes_on = fields.Date()
    channel = fields.String()
    url = fields.String(allow_none=True)


class SubmissionViewSchema(StrictSchema):
    submitted_on = fields.Date()
    document = fields.Dict(allow_none=True)


class JudgementViewSchema(StrictSchema):
    id = fields.String()
    check = fields.String()
    answer = fields.String()
    explanation = fields.String()
    references = fields.List(fields.String())
    commitment_id = fields.String(allow_none=True)
    current = fields.Boolean(metadata={"description": "false once a later judgement of the check supersedes"})
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()
    recorded_by = fields.String(metadata={"description": "full readers only"})


class ActionPlanSchema(StrictSchema):
    id = fields.String(required=True)
    forum_id = fields.String(required=True)
    title = fields.String(required=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    cocreation_starts_on = fields.Date(required=True)
    cocreation_ends_on = fields.Date(required=True)
    submission = fields.Nested(SubmissionViewSchema, allow_none=True)
    commitments = fields.List(fields.Nested(CommitmentSummarySchema))
    endorsements = fields.List(fields.Nested(EndorsementSchema))
    publications = fields.List(fields.Nested(PublicationSchema))
    consultations = fields.List(fields.Nested(ConsultationSummarySchema))
    judgements = fields.List(fields.Nested(JudgementViewSchema))
