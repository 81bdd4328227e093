"""Sending email over SMTP, configured from the environment (TRACKER_SMTP_*, TRACKER_MAIL_FROM).

One connection per message: the scheduler sends a few messages a minute at most, and a fresh connection
means a server that dropped us a minute ago is simply tried again.
"""
from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

TLS_MODES = ("none", "starttls", "ssl")


class MailError(Exception):
    """The mail server could not be reached, or refused the message.

    `permanent` says that sending the same message again cannot succeed (the server cannot take the recipient's
    address, or refused it or the message with a 5xx reply): the delivery is then abandoned at once. Otherwise
    (unreachable, a 4xx reply, a TLS or login problem an operator can mend) it is retried later."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: host, port, the sender's address, TLS mode and an optional login."""

    host: str = "127.0.0.1"
    port: int = 25
    mail_from: str = "tracker@localhost"
    tls: str = "none"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.tls not in TLS_MODES:
            raise ValueError(f"TRACKER_SMTP_TLS must be one of {', '.join(TLS_MODES)}, not {self.tls!r}")

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpSettings:
        """The settings of an application's config (see config.py)."""
        return cls(host=config["SMTP_HOST"], port=int(config["SMTP_PORT"]), mail_from=config["MAIL_FROM"],
                   tls=config.get("SMTP_TLS") or "none", user=config.get("SMTP_USER"),
                   password=config.get("SMTP_PASSWORD"))


class SmtpMailer:
    """Sends `EmailMessage`s through one SMTP server; raises MailError when it cannot."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    @property
    def sender(self) -> str:
        """The From address of every message."""
        return self.settings.mail_from

    def send(self, message: EmailMessage) -> None:
        """Hand the message to the server. Raises MailError when the server is unreachable, refuses the
        sender, or refuses every recipient; a partial refusal is not an error (those who accepted got it)."""
        s = self.settings
        try:
            if s.tls == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout,
                                                      context=ssl.create_default_context())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            with smtp:
                if s.tls == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if s.user:
                    smtp.login(s.user, s.password or "")
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as exc:
            raise MailError(f"{type(exc).__name__}: {exc}", permanent=_permanent(exc)) from exc


def _permanent(exc: BaseException) -> bool:
    """Would the same message fail the same way every time? Only for what concerns this message: an address
    the server cannot take, or a 5xx answer to the recipients or to the message itself. A refused sender or
    login, or a missing STARTTLS, is the configuration's and an operator can mend it: those are retried."""
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return "SMTPUTF8" in str(exc)  # a non-ASCII address, and the server does not offer SMTPUTF8
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPDataError):
        return 500 <= exc.smtp_code < 600
    return False
