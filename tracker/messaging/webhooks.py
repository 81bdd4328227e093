"""What the providers' webhooks receive, read into plain values, and the checks of their signatures.

A provider calls back with what became of a message (delivered, read, failed) and with what people wrote back: a
reply of "BAJA" or "STOP" (any case, accents and punctuation aside) withdraws the person's agreement to that channel.
Anything else in a callback (other statuses, other kinds of message, fields a provider adds) is ignored.
"""
from __future__ import annotations

import hashlib
import hmac
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from twilio.request_validator import RequestValidator

#: Replies that withdraw a person's agreement to be written to by the channel they came by.
OPT_OUT_WORDS = frozenset({"BAJA", "STOP"})
#: The statuses recorded (a message `sent` is what the scheduler already recorded).
STATUSES = ("delivered", "read", "failed")


@dataclass(frozen=True)
class StatusUpdate:
    """A provider's report of one message: its id, its status, when, and the provider's error when it failed."""

    message_id: str
    status: str
    at: datetime
    error: str | None = None


@dataclass(frozen=True)
class Reply:
    """A message a person wrote back: their number (E.164), whether it withdraws their agreement, and the channel
    it came by."""

    phone: str
    opt_out: bool
    channel: str = "whatsapp"


def is_opt_out(text: str) -> bool:
    """Is the reply one of OPT_OUT_WORDS, whatever its case, accents, spaces and punctuation?"""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if c.isalnum())
    return bare.upper() in OPT_OUT_WORDS


def whatsapp_signature_valid(app_secret: str | None, body: bytes, header: str | None) -> bool:
    """Is `header` (X-Hub-Signature-256) `sha256=` and the HMAC-SHA256 of the raw body with the app's secret? Never
    without a secret."""
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def _instant(timestamp: Any, received: datetime) -> datetime:
    try:
        return datetime.fromtimestamp(int(timestamp), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return received


def whatsapp_updates(payload: Any, received: datetime) -> tuple[list[StatusUpdate], list[Reply]]:
    """The status reports and replies of a Cloud API callback (`entry[].changes[].value.statuses[]` and
    `.messages[]`); what it does not know is left out."""
    statuses: list[StatusUpdate] = []
    replies: list[Reply] = []
    entries = payload.get("entry") if isinstance(payload, Mapping) else None
    for entry in entries if isinstance(entries, list) else []:
        changes = entry.get("changes") if isinstance(entry, Mapping) else None
        for change in changes if isinstance(changes, list) else []:
            value = change.get("value") if isinstance(change, Mapping) else None
            if not isinstance(value, Mapping):
                continue
            for s in _list(value.get("statuses")):
                if s.get("status") in STATUSES and isinstance(s.get("id"), str):
                    errors = _list(s.get("errors"))
                    error = (f"({errors[0].get('code')}) {errors[0].get('title') or errors[0].get('message') or ''}"
                             if errors else None)
                    statuses.append(StatusUpdate(s["id"], s["status"], _instant(s.get("timestamp"), received),
                                                 error))
            for m in _list(value.get("messages")):
                sender, text = m.get("from"), (m.get("text") or {}).get("body") if m.get("type") == "text" else None
                if isinstance(sender, str) and sender.isdigit() and isinstance(text, str):
                    replies.append(Reply(f"+{sender}", is_opt_out(text), "whatsapp"))
    return statuses, replies


def _list(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


#: Twilio's message statuses as recorded (`sent`, `queued`, ... are not: the scheduler knows it sent the message).
TWILIO_STATUSES = {"delivered": "delivered", "read": "read", "undelivered": "failed", "failed": "failed"}


def twilio_signature_valid(auth_token: str | None, url: str, params: Mapping[str, str], header: str | None) -> bool:
    """Is `header` (X-Twilio-Signature) Twilio's signature of the URL it called and the form it posted, made with
    the account's auth token (checked by the library's RequestValidator)? Never without a token."""
    if not auth_token or not header:
        return False
    return bool(RequestValidator(auth_token).validate(url, dict(params), header))


def twilio_updates(params: Mapping[str, str], received: datetime) -> tuple[list[StatusUpdate], list[Reply]]:
    """The status report (`MessageSid`, `MessageStatus`, `ErrorCode`) or the incoming message (`From`, `Body`; a
    `whatsapp:` sender came by WhatsApp through Twilio, any other by SMS) of a Twilio callback."""
    statuses, replies = [], []
    status, sid = TWILIO_STATUSES.get(params.get("MessageStatus", "")), params.get("MessageSid")
    if status and sid and "Body" not in params:
        error = params.get("ErrorCode")
        statuses.append(StatusUpdate(sid, status, received, f"({error})" if error else None))
    sender, body = params.get("From", ""), params.get("Body")
    if body is not None and sender:
        channel = "whatsapp" if sender.startswith("whatsapp:") else "sms"
        phone = sender.removeprefix("whatsapp:")
        if phone.startswith("+") and phone[1:].isdigit():
            replies.append(Reply(phone, is_opt_out(body), channel))
    return statuses, replies
