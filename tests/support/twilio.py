"""A stand-in for Twilio's REST API on loopback: a real HTTP server that speaks its documented shapes for sending SMS.

It takes `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP Basic authentication (the account sid and
its auth token) and the form fields `To`, `From` (or `MessagingServiceSid`), `Body` and optionally `StatusCallback`,
checks them as Twilio does, keeps each message and answers 201 with the message resource (`sid` `SM...`, `status`
`queued`, ...); or, when told (`answer_next`), an error as Twilio writes them: `{"code", "message", "more_info",
"status"}` with that HTTP status.
"""
from __future__ import annotations

import base64
import json
import re
import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs

from tests.support.http_server import JsonHandler, stand_in
from tracker.messaging.twilio_sms import TwilioSettings, TwilioSms, TwilioWhatsApp

ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
SENDER = "+15005550006"
WHATSAPP_SENDER = "+14155238886"
REMINDER_CONTENT = "HX0123456789abcdef0123456789abcdef"
#: Twilio's errors: (HTTP status, code, message).
TOO_MANY_REQUESTS = (429, 20429, "Too Many Requests")
UNSUBSCRIBED = (400, 21610, "Attempt to send to unsubscribed recipient")
NOT_A_NUMBER = (400, 21211, "Invalid 'To' Phone Number")
_E164 = re.compile(r"(whatsapp:)?\+[1-9]\d{6,14}")


@dataclass
class Sms:
    """One accepted message: the form as received and the sid given."""

    form: dict[str, str]
    sid: str

    @property
    def to(self) -> str:
        return self.form["To"]

    @property
    def body(self) -> str:
        return self.form["Body"]

    @property
    def variables(self) -> dict[str, str]:
        return json.loads(self.form["ContentVariables"])


@dataclass
class TwilioApi:
    """What the server received and what it is told to answer next."""

    sent: list[Sms] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer_next(self, *errors: tuple[int, int, str]) -> None:
        with self.lock:
            self.errors.extend(errors)

    def settings(self, **overrides: Any) -> TwilioSettings:
        return TwilioSettings(**{"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN, "sender": SENDER,
                                 "api_url": self.url, "timeout": 5.0, **overrides})

    def messenger(self, **overrides: Any) -> TwilioSms:
        return TwilioSms(self.settings(**overrides))

    def whatsapp(self, **overrides: Any) -> TwilioWhatsApp:
        return TwilioWhatsApp(self.settings(**{"whatsapp_from": WHATSAPP_SENDER,
                                               "contents": {"reminder": REMINDER_CONTENT}, **overrides}))


def _handler(api: TwilioApi) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):

        def _error(self, status: int, code: int, message: str) -> None:
            self._answer(status, {"code": code, "message": message, "status": status,
                                  "more_info": f"https://www.twilio.com/docs/errors/{code}"})

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            form = {k: v[0] for k, v in parse_qs(raw).items()}
            expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self._error(401, 20003, "Authenticate")
            if self.path != f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json":
                return self._error(404, 20404, "The requested resource was not found")
            if not _E164.fullmatch(form.get("To", "")):
                return self._error(400, 21211, f"Invalid 'To' Phone Number: {form.get('To')}")
            if not (form.get("From") or form.get("MessagingServiceSid")):
                return self._error(400, 21603, "The source 'From' phone number is required to send an SMS")
            if not form.get("Body") and not form.get("ContentSid"):
                return self._error(400, 21619, "A text message body or media urls must be specified.")
            if form.get("To", "").startswith("whatsapp:") != form.get("From", "").startswith("whatsapp:"):
                return self._error(400, 63007, "Twilio could not find a Channel with the specified From address")
            with api.lock:
                scripted = api.errors.pop(0) if api.errors else None
                if scripted is None:
                    sms = Sms(form, f"SM{len(api.sent) + 1:032x}")
                    api.sent.append(sms)
            if scripted is not None:
                return self._error(*scripted)
            self._answer(201, {"sid": sms.sid, "account_sid": ACCOUNT_SID, "to": form["To"],
                               "from": form.get("From"), "body": form.get("Body", ""), "status": "queued",
                               "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
                               "date_created": "Mon, 07 Dec 2026 14:00:00 +0000", "error_code": None,
                               "error_message": None, "price": None, "price_unit": "USD",
                               "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sms.sid}.json",
                               "subresource_uris": {}})
            return None

    return Handler


def TwilioServer() -> AbstractContextManager[TwilioApi]:
    """`with TwilioServer() as twilio:` the server on a free loopback port, for the block."""
    return stand_in(TwilioApi(), _handler)
