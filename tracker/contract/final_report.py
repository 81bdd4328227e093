"""Query and JSON body of GET /action-plans/{id}/final-report: the Local Monitoring Body's final report."""
from __future__ import annotations

from marshmallow import Schema, fields

from tracker.contract.compliance import LogSchema
from tracker.contract.report import (
    AnnexEntrySchema,
    CommitmentTextSchema,
    EvaluatorSchema,
    LabelledJudgementSchema,
    MilestoneTextSchema,
    PeriodSchema,
    ReportQuerySchema,
    TimeZoneSchema,
)


class FinalReportQuerySchema(ReportQuerySchema):
    """The same query as the inception report's; without `as_of` the plan is judged as of today."""


class FinalReferenceSchema(Schema):
    date = fields.String(required=True, metadata={"description": "the forum's day the record is read as of"})
    words = fields.String(required=True)
    sentence = fields.String(required=True)


class FinalOverviewSchema(Schema):
    member = fields.String(required=True)
    forum = fields.String(required=True)
    plan = fields.String(required=True)
    period = fields.Nested(PeriodSchema, required=True)
    reference = fields.Nested(FinalReferenceSchema, required=True)
    time_zone = fields.Nested(TimeZoneSchema, required=True)
    evaluators = fields.List(fields.Nested(EvaluatorSchema), required=True, metadata={
        "description": "who recorded the end-of-commitment and final assessments and the judgements shown"})


class CompletionSchema(Schema):
    level = fields.String(required=True, metadata={
        "description": "computed from the milestones: no_evidence, not_started, limited, substantial, complete"})
    label = fields.String(required=True, metadata={"description": "the level in the report's language"})
    milestones_total = fields.Integer(required=True)
    milestones_completed = fields.Integer(required=True)
    milestones_overdue = fields.Integer(required=True, metadata={"description": "on the day judged"})
    sentence = fields.String(required=True)


class ProgressReportWordsSchema(Schema):
    status = fields.String(required=True)
    status_label = fields.String(required=True)
    summary = fields.String(required=True)
    reason = fields.String(allow_none=True)
    reported_on = fields.String(required=True)
    reported = fields.String(required=True, metadata={"description": "the day, in words"})


class EvidenceLinkSchema(Schema):
    """What a progress report cites: a publication of the plan or a document the forum stored."""

    kind = fields.String(required=True, metadata={"description": "publication, document or unknown (not on "
                                                                 "record at the date judged)"})
    kind_label = fields.String(required=True)
    title = fields.String(required=True, metadata={"description": "a publication's title, a document's file name"})
    url = fields.String(allow_none=True, metadata={"description": "a document's: GET /documents/{sha256}"})
    date = fields.String(allow_none=True)


class FinalMilestoneSchema(MilestoneTextSchema):
    status = fields.String(allow_none=True, metadata={"description": "null: never reported"})
    status_label = fields.String(required=True)
    overdue = fields.Boolean(required=True)
    last_report = fields.Nested(ProgressReportWordsSchema, allow_none=True, required=True)
    evidence = fields.List(fields.Nested(EvidenceLinkSchema), required=True)


class EarlyResultSchema(Schema):
    value = fields.String(required=True, metadata={"description": "an OGP value"})
    value_label = fields.String(required=True)
    rating = fields.String(required=True, metadata={
        "description": "worsened, did_not_change, marginal, major or outstanding (the IRM's scale)"})
    rating_label = fields.String(required=True)


class EndAssessmentWordsSchema(Schema):
    completion = fields.String(required=True)
    completion_label = fields.String(required=True)
    early_results = fields.List(fields.Nested(EarlyResultSchema), required=True)
    explanation = fields.String(required=True, metadata={"description": "the evaluator's words"})
    references = fields.List(fields.String(), required=True)
    recommendations = fields.List(fields.String(), required=True)
    assessed = fields.String(required=True, metadata={"description": "when, in words, forum time"})
    evidence_refs = fields.List(fields.Integer(), required=True)


class AmendmentChangeSchema(Schema):
    field = fields.String(required=True)
    field_label = fields.String(required=True)
    value = fields.String(required=True, metadata={"description": "the new value, in words"})


class ApprovingSessionSchema(Schema):
    title = fields.String(required=True)
    held_on = fields.String(allow_none=True)
    words = fields.String(required=True)


