"""Given these events: the histories the unit tests start from, as the log would give them back.

A test reads "given these events, when this command, then these events (or this error)":

    forum = given.forum(OrganizationLeft("org_cso", "2025-10-01", "dissolved"))
    events = rules.designate(forum, "org_cso", "rep_new", designate_cmd(), given.NOW)
    assert given.payloads(events) == [RepresentativeDesignated(...)]

`recorded` turns event dataclasses (or the NewEvents a decision returned) into RecordedEvents with positions,
stream versions and times, their data passed through JSON as the store passes it. `forum`, `plan`, `session`,
`consultation` and `contribution` fold the shared world: a forum of Cajamarca (America/Lima), its action plan, a
session, a public consultation and a contribution, seen on 1 March 2026 at 09:00 local time. A decision that reads
another stream takes that stream's state as its own fold makes it: build it here, from events.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from events import NewEvent, RecordedEvent
from events.catalog.contributions import ContributionReceived
from events.catalog.forums import (
    ForumEstablished,
    OrganizationJoined,
    OrganizationLeft,
    RepresentativeDesignated,
    RepresentativeWithdrawn,
)
from events.catalog.plans import ActionPlanOpened, ConsultationOpened
from events.catalog.sessions import SessionCancelled, SessionHeld, SessionScheduled
from events.registry import DomainEvent
from tracker.domain import consultation as consultation_rules
from tracker.domain import contribution as contribution_rules
from tracker.domain import forum as forum_rules
from tracker.domain import plan as plan_rules
from tracker.domain import session as session_rules
from tracker.domain.consultation import ConsultationState
from tracker.domain.contribution import ContributionState
from tracker.domain.forum import ForumState
from tracker.domain.plan import PlanState
from tracker.domain.session import SessionState

S = TypeVar("S")
Fact = DomainEvent | NewEvent | tuple[DomainEvent, datetime]

TZ = "America/Lima"
FORUM_ID, PLAN_ID = "frm_1", "pln_1"
#: The tests' now: 1 March 2026, 09:00 in Lima (UTC-5, no daylight saving).
NOW = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)
TODAY, TOMORROW = date(2026, 3, 1), date(2026, 3, 2)
ESTABLISHED_ON = date(2025, 2, 10)
ACTOR = "secretaria@example.org"


def at(text: str) -> datetime:
    """An instant written with its offset, e.g. at("2025-07-01T10:00:00-05:00")."""
    return datetime.fromisoformat(text)


def lima(day: date) -> datetime:
    """The instant `day` starts in the forum (when a fact dated only by that day occurs)."""
    return at(f"{day.isoformat()}T00:00:00-05:00")


def recorded(*facts: Fact, stream: str = "stream_1", tenant: str = FORUM_ID, first_position: int = 1,
             recorded_at: datetime = NOW) -> list[RecordedEvent]:
    """The facts as one stream of the log holds them: a fact is an event (occurring when it is recorded), an
    (event, occurred_at) pair, or a NewEvent a decision returned."""
    out = []
    for i, fact in enumerate(facts):
        if isinstance(fact, NewEvent):
            payload, occurred_at = fact.payload, fact.occurred_at
        elif isinstance(fact, tuple):
            payload, occurred_at = fact
        else:
            payload, occurred_at = fact, recorded_at + timedelta(seconds=i)
        position = first_position + i
        out.append(RecordedEvent(
            position=position, event_id=f"evt_{position}", stream_id=stream, stream_version=i + 1,
            tenant_id=tenant, type=payload.type_name(), schema_version=payload.VERSION,
            data=json.loads(json.dumps(payload.to_data())), occurred_at=occurred_at,
            recorded_at=recorded_at + timedelta(seconds=i), recorded_by=ACTOR, correlation_id=f"cor_{position}",
            causation_id=None, hash=f"{position:064x}"))
    return out


def folded(fold: Callable[[Iterable[RecordedEvent]], S | None], *facts: Fact, stream: str = "stream_1",
           tenant: str = FORUM_ID) -> S:
    """The state `fold` makes of the facts; the test fails when it makes none."""
    state = fold(recorded(*facts, stream=stream, tenant=tenant))
    assert state is not None, f"{fold.__module__}.fold made no state of {[type(f).__name__ for f in facts]}"
    return state


def payloads(events: list[NewEvent]) -> list[DomainEvent]:
    """What a decision decided, without the times."""
    return [e.payload for e in events]


def only(events: list[NewEvent]) -> NewEvent:
    """The one event a decision decided."""
    assert len(events) == 1, f"expected one event, got {[type(e.payload).__name__ for e in events]}"
    return events[0]


# -- the shared world --------------------------------------------------------------------------------------


def forum_established(**changes: object) -> ForumEstablished:
    fields = {"forum_id": FORUM_ID, "name": "Foro Multiactor de Gobierno Abierto", "member": "Cajamarca, Peru",
              "established_on": ESTABLISHED_ON.isoformat(), "timezone": TZ,
              "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3}, "language": "es",
              "policy": {"advance_notice_days": 7, "feedback_by_email": True}, "legal_basis": None, **changes}
    return ForumEstablished(**fields)  # type: ignore[arg-type]


def roster() -> list[DomainEvent]:
    """Three organizations (one left on 30 Sep 2025) and their representatives:

    - rep_ana, primary of org_gov (government), with an email;
    - rep_beto, alternate of org_cso (civil society) since 1 Jun 2025, no email;
    - rep_carla, primary of org_cso, withdrawn on 31 Dec 2025;
    - rep_dora, primary of org_old (academia), whose organization left on 30 Sep 2025;
    - rep_eva, alternate of org_gov, a minor whose guardian consented, with an email.
    """
    return [
        OrganizationJoined("org_gov", "Gobierno Regional de Cajamarca", "government", "2025-02-10"),
        OrganizationJoined("org_cso", "Red Ciudadana", "civil_society", "2025-02-10"),
        OrganizationJoined("org_old", "Colectivo Universitario", "academia", "2025-02-10"),
        RepresentativeDesignated("rep_ana", "org_gov", "Ana Quispe", "primary", "2025-02-10",
                                 email="ana@example.org", gender="female"),
        RepresentativeDesignated("rep_beto", "org_cso", "Beto Rojas", "alternate", "2025-06-01"),
        RepresentativeDesignated("rep_carla", "org_cso", "Carla Soto", "primary", "2025-02-10",
                                 email="carla@example.org"),
        RepresentativeDesignated("rep_dora", "org_old", "Dora Vega", "primary", "2025-02-10"),
        RepresentativeDesignated("rep_eva", "org_gov", "Eva Chávez", "alternate", "2025-02-10",
                                 email="eva@example.org", is_minor=True, guardian_consent=True),
        OrganizationLeft("org_old", "2025-09-30", "the group dissolved"),
        RepresentativeWithdrawn("rep_carla", "2025-12-31", "moved to another region"),
    ]


def forum(*more: Fact, established: ForumEstablished | None = None) -> ForumState:
    """The forum with its roster, and then `more`."""
    return folded(forum_rules.fold, established or forum_established(), *roster(), *more, stream=FORUM_ID)


def plan_opened(**changes: object) -> ActionPlanOpened:
    """The 2026-2027 plan, co-created from 1 Jun to 15 Dec 2025."""
    fields = {"action_plan_id": PLAN_ID, "forum_id": FORUM_ID, "title": "Plan de Acción 2026-2027",
              "period_start": "2026-01-01", "period_end": "2027-12-31", "cocreation_starts_on": "2025-06-01",
              "cocreation_ends_on": "2025-12-15", **changes}
    return ActionPlanOpened(**fields)  # type: ignore[arg-type]


def plan(*more: Fact) -> PlanState:
    """The plan as opened, and then `more`."""
    return folded(plan_rules.fold, plan_opened(), *more, stream=PLAN_ID)


#: Session 1 of the forum, on the plan, at 15:00 on 20 January 2026 in Lima.
SESSION_ID = "ses_1"
SESSION_AT = "2026-01-20T20:00:00+00:00"


def session_scheduled(**changes: object) -> SessionScheduled:
    fields = {"session_id": SESSION_ID, "forum_id": FORUM_ID, "title": "Sesión ordinaria 1", "kind": "forum_session",
              "scheduled_at": SESSION_AT, "venue": "Sala de sesiones", "modality": "hybrid", "number": 1,
              "action_plan_id": PLAN_ID, "agenda": [{"title": "Avances", "proposed_by_organization": "org_cso"}],
              **changes}
    return SessionScheduled(**fields)  # type: ignore[arg-type]


def session(*more: Fact, scheduled: SessionScheduled | None = None) -> SessionState:
    """Session 1 as scheduled (or the session `scheduled`), and then `more`."""
    opening = scheduled or session_scheduled()
    return folded(session_rules.fold, opening, *more, stream=opening.session_id)


def session_held(held_at: str, session_id: str = SESSION_ID) -> SessionHeld:
    """The session was held at `held_at` (an instant with its offset); its attendance is left out."""
    return SessionHeld(session_id, held_at, [])


def session_cancelled(session_id: str = SESSION_ID) -> SessionCancelled:
    return SessionCancelled(session_id, "no quorum")


#: The plan's public consultation, open from 1 to 31 July 2025.
CONSULTATION_ID = "cns_1"


def consultation_opened(**changes: object) -> ConsultationOpened:
    fields = {"consultation_id": CONSULTATION_ID, "action_plan_id": PLAN_ID, "opens_on": "2025-07-01",
              "closes_on": "2025-07-31", "channel": "web_form", "url": "https://gob.example.org/consulta", **changes}
    return ConsultationOpened(**fields)  # type: ignore[arg-type]


def consultation(*more: Fact) -> ConsultationState:
    """The consultation as opened, and then `more` (extensions)."""
    return folded(consultation_rules.fold, consultation_opened(), *more, stream=CONSULTATION_ID)


#: A member of the public's contribution to the plan's consultation, received on 1 July 2025.
CONTRIBUTION_ID = "ctb_1"
PUBLIC_AUTHOR = {"kind": "public", "person_id": "per_ctb_1", "name": "Luz Mamani", "organization": None,
                 "sector": "youth", "email": "luz@example.org"}


def contribution_received(**changes: object) -> ContributionReceived:
    fields = {"contribution_id": CONTRIBUTION_ID, "action_plan_id": PLAN_ID, "forum_id": FORUM_ID,
              "text": "Publish the regional budget monthly.", "received_on": "2025-07-01",
              "channel": "public_consultation", "author": PUBLIC_AUTHOR, "consultation_id": CONSULTATION_ID, **changes}
    return ContributionReceived(**fields)  # type: ignore[arg-type]


def contribution(*more: Fact) -> ContributionState:
    """The contribution as received, and then `more`."""
    return folded(contribution_rules.fold, contribution_received(), *more, stream=CONTRIBUTION_ID)
