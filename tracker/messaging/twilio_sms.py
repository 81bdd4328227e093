"""SMS, and WhatsApp, through Twilio, with its official Python library (`twilio`).

One `POST {TRACKER_TWILIO_API_URL}/2010-04-01/Accounts/{account sid}/Messages.json` a message (form fields `To`,
`From`, `Body` and, when the site's address is configured, `StatusCallback`), authenticated with the account sid and
its auth token; Twilio answers the message resource (`sid` `SM...`, recorded as the outcome's message id) or an error
`{"code", "message", "more_info", "status"}`. The library's base URL is overridable (`TRACKER_TWILIO_API_URL`), which
is how the tests point it at a local server.

WhatsApp through Twilio (`TwilioWhatsApp`, used when the Cloud API is not configured) sends the same way from
`whatsapp:{TRACKER_TWILIO_WHATSAPP_FROM}` to `whatsapp:+51...`; a message a business starts must be an approved
template, which Twilio names by a Content SID (`HX...`, TRACKER_TWILIO_CONTENT_REMINDER): the request carries
`ContentSid` and `ContentVariables` (`{"1": ..., "2": ...}`, the template's parameters) instead of `Body`.

A rate limit (`20429`, HTTP 429), Twilio's own trouble (a 5xx) or an unreachable API is retried; an error about this
message to this number (not a valid number, not a mobile one, a recipient who replied STOP to Twilio) abandons it; any
other (credentials, a sender not enabled for the country) is retried, so an operator can mend it.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from tracker.messaging import MessageError, ShortMessage

DEFAULT_API_URL = "https://api.twilio.com"
#: Twilio's error codes about one message to one number: abandoned at once.
PERMANENT = frozenset({21211, 21217, 21407, 21421, 21610, 21612, 21614, 21635})
#: The path of the status callbacks on this site (tracker.api.webhooks).
CALLBACK_PATH = "/api/v1/webhooks/twilio"


@dataclass(frozen=True)
class TwilioSettings:
    """The account, the sender (a number, or a Messaging Service's sid `MG...`), the API's base URL, and where
    Twilio calls back."""

    account_sid: str | None = None
    auth_token: str | None = None
    sender: str | None = None
    api_url: str = DEFAULT_API_URL
    site_url: str | None = None
    timeout: float = 30.0
    #: WhatsApp through Twilio: the sender's number (E.164) and the Content SIDs of the templates by our key.
    whatsapp_from: str | None = None
    contents: Mapping[str, str] = field(default_factory=dict)

    @property
    def configured(self) -> bool:
        """Can SMS be sent: the account sid, its auth token and the sender are set."""
        return bool(self.account_sid and self.auth_token and self.sender)

    @property
    def whatsapp_configured(self) -> bool:
        """Can WhatsApp be sent through Twilio: the account, its WhatsApp sender and the reminder's Content SID."""
        return bool(self.account_sid and self.auth_token and self.whatsapp_from and self.contents.get("reminder"))

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> TwilioSettings:
        """The settings of an application's config (see config.py)."""
        return cls(account_sid=config.get("TWILIO_ACCOUNT_SID"), auth_token=config.get("TWILIO_AUTH_TOKEN"),
                   sender=config.get("TWILIO_FROM"),
                   api_url=(config.get("TWILIO_API_URL") or DEFAULT_API_URL).rstrip("/"),
                   site_url=config.get("SITE_URL"), whatsapp_from=config.get("TWILIO_WHATSAPP_FROM"),
                   contents=dict(config.get("TWILIO_CONTENTS") or {}))


class TwilioSms:
    """Sends `ShortMessage`s as SMS (their whole text) through Twilio; raises MessageError when it cannot."""

    channel = "sms"

    def __init__(self, settings: TwilioSettings) -> None:
        self.settings = settings
        self.client = Client(settings.account_sid, settings.auth_token,
                             http_client=TwilioHttpClient(timeout=settings.timeout))
        self.client.api.base_url = settings.api_url  # the library's own domain, overridable

    def fields(self, message: ShortMessage) -> dict[str, Any]:
        """What the message is sent with besides its callback: the recipient, the sender and the text."""
        s = self.settings
        sender = {"messaging_service_sid": s.sender} if (s.sender or "").startswith("MG") else {"from_": s.sender}
        return {"to": message.to, "body": message.text, **sender}

    def send(self, message: ShortMessage) -> str:
        """Send the message; the `SM...` sid Twilio gives it."""
        s = self.settings
        callback = {"status_callback": f"{s.site_url}{CALLBACK_PATH}"} if s.site_url else {}
        try:
            sent = self.client.messages.create(**self.fields(message), **callback)
        except TwilioRestException as exc:
            permanent = exc.code in PERMANENT
            raise MessageError(f"Twilio answered {exc.status}: ({exc.code}) {exc.msg}", permanent=permanent) from exc
        except (TwilioException, requests.RequestException) as exc:
            raise MessageError(f"Twilio could not be reached: {type(exc).__name__}: {exc}") from exc
        return str(sent.sid)


class TwilioWhatsApp(TwilioSms):
    """Sends `ShortMessage`s as WhatsApp template messages through Twilio (Content SID and its variables)."""

    channel = "whatsapp"

    def fields(self, message: ShortMessage) -> dict[str, Any]:
        content = self.settings.contents.get(message.template)
        if not content:  # a template not registered yet: the operator can add it, so it is retried
            raise MessageError(f"no Twilio Content SID is configured for the {message.template} template")
        variables = {str(i): value for i, value in enumerate(message.parameters, start=1)}
        return {"to": f"whatsapp:{message.to}", "from_": f"whatsapp:{self.settings.whatsapp_from}",
                "content_sid": content, "content_variables": json.dumps(variables, ensure_ascii=False)}
