"""Builders for sessions through the API: a roster to attend, and a session at each stage of its life."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.support.api import ApiClient
from tests.support.builders import designate, join, new_forum

SITE = "https://gobiernoabierto.cajamarca.gob.pe"
MINUTES_DOC = {"title": "Acta de la sesión ordinaria N.° 3", "url": f"{SITE}/actas/3.pdf", "sha256": "a" * 64}
AGENDA_DOC = {"title": "Agenda y matriz de propuestas", "url": f"{SITE}/agenda-3.pdf"}


def forum_with_roster(api: ApiClient, **forum: Any) -> SimpleNamespace:
    """A forum of Cajamarca with a government, a civil-society and a youth organization and their people."""
    forum_id = new_forum(api, **forum)
    gore = join(api, forum_id, "Gobierno Regional de Cajamarca", "government")
    ong = join(api, forum_id, "Asociación Civil Transparencia Cajamarca", "civil_society")
    youth = join(api, forum_id, "Consejo Regional de la Juventud", "youth")
    return SimpleNamespace(
        forum_id=forum_id, gore=gore, ong=ong, youth=youth,
        ana=designate(api, forum_id, gore, "Ana Quispe", email="ana@regioncajamarca.gob.pe"),
        rosa=designate(api, forum_id, gore, "Rosa Vargas", role="alternate"),
        jorge=designate(api, forum_id, ong, "Jorge Díaz"),
        luis=designate(api, forum_id, youth, "Luis Chávez", is_minor=True),
    )


def session_body(**overrides: Any) -> dict[str, Any]:
    body = {"title": "Sesión ordinaria de abril", "kind": "forum_session",
            "scheduled_at": "2025-04-08T15:00:00-05:00", "modality": "hybrid", "number": 3,
            "venue": "Sala de sesiones del Gobierno Regional, Jr. Santa Teresa de Journet 351"}
    return {**body, **overrides}


def schedule_session(api: ApiClient, forum_id: str, **overrides: Any) -> str:
    return api.post(f"/forums/{forum_id}/sessions", session_body(**overrides))["id"]


def announce_session(api: ApiClient, session_id: str, **overrides: Any) -> dict[str, Any]:
    body = {"announced_on": "2025-03-28", "channels": ["email", "whatsapp"], "materials": [AGENDA_DOC],
            **overrides}
    return api.post(f"/sessions/{session_id}/announcement", body)


def hold_session(api: ApiClient, session_id: str, **overrides: Any) -> dict[str, Any]:
    body = {"held_at": "2025-04-08T15:20:00-05:00", "attendance": [], **overrides}
    return api.post(f"/sessions/{session_id}/record", body)


def approve_minutes(api: ApiClient, session_id: str, **overrides: Any) -> dict[str, Any]:
    body = {"document": MINUTES_DOC, "approved_on": "2025-04-22", **overrides}
    return api.post(f"/sessions/{session_id}/minutes", body)


def cancel_session(api: ApiClient, session_id: str, reason: str = "Paro regional de transportistas") -> dict:
    return api.post(f"/sessions/{session_id}/cancellation", {"reason": reason})
