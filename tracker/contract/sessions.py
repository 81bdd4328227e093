"""Request and response bodies of the session endpoints."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from tracker.contract.base import (
    ID,
    Choice,
    CorrectionSchema,
    Count,
    DocumentSchema,
    Instant,
    Name,
    OccurredSchema,
    Reason,
    StrictSchema,
    Text,
)
from tracker.domain.vocabulary import ANNOUNCEMENT_CHANNELS, MODALITIES, SECTORS, SESSION_KINDS


def _unique(values: list[str]) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("each value may appear once")


class AgendaItemSchema(StrictSchema):
    title = Name(required=True)
    proposed_by_organization = fields.String(validate=ID, load_default=None, allow_none=True,
                                             metadata={"description": "id of the member organization"})
    presents_progress_of = fields.List(fields.String(validate=ID), validate=[validate.Length(max=100), _unique],
                                       load_default=list, metadata={
        "description": "ids of commitments of the forum's plans whose progress the item presents (a review of "
                       "progress with civil society, S.implementation)"})


class SessionCreateSchema(OccurredSchema):
    title = Name(required=True)
    kind = Choice(SESSION_KINDS, required=True)
    scheduled_at = Instant(required=True, metadata={"description": "may be in the future"})
    venue = Name(required=True)
    modality = Choice(MODALITIES, required=True)
    number = Count(1, 100_000, load_default=None)
    action_plan_id = fields.String(validate=ID, load_default=None, allow_none=True)
    agenda = fields.List(fields.Nested(AgendaItemSchema), validate=validate.Length(max=100),
                         load_default=list)


class AnnouncementSchema(StrictSchema):
    announced_on = fields.Date(required=True)
    channels = fields.List(Choice(ANNOUNCEMENT_CHANNELS), required=True,
                           validate=[validate.Length(min=1, max=len(ANNOUNCEMENT_CHANNELS)), _unique])
    materials = fields.List(fields.Nested(DocumentSchema), validate=validate.Length(max=50),
                            load_default=list)
    correction = fields.Nested(CorrectionSchema, load_default=None)


class ReschedulingSchema(OccurredSchema):
    scheduled_at = Instant(required=True)
    reason = Reason(load_default=None)


class CancellationSchema(OccurredSchema):
    reason = Reason(required=True)


class AttendeeSchema(StrictSchema):
    """A representative by id, or a guest by name, organization and sector."""

    representative_id = fields.String(validate=ID)
    name = Name()
    organization = Name(load_default=None, allow_none=True)
    sector = Choice(SECTORS)

    @validates_schema
    def _one_form(self, data: dict[str, Any], **_: Any) -> None:
        if "representative_id" in data:
            extra: list[str] = [k for k in ("name", "sector") if k in data]
            extra += ["organization"] if data.get("organization") else []
            if extra:
                raise ValidationError("a representative is named by representative_id alone",
                                      field_name=extra[0])
            return
        missing = [k for k in ("name", "sector") if k not in data]
        if missing:
            raise ValidationError({k: ["required for a guest (or give representative_id)"] for k in missing})


class RecordSchema(StrictSchema):
    held_at = Instant(required=True)
    attendance = fields.List(fields.Nested(AttendeeSchema), validate=validate.Length(max=1_000),
                             load_default=list)
    public_attendees = Count(0, 1_000_000, load_default=None, allow_none=True)
    correction = fields.Nested(CorrectionSchema, load_default=None)


class MinutesCommentSchema(StrictSchema):
    """A comment collected in the session, perhaps from a member organization."""

    organization_id = fields.String(validate=ID, load_default=None, allow_none=True,
                                    metadata={"description": "id of an organization of the forum"})
    text = Text(required=True, metadata={"description": "the comment (line breaks allowed; trimmed, not blank)"})


class MinutesSchema(StrictSchema):
    document = fields.Nested(DocumentSchema, required=True)
    approved_on = fields.Date(required=True)
    signed_by = fields.List(fields.String(validate=ID), validate=validate.Length(max=500), load_default=list)
    correction = fields.Nested(CorrectionSchema, load_default=None)
    published_on = fields.Date(load_default=None, metadata={
        "description": "the day the minutes were made public (not before approved_on, not in the future); "
                       "counts as publishing them for 2.3 without a separate `minutes` publication"})
    comments = fields.List(fields.Nested(MinutesCommentSchema), validate=validate.Length(max=500),
                           load_default=list, metadata={
        "description": "the comments collected in the session (S.implementation counts a review of progress "
                       "only with comments recorded)"})


# -- responses ---------------------------------------------------------------------------------------


class AgendaItemOut(StrictSchema):
    title = fields.String(required=True)
    proposed_by_organization = fields.String(allow_none=True)
    presents_progress_of = fields.List(fields.String(), required=True,
                                       metadata={"description": "commitments whose progress the item presents"})


class ReschedulingOut(StrictSchema):
    from_ = fields.DateTime(data_key="from", required=True)
    to = fields.DateTime(required=True)
    reason = fields.String(allow_none=True)


class AnnouncementOut(StrictSchema):
    announced_on = fields.Date(required=True)
    channels = fields.List(fields.String(), required=True)
    materials = fields.List(fields.Nested(DocumentSchema), required=True)


class AttendeeOut(StrictSchema):
    """A representative (with the roster's organization and sector) or a guest (representative_id null)."""

    representative_id = fields.String(allow_none=True)
    name = fields.String(allow_none=True,
                         metadata={"description": "null to public readers for minors and guests"})
    organization_id = fields.String(allow_none=True)
    organization = fields.String(allow_none=True)
    sector = fields.String(required=True)


class MinutesCommentOut(StrictSchema):
    organization_id = fields.String(allow_none=True)
    organization = fields.String(allow_none=True, metadata={"description": "the organization's name"})
    text = fields.String(required=True)


class MinutesOut(StrictSchema):
    document = fields.Nested(DocumentSchema, required=True)
    approved_on = fields.Date(required=True)
    signed_by = fields.List(fields.String(), required=True)
    published_on = fields.Date(allow_none=True)
    comments = fields.List(fields.Nested(MinutesCommentOut), required=True,
                           metadata={"description": "the comments collected in the session"})


class CorrectionOut(StrictSchema):
    of = fields.String(required=True, metadata={"description": "announcement, record or minutes"})
    reason = fields.String(required=True)
    position = fields.Integer(required=True, metadata={"description": "log position of the correcting event"})
    recorded_at = fields.DateTime(required=True)


class SessionSchema(StrictSchema):
    id = fields.String(required=True)
    forum_id = fields.String(required=True)
    action_plan_id = fields.String(allow_none=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    number = fields.Integer(allow_none=True)
    venue = fields.String(required=True)
    modality = fields.String(required=True)
    agenda = fields.List(fields.Nested(AgendaItemOut), required=True)
    scheduled_at = fields.DateTime(required=True)
    status = fields.String(required=True, metadata={"description": "scheduled, held or cancelled"})
    cancellation_reason = fields.String(allow_none=True)
    reschedulings = fields.List(fields.Nested(ReschedulingOut), required=True)
    announcement = fields.Nested(AnnouncementOut, allow_none=True)
    held_at = fields.DateTime(allow_none=True)
    attendance = fields.List(fields.Nested(AttendeeOut), required=True)
    attendance_by_sector = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    public_attendees = fields.Integer(allow_none=True)
    minutes = fields.Nested(MinutesOut, allow_none=True)
    corrections = fields.List(fields.Nested(CorrectionOut), required=True,
                              metadata={"description": "recordings that superseded earlier ones"})
