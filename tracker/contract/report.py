"""Query and JSON body of GET /action-plans/{id}/report."""
from __future__ import annotations

from marshmallow import Schema, fields

from tracker.contract.base import Choice
from tracker.contract.compliance import (
    CheckJudgementSchema,
    CheckSchema,
    ComplianceQuerySchema,
    JudgedPlanSchema,
    WindowSchema,
)
from tracker.domain.vocabulary import AS_OF_REASONS, REPORT_FORMATS


class ReportQuerySchema(ComplianceQuerySchema):
    format = Choice(REPORT_FORMATS, load_default="html", metadata={
        "description": "html (a standalone page that prints on A4), md (Markdown), json, pdf (A4, from the same "
                       "HTML) or docx (Word)"})


class TableSchema(Schema):
    """Details behind an answer as a table, every cell in the report's language."""

    caption = fields.String(required=True)
    columns = fields.List(fields.String(), required=True)
    rows = fields.List(fields.List(fields.String()), required=True)


class LabelledJudgementSchema(CheckJudgementSchema):
    answer_label = fields.String(required=True, metadata={"description": "the template's option, in the language"})


class ReportCheckSchema(CheckSchema):
    """A check as the report prints it: the compliance check, with labels, tables and annex numbers."""

    answer_label = fields.String(required=True, metadata={
        "description": "the template's option for `answer` in the report's language (Sí / No / No está claro; "
                       "Muy / Algo / No; section 3's options)"})
    tables = fields.List(fields.Nested(TableSchema), required=True)
    evidence_refs = fields.List(fields.Integer(), required=True, metadata={
        "description": "the numbers of this check's evidence in `annex`, ascending"})
    judgement = fields.Nested(LabelledJudgementSchema, allow_none=True, required=True)
    irm_label = fields.String(metadata={"description": "3.n.4: the IRM's reading, in the language"})
    assessment_answer = fields.String(metadata={
        "description": "3.n.k of an assessed commitment: the option the evaluator's assessment gives (3.n.5: yes "
                       "when it recommends changes)"})
    assessment_label = fields.String(metadata={"description": "that option in the report's language"})


class SectionsSchema(Schema):
    minimum_requirements = fields.List(fields.Nested(ReportCheckSchema), required=True)
    recommended_practices = fields.List(fields.Nested(ReportCheckSchema), required=True)
    standards = fields.List(fields.Nested(ReportCheckSchema), required=True)


class MilestoneTextSchema(Schema):
    title = fields.String(allow_none=True)
    deliverable = fields.String(allow_none=True)
    due_on = fields.String(allow_none=True)
    due = fields.String(required=True, metadata={"description": "the due date in words, or 'no due date'"})


class CommitmentTextSchema(Schema):
    title = fields.String(required=True)
    problem = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    lead_institution = fields.String(allow_none=True)
    ogp_values = fields.List(fields.String(), required=True)
    ogp_values_words = fields.String(required=True)
    milestones = fields.List(fields.Nested(MilestoneTextSchema), required=True)


class ChangeSinceEndorsementSchema(Schema):
    added = fields.Boolean(required=True, metadata={"description": "drafted after the endorsement"})
    sentence = fields.String(required=True)
    endorsed_revision = fields.Integer()
    revision = fields.Integer()
    fields_ = fields.List(fields.String(), data_key="fields")
    endorsed_text = fields.Nested(CommitmentTextSchema, allow_none=True, required=True)


class ReportAssessmentSchema(Schema):
    """The evaluator's latest assessment, codes and labels."""

    verifiable = fields.String(required=True)
    verifiable_label = fields.String(required=True)
    relevance = fields.String(required=True)
    relevance_label = fields.String(required=True)
    commitment_type = fields.String(required=True)
    commitment_type_label = fields.String(required=True)
    potential = fields.String(required=True)
    potential_label = fields.String(required=True)
    explanation = fields.String(required=True)
    recommendations = fields.String(allow_none=True)
    assessed = fields.String(required=True, metadata={"description": "when, in words, forum time"})


class ReportCommitmentSchema(Schema):
    id = fields.String(required=True)
    number = fields.Integer(required=True, metadata={"description": "n in 3.<n>.<k>: the drafting order"})
    title = fields.String(required=True)
    checks = fields.List(fields.Nested(ReportCheckSchema), required=True)
    text = fields.Nested(CommitmentTextSchema, metadata={"description": "as it stood at the reference date"})
    changed_since_endorsement = fields.Nested(ChangeSinceEndorsementSchema, allow_none=True)
    assessment = fields.Nested(ReportAssessmentSchema, allow_none=True)


