"""The WhatsApp Business Cloud API (Meta's Graph API): template messages sent over HTTPS with `httpx`.

A message a business starts must be a template approved beforehand (docs/messaging.md lists ours). One request per
message:

    POST {TRACKER_WHATSAPP_API_URL}/{phone number id}/messages
    Authorization: Bearer {TRACKER_WHATSAPP_TOKEN}
    {"messaging_product": "whatsapp", "to": "+51...", "type": "template",
     "template": {"name": ..., "language": {"code": "es"},
                  "components": [{"type": "body", "parameters": [{"type": "text", "text": ...}, ...]}]}}

answered `{"messages": [{"id": "wamid..."}]}`, or with an HTTP 4xx/5xx and
`{"error": {"message", "type", "code", "error_data": {"details"}, "fbtrace_id"}}`. Rate limits and Meta's own
trouble are retried; an error about this one message (the number cannot receive it, a parameter refused) abandons
it; anything else (a token expired, a template not approved yet: an operator mends it) is retried.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from tracker.messaging import MessageError, ShortMessage

DEFAULT_API_URL = "https://graph.facebook.com/v21.0"
#: The templates' names by our key, unless configured otherwise (TRACKER_WHATSAPP_TEMPLATE_<KEY>).
DEFAULT_TEMPLATES = {"reminder": "session_reminder", "feedback": "contribution_feedback",
                     "milestone": "milestone_reminder", "report": "progress_report_reminder"}
#: Meta's codes of a rate limit or of its own passing trouble: tried again later.
RETRIED = frozenset({1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004})
#: Meta's codes that say this message to this number can never go: abandoned at once.
PERMANENT = frozenset({100, 131008, 131009, 131021, 131026, 131047, 131051, 131053})


@dataclass(frozen=True)
class WhatsAppSettings:
    """Where and as whom to send, the templates' names and their language codes, and what the webhook checks."""

    api_url: str = DEFAULT_API_URL
    token: str | None = None
    phone_number_id: str | None = None
    app_secret: str | None = None
    verify_token: str | None = None
    templates: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_TEMPLATES))
    #: The template language code for each forum language (es -> es, en -> en; e.g. es_PE, en_US if registered so).
    languages: Mapping[str, str] = field(default_factory=lambda: {"es": "es", "en": "en"})
    timeout: float = 30.0

    @property
    def configured(self) -> bool:
        """Can messages be sent: a token and a phone number id are set."""
        return bool(self.token and self.phone_number_id)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> WhatsAppSettings:
        """The settings of an application's config (see config.py)."""
        return cls(api_url=(config.get("WHATSAPP_API_URL") or DEFAULT_API_URL).rstrip("/"),
                   token=config.get("WHATSAPP_TOKEN"), phone_number_id=config.get("WHATSAPP_PHONE_NUMBER_ID"),
                   app_secret=config.get("WHATSAPP_APP_SECRET"), verify_token=config.get("WHATSAPP_VERIFY_TOKEN"),
                   templates={**DEFAULT_TEMPLATES, **(config.get("WHATSAPP_TEMPLATES") or {})},
                   languages={"es": "es", "en": "en", **(config.get("WHATSAPP_LANGUAGES") or {})})


class WhatsAppCloud:
    """Sends `ShortMessage`s as template messages through the Cloud API; raises MessageError when it cannot."""

    channel = "whatsapp"

    def __init__(self, settings: WhatsAppSettings) -> None:
        self.settings = settings

    def request(self, message: ShortMessage) -> dict[str, Any]:
        """The body of the request that sends `message`."""
        s = self.settings
        return {"messaging_product": "whatsapp", "to": message.to, "type": "template",
                "template": {"name": s.templates[message.template],
                             "language": {"code": s.languages.get(message.language, message.language)},
                             "components": [{"type": "body", "parameters": [
                                 {"type": "text", "text": p} for p in message.parameters]}]}}

    def send(self, message: ShortMessage) -> str:
        """Send the template message; the `wamid...` id Meta gives it."""
        s = self.settings
        url = f"{s.api_url}/{s.phone_number_id}/messages"
        try:
            response = httpx.post(url, json=self.request(message), timeout=s.timeout,
                                  headers={"Authorization": f"Bearer {s.token}"})
        except httpx.HTTPError as exc:
            raise MessageError(f"WhatsApp could not be reached: {type(exc).__name__}: {exc}") from exc
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.is_success:
            try:
                return str(answer["messages"][0]["id"])
            except (KeyError, IndexError, TypeError):
                raise MessageError(f"WhatsApp answered {response.status_code} without a message id") from None
        raise _error(response.status_code, answer)


def _error(status: int, answer: Any) -> MessageError:
    """The MessageError of an error answer: permanent for the codes about this message, else retried."""
    error = answer.get("error") if isinstance(answer, dict) else None
    if not isinstance(error, dict):
        return MessageError(f"WhatsApp answered {status}")
    code = error.get("code")
    details = (error.get("error_data") or {}).get("details") if isinstance(error.get("error_data"), dict) else None
    text = f"WhatsApp answered {status}: ({code}) {error.get('message', '')}" + (f": {details}" if details else "")
    number = code if isinstance(code, int) else int(str(code)) if str(code).isdigit() else None
    permanent = number in PERMANENT
    return MessageError(text, permanent=permanent)
