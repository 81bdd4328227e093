"""Builders for contributions through the API: a forum in co-creation, its input, and what became of it."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tests.support.api import ApiClient
from tests.support.builders import designate, join, new_forum, open_plan

RESIDENT_NAME = "Marisol Huamán Tello"
RESIDENT_EMAIL = "marisol.huaman@correo.pe"


@dataclass(frozen=True)
class Cocreation:
    """A forum in co-creation: a government and a youth organization, each with a primary, and a plan."""

    forum: str
    plan: str
    gore: str
    youth: str
    ana: str
    luis: str


def cocreation(api: ApiClient, **plan: Any) -> Cocreation:
    """A forum with a government and a youth organization, a representative of each, and a plan (`plan`: its
    fields, over `open_plan`'s)."""
    forum = new_forum(api)
    gore = join(api, forum, "Gobierno Regional de Cajamarca", "government")
    youth = join(api, forum, "Consejo Regional de la Juventud de Cajamarca", "youth")
    ana = designate(api, forum, gore, "Ana Quispe", email="ana@regioncajamarca.gob.pe")
    luis = designate(api, forum, youth, "Luis Chávez Mendoza")
    return Cocreation(forum, open_plan(api, forum, **plan), gore, youth, ana, luis)


def representative(rep_id: str) -> dict[str, Any]:
    return {"representative_id": rep_id}


def resident(**overrides: Any) -> dict[str, Any]:
    """A member of the public who wrote through the web form."""
    return {"name": RESIDENT_NAME, "organization": "Junta Vecinal Barrio San Martín",
            "sector": "civil_society", "email": RESIDENT_EMAIL, **overrides}


def contribution_body(author: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    body = {"text": "Publicar trimestralmente la ejecución del presupuesto participativo por distrito.",
            "received_on": "2025-05-12", "channel": "web_form", "author": author}
    return {**body, **overrides}


def contribute(api: ApiClient, plan_id: str, author: dict[str, Any], **overrides: Any) -> str:
    return api.post(f"/action-plans/{plan_id}/contributions", contribution_body(author, **overrides))["id"]


def consider(api: ApiClient, contribution_id: str, considered_on: str = "2025-05-20", **extra: Any) -> dict:
    body = {"considered_on": considered_on, **extra}
    return api.post(f"/contributions/{contribution_id}/consideration", body)


def response_body(**overrides: Any) -> dict[str, Any]:
    return {"decision": "partially_accepted", "responded_on": "2025-06-02",
            "reasoning": "Se incorpora la publicación semestral; la trimestral excede la capacidad actual "
                         "de la Gerencia de Planeamiento.", **overrides}


def respond(api: ApiClient, contribution_id: str, **overrides: Any) -> dict:
    return api.post(f"/contributions/{contribution_id}/response", response_body(**overrides))


def communicate(api: ApiClient, contribution_id: str, communicated_on: str = "2025-06-05",
                channel: str = "email", **extra: Any) -> dict:
    return api.post(f"/contributions/{contribution_id}/communication",
                    {"communicated_on": communicated_on, "channel": channel, **extra})


def schedule(api: ApiClient, forum_id: str, scheduled_at: str = "2025-05-20T15:00:00-05:00") -> str:
    """A session of the forum (the sessions area's endpoint)."""
    return api.post(f"/forums/{forum_id}/sessions", {
        "title": "Tercera sesión ordinaria", "kind": "forum_session", "scheduled_at": scheduled_at,
        "venue": "Sede del Gobierno Regional", "modality": "in_person"})["id"]


def seen(api: ApiClient, path: str) -> str:
    """Everything a reader gets at `path`, as text (unescaped, so accented names match)."""
    return json.dumps(api.get(path), ensure_ascii=False)
