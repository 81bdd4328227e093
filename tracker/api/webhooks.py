"""The channels' providers calling back: POST /webhooks/whatsapp (and its GET verification handshake).

A callback is taken only with the provider's signature of its raw body (WhatsApp: `X-Hub-Signature-256`, the
HMAC-SHA256 of the body with the app's secret); a missing or wrong one is refused (403) and records nothing. What a
signed callback says is recorded as events: a sent message delivered, read or failed (`MessageStatusReported` in its
delivery's stream), and a "BAJA" or "STOP" reply as the withdrawal of the person's agreement to that channel, honoured
at once: a representative's (`ChannelConsentRecorded`, source the provider), and a member of the public's who left
that number with a contribution (`ContributorChannelWithdrawn` in each such contribution's stream). The answer is 200
once the callback is taken, so the provider does not repeat it; a repeated callback records nothing new.
"""
from __future__ import annotations

import json
from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import abort

from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors, records
from tracker.commands import deliveries as delivery_commands
from tracker.commands import forums as forum_commands
from tracker.commands.base import Context
from tracker.commands.contributions import withdraw_contributor_channel
from tracker.domain import contribution
from tracker.domain.errors import DomainError
from tracker.domain.forum import ForumState
from tracker.domain.phones import reachable
from tracker.domain.time import today
from tracker.messaging.webhooks import (
    Reply,
    StatusUpdate,
    twilio_signature_valid,
    twilio_updates,
    whatsapp_signature_valid,
    whatsapp_updates,
)
from tracker.read_models.reminder_queue import contributions_by_phone, delivery_of_message

blp = Blueprint("webhooks", __name__, description="Callbacks of the WhatsApp and SMS providers (signed by them)")

_TEXT = {"text/plain": {"schema": {"type": "string", "description": "the `hub.challenge` sent, as it was sent"}}}
_TAKEN = {"application/json": {"schema": {"type": "object", "properties": {
    "statuses": {"type": "integer", "description": "status reports recorded"},
    "opt_outs": {"type": "integer", "description": "withdrawals of an agreement recorded (a representative's, or a "
                                                  "contribution's author's)"}}}}}


def _context(provider: str) -> Context:
    services = extension.services()
    return Context(store=services.store, now=services.clock(), actor=f"webhook:{provider}",
                   projector=services.projector)


def record(provider: str, channels: tuple[str, ...], statuses: list[StatusUpdate],
           replies: list[Reply]) -> dict[str, int]:
    """Record what a signed callback says: each status of a message a delivery sent by one of `channels` (those the
    provider carries), and each opt-out reply as the withdrawal of the agreement to the channel it came by of every
    representative with that number, and of every member of the public who left it with a contribution."""
    ctx = _context(provider)
    services = extension.services()
    recorded = {"statuses": 0, "opt_outs": 0}
    for update in statuses:
        delivery = delivery_of_message(services.projector, channels, update.message_id)
        if delivery is not None and delivery_commands.report_status(
                ctx, delivery.id, update.status, update.at, provider, update.error) is not None:
            recorded["statuses"] += 1
    out = {(reply.phone, reply.channel) for reply in replies if reply.opt_out}
    if not out:
        return recorded
    with records() as r:
        forums = r.records_of("forum")
    for forum in forums:
        for rep in forum.representatives.values():
            for agreed in [c for c in rep.opt_in if (reachable(rep.phone, forum.country), c) in out]:
                cmd = {"channel": agreed, "opted_in": False, "on": today(forum.timezone, ctx.now)}
                try:
                    forum_commands.record_channel_consent(ctx, forum.id, rep.id, cmd, source=provider)
                except DomainError:
                    continue  # withdrawn meanwhile: nothing to record
                recorded["opt_outs"] += 1
    recorded["opt_outs"] += _contributors_out(ctx, provider, {f.id: f for f in forums}, out)
    return recorded


def _contributors_out(ctx: Context, provider: str, forums: dict[str, ForumState], out: set[tuple[str, str]]) -> int:
    """Withdraw the agreement to a channel of each contribution's public author whose phone replied "BAJA" by it;
    how many were recorded. Only the contributions whose author left a phone and still agrees to one of those
    channels are read (the reminder queue knows which, without the phone); each one's phone is opened from its stream
    as the scheduler opens it. A forgotten person's phone reads as nothing: never matched."""
    services = extension.services()
    done = 0
    for contribution_id, forum_id, agreed in contributions_by_phone(services.projector, {c for _, c in out}):
        forum = forums.get(forum_id)
        state = contribution.fold(services.store.read_stream(contribution_id)) if forum is not None else None
        if forum is None or state is None:
            continue
        phone = reachable(state.author.get("phone"), forum.country)
        for channel in [c for c in agreed if phone is not None and (phone, c) in out]:
            try:
                withdraw_contributor_channel(ctx, contribution_id, channel, provider)
            except DomainError:
                continue  # withdrawn meanwhile: nothing to record
            done += 1
    return done


