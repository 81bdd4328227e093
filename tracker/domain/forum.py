"""A forum and its roster: organizations by sector, their primary and alternate representatives."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Self

from events import NewEvent, RecordedEvent
from events.catalog.forums import (
    ChannelConsentRecorded,
    ForumEstablished,
    ForumPolicyAmended,
    OrganizationJoined,
    OrganizationLeft,
    RepresentativeDesignated,
    RepresentativeWithdrawn,
)
from tracker.domain.commands import Document, FlatCommand, Occurred
from tracker.domain.errors import Conflict, InvalidField, NotFound
from tracker.domain.names import skeleton
from tracker.domain.phones import as_recorded, is_country, reachable
from tracker.domain.time import day_start, local_day, not_future_day, not_future_instant, parse_day, today

#: The types of a forum's stream (tracker.domain.streams.FORUM).
EVENT_TYPES = tuple(cls.type_name() for cls in (ForumEstablished, OrganizationJoined, OrganizationLeft,
                                                 RepresentativeDesignated, RepresentativeWithdrawn,
                                                 ForumPolicyAmended, ChannelConsentRecorded))
#: Our default for "promptly" (S.response_time): a written answer within this many days (policy `response_days`).
DEFAULT_RESPONSE_DAYS = 30
#: OGP's minimum (S.implementation): this many reviews of progress with civil society in each year of implementation
#: (policy `implementation_meetings`; not stored in a new forum's policy unless given).
DEFAULT_IMPLEMENTATION_MEETINGS = 2
#: The policy a new forum's ForumEstablished stores, under the keys it gives. A forum established before a key
#: was added here lacks it in its stored event; whoever reads the key falls back to the same default.
DEFAULT_POLICY: dict[str, Any] = {"advance_notice_days": 7, "feedback_by_email": True,
                                  "response_days": DEFAULT_RESPONSE_DAYS}


@dataclass
class Organization:
    """A member organization as the roster holds it."""

    id: str
    name: str
    sector: str
    joined_on: date
    left_on: date | None = None
    left_reason: str | None = None

    def member_on(self, day: date) -> bool:
        """Was it a member on `day` (joined by then, not yet left)?"""
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)

    @property
    def is_governmental(self) -> bool:
        return self.sector == "government"


@dataclass
class Representative:
    """A person representing an organization in the forum."""

    id: str
    organization_id: str
    name: str
    role: str
    designated_on: date
    email: str | None = None
    phone: str | None = None
    gender: str | None = None
    is_minor: bool = False
    guardian_consent: bool | None = None
    withdrawn_on: date | None = None
    withdrawal_reason: str | None = None
    #: The channels besides email (`whatsapp`, `sms`) the person agreed to be written to by, as of now.
    opt_in: list[str] = field(default_factory=list)

    def reachable_by(self, channel: str) -> bool:
        """May the person be written to by `channel` now: `email` when they have an email, another channel when
        they have a phone and their agreement to it stands."""
        if channel == "email":
            return bool(self.email)
        return bool(self.phone) and channel in self.opt_in

    def serves_on(self, day: date) -> bool:
        """Did the person represent the organization on `day`? (A withdrawal day still counts.)"""
        return self.designated_on <= day and (self.withdrawn_on is None or day <= self.withdrawn_on)


@dataclass
class PolicyAmendment:
    """An amendment of the forum's policy or meeting rule, in force from `effective_on`."""

    effective_on: date
    policy: dict[str, Any]
    meeting_rule: dict[str, Any] | None
    reason: str | None = None
    country: str | None = None


