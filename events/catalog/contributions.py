"""Events of a contribution to an action plan (stream: the contribution's id; tenant: its forum).

A contribution is received, considered (perhaps in several sessions), answered with a reasoned
response, and that response is communicated back (perhaps on several channels). A repeated response or
communication is a correction: it carries `correction_reason` and supersedes the earlier record, which
stays in the stream.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from events.catalog import registry
from events.personal import Personal
from events.registry import DomainEvent


@registry.register
@dataclass(frozen=True)
class ContributionReceived(DomainEvent):
    """The forum received a contribution to an action plan from a representative or a member of the public.

    The author's name (and a public author's email and phone) are sealed: a representative's under their own key,
    a member of the public's under the key of `author.person_id` (`per_` and the contribution's id)."""

    PERSONAL: ClassVar = (Personal(subject="representative_id", fields=("name",), within="author"),
                          Personal(subject="person_id", fields=("name",), contact=("email", "phone"),
                                   within="author"))

    contribution_id: str
    action_plan_id: str
    forum_id: str
    text: str
    received_on: str
    channel: str
    #: {"kind": "representative", "representative_id", "name", "organization_id", "organization", "sector"}
    #: (from the roster on received_on), or {"kind": "public", "person_id", "name", "organization", "sector",
    #: "email"}, and when a public author left a phone, "phone" (E.164) and "opt_in" (the channels, whatsapp and
    #: sms, they agreed to be answered by; absent otherwise, so earlier contributions keep their bytes):
    #: a public author's name, email and phone are personal data, never shown to anonymous readers.
    author: dict[str, Any]
    session_id: str | None = None
    commitment_id: str | None = None
    consultation_id: str | None = None
    #: Received after the consultation's closing day (as extended when the contribution was logged).
    late: bool = False


@registry.register
@dataclass(frozen=True)
class ContributionConsidered(DomainEvent):
    """The forum discussed a contribution, in a session or otherwise."""

    contribution_id: str
    considered_on: str
    session_id: str | None = None
    note: str | None = None


@registry.register
@dataclass(frozen=True)
class ContributionResponded(DomainEvent):
    """The forum decided what to do with a contribution and said why (a correction supersedes the last)."""

    contribution_id: str
    decision: str
    reasoning: str
    responded_on: str
    commitment_id: str | None = None
    correction_reason: str | None = None


@registry.register
@dataclass(frozen=True)
class ResponseCommunicated(DomainEvent):
    """The response to a contribution was sent to its author, told in a session, or published."""

    contribution_id: str
    communicated_on: str
    channel: str
    url: str | None = None
    correction_reason: str | None = None
    #: For a correction: the stream version of the ResponseCommunicated event it supersedes.
    corrects_version: int | None = None


@registry.register
@dataclass(frozen=True)
class ContributionTextHidden(DomainEvent):
    """The secretariat hid a contribution's text from the public (abuse, personal data...), saying why; the text
    stays in the record for those who read the forum in full."""

    contribution_id: str
    reason: str
    hidden_on: str


@registry.register
@dataclass(frozen=True)
class ContributorChannelWithdrawn(DomainEvent):
    """A member of the public who left a phone with the contribution withdrew their agreement to be answered by a
    channel (`whatsapp`, `sms`) on a day (`on`), honoured from the moment it is recorded. `source` says through whom:
    the provider by which they replied "BAJA"/"STOP" (`whatsapp`, `twilio`), or `secretariat` when they told the
    secretariat (recorded by a person, `POST /contributions/{id}/channel-withdrawal`)."""

    contribution_id: str
    channel: str
    on: str
    source: str
