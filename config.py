"""Configuration read from the environment, once, when the application is built."""
from __future__ import annotations

import os
from typing import Any


class ConfigurationError(RuntimeError):
    """The settings do not let the application start safely; the message says which variable to set."""


class Config:
    """Settings for one application instance. Pass overrides as keyword arguments (tests do)."""

    def __init__(self, **overrides: Any) -> None:
        env = os.environ
        #: SQLAlchemy URL of the database; None means a SQLite file under the instance folder.
        self.DATABASE_URL: str | None = env.get("TRACKER_DATABASE_URL") or None
        #: "development" (the default) or "production": production requires TRACKER_SECRET_KEY and sends the
        #: session cookie over HTTPS only.
        self.ENVIRONMENT: str = env.get("TRACKER_ENV", "development")
        #: Signs the session cookie. Unset outside production: a random key kept in the instance folder.
        self.SECRET_KEY: str | None = env.get("TRACKER_SECRET_KEY") or None
        #: Wraps every person's key (crypto-shredding of personal data): 32 bytes, URL-safe base64. Required in
        #: production; in development a random key kept in the instance folder. Losing it loses all personal data.
        self.MASTER_KEY: str | None = env.get("TRACKER_MASTER_KEY") or None
        self.SESSION_COOKIE_SECURE: bool = (env.get("TRACKER_SECURE_COOKIES", "")
                                            or ("1" if self.ENVIRONMENT == "production" else "0")) == "1"
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_HTTPONLY = True
        #: Flask-Login's "remember me" cookie (not offered today) gets the same protections as the session's.
        self.REMEMBER_COOKIE_SECURE: bool = self.SESSION_COOKIE_SECURE
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        #: Sign-in attempts allowed per client address (Flask-Limiter notation); counted in this process's
        #: memory unless TRACKER_RATELIMIT_STORAGE_URI names a shared store (e.g. redis://...).
        self.LOGIN_RATE_LIMIT: str = env.get("TRACKER_LOGIN_RATE_LIMIT", "10/minute")
        #: Anonymous checks of the log's hash chain (GET /api/v1/events/verification) allowed per client address.
        self.VERIFICATION_RATE_LIMIT: str = env.get("TRACKER_VERIFICATION_RATE_LIMIT", "120/minute")
        #: Public contributions (the consultation form, no account) allowed per client address.
        self.PUBLIC_CONTRIBUTION_RATE_LIMIT: str = env.get("TRACKER_PUBLIC_CONTRIBUTION_RATE_LIMIT",
                                                           "5/minute;50/day")
        self.RATELIMIT_STORAGE_URI: str = env.get("TRACKER_RATELIMIT_STORAGE_URI", "memory://")
        #: A form's CSRF token lasts as long as the browser session (a sign-in page left open still works).
        self.WTF_CSRF_TIME_LIMIT = None
        self.BABEL_DEFAULT_LOCALE = "en"
        self.SMTP_HOST: str = env.get("TRACKER_SMTP_HOST", "127.0.0.1")
        self.SMTP_PORT: int = int(env.get("TRACKER_SMTP_PORT", "25"))
        self.MAIL_FROM: str = env.get("TRACKER_MAIL_FROM", "tracker@localhost")
        #: How to secure the SMTP connection: "starttls", "ssl" (SMTP over TLS from the start) or "none".
        self.SMTP_TLS: str = env.get("TRACKER_SMTP_TLS", "none")
        #: SMTP login, when the server asks for one (both set, or neither).
        self.SMTP_USER: str | None = env.get("TRACKER_SMTP_USER") or None
        self.SMTP_PASSWORD: str | None = env.get("TRACKER_SMTP_PASSWORD") or None
        #: The site's public address (e.g. https://gobiernoabierto.example.pe), for links in WhatsApp and SMS
        #: messages (a session's place on its forum's public page); unset: the messages carry no link.
        self.SITE_URL: str | None = (env.get("TRACKER_SITE_URL") or "").rstrip("/") or None
        #: WhatsApp Business Cloud API (docs/messaging.md): used only when the token and phone number id are set.
        self.WHATSAPP_API_URL: str = env.get("TRACKER_WHATSAPP_API_URL") or "https://graph.facebook.com/v21.0"
        self.WHATSAPP_TOKEN: str | None = env.get("TRACKER_WHATSAPP_TOKEN") or None
        self.WHATSAPP_PHONE_NUMBER_ID: str | None = env.get("TRACKER_WHATSAPP_PHONE_NUMBER_ID") or None
        #: Signs the webhook's callbacks (X-Hub-Signature-256); without it the webhook refuses every POST.
        self.WHATSAPP_APP_SECRET: str | None = env.get("TRACKER_WHATSAPP_APP_SECRET") or None
        #: What Meta sends back in the webhook's verification handshake (hub.verify_token).
        self.WHATSAPP_VERIFY_TOKEN: str | None = env.get("TRACKER_WHATSAPP_VERIFY_TOKEN") or None
        #: The approved templates' names (TRACKER_WHATSAPP_TEMPLATE_REMINDER, _FEEDBACK, _MILESTONE, _REPORT) and
        #: language codes for Spanish and English forums (TRACKER_WHATSAPP_LANGUAGE_ES, _EN); defaults in
        #: tracker/messaging/whatsapp.py.
        self.WHATSAPP_TEMPLATES: dict[str, str] = {
            key: env[f"TRACKER_WHATSAPP_TEMPLATE_{key.upper()}"]
            for key in ("reminder", "feedback", "milestone", "report")
            if env.get(f"TRACKER_WHATSAPP_TEMPLATE_{key.upper()}")}
        self.WHATSAPP_LANGUAGES: dict[str, str] = {
            lang: env[f"TRACKER_WHATSAPP_LANGUAGE_{lang.upper()}"] for lang in ("es", "en")
            if env.get(f"TRACKER_WHATSAPP_LANGUAGE_{lang.upper()}")}
        #: Twilio, for SMS (docs/messaging.md): used only when the account sid, its auth token and the sender (a
        #: number in E.164, or a Messaging Service's sid MG...) are set. The auth token also checks the webhook's
        #: X-Twilio-Signature. TRACKER_TWILIO_API_URL is the API's base (tests point it at a local server).
        self.TWILIO_ACCOUNT_SID: str | None = env.get("TRACKER_TWILIO_ACCOUNT_SID") or None
        self.TWILIO_AUTH_TOKEN: str | None = env.get("TRACKER_TWILIO_AUTH_TOKEN") or None
        self.TWILIO_FROM: str | None = env.get("TRACKER_TWILIO_FROM") or None
        self.TWILIO_API_URL: str = env.get("TRACKER_TWILIO_API_URL") or "https://api.twilio.com"
        #: WhatsApp through Twilio, when the Cloud API is not configured: the WhatsApp sender's number and the
        #: approved templates' Content SIDs (TRACKER_TWILIO_CONTENT_REMINDER, _FEEDBACK, _MILESTONE, _REPORT).
        self.TWILIO_WHATSAPP_FROM: str | None = env.get("TRACKER_TWILIO_WHATSAPP_FROM") or None
        self.TWILIO_CONTENTS: dict[str, str] = {
            key: env[f"TRACKER_TWILIO_CONTENT_{key.upper()}"] for key in ("reminder", "feedback", "milestone", "report")
            if env.get(f"TRACKER_TWILIO_CONTENT_{key.upper()}")}
        #: A simulated clock for the scheduler, for demos and tests only: the instant it starts at (ISO 8601 with
        #: an offset) and how many simulated seconds pass per real second. Unset: the real clock.
        self.CLOCK: str | None = env.get("TRACKER_CLOCK") or None
        self.CLOCK_SPEED: float = float(env.get("TRACKER_CLOCK_SPEED", "1"))
        #: The real instant at which the simulated clock reads TRACKER_CLOCK (default: when the process started),
        #: so several processes can share one simulated time.
        self.CLOCK_ANCHOR: str | None = env.get("TRACKER_CLOCK_ANCHOR") or None
        #: SQLite's durability: FULL syncs the WAL on every commit (a system of record's default).
        self.SQLITE_SYNCHRONOUS: str = env.get("TRACKER_SQLITE_SYNCHRONOUS", "FULL")
        #: How many decoded events of recently read forums each process keeps for compliance answers (about
        #: 1.9 kB each: the default, about 20 two-year forums, takes some 47 MB); 0 keeps none.
        self.TENANT_CACHE_EVENTS: int = int(env.get("TRACKER_TENANT_CACHE_EVENTS", "25000"))
        #: The licence a forum's open data is published under (an SPDX id), named in its datapackage.json.
        self.OPEN_DATA_LICENSE: str = env.get("TRACKER_OPEN_DATA_LICENSE") or "CC-BY-4.0"
        self.API_TITLE = "Co-creation tracker"
        self.API_VERSION = "1"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/api/v1"
        self.OPENAPI_JSON_PATH = "openapi.json"
        #: Request bodies over 1 MiB are refused (413) before any parsing.
        self.MAX_CONTENT_LENGTH = 1024 * 1024
        #: The largest file (minutes, materials, resolutions, publications) the upload forms and
        #: POST /forums/{id}/documents accept, in bytes (default 20 MiB); those requests alone may exceed
        #: MAX_CONTENT_LENGTH, by this much.
        self.MAX_UPLOAD_BYTES: int = int(env.get("TRACKER_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
        #: Seconds between the full re-hashes of the log the public verification runs in the background.
        self.VERIFICATION_FULL_EVERY: float = float(env.get("TRACKER_VERIFICATION_FULL_EVERY", "3600"))
        self.TESTING = False
        for key, value in overrides.items():
            setattr(self, key, value)

    def as_dict(self) -> dict[str, Any]:
        """The settings as Flask's config mapping wants them."""
        return {k: v for k, v in vars(self).items() if k.isupper()}
