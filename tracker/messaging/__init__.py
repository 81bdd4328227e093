"""Messages by WhatsApp and SMS: what the scheduler hands a channel's provider, and what a provider raises.

Each provider is a `Messenger` of one channel (`whatsapp`, `sms`), built from the settings by
`tracker.messaging.providers.messengers(config)`; a channel whose provider is not configured is simply not used.
Phone numbers are looked up when a message is sent and never written to the log (as email addresses).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class MessageError(Exception):
    """The provider could not be reached, or refused the message.

    `permanent` says that sending the same message again cannot succeed (the number cannot receive it, a parameter
    the provider refuses): the delivery is then abandoned at once. Otherwise (unreachable, a rate limit, a 5xx, a
    token or template an operator can mend) it is retried with the delivery protocol's back-off."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class ShortMessage:
    """One message to one phone: as a WhatsApp template (its key and its body's parameters, in order) and as the
    whole text (SMS, WhatsApp through Twilio), in the forum's language."""

    #: The recipient's number in E.164.
    to: str
    #: reminder | feedback | milestone | report: which template (tracker.messaging.texts.TEMPLATES).
    template: str
    #: The forum's language (es, en).
    language: str
    parameters: tuple[str, ...]
    text: str


class Messenger(Protocol):
    """What the scheduler needs of a provider of one channel."""

    @property
    def channel(self) -> str: ...

    def send(self, message: ShortMessage) -> str:
        """Hand the message over; the provider's id of it. MessageError when it cannot."""
        ...
