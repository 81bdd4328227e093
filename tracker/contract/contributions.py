"""Request and response bodies of the contribution endpoints."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from tracker.contract.base import ID, Choice, CorrectionSchema, Name, OneLine, StrictSchema, Text, Url, is_multi_line
from tracker.domain.vocabulary import (
    COMMUNICATION_CHANNELS,
    CONTRIBUTION_CHANNELS,
    CONTRIBUTION_STATUSES,
    DECISIONS,
    MESSAGE_CHANNELS,
    SECTORS,
)


def Ref(what: str) -> fields.String:
    return fields.String(load_default=None, validate=ID,
                         metadata={"description": f"the id of a {what} of this forum"})


class ContributionAuthorInputSchema(StrictSchema):
    """Either {representative_id} (a representative of the forum) or a member of the public:
    {name, organization?, sector?, email?, phone?, opt_in?}."""

    representative_id = fields.String(validate=ID)
    name = Name()
    organization = Name(load_default=None)
    sector = Choice(SECTORS, load_default=None)
    email = fields.Email(load_default=None, validate=validate.Length(max=320))
    phone = fields.String(load_default=None, validate=validate.Regexp(
        r"^[0-9 +()./-]{3,40}(?![\s\S])", error="a phone number of digits, spaces and + ( ) . / -"), metadata={
        "description": "a member of the public's phone, read with the forum's country and kept in E.164"})
    opt_in = fields.List(Choice(MESSAGE_CHANNELS), load_default=None, validate=validate.Length(max=2), metadata={
        "description": "the channels besides email (whatsapp, sms) the member of the public agreed to be answered "
                       "by; they need a phone"})

    @validates_schema
    def _one_kind(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("representative_id"):
            extra = [k for k in ("name", "organization", "sector", "email", "phone", "opt_in")
                     if data.get(k) is not None]
            if extra:
                raise ValidationError("a representative's name, organization and sector come from the "
                                      "roster; send representative_id alone", field_name=extra[0])
        elif not (data.get("name") or "").strip():
            raise ValidationError("give representative_id, or the name of a member of the public",
                                  field_name="name")


class ContributionCreateSchema(StrictSchema):
    text = Text(required=True)
    received_on = fields.Date(required=True)
    channel = Choice(CONTRIBUTION_CHANNELS, required=True)
    author = fields.Nested(ContributionAuthorInputSchema, required=True)
    session_id = Ref("session")
    commitment_id = Ref("commitment")
    consultation_id = Ref("consultation")


class ContributionConsiderationCreateSchema(StrictSchema):
    considered_on = fields.Date(required=True)
    session_id = Ref("session")
    note = Text(load_default=None)


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("must not be blank: say why")


class ContributionResponseCreateSchema(StrictSchema):
    decision = Choice(DECISIONS, required=True)
    reasoning = fields.String(required=True, validate=[validate.Length(min=1, max=20_000), _not_blank, is_multi_line])
    responded_on = fields.Date(required=True)
    commitment_id = Ref("commitment")
    correction = fields.Nested(CorrectionSchema, load_default=None,
                               metadata={"description": "required to replace a response already recorded"})


class ContributionCommunicationCreateSchema(StrictSchema):
    communicated_on = fields.Date(required=True)
    channel = Choice(COMMUNICATION_CHANNELS, required=True)
    url = Url(load_default=None)
    correction = fields.Nested(CorrectionSchema, load_default=None, metadata={
        "description": "required to repeat a channel on the same day; supersedes the latest communication "
                       "on that channel (or the latest communication when none used it)"})


class ContributionTextHidingCreateSchema(StrictSchema):
    reason = OneLine(longest=500, required=True,
                     metadata={"description": "why the text is withheld (abuse, personal data...); shown to the "
                                              "public instead of the text"})
    hidden_on = fields.Date(required=True, metadata={"description": "the forum's day it was hidden"})


class ContributionChannelWithdrawalCreateSchema(StrictSchema):
    channel = Choice(MESSAGE_CHANNELS, required=True, metadata={
        "description": "the channel the public author no longer wants to be answered by"})


class ContributionStatusQuerySchema(StrictSchema):
    status = Choice(CONTRIBUTION_STATUSES, load_default=None)


class ContributionAuthorSchema(StrictSchema):
    """The author; anonymous readers never get a member of the public's name or email, nor a minor's name."""

    kind = fields.String(required=True, metadata={"description": "representative or public"})
    representative_id = fields.String()
    name = fields.String(allow_none=True)
    organization_id = fields.String()
    organization = fields.String(allow_none=True)
    sector = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    opt_in = fields.List(fields.String())


class ContributionConsiderationSchema(StrictSchema):
    considered_on = fields.Date(required=True)
    session_id = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class ContributionResponseSchema(StrictSchema):
    decision = fields.String(required=True)
    reasoning = fields.String(required=True)
    responded_on = fields.Date(required=True)
    commitment_id = fields.String(allow_none=True)
    correction_reason = fields.String(allow_none=True)


class ContributionCommunicationSchema(StrictSchema):
    communicated_on = fields.Date(required=True)
    channel = fields.String(required=True)
    url = fields.String(allow_none=True)
    written = fields.Boolean(required=True)
    correction_reason = fields.String(allow_none=True)


class ContributionSchema(StrictSchema):
    id = fields.String(required=True)
    action_plan_id = fields.String(required=True)
    forum_id = fields.String(required=True)
    text = fields.String(required=True)
    received_on = fields.Date(required=True)
    channel = fields.String(required=True)
    author = fields.Nested(ContributionAuthorSchema, required=True)
    session_id = fields.String(allow_none=True)
    commitment_id = fields.String(allow_none=True)
    consultation_id = fields.String(allow_none=True)
    status = fields.String(required=True, metadata={"description": "the furthest stage reached"})
    considerations = fields.List(fields.Nested(ContributionConsiderationSchema), required=True)
    response = fields.Nested(ContributionResponseSchema, allow_none=True)
    communications = fields.List(fields.Nested(ContributionCommunicationSchema), required=True)
    days_to_response = fields.Integer(allow_none=True)
    days_to_written_communication = fields.Integer(
        allow_none=True, metadata={"description": "to the first written communication (email, letter, published, "
                                                  "whatsapp or sms)"})
    late = fields.Boolean(required=True, metadata={
        "description": "received after its consultation closed, against the closing day as the record knows it now "
                       "(extensions counted); computed when read, so an extension logged later clears it"})


class ContributionTrailEventSchema(StrictSchema):
    position = fields.Integer(required=True)
    type = fields.String(required=True)
    occurred_at = fields.DateTime(required=True)
    recorded_at = fields.DateTime(required=True)
    recorded_by = fields.String(metadata={"description": "shown to full readers only"})
    data = fields.Dict(required=True)


class ContributionTrailSchema(StrictSchema):
    contribution_id = fields.String(required=True)
    late = fields.Boolean(required=True, metadata={
        "description": "as the contribution's `late`: against the consultation's closing day as known now. The "
                       "`late` inside ContributionReceived's data is the flag as logged, kept as stored"})
    events = fields.List(fields.Nested(ContributionTrailEventSchema), required=True)