@dataclass
class ForumState:
    """The forum as its stream says it is now.

    `policy` and `meeting_rule` are the ones in force now: the establishment's, amended by every amendment in
    `effective_on` order (no amendment is dated in the future). `policy_on(day)` and `meeting_rule_on(day)` give
    those in force on a day; `established_policy` and `established_meeting_rule` are the establishment's own.
    """

    id: str
    name: str
    member: str
    established_on: date
    timezone: str
    meeting_rule: dict[str, Any]
    language: str
    policy: dict[str, Any]
    legal_basis: dict[str, Any] | None
    organizations: dict[str, Organization] = field(default_factory=dict)
    representatives: dict[str, Representative] = field(default_factory=dict)
    version: int = 0
    #: The establishment's own policy and meeting rule (None: as `policy` and `meeting_rule`, never amended).
    established_policy: dict[str, Any] | None = None
    established_meeting_rule: dict[str, Any] | None = None
    #: In `effective_on` order; amendments of one day in the order they were recorded.
    amendments: list[PolicyAmendment] = field(default_factory=list)
    #: The forum's country now (ISO 3166-1 alpha-2): the last amendment's that set one, else the establishment's.
    country: str | None = None
    established_country: str | None = None

    def in_force_by(self, day: date) -> list[PolicyAmendment]:
        """The amendments in force on `day` (effective that day or earlier), in the order they apply."""
        return [a for a in self.amendments if a.effective_on <= day]

    def policy_on(self, day: date) -> dict[str, Any]:
        """The policy in force on `day`: our defaults, under the establishment's, under each amendment by then."""
        policy = {**DEFAULT_POLICY, **self._established()[0]}
        for a in self.in_force_by(day):
            policy.update(a.policy)
        return policy

    def meeting_rule_on(self, day: date) -> dict[str, Any]:
        """The meeting rule in force on `day`: the latest amendment's by then that changed it, else the
        establishment's."""
        rule = self._established()[1]
        for a in self.in_force_by(day):
            if a.meeting_rule is not None:
                rule = a.meeting_rule
        return rule

    def rule_changes(self) -> list[tuple[date, dict[str, Any]]]:
        """(effective_on, meeting rule) of each amendment that changed the meeting rule, in the order they apply."""
        return [(a.effective_on, a.meeting_rule) for a in self.amendments if a.meeting_rule is not None]

    def _established(self) -> tuple[dict[str, Any], dict[str, Any]]:
        policy, rule = self.established_policy, self.established_meeting_rule
        return (self.policy if policy is None else policy), (self.meeting_rule if rule is None else rule)

    def amend(self, amendment: PolicyAmendment) -> None:
        """Take an amendment in (after those of the same day or earlier), and recompute the rules in force now."""
        self.established_policy, self.established_meeting_rule = self._established()
        at = len([a for a in self.amendments if a.effective_on <= amendment.effective_on])
        self.amendments.insert(at, amendment)
        policy = dict(self.established_policy)
        for a in self.amendments:
            policy.update(a.policy)
        self.policy = policy
        self.meeting_rule = self.meeting_rule_on(date.max)
        self.country = next((a.country for a in reversed(self.amendments) if a.country), self.established_country)

    def organization(self, organization_id: str) -> Organization:
        """The organization, or NotFound."""
        try:
            return self.organizations[organization_id]
        except KeyError:
            raise NotFound(f"organization {organization_id} is not a member of this forum") from None

    def representative(self, representative_id: str) -> Representative:
        """The representative, or NotFound."""
        try:
            return self.representatives[representative_id]
        except KeyError:
            raise NotFound(f"representative {representative_id} does not belong to this forum") from None

    def require_current_representative(self, representative_id: str, day: date, field_name: str) -> Representative:
        """The representative, who must serve on `day` in an organization that is still a member (409)."""
        rep = self.representatives.get(representative_id)
        if rep is None:
            raise Conflict(f"{field_name}: {representative_id} is not a representative of this forum",
                           {field_name: [f"{representative_id} is not a representative of this forum"]})
        org = self.organizations[rep.organization_id]
        if not rep.serves_on(day) or not org.member_on(day):
            why = (f"was withdrawn on {rep.withdrawn_on}" if rep.withdrawn_on and day > rep.withdrawn_on
                   else f"was not yet designated on {day}" if day < rep.designated_on
                   else f"their organization left the forum on {org.left_on}")
            raise Conflict(f"{field_name}: {rep.name} was not a current representative on {day}: {why}",
                           {field_name: [f"{representative_id} was not a current representative on {day}"]})
        return rep

    def require_open_on(self, day: date, field_name: str) -> None:
        """Nothing happens in a forum before the day it was established (409)."""
        if day < self.established_on:
            raise Conflict(
                f"{field_name}: {day} is before the forum was established on {self.established_on}",
                {field_name: [f"before the forum was established on {self.established_on}"]},
            )

    def at(self, day: date) -> datetime:
        """The instant a fact dated `day` in this forum occurred."""
        return day_start(day, self.timezone)


