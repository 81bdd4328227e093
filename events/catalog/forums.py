"""Events of a forum's life: its establishment and its roster (stream: the forum's id)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from events.catalog import registry
from events.personal import Personal
from events.registry import DomainEvent


@registry.register
@dataclass(frozen=True)
class ForumEstablished(DomainEvent):
    """A government established a multi-stakeholder forum for an OGP member."""

    forum_id: str
    name: str
    member: str
    established_on: str
    timezone: str
    meeting_rule: dict[str, Any]
    language: str
    policy: dict[str, Any]
    legal_basis: dict[str, Any] | None = None
    #: The forum's country (ISO 3166-1 alpha-2, e.g. PE): representatives' phone numbers are read as numbers of
    #: it. Absent from the stored data when not given, so forums established without it keep their exact bytes.
    country: str | None = None

    OMITTED_WHEN_EMPTY: ClassVar = ("country",)


@registry.register
@dataclass(frozen=True)
class OrganizationJoined(DomainEvent):
    """An organization of a sector joined the forum."""

    organization_id: str
    name: str
    sector: str
    joined_on: str


@registry.register
@dataclass(frozen=True)
class OrganizationLeft(DomainEvent):
    """An organization left the forum."""

    organization_id: str
    left_on: str
    reason: str


@registry.register
@dataclass(frozen=True)
class RepresentativeDesignated(DomainEvent):
    """An organization named a person as its primary or alternate representative.

    Name, email and phone are sealed under the representative's own key (`tracker people forget`). For a minor,
    `guardian_consent` says whether a parent or guardian consented to the designation. The phone is in E.164
    (+51976543210) when designated since the forum's country was known to the tracker (earlier ones as typed).
    `opt_in` names the channels besides email (`whatsapp`, `sms`) the person agreed to be written to by; absent
    from the stored data when none, so designations recorded without it keep their exact bytes."""

    VERSION: ClassVar[int] = 2
    PERSONAL: ClassVar = (Personal(subject="representative_id", fields=("name",), contact=("email", "phone")),)
    representative_id: str
    organization_id: str
    name: str
    role: str
    designated_on: str
    email: str | None = None
    phone: str | None = None
    gender: str | None = None
    is_minor: bool = False
    guardian_consent: bool | None = None
    opt_in: list[str] = field(default_factory=list)

    OMITTED_WHEN_EMPTY: ClassVar = ("opt_in",)


@registry.upcaster("RepresentativeDesignated", from_version=1)
def _no_consent_recorded(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 did not ask whether a minor's guardian consented: such designations read as not recorded."""
    return {**data, "guardian_consent": None}


@registry.register
@dataclass(frozen=True)
class RepresentativeWithdrawn(DomainEvent):
    """A person stopped representing their organization."""

    representative_id: str
    withdrawn_on: str
    reason: str


@registry.register
@dataclass(frozen=True)
class ForumPolicyAmended(DomainEvent):
    """The forum amended its policy or its meeting rule from a day on (`effective_on`, never in the future).

    `policy` holds only the keys amended (empty when only the meeting rule changed); `meeting_rule` is the whole
    new rule, or None when it did not change. The rule in force on a day is the establishment's, amended by each
    amendment whose `effective_on` is that day or earlier, in `effective_on` order (ties: the one recorded later
    wins), so an amendment dated before an earlier-recorded one corrects history."""

    forum_id: str
    effective_on: str
    policy: dict[str, Any]
    meeting_rule: dict[str, Any] | None = None
    reason: str | None = None
    #: The forum's country from now on (ISO 3166-1 alpha-2), when the amendment sets it; absent from the stored
    #: data otherwise, so amendments recorded without it keep their exact bytes.
    country: str | None = None

    OMITTED_WHEN_EMPTY: ClassVar = ("country",)


@registry.register
@dataclass(frozen=True)
class ChannelConsentRecorded(DomainEvent):
    """A representative agreed to be written to by a channel besides email (`whatsapp`, `sms`), or withdrew that
    agreement (`opted_in` false), on a day (`on`). An opt-out counts from the moment it is recorded.

    `source` says who recorded it: `secretariat` (the roster's form or the API), or the provider through which the
    person replied "BAJA"/"STOP" (`whatsapp`, `twilio`)."""

    representative_id: str
    channel: str
    opted_in: bool
    on: str
    source: str = "secretariat"
