"""A forum's year as the pages show it, built through the API: a roster (one of them a minor, one with an email),
a plan, a session held with minutes and one still to come, a publication, a commitment, contributions waiting
for a response and for communication; and people who sign in to the pages, one per role."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask

from tests.support.api import ApiClient
from tests.support.builders_contributions import contribute, representative, resident, respond
from tests.support.builders_plans import draft_commitment, held_session, publish
from tests.support.builders_sessions import approve_minutes, forum_with_roster, schedule_session
from tracker.auth import service as auth

PASSWORD = "una clave larga y secreta"
ADMIN = "admin@example.org"
SECRETARIAT = "secretaria@regioncajamarca.gob.pe"
OTHER_SECRETARIAT = "secretaria@regionpiura.gob.pe"
EVALUATOR = "evaluadora@example.org"
#: Every email the record holds; none may appear on a public page.
EMAILS = ("ana@regioncajamarca.gob.pe", "marisol.huaman@correo.pe")
MINOR = "Luis Chávez"
NEXT_SESSION = "Sesión ordinaria de diciembre"


@dataclass(frozen=True)
class Story:
    """The ids of what the story made."""

    forum: str
    other_forum: str
    plan: str
    waiting: str
    unsent: str


def people(app: Flask, forum: str, other_forum: str) -> None:
    """The people who sign in to the pages (the admin exists already), each with the password PASSWORD."""
    services = app.extensions["tracker"]
    engine, clock = services.engine, services.clock
    auth.create_user(engine, clock, SECRETARIAT, "secretariat", [forum], "Secretaría técnica")
    auth.create_user(engine, clock, OTHER_SECRETARIAT, "secretariat", [other_forum], None)
    auth.create_user(engine, clock, EVALUATOR, "evaluator", [], None)
    for email in (ADMIN, SECRETARIAT, OTHER_SECRETARIAT, EVALUATOR):
        auth.set_password(engine, services.passwords, email, PASSWORD)


def build(app: Flask) -> Story:
    """Build the story in `app`'s database (its clock stands in late November 2026)."""
    services = app.extensions["tracker"]
    auth.create_user(services.engine, services.clock, ADMIN, "admin", [], "Admin")
    api = ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, ADMIN))
    r = forum_with_roster(api)
    other = api.post("/forums", {"name": "Foro de Gobierno Abierto de Piura", "member": "Piura, Peru",
                                 "established_on": "2025-01-15", "timezone": "America/Lima", "language": "es",
                                 "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3}})["id"]
    people(app, r.forum_id, other)
    plan = api.post(f"/forums/{r.forum_id}/action-plans", {
        "title": "Plan de Acción de Gobierno Abierto de Cajamarca 2026-2027", "period_start": "2026-01-01",
        "period_end": "2027-12-31", "cocreation_starts_on": "2025-03-01", "cocreation_ends_on": "2025-11-30"})["id"]
    held = held_session(api, r.forum_id, title="Sesión de aprobación del plan",
                        action_plan_id=plan)
    approve_minutes(api, held, approved_on="2025-11-20")
    schedule_session(api, r.forum_id, title=NEXT_SESSION, scheduled_at="2026-12-04T15:00:00-05:00", number=12)
    publish(api, plan)
    draft_commitment(api, plan)
    waiting = contribute(api, plan, representative(r.ana))
    unsent = contribute(api, plan, resident(), text="Crear un portal de datos abiertos de obras públicas.")
    respond(api, unsent)
    return Story(r.forum_id, other, plan, waiting, unsent)
