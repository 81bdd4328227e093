"""Scale data generator: realistic two-year co-creation processes written through the application's commands.

    python bench/generate.py --database URL --forums N --seed S [--events-target E] [--schema NAME]
                             [--months 24] [--contributions 300] [--synchronous NORMAL]

Each forum: 20 organizations across sectors, each with a primary representative (some with an alternate), a
co-creation window with a session a month (announced, held with attendance, minutes approved and published; one
in eleven cancelled, some moved), a public consultation (sometimes extended), a few hundred contributions moving
through their pipeline (received, considered, responded, communicated), commitments with milestones and
revisions, an endorsement, publications and the plan's submission. Every write goes through the API's schemas and
the command handlers (as `tracker demo` does, reusing its `logged_at`: each fact is logged on the day it
occurred), so every rule is enforced; nothing is inserted directly.

Reproducible: names, texts and dates come from `random.Random(seed + forum number)`, and the calendar is anchored
on a fixed day (END), so the same seed gives the same sequence of commands and the same event data, except the
ids, uuids and recorded times the server chooses. The database is created (or migrated) first with the app's own
migrations (`tracker.database.upgrade`). With --schema on PostgreSQL the schema is created and used (search_path).
--events-target keeps adding forums until the log holds at least that many events.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marshmallow import Schema

from bench._support import Progress, create_schema, with_schema
from events import EventStore
from tracker.bootstrap import Services, bootstrap
from tracker.commands import commitments, consultations, contributions, forums, plans, sessions
from tracker.commands.base import Context, Outcome
from tracker.contract import contributions as cs
from tracker.contract import forums as fs
from tracker.contract import plans as ps
from tracker.contract import sessions as ss
from tracker.database import upgrade
from tracker.demo import logged_at, take_to
from tracker.domain.time import add_months

#: Every process ends by this day (a fixed anchor, so a seed gives the same dates whenever it runs).
END = date(2026, 10, 31)
ACTOR = "generador@escala.example"
TIMEZONE = "America/Lima"

FIRST = ("Ana", "Rosa", "María", "Lucía", "Elena", "Carmen", "Gabriela", "Patricia", "Sonia", "Valeria", "Nélida",
         "Marisa", "Julia", "Teresa", "Flor", "Ximena", "Carlos", "Julio", "Teodoro", "Óscar", "Raúl", "Walter",
         "Hernán", "Mateo", "Jorge", "Luis", "Víctor", "Percy", "Edwin", "Wilmer", "Alberto", "Fidel")
LAST = ("Quispe", "Mamani", "Huamán", "Vargas", "Mendoza", "Ríos", "Llanos", "Tarazona", "Vega", "Pinedo", "Cruz",
        "Ccori", "Paz", "Poma", "Inga", "Saavedra", "Ruiz", "Llerena", "Bazán", "Ortiz", "Núñez", "Chumpitaz",
        "Soto", "Zegarra", "Olivos", "León", "Ugarte", "Rivas", "Chuquimango", "Cubas", "Hoyos", "Tello", "Acuña",
        "Alarcón", "Díaz", "Condori", "Flores", "Cárdenas", "Salazar", "Villanueva")
PLACES = ("Alto Marañón", "Huaycán Alto", "Santa Rosa de Ocopa", "San Pedro de Cachora", "Villa Rica", "Chachapoyas",
          "Moyobamba", "Huancabamba", "Andahuaylas", "Chota", "Cutervo", "Jaén", "Bagua", "Tarma", "Juli", "Azángaro")
#: (sector, how many of the 20 organizations, name patterns)
SECTORS = (
    ("government", 6, ("Municipalidad Provincial de {p}", "Gerencia de Planeamiento de {p}", "Subprefectura de {p}",
                       "Gerencia de Infraestructura de {p}", "Red de Salud de {p}", "UGEL {p}")),
    ("civil_society", 7, ("Rondas Campesinas de {p}", "Colectivo Mujeres de {p}", "Red de Vigilancia de {p}",
                          "Asociación de Vecinos de {p}", "Comité de Regantes de {p}", "Club de Madres de {p}",
                          "Frente de Defensa de {p}")),
    ("academia", 3, ("Universidad Nacional de {p}", "Instituto Tecnológico de {p}", "Colegio de Ingenieros de {p}")),
    ("private_sector", 2, ("Cámara de Comercio de {p}", "Asociación de Productores de {p}")),
    ("youth", 1, ("Consejo de la Juventud de {p}",)),
    ("media", 1, ("Radio Comunitaria de {p}",)),
)
TOPICS = ("el presupuesto participativo", "las obras públicas", "el agua potable", "la salud materna",
          "las compras públicas", "la educación rural", "el transporte", "los residuos sólidos", "la seguridad",
          "las licencias de funcionamiento", "los programas sociales", "la gestión de riesgos", "el catastro")
ASKS = ("Publicar en datos abiertos", "Crear una mesa de seguimiento sobre", "Rendir cuentas cada trimestre sobre",
        "Difundir en quechua la información sobre", "Abrir un buzón ciudadano sobre", "Georreferenciar",
        "Incluir a las juntas vecinales en", "Auditar con participación ciudadana")
DECISIONS = ("accepted", "accepted", "partially_accepted", "merged", "rejected", "out_of_scope")
REASONS = {"accepted": "El foro incorporó el aporte al borrador del plan.",
           "partially_accepted": "Se incorpora en parte: el resto excede las competencias de la entidad.",
           "merged": "Se integró con aportes similares en un mismo compromiso.",
           "rejected": "No es viable en el periodo del plan; se registra para el siguiente.",
           "out_of_scope": "Corresponde a otra entidad; se le trasladó el aporte."}
VALUES = ("transparency", "civic_participation", "public_accountability", "technology_and_innovation")


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in plain.lower()).strip("-")


def _at(day: date, hour: int = 15) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00-05:00"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"


class Writer:
    """Runs API bodies through the API's schemas and the command handlers, each logged when `logged_at` says
    (as tracker.demo's writer: its own store whose clock reads that moment; the application's read models caught
    up after each command, as the API does). Counts events and records every command for reproducibility checks."""

    def __init__(self, services: Services, on_events: Callable[[int], None] | None = None,
                 trace: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        self.services = services
        self.moment = services.clock()
        # The application's keyring (when the store has one) seals personal data as the API's store does.
        keyring = getattr(services.store, "keyring", None)
        extra = {"keyring": keyring} if keyring is not None else {}
        self.store = EventStore(services.engine, services.store.registry, clock=lambda: self.moment, **extra)
        self.events = 0
        self.commands = 0
        self.on_events = on_events
        self.trace = trace

    def __call__(self, schema: Schema, handler: Callable[..., Outcome], *ids: str, body: dict[str, Any]) -> str:
        self.moment = logged_at(body, TIMEZONE, self.services.clock())
        ctx = Context(store=self.store, now=self.moment, actor=ACTOR, projector=self.services.projector)
        outcome = handler(ctx, *ids, schema.load(body))
        self.events += len(outcome.events)
        self.commands += 1
        if self.trace is not None:
            self.trace.append((handler.__name__, body))
        if self.on_events is not None:
            self.on_events(len(outcome.events))
        return outcome.id


@dataclass
class Shape:
    """How big one forum's process is."""

    months: int = 24
    contributions: int = 300
    commitments: int = 6


