"""A stand-in for the WhatsApp Business Cloud API on loopback: a real HTTP server that speaks the documented shapes.

It takes `POST /{phone number id}/messages` with `Authorization: Bearer {token}` and a template message body, checks
them as Meta does (the fields a template message needs, the number in E.164), keeps each request, and answers
`{"messaging_product": "whatsapp", "contacts": [{"input", "wa_id"}], "messages": [{"id": "wamid..."}]}`; or, when told
(`answer_next`), an error as Meta writes them: an HTTP 4xx/5xx with
`{"error": {"message", "type", "code", "error_data": {"messaging_product", "details"}, "fbtrace_id"}}`.
"""
from __future__ import annotations

import json
import re
import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.http_server import JsonHandler, stand_in
from tracker.messaging.whatsapp import WhatsAppCloud, WhatsAppSettings

TOKEN = "EAAtest-token"
PHONE_NUMBER_ID = "106540352242922"
APP_SECRET = "the-app-secret"
VERIFY_TOKEN = "verificar-foro-cajamarca"
#: Meta's errors as its documentation shows them: (HTTP status, code, message, details).
RATE_LIMIT = (429, 130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.")
PAIR_RATE_LIMIT = (400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                   "Message failed to send because there were too many messages sent from this phone number to the "
                   "same phone number in a short period of time.")
UNDELIVERABLE = (400, 131026, "(#131026) Message undeliverable", "Message Undeliverable.")
SERVICE_UNAVAILABLE = (503, 131016, "(#131016) Service unavailable", "A service is temporarily unavailable.")
_E164 = re.compile(r"\+[1-9]\d{6,14}")


@dataclass
class Sent:
    """One accepted request: the body as received and the id given."""

    body: dict[str, Any]
    id: str

    @property
    def to(self) -> str:
        return self.body["to"]

    @property
    def parameters(self) -> list[str]:
        return [p["text"] for p in self.body["template"]["components"][0]["parameters"]]


@dataclass
class CloudApi:
    """What the server received and what it is told to answer next."""

    sent: list[Sent] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[int, int, str, str]] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer_next(self, *errors: tuple[int, int, str, str]) -> None:
        """Answer the next requests with these errors, in order (then accept again)."""
        with self.lock:
            self.errors.extend(errors)

    def to(self, number: str) -> list[Sent]:
        return [s for s in self.sent if s.to == number]

    def settings(self, **overrides: Any) -> WhatsAppSettings:
        """Settings that point the tracker at this server."""
        return WhatsAppSettings(**{"api_url": self.url, "token": TOKEN, "phone_number_id": PHONE_NUMBER_ID,
                                   "app_secret": APP_SECRET, "verify_token": VERIFY_TOKEN, "timeout": 5.0,
                                   **overrides})

    def messenger(self, **overrides: Any) -> WhatsAppCloud:
        return WhatsAppCloud(self.settings(**overrides))


def _problems(path: str, headers: Any, body: Any) -> list[str]:
    """What Meta would refuse in the request (an empty list: nothing)."""
    problems = []
    if path != f"/{PHONE_NUMBER_ID}/messages":
        problems.append(f"unknown path {path}")
    if headers.get("Authorization") != f"Bearer {TOKEN}":
        problems.append("bad token")
    if not isinstance(body, dict) or body.get("messaging_product") != "whatsapp" or body.get("type") != "template":
        return [*problems, "not a template message"]
    if not _E164.fullmatch(str(body.get("to", ""))):
        problems.append("to is not E.164")
    template = body.get("template") or {}
    if not template.get("name") or not (template.get("language") or {}).get("code"):
        problems.append("template without name or language")
    for component in template.get("components") or []:
        for p in component.get("parameters") or []:
            text = p.get("text", "")
            if p.get("type") != "text" or not text or "\n" in text or "\t" in text or "     " in text:
                problems.append(f"parameter refused: {text!r}")
    return problems


def _handler(api: CloudApi) -> type[BaseHTTPRequestHandler]:
    class Handler(JsonHandler):

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            with api.lock:
                scripted = api.errors.pop(0) if api.errors else None
                problems = _problems(self.path, self.headers, body)
                if scripted is None and not problems:
                    sent = Sent(body, f"wamid.HBgL{len(api.sent) + 1:06d}")
                    api.sent.append(sent)
                elif body is not None:
                    api.refused.append(body)
            if problems:
                scripted = (401 if "bad token" in problems else 400, 100, "(#100) Invalid parameter",
                            "; ".join(problems))
            if scripted is not None:
                status, code, message, details = scripted
                self._answer(status, {"error": {"message": message, "type": "OAuthException", "code": code,
                                                "error_data": {"messaging_product": "whatsapp",
                                                               "details": details},
                                                "fbtrace_id": "Az8or2yhqkZfEZ-_4Qn_Bam"}})
                return
            self._answer(200, {"messaging_product": "whatsapp",
                               "contacts": [{"input": body["to"], "wa_id": body["to"].lstrip("+")}],
                               "messages": [{"id": sent.id}]})

    return Handler


def CloudApiServer() -> AbstractContextManager[CloudApi]:
    """`with CloudApiServer() as api:` the server on a free loopback port, for the block."""
    return stand_in(CloudApi(), _handler)
