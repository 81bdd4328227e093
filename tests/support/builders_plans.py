"""Builders for an action plan's life through the API: commitments, consultations, publications, endorsements,
the evaluator's assessments and judgements."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.support.api import ApiClient
from tests.support.builders import open_plan
from tests.support.builders_sessions import forum_with_roster, hold_session, schedule_session

SITE = "https://gobiernoabierto.cajamarca.gob.pe"
ACT = {"title": "Acta de aprobación del Plan de Acción 2026-2027", "url": f"{SITE}/acta-aprobacion.pdf",
       "sha256": "c" * 64}
NOVEMBER = "2025-11-14T10:20:00-05:00"  # the session at which the plan is endorsed


def plan_with_roster(api: ApiClient, **forum: Any) -> SimpleNamespace:
    """A Cajamarca forum (government, civil society, youth; Ana, Rosa, Jorge, Luis) with a plan."""
    r = forum_with_roster(api, **forum)
    r.plan = open_plan(api, r.forum_id)
    return r


def held_session(api: ApiClient, forum_id: str, held_at: str = NOVEMBER, **schedule: Any) -> str:
    """A session scheduled and recorded as held at `held_at` (through the sessions API)."""
    session_id = schedule_session(api, forum_id, scheduled_at=held_at, **schedule)
    hold_session(api, session_id, held_at=held_at)
    return session_id


def commitment_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "title": "Presupuesto participativo abierto y trimestral",
        "problem": "La ejecución del presupuesto participativo no se publica por distrito.",
        "description": "Publicar cada trimestre, en datos abiertos, la ejecución por distrito y obra.",
        "ogp_values": ["transparency", "public_accountability"],
        "lead_institution": "Gerencia Regional de Planeamiento y Presupuesto",
        "milestones": [
            {"title": "Diagnóstico de la información disponible", "deliverable": "Informe publicado",
             "due_on": "2026-04-30"},
            {"title": "Primer reporte trimestral en datos abiertos", "deliverable": "Conjunto de datos",
             "due_on": "2026-07-31"},
        ],
        "occurred_on": "2025-08-20",
    }
    return {**body, **overrides}


def draft_commitment(api: ApiClient, plan_id: str, **overrides: Any) -> str:
    return api.post(f"/action-plans/{plan_id}/commitments", commitment_body(**overrides))["id"]


def revise(api: ApiClient, commitment_id: str, reason: str = "Aporte recibido en la consulta pública",
           **fields: Any) -> dict[str, Any]:
    return api.post(f"/commitments/{commitment_id}/revision", {"reason": reason, **fields})


def open_consultation(api: ApiClient, plan_id: str, **overrides: Any) -> str:
    body = {"opens_on": "2025-06-01", "closes_on": "2025-06-30", "channel": "web_form",
            "url": f"{SITE}/consulta", **overrides}
    return api.post(f"/action-plans/{plan_id}/consultations", body)["id"]


def extend(api: ApiClient, consultation_id: str, closes_on: str = "2025-07-15", **extra: Any) -> dict:
    body = {"closes_on": closes_on, "reason": "Pedido del Consejo Regional de la Juventud", **extra}
    return api.post(f"/consultations/{consultation_id}/extension", body)


def publish(api: ApiClient, plan_id: str, **overrides: Any) -> str:
    body = {"kind": "ogp_webpage", "title": "Gobierno Abierto Cajamarca", "url": f"{SITE}/",
            "published_on": "2025-03-01", **overrides}
    return api.post(f"/action-plans/{plan_id}/publications", body)["id"]


def endorsement_body(**overrides: Any) -> dict[str, Any]:
    return {"endorsed_on": "2025-11-14", "document": ACT, **overrides}


def endorse(api: ApiClient, plan_id: str, **overrides: Any) -> str:
    return api.post(f"/action-plans/{plan_id}/endorsements", endorsement_body(**overrides))["id"]


def withdraw_endorsement(api: ApiClient, endorsement_id: str, withdrawn_on: str = "2025-11-20",
                         reason: str = "El acta omitió a dos organizaciones presentes") -> dict[str, Any]:
    body = {"withdrawn_on": withdrawn_on, "reason": reason}
    return api.post(f"/endorsements/{endorsement_id}/withdrawal", body)


def assessment_body(**overrides: Any) -> dict[str, Any]:
    return {"verifiable": "yes", "relevance": "yes", "ogp_values": ["transparency"],
            "commitment_type": "new_regulation_policy_practice", "potential": "positive_change_not_binding",
            "explanation": "Los hitos tienen entregables y fechas dentro del periodo del plan.",
            "recommendations": "Precisar el formato de datos abiertos y el responsable de la publicación.",
            "occurred_on": "2026-01-20", **overrides}


def assess(api: ApiClient, commitment_id: str, expect: int = 201, **overrides: Any) -> dict[str, Any]:
    return api.post(f"/commitments/{commitment_id}/assessment", assessment_body(**overrides), expect=expect)


def judge(api: ApiClient, plan_id: str, check: str, answer: str, expect: int = 201, **extra: Any) -> dict:
    body = {"check": check, "answer": answer,
            "explanation": "Según las actas publicadas y entrevistas con miembros del foro.", **extra}
    return api.post(f"/action-plans/{plan_id}/judgements", body, expect=expect)