class AmendmentWordsSchema(Schema):
    revision = fields.Integer(required=True)
    reason = fields.String(required=True)
    occurred = fields.String(required=True)
    heading = fields.String(required=True)
    changes = fields.List(fields.Nested(AmendmentChangeSchema), required=True)
    approved_in = fields.Nested(ApprovingSessionSchema, allow_none=True, required=True)
    approved_words = fields.String(required=True)
    evidence_refs = fields.List(fields.Integer(), required=True)


class FinalCommitmentSchema(Schema):
    id = fields.String(required=True)
    number = fields.Integer(required=True, metadata={"description": "as the inception report numbers it"})
    title = fields.String(required=True)
    text = fields.Nested(CommitmentTextSchema, required=True, metadata={"description": "the text in force"})
    endorsed_text = fields.Nested(CommitmentTextSchema, allow_none=True, required=True, metadata={
        "description": "the text the forum endorsed, when it changed since"})
    completion = fields.Nested(CompletionSchema, required=True)
    milestones = fields.List(fields.Nested(FinalMilestoneSchema), required=True)
    note = fields.Nested(ProgressReportWordsSchema, allow_none=True, required=True)
    progress_refs = fields.List(fields.Integer(), required=True, metadata={
        "description": "the annex numbers of the progress reports in force"})
    evidence = fields.List(fields.Nested(EvidenceLinkSchema), required=True)
    end_assessment = fields.Nested(EndAssessmentWordsSchema, allow_none=True, required=True)
    amendments = fields.List(fields.Nested(AmendmentWordsSchema), required=True)


class FinalCheckSchema(Schema):
    """A compliance answer shown generically: question, option, explanation, evidence, judgement."""

    id = fields.String(required=True)
    question = fields.String(required=True)
    answer = fields.String(allow_none=True, required=True)
    answer_label = fields.String(required=True)
    explanation = fields.String(required=True)
    evidence_refs = fields.List(fields.Integer(), required=True)
    facts = fields.List(fields.String(), required=True, metadata={
        "description": "the evidence in words, in the order of `evidence_refs` (e.g. the sessions held)"})
    judgement = fields.Nested(LabelledJudgementSchema, allow_none=True, required=True)


class FinalAssessmentWordsSchema(Schema):
    summary = fields.String(required=True)
    recommendations = fields.List(fields.String(), required=True)
    assessed = fields.String(required=True)
    evidence_refs = fields.List(fields.Integer(), required=True)


class RecommendationAnswerWordsSchema(Schema):
    action_plan_title = fields.String(required=True)
    response = fields.String(required=True)
    commitment_title = fields.String(allow_none=True, required=True)
    answered = fields.String(required=True)
    sentence = fields.String(required=True)
    evidence_refs = fields.List(fields.Integer(), required=True)


class RecommendationFollowUpSchema(Schema):
    id = fields.String(required=True, metadata={"description": "the recommendation's id (rec_…)"})
    source = fields.String(required=True, metadata={"description": "inception, end_of_commitment or final"})
    source_label = fields.String(required=True)
    commitment_number = fields.Integer(allow_none=True, required=True)
    about = fields.String(required=True)
    text = fields.String(required=True)
    answers = fields.List(fields.Nested(RecommendationAnswerWordsSchema), required=True)
    status = fields.String(allow_none=True, required=True, metadata={
        "description": "'No answer recorded' when no later plan answered it; else null"})


class FinalReportSchema(Schema):
    """The final report: implementation per commitment, co-creation during implementation, the final assessment,
    the recommendations with their answers, and the evidence annex."""

    action_plan_id = fields.String(required=True)
    title = fields.String(required=True)
    forum_id = fields.String(required=True)
    language = fields.String(required=True)
    as_of = fields.String(required=True, metadata={"description": "the forum's day the plan is judged on"})
    known_at = fields.String(required=True)
    log = fields.Nested(LogSchema, required=True)
    verify = fields.String(required=True)
    draft = fields.Boolean(required=True, metadata={"description": "true until the plan's period ends"})
    draft_notice = fields.String(allow_none=True, required=True)
    draft_detail = fields.String(allow_none=True, required=True)
    overview = fields.Nested(FinalOverviewSchema, required=True)
    commitments = fields.List(fields.Nested(FinalCommitmentSchema), required=True)
    cocreation = fields.List(fields.Nested(FinalCheckSchema), required=True, metadata={
        "description": "S.implementation, 2.1 and, when the compliance answers hold it, S.end_assessment"})
    final_assessment = fields.Nested(FinalAssessmentWordsSchema, allow_none=True, required=True)
    recommendations = fields.List(fields.Nested(RecommendationFollowUpSchema), required=True)
    annex = fields.List(fields.Nested(AnnexEntrySchema), required=True)