class PeriodSchema(Schema):
    start = fields.String(required=True)
    end = fields.String(required=True)
    words = fields.String(required=True)


class WindowWordsSchema(WindowSchema):
    words = fields.String(required=True)


class EvaluatorSchema(Schema):
    name = fields.String(required=True)
    organization = fields.String(allow_none=True)
    email = fields.String(allow_none=True, metadata={"description": "full readers only"})


class ReferenceSchema(Schema):
    date = fields.String(allow_none=True, metadata={"description": "null: now"})
    reason = Choice(AS_OF_REASONS, required=True)
    words = fields.String(required=True)
    sentence = fields.String(required=True)


class TimeZoneSchema(Schema):
    id = fields.String(required=True)
    words = fields.String(required=True)


class DocumentLinkSchema(Schema):
    kind = fields.String(required=True)
    kind_label = fields.String(required=True)
    title = fields.String(required=True)
    url = fields.String(required=True)
    date = fields.String(allow_none=True)


class OverviewSchema(Schema):
    member = fields.String(required=True)
    forum = fields.String(required=True)
    plan = fields.String(required=True)
    period = fields.Nested(PeriodSchema, required=True)
    window = fields.Nested(WindowWordsSchema, required=True)
    submitted_on = fields.String(allow_none=True)
    submitted = fields.String(required=True)
    evaluators = fields.List(fields.Nested(EvaluatorSchema), required=True)
    reference = fields.Nested(ReferenceSchema, required=True)
    time_zone = fields.Nested(TimeZoneSchema, required=True)
    documents = fields.List(fields.Nested(DocumentLinkSchema), required=True)


class AnnexEntrySchema(Schema):
    """One piece of evidence, described in words, times in the forum's time zone."""

    number = fields.Integer(required=True)
    position = fields.Integer(required=True)
    type = fields.String(required=True)
    described = fields.String(required=True)
    occurred = fields.String(required=True)
    recorded = fields.String(required=True)
    logged_late = fields.Boolean(required=True)
    link = fields.String(allow_none=True, metadata={"description": "the audit log at this position"})


class SpreadSchema(Schema):
    median = fields.Float(allow_none=True, required=True)
    maximum = fields.Integer(allow_none=True, required=True)
    count = fields.Integer(required=True, metadata={"description": "contributions the figures are over"})


class ContributionSummarySchema(Schema):
    total = fields.Integer(required=True)
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True, metadata={
        "description": "received, considered, responded, communicated: the stage each reached"})
    days_to_response = fields.Nested(SpreadSchema, required=True)
    days_to_written_feedback = fields.Nested(SpreadSchema, required=True)
    waiting = fields.Integer(required=True, metadata={"description": "contributions without written feedback"})
    late = fields.Integer(required=True, metadata={
        "description": "contributions received after their consultation closed, against the closing day as the "
                       "record knew it (extensions counted)"})


class PreviousRecommendationSchema(Schema):
    """A recommendation of an earlier plan of the forum, with this plan's answer, in words (no ids)."""

    text = fields.String(required=True)
    plan = fields.String(required=True, metadata={"description": "the title of the plan it was made on"})
    source = fields.String(required=True, metadata={"description": "inception, end_of_commitment or final"})
    made_in = fields.String(required=True, metadata={"description": "the plan, the assessment and the commitment"})
    answer = fields.String(allow_none=True, required=True, metadata={"description": "null: not answered yet"})
    commitment = fields.String(allow_none=True, required=True, metadata={
        "description": "the title of this plan's commitment that takes it up"})


class ReportSchema(JudgedPlanSchema):
    """The inception report: sections 1-3 of the OGP Local template, the standards, and the contributions."""

    overview = fields.Nested(OverviewSchema, required=True)
    annex = fields.List(fields.Nested(AnnexEntrySchema), required=True)
    verify = fields.String(required=True, metadata={
        "description": "the command that proves the log was not altered since the report was computed"})
    sections = fields.Nested(SectionsSchema, required=True)
    commitments = fields.List(fields.Nested(ReportCommitmentSchema), required=True)
    contributions = fields.Nested(ContributionSummarySchema, required=True)
    previous_recommendations = fields.List(fields.Nested(PreviousRecommendationSchema), required=True, metadata={
        "description": "the recommendations of the forum's earlier plans and this plan's answers; empty: none"})