@dataclass
class ForumMade:
    forum_id: str = ""
    plan_id: str = ""
    contribution_ids: list[str] = field(default_factory=list)


def write_forum(write: Writer, number: int, seed: int, shape: Shape) -> ForumMade:
    """One forum's whole process, from `random.Random(seed * 100_003 + number)`."""
    rng = random.Random(seed * 100_003 + number)
    made = ForumMade()
    months = max(shape.months, 3)
    place = f"{rng.choice(PLACES)} {number}"
    site = f"https://gobiernoabierto.{_slug(place)}.example"
    established = add_months(END, -months, day_of_month=1) + timedelta(days=rng.randint(0, 9))
    last_day = END - timedelta(days=1)
    made.forum_id = forum = write(fs.ForumCreateSchema(), forums.establish_forum, body={
        "name": f"Foro Multiactor de Gobierno Abierto de {place}", "member": f"{place}, Perú",
        "established_on": established.isoformat(), "timezone": TIMEZONE, "language": "es",
        "meeting_rule": {"frequency": "monthly", "reminder_days_before": rng.choice((3, 5, 7))},
        "legal_basis": {"title": f"Ordenanza N.º {rng.randint(1, 40):03d}-{established.year}",
                        "url": f"{site}/normas/ordenanza.pdf"}})
    # Twenty organizations across sectors, a primary each, an alternate for some; one youth primary is a minor.
    primaries: dict[str, str] = {}
    alternates: dict[str, str] = {}
    i = 0
    for sector, count, patterns in SECTORS:
        for k in range(count):
            joined = established + timedelta(days=i % 5)
            org = write(fs.OrganizationCreateSchema(), forums.join_organization, forum, body={
                "name": patterns[k % len(patterns)].format(p=place), "sector": sector, "joined_on": joined.isoformat()})
            name = _person(rng)
            rep: dict[str, Any] = {"name": name, "role": "primary", "designated_on": joined.isoformat(),
                                   "gender": rng.choice(("female", "male", "female", "male", "undisclosed"))}
            if sector == "youth" and rng.random() < 0.5:
                rep["is_minor"] = True
                if "guardian_consent" in fs.RepresentativeCreateSchema().fields:
                    rep["guardian_consent"] = True
            else:
                rep["email"] = f"{_slug(name)}.{i}@correo.example"
            primaries[org] = write(fs.RepresentativeCreateSchema(), forums.designate_representative, forum, org,
                                   body=rep)
            if rng.random() < 0.4:
                alternates[org] = write(fs.RepresentativeCreateSchema(), forums.designate_representative, forum,
                                        org, body={"name": _person(rng), "role": "alternate",
                                                   "designated_on": joined.isoformat(), "gender": "undisclosed"})
            i += 1
    reps = list(primaries.values())
    # The plan: co-creation from the first month to three weeks before the end.
    window_start = add_months(established, 1, day_of_month=1)
    window_end = add_months(END, -1, day_of_month=10)
    plan_year = END.year + 1
    made.plan_id = plan = write(ps.ActionPlanCreateSchema(), plans.open_action_plan, forum, body={
        "title": f"Plan de Acción de Gobierno Abierto de {place} {plan_year}-{plan_year + 1}",
        "period_start": date(plan_year, 1, 1).isoformat(), "period_end": date(plan_year + 1, 12, 31).isoformat(),
        "cocreation_starts_on": window_start.isoformat(), "cocreation_ends_on": window_end.isoformat()})

    def publish(kind: str, title: str, url: str, on: date, session_id: str | None = None) -> None:
        body = {"kind": kind, "title": title, "url": url, "published_on": on.isoformat()}
        if session_id:
            body["session_id"] = session_id
        write(ps.PublicationCreateSchema(), plans.publish, plan, body=body)

    publish("ogp_webpage", f"Gobierno Abierto {place}", site, window_start)
    publish("timeline", "Cronograma de co-creación", f"{site}/cronograma.pdf", window_start + timedelta(days=2))
    held = _sessions(write, rng, forum, plan, site, established, months, primaries, alternates, publish)
    # A public consultation in the middle of the window, sometimes extended.
    c_open = add_months(established, months // 3, day_of_month=1)
    c_close = c_open + timedelta(days=45)
    consultation = write(ps.ConsultationCreateSchema(), consultations.open_consultation, plan, body={
        "opens_on": c_open.isoformat(), "closes_on": c_close.isoformat(), "channel": "web_form",
        "url": f"{site}/consulta"})
    if rng.random() < 0.5:
        write(ps.ExtensionSchema(), consultations.extend_consultation, consultation, body={
            "closes_on": (c_close + timedelta(days=15)).isoformat(), "reason": "Pedido de las rondas campesinas",
            "occurred_on": (c_close - timedelta(days=5)).isoformat()})
        c_close += timedelta(days=15)
    # Contributions over the window, moving through their pipeline.
    def late(months_before: int, on: int, fraction: float) -> date:
        """A day late in the process: so many months before END, or that fraction of a short process."""
        return max(add_months(END, -months_before, day_of_month=on), established + (END - established) * fraction)

    drafted = late(4, 10, 0.8)
    span = max((drafted - window_start).days - 10, 1)
    for n in range(shape.contributions):
        received = window_start + timedelta(days=span * n // max(shape.contributions, 1) + rng.randint(0, 5))
        body: dict[str, Any] = {
            "text": f"{rng.choice(ASKS)} {rng.choice(TOPICS)} en {place} (aporte {n + 1}).",
            "received_on": received.isoformat()}
        at_session = [sid for sid, when in held if when == received]
        if c_open <= received <= c_close:
            body |= {"channel": "public_consultation", "consultation_id": consultation}
        elif at_session:
            body |= {"channel": "forum_session", "session_id": at_session[0]}
        else:
            body["channel"] = rng.choice(("email", "web_form", "workshop", "other"))
        if rng.random() < 0.35:
            body["author"] = {"name": _person(rng), "sector": rng.choice(("civil_society", "academia", "other")),
                              "email": f"vecino{n}@correo.example"}
        else:
            body["author"] = {"representative_id": rng.choice(reps)}
        cid = write(cs.ContributionCreateSchema(), contributions.receive_contribution, plan, body=body)
        made.contribution_ids.append(cid)
        stage = rng.choices(("received", "considered", "responded", "communicated"), (5, 10, 20, 65))[0]
        considered = min(received + timedelta(days=rng.randint(3, 20)), last_day)
        responded = min(considered + timedelta(days=rng.randint(5, 40)), last_day)
        communicated = min(responded + timedelta(days=rng.randint(1, 10)), last_day)
        # The random draws in the order they were always made (a seed gives the same data).
        decision = rng.choice(DECISIONS) if stage in ("responded", "communicated") else None
        channel = rng.choice(("email", "published", "letter", "in_session")) if stage == "communicated" else None
        take_to(write, cid, stage, (considered, responded, communicated), note="Discutido en la mesa temática.",
                decision=decision, reasoning=REASONS.get(decision), channel=channel, answers_url=f"{site}/respuestas")
    # Commitments from contributions, some revised.
    ids = made.contribution_ids
    drafted_ids: list[str] = []
    for k in range(shape.commitments):
        topic = rng.choice(TOPICS)
        body = {"title": f"Compromiso {k + 1}: gestión abierta de {topic}",
                "problem": f"La ciudadanía de {place} no conoce cómo se decide sobre {topic}.",
                "description": f"{rng.choice(ASKS)} {topic}, con seguimiento del foro.",
                "ogp_values": rng.sample(VALUES, rng.randint(1, 3)),
                "lead_institution": f"Municipalidad Provincial de {place}",
                "milestones": [{"title": f"Hito {m + 1} sobre {topic}", "deliverable": "Informe público",
                                "due_on": date(plan_year, 3 * (m + 1), 28).isoformat()}
                               for m in range(rng.randint(2, 4))],
                "from_contributions": rng.sample(ids, min(len(ids), rng.randint(2, 5))),
                "occurred_on": drafted.isoformat()}
        drafted_ids.append(write(ps.CommitmentCreateSchema(), commitments.draft_commitment, plan, body=body))
    for cid in drafted_ids[: max(1, len(drafted_ids) // 3)]:
        write(ps.CommitmentRevisionSchema(), commitments.revise_commitment, cid, body={
            "description": "Se precisa el alcance tras los aportes de la consulta pública.",
            "reason": "Aportes recibidos en la consulta pública.",
            "from_contributions": rng.sample(ids, min(len(ids), 2)),
            "occurred_on": late(3, 5, 0.85).isoformat()})
    publish("draft_action_plan", "Borrador del plan de acción", f"{site}/borrador.pdf", late(3, 12, 0.86))
    publish("feedback_report", "Informe de respuestas a los aportes", f"{site}/respuestas.pdf", late(2, 20, 0.9))
    if held:
        endorsing, on = held[-1]
        write(ps.EndorsementCreateSchema(), plans.endorse, plan, body={
            "endorsed_on": on.isoformat(), "session_id": endorsing, "signed_by": reps[:10],
            "document": {"title": "Acta de validación del plan de acción", "url": f"{site}/acta-validacion.pdf"}})
        publish("action_plan", "Plan de acción", f"{site}/plan.pdf", on + timedelta(days=2))
        # Submitted once the plan is endorsed and the feedback report is out (a short process drafts its
        # commitments after its last session: the submission follows them).
        submitted = max(on + timedelta(days=3), late(2, 20, 0.9) + timedelta(days=1))
        write(ps.SubmissionSchema(), plans.submit_plan, plan, body={
            "submitted_on": min(submitted, last_day).isoformat(),
            "document": {"title": "Plan de acción", "url": f"{site}/plan.pdf"}})
    return made


def _sessions(write: Writer, rng: random.Random, forum: str, plan: str, site: str, established: date, months: int,
              primaries: dict[str, str], alternates: dict[str, str],
              publish: Callable[..., None]) -> list[tuple[str, date]]:
    """A session a month from the second month to the last; one in eleven cancelled, some moved a week; returns
    the held ones as (id, day)."""
    held: list[tuple[str, date]] = []
    for n in range(1, months):
        when = add_months(established, n, day_of_month=rng.randint(8, 16))
        if when >= END - timedelta(days=3):
            break
        sid = write(ss.SessionCreateSchema(), sessions.schedule_session, forum, body={
            "title": f"Sesión ordinaria N.º {n}", "kind": "forum_session" if n % 4 else "cocreation_workshop",
            "scheduled_at": _at(when), "venue": f"Local comunal {rng.randint(1, 9)}",
            "modality": rng.choice(("in_person", "hybrid", "virtual")), "number": n, "action_plan_id": plan,
            "agenda": [{"title": "Aprobación del acta anterior"}, {"title": "Avance de la co-creación del plan"}],
            "occurred_on": (when - timedelta(days=20)).isoformat()})
        write(ss.AnnouncementSchema(), sessions.announce_session, sid, body={
            "announced_on": (when - timedelta(days=rng.randint(6, 10))).isoformat(), "channels": ["email", "web"],
            "materials": [{"title": f"Agenda de la sesión N.º {n}", "url": f"{site}/sesiones/{n}/agenda.pdf"}]})
        if n % 11 == 5:
            write(ss.CancellationSchema(), sessions.cancel_session, sid, body={
                "reason": "Paro regional de transportistas", "occurred_on": (when - timedelta(days=2)).isoformat()})
            continue
        if rng.random() < 0.1:
            when += timedelta(days=7)
            write(ss.ReschedulingSchema(), sessions.reschedule_session, sid, body={
                "scheduled_at": _at(when), "reason": "Coincidía con la audiencia de rendición de cuentas",
                "occurred_on": (when - timedelta(days=10)).isoformat()})
        present = [r for r in primaries.values() if rng.random() < 0.8]
        present += [r for org, r in alternates.items() if primaries[org] not in present and rng.random() < 0.5]
        attendance: list[dict[str, Any]] = [{"representative_id": r} for r in present]
        attendance.append({"name": _person(rng), "organization": "Defensoría del Pueblo", "sector": "government"})
        write(ss.RecordSchema(), sessions.record_session, sid, body={
            "held_at": _at(when), "attendance": attendance, "public_attendees": rng.randint(3, 40)})
        approved = when + timedelta(days=rng.randint(7, 20))
        if approved < END:
            url = f"{site}/sesiones/{n}/acta.pdf"
            write(ss.MinutesSchema(), sessions.record_minutes, sid, body={
                "document": {"title": f"Acta de la sesión N.º {n}", "url": url}, "approved_on": approved.isoformat(),
                "signed_by": present[:3]})
            publish("minutes", f"Acta de la sesión N.º {n}", url, approved, sid)
        held.append((sid, when))
    return held


def open_services(url: str, synchronous: str = "NORMAL") -> Services:
    """The application's services on `url`, its schema created or migrated by the app's own migrations."""
    services = bootstrap(url, clock=lambda: datetime.now(UTC), sqlite_synchronous=synchronous)
    upgrade(services.engine)
    return services


def forums_to_write(start: int, count: int | None, target: int | None, have: Callable[[], int]) -> Iterator[int]:
    n = start
    while (count is not None and n < start + count) or (target is not None and have() < target):
        yield n
        n += 1


def generate(url: str, forums_count: int | None, seed: int, events_target: int | None = None,
             shape: Shape | None = None, synchronous: str = "NORMAL", progress: bool = True,
             trace: list[tuple[str, dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Write the forums; returns counts and timing."""
    shape = shape or Shape()
    services = open_services(url, synchronous)
    first = services.store.head().position
    per_forum = 5 * shape.months + 3.45 * shape.contributions + 60  # a rough guess, for the progress bar only
    goal = int(events_target - first if events_target else (forums_count or 1) * per_forum)
    bar = Progress(max(goal, 1), enabled=progress)
    written = 0

    def tick(n: int) -> None:
        nonlocal written
        written += n
        bar.update(written)

    write = Writer(services, on_events=tick, trace=trace)
    start = time.perf_counter()
    made: list[ForumMade] = []
    existing = _forums_in(services)
    for number in forums_to_write(existing, forums_count if not events_target else None, events_target,
                                  lambda: first + written):
        made.append(write_forum(write, number, seed, shape))
    elapsed = time.perf_counter() - start
    bar.close()
    head = services.store.head().position
    services.engine.dispose()
    return {"events": head, "written": written, "commands": write.commands, "forums": len(made),
            "elapsed_s": elapsed, "events_per_s": written / elapsed if elapsed else 0.0,
            "plans": [m.plan_id for m in made], "made": made}


def _forums_in(services: Services) -> int:
    """How many forums the log holds already (new forums are numbered after them, so their data differs)."""
    from sqlalchemy import func, select

    from events.schema import events_table
    with services.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(events_table)
                            .where(events_table.c.type == "ForumEstablished")).scalar_one()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="SQLAlchemy URL (sqlite:///FILE or postgresql://...)")
    parser.add_argument("--schema", help="PostgreSQL: create and use this schema (search_path)")
    parser.add_argument("--forums", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events-target", type=int, help="add forums until the log holds at least this many events")
    parser.add_argument("--months", type=int, default=24, help="length of each process in months (>= 3)")
    parser.add_argument("--contributions", type=int, default=300, help="contributions per forum")
    parser.add_argument("--commitments", type=int, default=6)
    parser.add_argument("--synchronous", default="NORMAL", help="SQLite synchronous mode while generating")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    url = args.database
    if args.schema:
        create_schema(url, args.schema)
        url = with_schema(url, args.schema)
    result = generate(url, args.forums, args.seed, args.events_target,
                      Shape(args.months, args.contributions, args.commitments), args.synchronous,
                      progress=not args.quiet)
    print(f"events in log: {result['events']}  written: {result['written']}  commands: {result['commands']}  "
          f"forums: {result['forums']}  elapsed: {result['elapsed_s']:.1f} s  "
          f"rate: {result['events_per_s']:.0f} events/s")
    if result["plans"]:
        print(f"first plan: {result['plans'][0]}")


if __name__ == "__main__":
    main()