def fold(events: Iterable[RecordedEvent]) -> ForumState | None:
    """The forum's state from its stream (None for an empty stream)."""
    state: ForumState | None = None
    for e in events:
        d = e.data
        if e.type == "ForumEstablished":
            state = ForumState(
                id=d["forum_id"], name=d["name"], member=d["member"],
                established_on=date.fromisoformat(d["established_on"]), timezone=d["timezone"],
                meeting_rule=d["meeting_rule"], language=d["language"], policy=d["policy"],
                legal_basis=d["legal_basis"], country=d.get("country"), established_country=d.get("country"),
            )
        elif state is None:  # not a forum's stream (an id of another kind): no forum here
            return None
        elif e.type == "OrganizationJoined":
            state.organizations[d["organization_id"]] = Organization(
                d["organization_id"], d["name"], d["sector"], date.fromisoformat(d["joined_on"]))
        elif e.type == "OrganizationLeft":
            org = state.organizations[d["organization_id"]]
            org.left_on, org.left_reason = date.fromisoformat(d["left_on"]), d["reason"]
        elif e.type == "RepresentativeDesignated":
            state.representatives[d["representative_id"]] = Representative(
                d["representative_id"], d["organization_id"], d["name"], d["role"],
                date.fromisoformat(d["designated_on"]), d["email"], d["phone"], d["gender"], d["is_minor"],
                d["guardian_consent"], opt_in=list(d.get("opt_in") or []))
        elif e.type == "RepresentativeWithdrawn":
            rep = state.representatives[d["representative_id"]]
            rep.withdrawn_on, rep.withdrawal_reason = parse_day(d["withdrawn_on"]), d["reason"]
        elif e.type == "ForumPolicyAmended":
            state.amend(PolicyAmendment(date.fromisoformat(d["effective_on"]), dict(d["policy"]), d["meeting_rule"],
                                        d.get("reason"), d.get("country")))
        elif e.type == "ChannelConsentRecorded":
            rep = state.representatives[d["representative_id"]]
            others = [c for c in rep.opt_in if c != d["channel"]]
            rep.opt_in = [*others, d["channel"]] if d["opted_in"] else others
        if state is not None:
            state.version = e.stream_version
    return state


def occurred(forum: ForumState, cmd: Occurred, now: datetime) -> datetime:
    """When a write that names no date of its own occurred: `occurred_at`, `occurred_on`, else now.

    Never in the future (422), never before the forum was established (409).
    """
    occurred_at, occurred_on = cmd.occurred_at, cmd.occurred_on
    if occurred_at is not None:
        moment = not_future_instant("occurred_at", occurred_at, now)
        forum.require_open_on(local_day(moment, forum.timezone), "occurred_at")
        return moment
    if occurred_on is not None:
        day = not_future_day("occurred_on", occurred_on, forum.timezone, now)
        forum.require_open_on(day, "occurred_on")
        return forum.at(day)
    return now


# -- commands ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeetingRule(FlatCommand):
    """How often the forum meets, and how many days before a session its members are reminded."""

    frequency: str
    reminder_days_before: int

    def to_data(self) -> dict[str, Any]:
        """As the event stores it."""
        return {"frequency": self.frequency, "reminder_days_before": self.reminder_days_before}


@dataclass(frozen=True, slots=True)
class EstablishForum:
    """Establish a forum. `policy` holds only the settings given (the defaults fill the rest)."""

    name: str
    member: str
    established_on: date
    timezone: str
    meeting_rule: MeetingRule
    language: str = "es"
    policy: Mapping[str, int | bool] = field(default_factory=dict)
    legal_basis: Document | None = None
    country: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["name"], data["member"], data["established_on"], data["timezone"],
                   MeetingRule.of(data["meeting_rule"]), data.get("language") or "es", dict(data.get("policy") or {}),
                   Document.maybe(data.get("legal_basis")), data.get("country"))


@dataclass(frozen=True, slots=True)
class JoinForum(FlatCommand):
    """An organization joins the forum."""

    name: str
    sector: str
    joined_on: date


@dataclass(frozen=True, slots=True)
class LeaveForum(FlatCommand):
    """An organization leaves the forum."""

    left_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class DesignateRepresentative:
    """A person is designated to represent an organization."""

    name: str
    role: str
    designated_on: date
    email: str | None = None
    phone: str | None = None
    gender: str | None = None
    is_minor: bool = False
    guardian_consent: bool | None = None
    #: The channels besides email the person agreed to be written to by (`whatsapp`, `sms`).
    opt_in: tuple[str, ...] = ()

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["name"], data["role"], data["designated_on"], data.get("email"), data.get("phone"),
                   data.get("gender"), bool(data.get("is_minor", False)), data.get("guardian_consent"),
                   tuple(dict.fromkeys(data.get("opt_in") or ())))


