"""Query and JSON body of GET /action-plans/{id}/report."""
from __future__ import annotations

from marshmallow import Schema, fields

from tracker.contract.base import Choice
from tracker.contract.compliance import (
    CheckSchema,
    CommitmentChecksSchema,
    ComplianceQuerySchema,
    LogSchema,
    WindowSchema,
)
from tracker.domain.vocabulary import REPORT_FORMATS


class ReportQuerySchema(ComplianceQuerySchema):
    format = Choice(REPORT_FORMATS, load_default="html", metadata={
        "description": "html (a standalone page that prints on A4), md (Markdown) or json"})


class SectionsSchema(Schema):
    minimum_requirements = fields.List(fields.Nested(CheckSchema), required=True)
    recommended_practices = fields.List(fields.Nested(CheckSchema), required=True)
    standards = fields.List(fields.Nested(CheckSchema), required=True)


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


class ReportSchema(Schema):
    """The inception report: sections 1-3 of the OGP Local template, the standards, and the contributions."""

    action_plan_id = fields.String(required=True)
    title = fields.String(required=True)
    forum_id = fields.String(required=True)
    language = fields.String(required=True)
    as_of = fields.String(allow_none=True)
    known_at = fields.String(required=True)
    window = fields.Nested(WindowSchema, required=True)
    log = fields.Nested(LogSchema, required=True)
    verify = fields.String(required=True, metadata={
        "description": "the command that proves the log was not altered since the report was computed"})
    sections = fields.Nested(SectionsSchema, required=True)
    commitments = fields.List(fields.Nested(CommitmentChecksSchema), required=True)
    contributions = fields.Nested(ContributionSummarySchema, required=True)
