"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and can be told to refuse for a while."""
from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tracker.mail import SmtpMailer, SmtpSettings

MAIL_FROM = "recordatorios@gobiernoabierto.cajamarca.gob.pe"


@dataclass(frozen=True)
class Delivered:
    """One message as the server received it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"]).strip()  # a long one arrives folded

    @property
    def subject(self) -> str:
        return self.message["Subject"]

    def text(self) -> str:
        """The plain-text body."""
        return self.message.get_body(preferencelist=("plain",)).get_content()

    def attachment(self, content_type: str = "text/calendar") -> bytes | None:
        for part in self.message.iter_attachments():
            if part.get_content_type() == content_type:
                return part.get_payload(decode=True)
        return None


class Inbox:
    """The aiosmtpd handler: keeps each accepted message; while `refusing`, answers 451 to DATA and keeps the
    refused message apart (so a test sees what the sender tried)."""

    def __init__(self) -> None:
        self.messages: list[Delivered] = []
        self.refused: list[Delivered] = []
        self.refusing = False
        self.delay = 0.0  # seconds the server takes to accept a message
        self._lock = threading.Lock()
        self.port = 0

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd calls it by this name
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        received = Delivered(envelope.mail_from, tuple(envelope.rcpt_tos), message)
        if self.delay:
            time.sleep(self.delay)  # blocks the server's loop: a slow server, as seen by every sender
        with self._lock:
            if self.refusing:
                self.refused.append(received)
                return "451 4.3.0 Mailbox temporarily unavailable, try again later"
            self.messages.append(received)
        return "250 2.0.0 OK"

    def settings(self, **overrides) -> SmtpSettings:
        return SmtpSettings(**{"host": "127.0.0.1", "port": self.port, "mail_from": MAIL_FROM, "timeout": 10,
                               **overrides})

    def mailer(self) -> SmtpMailer:
        return SmtpMailer(self.settings())

    def to(self, address: str) -> list[Delivered]:
        """The messages accepted for one address."""
        return [m for m in self.messages if address in m.rcpt_tos]

    def per_message_id(self) -> Counter:
        """How many times each Message-ID was accepted for each recipient."""
        return Counter((rcpt, m.message_id) for m in self.messages for rcpt in m.rcpt_tos)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """Start and stop an aiosmtpd server on a free loopback port."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.inbox.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.inbox.port)

    def __enter__(self) -> Inbox:
        self.controller.start()
        return self.inbox

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
