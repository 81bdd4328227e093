"""Request and response bodies of the forum endpoints."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates, validates_schema

from tracker.contract.base import Choice, Count, DocumentSchema, Name, Reason, StrictSchema
from tracker.domain.phones import is_country
from tracker.domain.time import is_timezone
from tracker.domain.vocabulary import (
    FREQUENCIES,
    GENDERS,
    LANGUAGES,
    MESSAGE_CHANNELS,
    REPRESENTATIVE_ROLES,
    SECTORS,
)


class Country(fields.String):
    """An ISO 3166-1 alpha-2 country code (PE, CO, ...), the country of a forum's phone numbers."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("metadata", {"description": "ISO 3166-1 alpha-2 country code, e.g. PE: representatives' "
                                                      "phone numbers are read as numbers of this country"})
        super().__init__(validate=self._valid, **kwargs)  # type: ignore[arg-type]

    @staticmethod
    def _valid(value: str) -> None:
        if not is_country(value):
            raise ValidationError("not an ISO 3166-1 alpha-2 country code such as PE")


class MeetingRuleSchema(StrictSchema):
    frequency = Choice(tuple(FREQUENCIES), required=True)
    reminder_days_before = Count(0, 60, required=True)


class PolicySchema(StrictSchema):
    advance_notice_days = Count(0, 90)
    feedback_by_email = fields.Boolean()
    cadence_warning_day = Count(1, 28, metadata={
        "description": "Day of each meeting period by which a session must be scheduled, or the secretariat is "
                       "warned (default 10)"})
    minutes_warning_days = Count(1, 90, metadata={
        "description": "Days after a session is held by which its minutes should be recorded, or the "
                       "secretariat is warned (default 7)"})
    response_days = Count(1, 365, metadata={
        "description": "Days within which a contribution should receive a written answer; S.response_time is `no` "
                       "when one took or has waited longer (default 30)"})
    implementation_meetings = Count(1, 12, metadata={
        "description": "Reviews of progress with civil society (progress presented, civil society present, comments "
                       "recorded) required in each year of implementation by S.implementation (default 2, OGP's "
                       "minimum)"})
    minors_data_retention_days = Count(0, 3650, metadata={
        "description": "Days after the end of the last plan a minor took part in after which their personal "
                       "data are forgotten automatically (default 365; Peru's Ley 29733)"})


class ForumCreateSchema(StrictSchema):
    name = Name(required=True)
    member = Name(required=True, metadata={"description": "The OGP member, e.g. 'Cajamarca, Peru'"})
    established_on = fields.Date(required=True)
    timezone = fields.String(required=True, validate=validate.Length(max=64),
                             metadata={"description": "IANA timezone, e.g. America/Lima"})
    legal_basis = fields.Nested(DocumentSchema, load_default=None)
    meeting_rule = fields.Nested(MeetingRuleSchema, required=True)
    language = Choice(LANGUAGES, load_default="es")
    policy = fields.Nested(PolicySchema, load_default=dict)
    country = Country(load_default=None)

    @validates("timezone")
    def _timezone(self, value: str, **_: object) -> None:
        if not is_timezone(value):
            raise ValidationError("not an IANA timezone such as America/Lima")


class PolicyAmendmentCreateSchema(StrictSchema):
    effective_on = fields.Date(required=True, metadata={
        "description": "The forum's day from which the amendment is in force: today or earlier, not before the "
                       "forum was established; the amendment occurred at the start of that day"})
    policy = fields.Nested(PolicySchema, load_default=dict, metadata={
        "description": "Only the policy keys amended (the others stay as they are)"})
    meeting_rule = fields.Nested(MeetingRuleSchema, load_default=None, metadata={
        "description": "The whole new meeting rule, when it changes"})
    reason = Reason(load_default=None)
    country = Country(load_default=None)

    @validates_schema
    def _something_amended(self, data: dict, **kwargs: object) -> None:
        if not data.get("policy") and data.get("meeting_rule") is None and data.get("country") is None:
            said = "Amend at least one policy key, the meeting rule or the country."
            raise ValidationError({"policy": [said], "meeting_rule": [said]})


class PolicyAmendmentSchema(StrictSchema):
    effective_on = fields.Date(required=True)
    policy = fields.Dict(required=True, metadata={"description": "The keys amended"})
    meeting_rule = fields.Nested(MeetingRuleSchema, allow_none=True, metadata={
        "description": "The new meeting rule, or null when it did not change"})
    reason = fields.String(allow_none=True)
    country = fields.String(allow_none=True, metadata={"description": "The country set from then on, or null"})