@dataclass(frozen=True, slots=True)
class WithdrawRepresentative(FlatCommand):
    """A representative stops representing their organization."""

    withdrawn_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class AmendPolicy:
    """Amend the forum's policy (only the keys given) or its meeting rule (the whole rule), from `effective_on`."""

    effective_on: date
    policy: Mapping[str, int | bool] = field(default_factory=dict)
    meeting_rule: MeetingRule | None = None
    reason: str | None = None
    country: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        rule = data.get("meeting_rule")
        return cls(data["effective_on"], dict(data.get("policy") or {}),
                   MeetingRule.of(rule) if rule is not None else None, data.get("reason"), data.get("country"))


@dataclass(frozen=True, slots=True)
class RecordChannelConsent(FlatCommand):
    """A representative agreed (`opted_in`) to be written to by a channel besides email, or withdrew that, on `on`."""

    channel: str
    opted_in: bool
    on: date


# -- decisions ---------------------------------------------------------------------------------------


def establish(forum_id: str, cmd: EstablishForum, now: datetime) -> list[NewEvent]:
    """A forum is established (the first event of its stream)."""
    established_on = not_future_day("established_on", cmd.established_on, cmd.timezone, now)
    _require_country(cmd.country)
    policy = {**DEFAULT_POLICY, **cmd.policy}
    event = ForumEstablished(
        forum_id=forum_id, name=cmd.name, member=cmd.member, established_on=established_on.isoformat(),
        timezone=cmd.timezone, meeting_rule=cmd.meeting_rule.to_data(), language=cmd.language,
        policy=policy, legal_basis=cmd.legal_basis.to_data() if cmd.legal_basis is not None else None,
        country=cmd.country,
    )
    return [NewEvent(event, day_start(established_on, cmd.timezone))]


def _require_country(country: str | None) -> None:
    """A country, when given, is an ISO 3166-1 alpha-2 code with phone numbers (422 otherwise)."""
    if country is not None and not is_country(country):
        raise InvalidField("country", "not an ISO 3166-1 alpha-2 country code such as PE")


def join(state: ForumState, organization_id: str, cmd: JoinForum, now: datetime) -> list[NewEvent]:
    """An organization joins; its name must not already be a current member's, nor read as one (same skeleton)."""
    day = not_future_day("joined_on", cmd.joined_on, state.timezone, now)
    state.require_open_on(day, "joined_on")
    name = cmd.name.strip()
    # Compared as people read them (tracker.domain.names): case, spacing, invisible characters, full-width forms
    # and look-alike letters of other scripts make no new name. Existing names are compared as the log stores them.
    key = skeleton(name)
    for org in state.organizations.values():
        if org.left_on is None and skeleton(org.name) == key:
            raise Conflict(f"{org.name} is already a member of this forum (organization {org.id})",
                           {"name": ["already a member of this forum"]})
    event = OrganizationJoined(organization_id, name, cmd.sector, day.isoformat())
    return [NewEvent(event, state.at(day))]


def leave(state: ForumState, organization_id: str, cmd: LeaveForum, now: datetime) -> list[NewEvent]:
    """An organization leaves; once."""
    org = state.organization(organization_id)
    day = not_future_day("left_on", cmd.left_on, state.timezone, now)
    if org.left_on is not None:
        raise Conflict(f"{org.name} already left the forum on {org.left_on}")
    if day < org.joined_on:
        raise Conflict(f"left_on: {day} is before {org.name} joined on {org.joined_on}",
                       {"left_on": [f"before the organization joined on {org.joined_on}"]})
    return [NewEvent(OrganizationLeft(organization_id, day.isoformat(), cmd.reason), state.at(day))]


