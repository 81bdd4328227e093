"""Request and response bodies after implementation: the evaluator's end-of-commitment and final assessments, the
plan's recommendations and the next plan's answers to them, and a commitment's lead contact."""
from __future__ import annotations

from marshmallow import fields, validate

from tracker.contract.base import ID, Choice, CorrectionSchema, OccurredSchema, StrictSchema, Text, Url
from tracker.contract.compliance import DayOrInstant, LogSchema
from tracker.domain.recommendations import SOURCES
from tracker.domain.vocabulary import COMPLETION_LEVELS, EARLY_RESULTS, OGP_VALUES

#: At most this many recommendations or references in one assessment.
ITEMS = validate.Length(max=50)


def Recommendations(**kw: object) -> fields.List:
    """Recommendations, one text each."""
    return fields.List(Text(), validate=ITEMS, **kw)  # type: ignore[arg-type]


class EndAssessmentSchema(OccurredSchema):
    completion = Choice(COMPLETION_LEVELS, required=True, metadata={
        "description": "the IRM's completion level: " + ", ".join(COMPLETION_LEVELS)})
    early_results = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=50)),
        values=fields.String(validate=validate.Length(min=1, max=50)), required=True,
        validate=validate.Length(min=1, max=len(OGP_VALUES)), metadata={
            "description": "did it open government? per OGP value of the commitment (each one, no other), rated "
                           + ", ".join(EARLY_RESULTS)})
    explanation = Text(required=True)
    references = fields.List(Url(), validate=ITEMS, load_default=list)
    recommendations = Recommendations(load_default=list)
    correction = fields.Nested(CorrectionSchema, load_default=None)


class FinalAssessmentSchema(OccurredSchema):
    summary = Text(required=True)
    recommendations = Recommendations(required=True)
    correction = fields.Nested(CorrectionSchema, load_default=None)


class RecommendationResponseSchema(OccurredSchema):
    recommendation_id = fields.String(required=True, validate=ID, metadata={
        "description": "a standing recommendation of an earlier plan of the forum (rec_…)"})
    response = Text(required=True)
    commitment_id = fields.String(validate=ID, load_default=None, allow_none=True, metadata={
        "description": "the commitment of this plan that takes it up, if any"})


class LeadContactSchema(StrictSchema):
    lead_representative_id = fields.String(validate=ID, required=True, allow_none=True, metadata={
        "description": "a current representative of the forum's roster; null: none"})


class RecommendationsQuerySchema(StrictSchema):
    as_of = DayOrInstant(load_default=None, metadata={
        "description": "as the record stood at the end of this day (forum's timezone) or this instant. Default: "
                       "now"})
    known_at = DayOrInstant(load_default=None, metadata={
        "description": "count only events recorded by the end of this day or this instant (default: now)"})


# -- responses -------------------------------------------------------------------------------------------


class RecommendationItemSchema(StrictSchema):
    id = fields.String(metadata={"description": "rec_ and 16 hex digits, derived from where it was made and its words"})
    text = fields.String()


class EndAssessmentViewSchema(StrictSchema):
    completion = fields.String()
    early_results = fields.Dict(keys=fields.String(), values=fields.String())
    explanation = fields.String()
    references = fields.List(fields.String())
    recommendations = fields.List(fields.Nested(RecommendationItemSchema))
    correction_reason = fields.String(allow_none=True)
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()


class AnswerViewSchema(StrictSchema):
    action_plan_id = fields.String()
    action_plan_title = fields.String()
    response = fields.String()
    commitment_id = fields.String(allow_none=True)
    commitment_title = fields.String(allow_none=True)
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()


class RecommendationViewSchema(StrictSchema):
    id = fields.String()
    source = fields.String(metadata={"description": "where it was made: " + ", ".join(SOURCES)})
    action_plan_id = fields.String()
    commitment_id = fields.String(allow_none=True, metadata={"description": "null: about the plan as a whole"})
    commitment_title = fields.String(allow_none=True)
    text = fields.String()


class AnsweredRecommendationSchema(RecommendationViewSchema):
    answers = fields.List(fields.Nested(AnswerViewSchema), metadata={
        "description": "what later plans of the forum answered, oldest plan first"})


class EarlierRecommendationSchema(RecommendationViewSchema):
    action_plan_title = fields.String()
    answer = fields.Nested(AnswerViewSchema, allow_none=True, metadata={
        "description": "this plan's answer that stands; null: not answered"})


class RecommendationsSchema(StrictSchema):
    """A plan's recommendations, as the record stood."""

    action_plan_id = fields.String()
    as_of = fields.Date()
    known_at = fields.DateTime()
    log = fields.Nested(LogSchema)
    recommendations = fields.List(fields.Nested(AnsweredRecommendationSchema))


class RecommendationResponsesSchema(StrictSchema):
    """The earlier plans' recommendations with this plan's answers, as the record stood."""

    action_plan_id = fields.String()
    as_of = fields.Date()
    known_at = fields.DateTime()
    log = fields.Nested(LogSchema)
    recommendations = fields.List(fields.Nested(EarlierRecommendationSchema))