class OrganizationCreateSchema(StrictSchema):
    name = Name(required=True)
    sector = Choice(SECTORS, required=True)
    joined_on = fields.Date(required=True)


class OrganizationWithdrawalSchema(StrictSchema):
    left_on = fields.Date(required=True)
    reason = Reason(required=True)


class RepresentativeCreateSchema(StrictSchema):
    name = Name(required=True)
    role = Choice(REPRESENTATIVE_ROLES, required=True)
    designated_on = fields.Date(required=True)
    email = fields.Email(load_default=None, validate=validate.Length(max=320))
    phone = fields.String(load_default=None, validate=validate.Regexp(
        r"^[0-9 +()./-]{3,40}(?![\s\S])", error="a phone number of digits, spaces and + ( ) . / -"))
    gender = Choice(GENDERS, load_default=None)
    is_minor = fields.Boolean(load_default=False)
    guardian_consent = fields.Boolean(load_default=None, allow_none=True, metadata={
        "description": "for a minor: did a parent or guardian consent to the designation? (absent: not recorded, "
                       "which the roster then shows)"})
    opt_in = fields.List(Choice(MESSAGE_CHANNELS), load_default=list, validate=validate.Length(max=2), metadata={
        "description": "The channels besides email the person agreed to be written to by (reminders, feedback); "
                       "they need a phone"})

    @validates_schema
    def _consent_for_minors(self, data: dict, **kwargs: object) -> None:
        if not data.get("is_minor") and data.get("guardian_consent") is not None:
            raise ValidationError({"guardian_consent": ["Only a minor's designation records a guardian's consent."]})


class ChannelConsentSchema(StrictSchema):
    channel = Choice(MESSAGE_CHANNELS, required=True)
    opted_in = fields.Boolean(required=True, metadata={
        "description": "true: the person agreed to be written to by the channel; false: they withdrew that (from now)"})
    on = fields.Date(required=True, metadata={"description": "The forum's day it was agreed or withdrawn: today or "
                                                             "earlier, not before the designation"})


class RepresentativeWithdrawalSchema(StrictSchema):
    withdrawn_on = fields.Date(required=True)
    reason = Reason(required=True)


class RepresentativeSchema(StrictSchema):
    """A representative; contact data, gender and minority only for full readers; minors' names never public."""

    id = fields.String(required=True)
    organization_id = fields.String(required=True)
    name = fields.String(allow_none=True, metadata={"description": "null for a minor, to public readers"})
    role = fields.String(required=True)
    designated_on = fields.Date(required=True)
    withdrawn_on = fields.Date(allow_none=True)
    withdrawal_reason = fields.String(allow_none=True)
    current = fields.Boolean(required=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    gender = fields.String(allow_none=True)
    is_minor = fields.Boolean()
    guardian_consent = fields.Boolean(allow_none=True)
    opt_in = fields.List(fields.String(), metadata={
        "description": "The channels besides email (whatsapp, sms) the person agreed to be written to by; full "
                       "readers only"})


class OrganizationSchema(StrictSchema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    sector = fields.String(required=True)
    joined_on = fields.Date(required=True)
    left_on = fields.Date(allow_none=True)
    left_reason = fields.String(allow_none=True)
    current = fields.Boolean(required=True)
    primary_representative_id = fields.String(allow_none=True)
    alternate_representative_ids = fields.List(fields.String())


class ForumSchema(StrictSchema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    member = fields.String(required=True)
    established_on = fields.Date(required=True)
    timezone = fields.String(required=True)
    language = fields.String(required=True)
    country = fields.String(allow_none=True, metadata={"description": "ISO 3166-1 alpha-2, or null when not set"})
    legal_basis = fields.Nested(DocumentSchema, allow_none=True)
    meeting_rule = fields.Nested(MeetingRuleSchema, required=True)
    policy = fields.Dict(required=True, metadata={"description": "The policy in force today"})
    policy_history = fields.List(fields.Nested(PolicyAmendmentSchema), required=True, metadata={
        "description": "The amendments of the policy and meeting rule, in the order they apply (effective_on)"})
    organizations = fields.List(fields.Nested(OrganizationSchema), required=True)
    representatives = fields.List(fields.Nested(RepresentativeSchema), required=True)