def designate(state: ForumState, organization_id: str, representative_id: str, cmd: DesignateRepresentative,
              now: datetime) -> list[NewEvent]:
    """A person is designated; the organization must be a member then, with one primary at a time."""
    org = state.organization(organization_id)
    day = not_future_day("designated_on", cmd.designated_on, state.timezone, now)
    if not org.member_on(day):
        raise Conflict(f"designated_on: {org.name} was not a member of the forum on {day}",
                       {"designated_on": [f"{org.name} was not a member on {day}"]})
    if cmd.role == "primary":
        for rep in state.representatives.values():
            if (rep.organization_id == organization_id and rep.role == "primary"
                    and rep.withdrawn_on is None):
                raise Conflict(
                    f"{org.name} already has a primary representative ({rep.name}, {rep.id}); "
                    "withdraw them first or designate an alternate",
                    {"role": ["the organization already has a primary representative"]},
                )
    is_minor = cmd.is_minor
    consent = cmd.guardian_consent
    if not is_minor and consent is not None:
        raise Conflict("guardian_consent: only a minor's designation records a guardian's consent",
                       {"guardian_consent": ["only for a minor"]})
    phone = as_recorded(cmd.phone, state.country) if cmd.phone else None
    if cmd.opt_in and reachable(phone, state.country) is None:
        raise InvalidField("opt_in", "a phone with its country code (or the forum's country) is needed to be "
                                     "written to by WhatsApp or SMS")
    event = RepresentativeDesignated(
        representative_id, organization_id, cmd.name.strip(), cmd.role, day.isoformat(),
        cmd.email, phone, cmd.gender, is_minor, consent, list(cmd.opt_in),
    )
    return [NewEvent(event, state.at(day))]


def withdraw(state: ForumState, representative_id: str, cmd: WithdrawRepresentative, now: datetime) -> list[NewEvent]:
    """A representative is withdrawn; once, not before their designation."""
    rep = state.representative(representative_id)
    day = not_future_day("withdrawn_on", cmd.withdrawn_on, state.timezone, now)
    if rep.withdrawn_on is not None:
        raise Conflict(f"{rep.name} was already withdrawn on {rep.withdrawn_on}")
    if day < rep.designated_on:
        raise Conflict(f"withdrawn_on: {day} is before {rep.name} was designated on {rep.designated_on}",
                       {"withdrawn_on": [f"before the designation on {rep.designated_on}"]})
    return [NewEvent(RepresentativeWithdrawn(representative_id, day.isoformat(), cmd.reason), state.at(day))]


def amend_policy(state: ForumState, cmd: AmendPolicy, now: datetime) -> list[NewEvent]:
    """The policy or meeting rule is amended from a day: not in the future, not before the establishment.

    An amendment dated before an earlier-recorded one is allowed: it corrects the history of the rules."""
    if not cmd.policy and cmd.meeting_rule is None and cmd.country is None:
        raise InvalidField("policy", "amend at least one policy key, the meeting rule or the country")
    day = not_future_day("effective_on", cmd.effective_on, state.timezone, now)
    state.require_open_on(day, "effective_on")
    _require_country(cmd.country)
    event = ForumPolicyAmended(
        forum_id=state.id, effective_on=day.isoformat(), policy=dict(cmd.policy),
        meeting_rule=cmd.meeting_rule.to_data() if cmd.meeting_rule is not None else None, reason=cmd.reason,
        country=cmd.country,
    )
    return [NewEvent(event, state.at(day))]


def record_channel_consent(state: ForumState, representative_id: str, cmd: RecordChannelConsent, now: datetime,
                           source: str = "secretariat") -> list[NewEvent]:
    """A representative's agreement to a channel, or its withdrawal, on a day: not in the future, not before their
    designation; an agreement needs a phone on the roster (409), and repeats nothing already recorded (409). Recorded
    today, it occurred now: an opt-out is honoured from the moment it is recorded."""
    rep = state.representative(representative_id)
    day = not_future_day("on", cmd.on, state.timezone, now)
    if day < rep.designated_on:
        raise Conflict(f"on: {day} is before {rep.name} was designated on {rep.designated_on}",
                       {"on": [f"before the designation on {rep.designated_on}"]})
    if cmd.opted_in and reachable(rep.phone, state.country) is None:
        raise Conflict(f"channel: {rep.name} has no phone on the roster that {cmd.channel} can reach (one with its "
                       "country code, or the forum's country set)",
                       {"channel": ["the representative has no phone with its country code on the roster"]})
    if (cmd.channel in rep.opt_in) == cmd.opted_in:
        said = "already agreed" if cmd.opted_in else "not agreed (nothing to withdraw)"
        raise Conflict(f"{rep.name} has {said} to be written to by {cmd.channel}",
                       {"opted_in": [f"{said} for this channel"]})
    event = ChannelConsentRecorded(representative_id, cmd.channel, cmd.opted_in, day.isoformat(), source)
    return [NewEvent(event, now if day == today(state.timezone, now) else state.at(day))]
