"""Query and response bodies of GET /action-plans/{id}/compliance."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields

from tracker.compliance.texts import LANGUAGES as ANSWER_LANGUAGES
from tracker.contract.base import Choice, StrictSchema
from tracker.domain.vocabulary import AS_OF_REASONS

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})")
YEARS = (1900, 2200)


class DayOrInstant(fields.String):
    """A day (YYYY-MM-DD: the end of that day in the forum's timezone) or an ISO 8601 instant with an offset."""

    # A String (so the OpenAPI document says `type: string`) that loads to a date or datetime, not a str.
    def _deserialize(  # type: ignore[override]
            self, value: Any, attr: str | None, data: Any, **kw: Any) -> date | datetime:
        text = super()._deserialize(value, attr, data, **kw).strip()
        try:
            if _DAY.fullmatch(text):
                moment: date | datetime = date.fromisoformat(text)
            elif _INSTANT.fullmatch(text):
                moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            else:
                raise ValueError
        except ValueError:
            raise ValidationError("a day YYYY-MM-DD or an instant such as 2025-11-30T18:00:00-05:00") from None
        if not YEARS[0] <= moment.year <= YEARS[1]:
            raise ValidationError(f"must be between the years {YEARS[0]} and {YEARS[1]}")
        return moment


class ComplianceQuerySchema(StrictSchema):
    as_of = DayOrInstant(load_default=None, metadata={
        "description": "judge the process as it stood then: only events that occurred by the end of this day "
                       "(forum's timezone) or this instant count. Default: the reference date, the plan's "
                       "submission date once submitted, else the end of the co-creation window once passed, else "
                       "now"})
    known_at = DayOrInstant(load_default=None, metadata={
        "description": "count only events recorded by the end of this day or this instant (default: now)"})
    lang = Choice(ANSWER_LANGUAGES, load_default=None, metadata={
        "description": "language of questions, explanations and summaries (default: the forum's language)"})


class EvidenceSchema(Schema):
    """An event that decided a check; `logged_late` when recorded more than 30 days after it occurred."""

    position = fields.Integer(required=True)
    type = fields.String(required=True)
    occurred_at = fields.String(required=True)
    recorded_at = fields.String(required=True)
    summary = fields.String(required=True)
    logged_late = fields.Boolean(required=True)


class CheckJudgementSchema(Schema):
    """The evaluator's latest judgement of the check, shown beside the computed answer."""

    answer = fields.String(required=True)
    explanation = fields.String(required=True)
    references = fields.List(fields.String(), required=True)
    by = fields.String(allow_none=True, metadata={"description": "the evaluator (null for anonymous readers)"})
    recorded_at = fields.String(required=True)


class CheckSchema(Schema):
    """One check: the computed answer with its explanation and evidence."""

    id = fields.String(required=True, metadata={"description": "1.1 ... 2.6, S.*, or 3.<n>.<k>"})
    section = fields.String(required=True, metadata={
        "description": "minimum_requirements, recommended_practices, standards, or commitments"})
    question = fields.String(required=True)
    answer = fields.String(required=True, metadata={
        "description": "yes, no or unclear; 2.6 very, somewhat or not; 3.n.3 the commitment type; 3.n.4 the "
                       "potential"})
    explanation = fields.String(required=True, metadata={"description": "in the requested language"})
    explanations = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                               metadata={"description": "the explanation in English (en) and Spanish (es)"})
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)
    judgement = fields.Nested(CheckJudgementSchema, allow_none=True, required=True)
    details = fields.Dict(metadata={"description": "what decided it: missed periods, waiting contributions, "
                                                   "organizations missing a representative, ..."})
    indicators = fields.Dict(metadata={"description": "2.6: sectors, shares, youth, alternates, attendance"})
    warnings = fields.List(fields.String(), metadata={"description": "3.n.4: type_potential_disagree"})
    recommendations = fields.String(allow_none=True, metadata={"description": "3.n.5: the evaluator's text"})


class CommitmentChecksSchema(Schema):
    id = fields.String(required=True)
    number = fields.Integer(required=True, metadata={"description": "n in 3.<n>.<k>: the drafting order"})
    title = fields.String(required=True)
    checks = fields.List(fields.Nested(CheckSchema), required=True)


class WindowSchema(Schema):
    starts_on = fields.String(required=True)
    ends_on = fields.String(required=True)


class LogSchema(Schema):
    position = fields.Integer(required=True, metadata={"description": "the log's last position when computed"})
    head = fields.String(required=True, metadata={"description": "the chain hash at that position"})


class JudgedPlanSchema(Schema):
    """What every answer about a plan states: the plan, the language, the date judged and why, the moment the
    record was read, the co-creation window and the log head it was computed from."""

    action_plan_id = fields.String(required=True)
    title = fields.String(required=True)
    forum_id = fields.String(required=True)
    language = fields.String(required=True)
    as_of = fields.String(allow_none=True, metadata={
        "description": "the day or instant the process is judged at: the one asked, else the reference date "
                       "(null: now)"})
    as_of_reason = Choice(AS_OF_REASONS, required=True, metadata={
        "description": "asked (the query's as_of), submission (the plan's submission date), window_end (the end "
                       "of the co-creation window, passed, for a plan not yet submitted) or now"})
    known_at = fields.String(required=True)
    window = fields.Nested(WindowSchema, required=True)
    log = fields.Nested(LogSchema, required=True)


class ComplianceSchema(JudgedPlanSchema):
    """The inception report's checks answered from the log, as of a date and as known at a moment."""

    checks = fields.List(fields.Nested(CheckSchema), required=True)
    commitments = fields.List(fields.Nested(CommitmentChecksSchema), required=True)
