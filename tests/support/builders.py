"""Builders for realistic records through the API (a forum of Cajamarca, its roster, ...)."""
from __future__ import annotations

from typing import Any

from tests.support.api import ApiClient


def forum_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "name": "Foro Multiactor de Gobierno Abierto de Cajamarca",
        "member": "Cajamarca, Peru",
        "established_on": "2025-02-10",
        "timezone": "America/Lima",
        "legal_basis": {"title": "Ordenanza Regional 012-2025-GR.CAJ", "url": "https://www.regioncajamarca.gob.pe/ordenanza-012"},
        "meeting_rule": {"frequency": "monthly", "reminder_days_before": 3},
        "language": "es",
    }
    return {**body, **overrides}


def new_forum(api: ApiClient, **overrides: Any) -> str:
    return api.post("/forums", forum_body(**overrides))["id"]


def join(api: ApiClient, forum_id: str, name: str, sector: str, joined_on: str = "2025-02-10") -> str:
    return api.post(f"/forums/{forum_id}/organizations",
                    {"name": name, "sector": sector, "joined_on": joined_on})["id"]


def designate(api: ApiClient, forum_id: str, org_id: str, name: str, role: str = "primary",
              designated_on: str = "2025-02-10", **extra: Any) -> str:
    if extra.get("is_minor"):  # a minor's designation records whether a guardian consented
        extra.setdefault("guardian_consent", True)
    body = {"name": name, "role": role, "designated_on": designated_on, **extra}
    return api.post(f"/forums/{forum_id}/organizations/{org_id}/representatives", body)["id"]


def open_plan(api: ApiClient, forum_id: str, **overrides: Any) -> str:
    body = {"title": "Plan de Acción de Gobierno Abierto de Cajamarca 2026-2027", "period_start": "2026-01-01",
            "period_end": "2027-12-31", "cocreation_starts_on": "2025-03-01", "cocreation_ends_on": "2025-11-30",
            **overrides}
    return api.post(f"/forums/{forum_id}/action-plans", body)["id"]