@blp.route("/webhooks/whatsapp")
class WhatsAppWebhook(MethodView):
    @blp.doc(security=[], parameters=[
        {"in": "query", "name": "hub.mode", "schema": {"type": "string"}, "required": True},
        {"in": "query", "name": "hub.verify_token", "schema": {"type": "string"}, "required": True},
        {"in": "query", "name": "hub.challenge", "schema": {"type": "string"}, "required": True}],
        responses={"200": {"description": "the challenge, when the verify token is ours", "content": _TEXT}})
    @document_errors(blp, 400, 403)
    def get(self):
        """Meta's verification handshake: `hub.mode=subscribe` and our `TRACKER_WHATSAPP_VERIFY_TOKEN` are answered
        with `hub.challenge`; anything else is 403."""
        token = current_app.config.get("WHATSAPP_VERIFY_TOKEN")
        args = request.args
        if not token or args.get("hub.mode") != "subscribe" or args.get("hub.verify_token") != token:
            abort(403, message="This is not the verification of this tracker's WhatsApp webhook.")
        return Response(args.get("hub.challenge", ""), mimetype="text/plain")

    @blp.doc(security=[], parameters=[
        {"in": "header", "name": "X-Hub-Signature-256", "schema": {"type": "string"}, "required": True,
         "description": "`sha256=` and the HMAC-SHA256 of the raw body with the app's secret"}],
        requestBody={"content": {"application/json": {"schema": {"type": "object"}}}},
        responses={"200": {"description": "the callback is taken", "content": _TAKEN}})
    @document_errors(blp, 400, 403)
    def post(self):
        """A Cloud API callback: statuses (delivered, read, failed) of the messages the scheduler sent, and
        incoming messages ("BAJA" or "STOP" withdraws the sender's agreement to WhatsApp, as a representative or as
        the author of contributions who left that phone). Signed, or 403."""
        body = request.get_data(cache=True)
        secret = current_app.config.get("WHATSAPP_APP_SECRET")
        if not whatsapp_signature_valid(secret, body, request.headers.get("X-Hub-Signature-256")):
            abort(403, message="The callback's signature (X-Hub-Signature-256) is missing or wrong.")
        try:
            payload: Any = json.loads(body)
        except ValueError:
            abort(400, message="The callback's body is not JSON.")
        statuses, replies = whatsapp_updates(payload, extension.services().clock())
        return record("whatsapp", ("whatsapp",), statuses, replies), 200


#: An empty TwiML answer: Twilio sends no reply to the person.
_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def _called_url() -> str:
    """The URL Twilio called, as it signed it: on the site's public address when configured (behind a proxy the
    request's own scheme and host may differ), else the request's."""
    site = current_app.config.get("SITE_URL")
    if not site:
        return request.url
    query = request.query_string.decode()
    return f"{site}{request.path}" + (f"?{query}" if query else "")


@blp.route("/webhooks/twilio")
class TwilioWebhook(MethodView):
    @blp.doc(security=[], parameters=[
        {"in": "header", "name": "X-Twilio-Signature", "schema": {"type": "string"}, "required": True,
         "description": "Twilio's signature of the URL and the form, made with the account's auth token"}],
        requestBody={"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}},
        responses={"200": {"description": "the callback is taken (an empty TwiML answer)",
                           "content": {"text/xml": {"schema": {"type": "string"}}}}})
    @document_errors(blp, 403)
    def post(self):
        """A Twilio callback: a message's status (delivered, read; undelivered and failed recorded as failed) and
        incoming messages ("BAJA" or "STOP" withdraws the sender's agreement to SMS, or to WhatsApp for a
        `whatsapp:` sender). Signed (X-Twilio-Signature, checked with the library's RequestValidator), or 403."""
        params = request.form.to_dict()
        token = current_app.config.get("TWILIO_AUTH_TOKEN")
        if not twilio_signature_valid(token, _called_url(), params, request.headers.get("X-Twilio-Signature")):
            abort(403, message="The callback's signature (X-Twilio-Signature) is missing or wrong.")
        statuses, replies = twilio_updates(params, extension.services().clock())
        record("twilio", ("sms", "whatsapp"), statuses, replies)
        return Response(_TWIML, mimetype="text/xml")
