"""The story of one co-creation, told through the API as the secretariat logs it. Every call is accepted.

The Regional Government of Cajamarca establishes its multi-stakeholder forum in February 2025 with sixteen
organizations across sectors. From March to November it meets every month: each session is announced a week
ahead with materials, held with members and guests, and its minutes are approved weeks later and published.
A draft is put to public consultation in June; a youth representative asks for more time and the deadline is
extended. Members and residents send contributions; each is discussed, answered with reasons and the answer
sent back. Five commitments take shape, one revised after a contribution; the forum endorses the plan at its
November session and the plan is submitted to OGP in December.
"""
from __future__ import annotations

import pytest

from tests.support.api import ApiClient

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines

ORGANIZATIONS = [
    ("Gobierno Regional de Cajamarca", "government"), ("Municipalidad Provincial de Cajamarca", "government"),
    ("Defensoría del Pueblo - Cajamarca", "government"), ("Dirección Regional de Salud", "government"),
    ("Dirección Regional de Educación", "government"),
    ("Mesa de Concertación para la Lucha contra la Pobreza", "civil_society"),
    ("Asociación Civil Transparencia", "civil_society"), ("Red de Mujeres Rurales de Cajamarca", "civil_society"),
    ("Colegio de Periodistas de Cajamarca", "media"), ("Universidad Nacional de Cajamarca", "academia"),
    ("Universidad Privada Antonio Guillermo Urrelo", "academia"), ("Cámara de Comercio y Producción", "private_sector"),
    ("Consejo Regional de la Juventud", "youth"), ("Rondas Campesinas de Cajamarca", "civil_society"),
    ("Colegio de Abogados de Cajamarca", "other"), ("Asociación de Personas con Discapacidad", "civil_society"),
]
FIRST_NAMES = ["Ana", "Luis", "Rosa", "Jorge", "Carmen", "Pedro", "Lucía", "Miguel", "Elena", "Raúl", "Sofía",
               "Diego", "Marta", "Iván", "Julia", "César"]
MONTHS = range(3, 12)  # March to November 2025


def establish_roster(api: ApiClient) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    forum = api.post("/forums", {
        "name": "Foro Multiactor de Gobierno Abierto de Cajamarca", "member": "Cajamarca, Peru",
        "established_on": "2025-02-10", "timezone": "America/Lima", "language": "es",
        "legal_basis": {"title": "Ordenanza Regional 012-2025-GR.CAJ",
                        "url": "https://www.regioncajamarca.gob.pe/ordenanza-012"},
        "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3},
    })["id"]
    sectors, reps = {}, {}
    for i, (name, sector) in enumerate(ORGANIZATIONS):
        org = api.post(f"/forums/{forum}/organizations",
                       {"name": name, "sector": sector, "joined_on": "2025-02-10"})["id"]
        sectors[org] = sector
        primary = api.post(f"/forums/{forum}/organizations/{org}/representatives", {
            "name": f"{FIRST_NAMES[i]} Primary", "role": "primary", "designated_on": "2025-02-10",
            "email": f"rep{i}@example.pe", "gender": "female" if i % 2 else "male",
            "is_minor": sector == "youth", **({"guardian_consent": True} if sector == "youth" else {})})["id"]
        reps[org] = [primary]
        if i % 3 != 2:  # many forms are left without alternates
            reps[org].append(api.post(f"/forums/{forum}/organizations/{org}/representatives", {
                "name": f"{FIRST_NAMES[i]} Alternate", "role": "alternate", "designated_on": "2025-02-20"})["id"])
    return forum, sectors, reps


