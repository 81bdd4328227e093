"""The one way a page's form changes the record: the API's own schema (`tracker/contract/`), then the API's own
command.

A form is read into the body the API would receive (`body_from`), loaded with the endpoint's marshmallow schema
and passed to the same command handler, so a page accepts exactly what the API accepts and refuses it with the
same refusals, per field, under the same dotted names ("attendance.0.representative_id"), each message read into the
page's language and naming fields by their labels (`tracker.web.refusals`: the API's English sentences and field
keys never reach a page). Nothing is written
unless the command succeeds. The page then redirects (post/redirect/get) or shows the form again with
`Submission.values` (what the user typed) and `Submission.errors` next to each field:

    submission = submit(SessionCreateSchema(), commands.schedule_session, forum_id,
                        body=body_from(request.form, lists=("agenda",)))
    if submission.ok:
        flash(...); return redirect(...)
    return render_template(..., form=submission), 422
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from marshmallow import Schema, ValidationError
from werkzeug.datastructures import MultiDict

from tracker.commands.base import Outcome
from tracker.contract.errors import flatten
from tracker.domain.errors import DomainError
from tracker.http import context
from tracker.web.labels import field_anchor, field_label
from tracker.web.refusals import refusal, translate_errors

#: Form fields that are never part of the body (Flask-WTF's token, the submit button).
NOT_BODY = frozenset({"csrf_token", "submit", "next", "add_guest", "guest_rows"})


@dataclass
class Submission:
    """What came of one form post: the outcome, or the message and per-field errors to show beside the form."""

    values: Mapping[str, Any]
    outcome: Outcome | None = None
    message: str | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    status: int = 200

    @property
    def ok(self) -> bool:
        return self.outcome is not None

    def value(self, name: str, default: Any = "") -> Any:
        """What the user typed in `name` (for re-filling the form), or `default`."""
        value = self.values.get(name, default)
        return default if value is None else value

    def summary(self) -> list[tuple[str | None, str, str]]:
        """The error summary's lines: (the id of the field's element or None, the field's label, the message),
        in the order the errors came; messages about the whole form first, with no field."""
        lines: list[tuple[str | None, str, str]] = [(None, "", m) for m in self.errors.get("_body", [])]
        for key, messages in self.errors.items():
            if key != "_body":
                lines += [(field_anchor(key), field_label(key), m) for m in messages]
        return lines

    def errors_for(self, name: str) -> list[str]:
        """The messages for one field, and for the fields nested under it ("agenda" gets "agenda.0.title")."""
        return [m for key, messages in self.errors.items()
                if key == name or key.startswith(name + ".") for m in messages]


def blank(values: Mapping[str, Any] | None = None) -> Submission:
    """A form not yet posted, optionally pre-filled."""
    return Submission(values=dict(values or {}))


def body_from(form: MultiDict, *, lists: Iterable[str] = (), flags: Iterable[str] = (),
              nested: Mapping[str, Iterable[str]] | None = None) -> dict[str, Any]:
    """The JSON body a form stands for.

    Empty text fields are left out (an optional field left empty is absent, as in the API). `lists` are fields
    posted several times (ticked checkboxes, one value per line of a textarea named with a `[]` suffix or not);
    `flags` are checkboxes whose absence means false; `nested` maps "sub.field" names onto objects:
    `nested={"link": ("url", "sha256")}` turns `link.url` into {"link": {"url": ...}}.
    """
    lists, flags = set(lists), set(flags)
    body: dict[str, Any] = {}
    for name in form:
        if name in NOT_BODY or name in lists or name in flags or "." in name:
            continue
        value = form.get(name, "").strip()
        if value != "":
            body[name] = value
    for name in lists:
        values = [v.strip() for raw in form.getlist(name) for v in raw.splitlines()]
        values = [v for v in values if v]
        if values:
            body[name] = values
    for name in flags:
        body[name] = form.get(name) in ("on", "true", "1", "yes")
    for outer, inner in (nested or {}).items():
        part = {key: form.get(f"{outer}.{key}", "").strip() for key in inner}
        part = {key: value for key, value in part.items() if value != ""}
        if part:
            body[outer] = part
    return body


def submit(schema: Schema, command: Callable[..., Outcome], *ids: str, body: dict[str, Any],
           values: Mapping[str, Any] | None = None) -> Submission:
    """Load `body` with the API's `schema` and run `command(context, *ids, data)`; never raises for bad input.

    `values` is what to show in the form again if it is refused (default: `body`). The caller has already
    checked that the signed-in user may do this (the same `tracker.auth` checks as the API)."""
    shown = dict(values if values is not None else body)
    try:
        data = schema.load(body)
    except ValidationError as error:
        return Submission(shown, message=_("Some fields are invalid: see the messages beside them."),
                          errors=translate_errors(flatten(error.messages)), status=422)
    try:
        outcome = command(context(), *ids, data)
    except DomainError as error:
        if error.errors:
            return Submission(shown, message=_("Some fields are invalid: see the messages beside them."),
                              errors=translate_errors(dict(error.errors)), status=error.status)
        return Submission(shown, message=refusal(error.message), status=error.status)
    return Submission(shown, outcome=outcome, status=201)
