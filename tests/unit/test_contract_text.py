"""The contract's texts and integers (tracker/contract/): every name or title a request carries is one line
(`OneLine`), every free text refuses the control characters it has no use for, every integer is bounded and
strict. Walked over every request schema, nested ones included, so a field added later is held to the same."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from marshmallow import Schema, ValidationError, fields, validate

from tracker.contract import contributions, forums, plans, sessions
from tracker.contract.base import OneLine

REQUESTS: list[type[Schema]] = [
    forums.ForumCreateSchema, forums.PolicyAmendmentCreateSchema, forums.OrganizationCreateSchema,
    forums.OrganizationWithdrawalSchema, forums.RepresentativeCreateSchema, forums.RepresentativeWithdrawalSchema,
    sessions.SessionCreateSchema, sessions.AnnouncementSchema, sessions.ReschedulingSchema,
    sessions.CancellationSchema, sessions.RecordSchema, sessions.MinutesSchema,
    contributions.ContributionCreateSchema, contributions.ContributionConsiderationCreateSchema,
    contributions.ContributionResponseCreateSchema, contributions.ContributionCommunicationCreateSchema,
    plans.ActionPlanCreateSchema, plans.SubmissionSchema, plans.PublicationCreateSchema,
    plans.ConsultationCreateSchema, plans.ExtensionSchema, plans.CommitmentCreateSchema,
    plans.CommitmentRevisionSchema, plans.EndorsementCreateSchema, plans.EndorsementWithdrawalSchema,
    plans.AssessmentSchema, plans.JudgementSchema,
]
#: Field names that are rendered into a heading, a header or a table cell: names and titles.
ONE_LINE = {"name", "member", "title", "venue", "organization", "lead_institution"}
#: Free texts: several lines allowed.
MULTI_LINE = {"text", "problem", "description", "deliverable", "note", "explanation", "recommendations",
              "reasoning", "reason"}


def walk(schema: Schema, prefix: str = "") -> Iterator[tuple[str, fields.Field]]:
    for name, field in schema.fields.items():
        while isinstance(field, fields.List):
            field = field.inner
        if isinstance(field, fields.Nested):
            yield from walk(field.schema, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", field


ALL = [(f"{cls.__name__}.{path}", field) for cls in REQUESTS for path, field in walk(cls())]


@pytest.mark.parametrize(("path", "field"), [(p, f) for p, f in ALL if p.rsplit(".", 1)[-1] in ONE_LINE],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_name_and_title_is_one_line(path, field):
    assert isinstance(field, OneLine), path
    for bad in ("Sesión\nordinaria", "Sesión\tordinaria", "Sesión\u2028ordinaria", "Sesión\u202eordinaria", " ",
                "\u200b"):
        with pytest.raises(ValidationError):
            field.deserialize(bad)
    assert field.deserialize(" Asociación de\u00a0Rondas\u200b ") == "Asociación de Rondas"


@pytest.mark.parametrize(("path", "field"), [(p, f) for p, f in ALL if p.rsplit(".", 1)[-1] in MULTI_LINE],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_free_text_keeps_line_breaks_and_refuses_other_control_characters(path, field):
    assert field.deserialize("Primero.\r\n\tSegundo.\n") == "Primero.\r\n\tSegundo.\n"
    for bad in ("a\x00b", "a\x1bb", "a\x0cb", "a\x7fb", "a\x85b"):
        with pytest.raises(ValidationError):
            field.deserialize(bad)


@pytest.mark.parametrize(("path", "field"), [(p, f) for p, f in ALL if isinstance(f, fields.Integer)],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_integer_is_strict_and_bounded(path, field):
    ranges = [v for v in field.validators if isinstance(v, validate.Range)]
    assert field.strict and ranges and ranges[0].min is not None and ranges[0].max is not None, path
    for bad in (7.5, "7", True):
        with pytest.raises(ValidationError):
            field.deserialize(bad)


def test_every_string_field_is_held_to_some_rule():
    """A string a request carries is a one-line text, a free text, a choice, an id, a URL, an email, a date or
    a pattern; none is a bare string that would take a control character."""
    bare = [path for path, field in ALL if type(field) is fields.String and not field.validators]
    assert bare == []


@pytest.mark.parametrize("body", [{"sha256": "a" * 64 + "\n"}, {"phone": "976 000 111\n"}])
def test_a_pattern_does_not_take_a_trailing_line_break(body):
    schema = plans.PublicationCreateSchema() if "sha256" in body else forums.RepresentativeCreateSchema()
    with pytest.raises(ValidationError) as refused:
        schema.load(body, partial=True)
    assert set(refused.value.messages) == set(body)