def test_a_year_of_co_creation_in_cajamarca(api: ApiClient):
    forum, sectors, reps = establish_roster(api)
    gov = [r[0] for o, r in reps.items() if sectors[o] == "government"]
    civil = [r[0] for o, r in reps.items() if sectors[o] != "government"]
    youth_org = next(o for o, s in sectors.items() if s == "youth")
    plan = api.post(f"/forums/{forum}/action-plans", {
        "title": "Plan de Acción de Gobierno Abierto de Cajamarca 2026-2027", "period_start": "2026-01-01",
        "period_end": "2027-12-31", "cocreation_starts_on": "2025-03-01", "cocreation_ends_on": "2025-11-30"})["id"]
    api.post(f"/action-plans/{plan}/publications", {
        "kind": "ogp_webpage", "title": "Gobierno Abierto Cajamarca", "url": "https://www.regioncajamarca.gob.pe/ga",
        "published_on": "2025-03-01"})

    sessions = []
    for n, month in enumerate(MONTHS, start=1):
        session = api.post(f"/forums/{forum}/sessions", {
            "title": f"Sesión ordinaria {n}", "kind": "cocreation_workshop" if month in (5, 7) else "forum_session",
            "scheduled_at": f"2025-{month:02d}-15T10:00:00-05:00", "venue": "Auditorio del Gobierno Regional",
            "modality": "hybrid", "number": n, "action_plan_id": plan,
            "agenda": [{"title": "Avance del plan de acción"},
                       {"title": "Propuestas de la juventud", "proposed_by_organization": youth_org}]})["id"]
        api.post(f"/sessions/{session}/announcement", {
            "announced_on": f"2025-{month:02d}-07", "channels": ["email", "phone", "web"],
            "materials": [{"title": f"Agenda sesión {n}", "url": f"https://www.regioncajamarca.gob.pe/ga/agenda-{n}.pdf"}]})
        attendees = gov[:3] + civil[n % 4: n % 4 + 6]
        api.post(f"/sessions/{session}/record", {
            "held_at": f"2025-{month:02d}-15T10:20:00-05:00",
            "attendance": [{"representative_id": r} for r in attendees]
            + [{"name": "Vecina de Baños del Inca", "sector": "other"}],
            "public_attendees": 12})
        approved = f"2025-{month + 1:02d}-05" if month < 11 else "2025-11-28"
        api.post(f"/sessions/{session}/minutes", {
            "document": {"title": f"Acta sesión {n}", "url": f"https://www.regioncajamarca.gob.pe/ga/acta-{n}.pdf",
                         "sha256": "ab" * 32},
            "approved_on": approved, "signed_by": [gov[0], civil[0]]})
        api.post(f"/action-plans/{plan}/publications", {
            "kind": "minutes", "title": f"Acta sesión {n}", "url": f"https://www.regioncajamarca.gob.pe/ga/acta-{n}.pdf",
            "published_on": approved, "session_id": session})
        sessions.append(session)

    consultation = api.post(f"/action-plans/{plan}/consultations", {
        "opens_on": "2025-06-01", "closes_on": "2025-06-30", "channel": "web_form",
        "url": "https://www.regioncajamarca.gob.pe/ga/consulta"})["id"]
    youth_rep = reps[youth_org][0]
    ask_more_time = api.post(f"/action-plans/{plan}/contributions", {
        "text": "Pedimos ampliar el plazo de la consulta para llegar a las provincias.",
        "received_on": "2025-06-20", "channel": "email", "author": {"representative_id": youth_rep},
        "consultation_id": consultation})["id"]
    api.post(f"/consultations/{consultation}/extension", {
        "closes_on": "2025-07-15", "reason": "Pedido del Consejo Regional de la Juventud",
        "requested_by_contribution": ask_more_time})

    contributions = [ask_more_time]
    for i, text in enumerate([
        "Que el compromiso sobre embarazo adolescente incluya también los colegios de varones.",
        "Publicar el avance presupuestal cada trimestre en formato abierto.",
        "Realizar una discusión pública sobre gobierno abierto con jóvenes de Celendín.",
        "Incluir indicadores de acceso a la información en las municipalidades provinciales.",
    ]):
        author = ({"representative_id": civil[i]} if i % 2 == 0 else
                  {"name": "Residente de Jaén", "sector": "other", "email": "residente@example.pe"})
        contributions.append(api.post(f"/action-plans/{plan}/contributions", {
            "text": text, "received_on": f"2025-07-{10 + i:02d}", "channel": "public_consultation",
            "author": author, "consultation_id": consultation})["id"])

    commitments = []
    for i, (title, values) in enumerate([
        ("Prevención del embarazo adolescente con enfoque de género", ["civic_participation", "transparency"]),
        ("Presupuesto abierto trimestral", ["transparency", "public_accountability"]),
        ("Escuela de gobierno abierto para jóvenes", ["civic_participation"]),
        ("Acceso a la información en municipalidades", ["transparency", "technology_and_innovation"]),
        ("Veedurías ciudadanas de obras públicas", ["public_accountability", "civic_participation"]),
    ]):
        commitments.append(api.post(f"/action-plans/{plan}/commitments", {
            "title": title, "problem": "Problema identificado en los talleres de co-creación.",
            "description": "Descripción acordada por el foro.", "ogp_values": values,
            "lead_institution": "Gobierno Regional de Cajamarca",
            "milestones": [{"title": "Diagnóstico", "deliverable": "Informe publicado", "due_on": "2026-06-30"},
                           {"title": "Implementación", "deliverable": "Informe de avance", "due_on": "2027-06-30"}],
            "from_contributions": [contributions[i]] if i < len(contributions) else [],
            "occurred_on": "2025-08-20"})["id"])
    api.post(f"/commitments/{commitments[0]}/revision", {
        "description": "Incluye colegios de mujeres y de varones.", "reason": "Aporte recibido en consulta",
        "from_contributions": [contributions[1]], "occurred_on": "2025-09-15"})

    for i, contribution in enumerate(contributions):
        api.post(f"/contributions/{contribution}/consideration",
                 {"considered_on": "2025-08-15", "session_id": sessions[5], "note": "Discutido en pleno"})
        api.post(f"/contributions/{contribution}/response", {
            "decision": ["accepted", "partially_accepted", "merged", "accepted", "rejected"][i],
            "reasoning": "El foro evaluó el aporte y decidió según su viabilidad y pertinencia.",
            "responded_on": "2025-08-25", "commitment_id": commitments[min(i, 4)]})
        api.post(f"/contributions/{contribution}/communication", {
            "communicated_on": "2025-08-28", "channel": "email" if i % 2 else "published",
            "url": "https://www.regioncajamarca.gob.pe/ga/informe-aportes"})

    endorsement = api.post(f"/action-plans/{plan}/endorsements", {
        "endorsed_on": "2025-11-15", "session_id": sessions[-1], "signed_by": [gov[0], gov[1], civil[0], civil[1]],
        "document": {"title": "Acta de aprobación del plan", "url": "https://www.regioncajamarca.gob.pe/ga/aprobacion.pdf"}})["id"]
    api.post(f"/action-plans/{plan}/submission", {"submitted_on": "2025-12-10"})

    # What the record now says, as the public and the evaluator read it.
    assert len(api.get(f"/forums/{forum}")["organizations"]) == 16
    listed = api.get(f"/forums/{forum}/sessions")
    assert len(listed) == 9 and all(s["status"] == "held" and s["minutes"] for s in listed)
    assert {c["status"] for c in api.get(f"/action-plans/{plan}/contributions")} == {"communicated"}
    assert api.get(f"/endorsements/{endorsement}")["id"] == endorsement
    whole = api.get(f"/action-plans/{plan}")
    assert len(whole["commitments"]) == 5
    assert api.get(f"/consultations/{consultation}")["closes_on"] == "2025-07-15"
    trail = api.get(f"/contributions/{contributions[1]}/trail")["events"]
    assert [e["type"] for e in trail][:1] == ["ContributionReceived"]
    assert {"CommitmentDrafted", "CommitmentRevised", "ContributionResponded", "ResponseCommunicated"} <= {
        e["type"] for e in trail}
    public_text = api.as_(None).call("GET", f"/action-plans/{plan}/contributions").get_data(as_text=True)
    assert "residente@example.pe" not in public_text and "Residente de Jaén" not in public_text
