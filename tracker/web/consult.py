"""The public contribution form: while a public consultation of one of a forum's plans is open, anyone may
send a contribution without an account; it lands in the secretariat's inbox.

The contribution is recorded with the API's own schema and command (`ContributionCreateSchema`,
`receive_contribution`), exactly as the secretariat would log it through the API: channel `web_form`, a
member of the public as author, received today in the forum's timezone, and the consultation's id. Posts are
rate-limited per client address (`PUBLIC_CONTRIBUTION_RATE_LIMIT`, see `tracker.web.security` about counting
across processes) and carry a CSRF token; a filled honeypot field is thanked and dropped.

The body is made from the page's own fields only (`FIELDS`): a post carrying any other field (`author`,
`session_id`, `commitment_id`, `received_on`...) is refused with the form shown again (`400`) and nothing is
recorded, so what a visitor sends never says that a contribution was received in a session or about a
commitment.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_limiter import Limiter

from tracker import extension
from tracker.commands import contributions as commands
from tracker.contract.contributions import ContributionCreateSchema
from tracker.queries import contribution_pages, public_pages
from tracker.web.actions import Submission, blank, submit

bp = Blueprint("consult", __name__)

#: A field people do not see (hidden by the stylesheet, skipped by keyboard and screen readers); bots fill it.
HONEYPOT = "website"
#: The session key that tells the receipt page which contribution this browser just sent, and whether it gave an
#: email address (the address itself is never kept there).
SENT = "consult_sent"
FIELDS = ("text", "author.name", "author.email", "author.phone", "consultation_id")
#: The channels besides email a member of the public may agree to be answered by (ticked boxes, with their phone).
CHANNELS = "author.opt_in"
#: What else the page posts: its CSRF token and the honeypot.
ACCEPTED = frozenset({*FIELDS, CHANNELS, "csrf_token", HONEYPOT})


def _window(forum_id: str) -> contribution_pages.ConsultationWindow:
    window = contribution_pages.consultations(extension.services(), forum_id)
    g.forum_language = window.forum.language
    refresh()
    return window


def _render(window: contribution_pages.ConsultationWindow, form: Submission, status: int = 200) -> tuple[str, int]:
    channels = [("whatsapp", _("Answer me by WhatsApp")), ("sms", _("Answer me by SMS (text message)"))]
    return render_template("web/consult.html", window=window, form=form, honeypot=HONEYPOT,
                           channels=channels), status


@bp.route("/forums/<forum_id>/consult")
def consult(forum_id: str) -> Any:
    """The form while a consultation is open; otherwise when the next one opens or the last one closed."""
    window = _window(forum_id)
    first = window.open[0].id if window.open else ""
    return _render(window, blank({"consultation_id": first}))


@bp.route("/forums/<forum_id>/consult", methods=["POST"])
def send(forum_id: str) -> Any:
    """A member of the public sends a contribution to an open consultation of the forum."""
    window = _window(forum_id)
    values: dict[str, Any] = {k: request.form.get(k, "") for k in FIELDS}
    values[CHANNELS] = request.form.getlist(CHANNELS)
    if request.form.get(HONEYPOT):
        flash(_("Thank you: your contribution was received."))
        return redirect(url_for(".consult", forum_id=forum_id))
    if any(name not in ACCEPTED for name in request.form):
        refused = Submission(values, message=_("The form was sent with fields it does not have, so nothing was "
                                               "recorded. Reload the page and try again."), status=400)
        return _render(window, refused, 400)
    consultation = next((c for c in window.open if c.id == request.form.get("consultation_id")), None)
    if consultation is None:
        refused = Submission(values, message=_("This consultation is not open: contributions are not received "
                                               "now."), status=409)
        return _render(window, refused, 409)
    text = values["text"].strip()
    body: dict[str, Any] = {"text": text} if text else {}
    author: dict[str, Any] = {name: value for name in ("name", "email", "phone")
                              if (value := values[f"author.{name}"].strip())}
    author.setdefault("name", _("Anonymous (web form)"))
    if values[CHANNELS]:
        author["opt_in"] = values[CHANNELS]
    body.update(author=author, received_on=window.today.isoformat(), channel="web_form",
                consultation_id=consultation.id)
    submission = submit(ContributionCreateSchema(), commands.receive_contribution, consultation.action_plan_id,
                        body=body, values=values)
    if submission.ok and submission.outcome is not None:
        contribution_id = submission.outcome.id
        session[SENT] = [contribution_id, "email" in author]
        return redirect(url_for(".receipt", forum_id=forum_id, contribution_id=contribution_id))
    return _render(window, submission, submission.status)


@bp.route("/forums/<forum_id>/consult/received/<contribution_id>")
def receipt(forum_id: str, contribution_id: str) -> Any:
    """The receipt of a contribution sent through the form: its short reference, its public page, what happens
    next and by when (the forum's `response_days`); whether an email will come, for the browser that sent it."""
    window = _window(forum_id)
    shown = public_pages.receipt(extension.services(), forum_id, contribution_id)
    sent = session.get(SENT) or ["", False]
    gave_email = sent[0] == contribution_id and bool(sent[1])
    return render_template("web/consult_receipt.html", window=window, receipt=shown, gave_email=gave_email,
                           just_sent=sent[0] == contribution_id)


@bp.errorhandler(429)
def _too_many(error: Exception) -> Any:
    """A rate-limited post shows the form again with what was typed, and says to wait."""
    window = _window(request.view_args.get("forum_id", "") if request.view_args else "")
    values = {k: request.form.get(k, "") for k in FIELDS}
    refused = Submission(values, message=_("Too many contributions were sent from your address. Wait a minute and "
                                           "send it again: what you typed is kept below."), status=429)
    return _render(window, refused, 429)


@bp.app_context_processor
def _consultation_link() -> dict[str, Any]:
    """`open_consultation_url(forum_id)`: the public form's address while a consultation is open, else None."""
    def open_consultation_url(forum_id: str) -> str | None:
        window = contribution_pages.consultations(extension.services(), forum_id)
        return url_for("web.consult.consult", forum_id=forum_id) if window.open else None

    return {"open_consultation_url": open_consultation_url}


def limit(app: Flask, limiter: Limiter) -> None:
    """Apply `PUBLIC_CONTRIBUTION_RATE_LIMIT` (default 5/minute;50/day) per client address to the form's
    POSTs (showing the form is not counted)."""
    rule = limiter.limit(lambda: app.config.get("PUBLIC_CONTRIBUTION_RATE_LIMIT", "5/minute;50/day"),
                         methods=["POST"])
    endpoint = "web.consult.send"
    view: Callable[..., Any] = app.view_functions[endpoint]  # one callable type: the decorator keeps its signature
    app.view_functions[endpoint] = rule(view)
