"""Builders for the reminders to a commitment's lead contact: the scheduler's Cajamarca forum
(`builders_reminders.members_with_emails`) with an endorsed plan and a commitment whose lead contact is named.

`name_lead_contact` names a commitment's lead contact through the API (`PUT /commitments/{id}/lead-contact`), as
the admin: a current representative of the roster, or None; naming the one it has is the API's 409.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tests.support.api import ApiClient
from tests.support.builders import open_plan
from tests.support.builders_plans import draft_commitment, endorse
from tests.support.builders_reminders import members_with_emails

DASHBOARD = "Tablero de ejecución por distrito publicado"
DATASET = "Segundo reporte en datos abiertos"
COMMITMENT = "Presupuesto participativo abierto y trimestral"


def name_lead_contact(api: ApiClient, commitment_id: str, representative_id: str | None) -> None:
    """The commitment's lead contact is named (None: it has none any more), at the server's clock."""
    response = api.call("PUT", f"/commitments/{commitment_id}/lead-contact",
                        {"lead_representative_id": representative_id})
    assert response.status_code == 201, (response.status_code, response.get_json())


def led_commitment(api: ApiClient, lead: str | None = "ana", **forum: Any) -> SimpleNamespace:
    """The scheduler's forum (Ana, Rosa, Jorge with emails; Pedro without; Elena withdrawn) with its 2026-2027 plan,
    endorsed on 2025-11-14, holding a commitment whose milestones are due on 2026-12-18 (the dashboard, reminded on
    2026-12-04 at 09:00 in Lima) and 2027-03-31 (the dataset), and whose lead contact is `lead` (one of the forum's
    people by first name, or None)."""
    r = members_with_emails(api, **forum)
    r.plan = open_plan(api, r.forum_id)
    r.commitment = draft_commitment(api, r.plan, milestones=[
        {"title": DASHBOARD, "deliverable": "Tablero en línea", "due_on": "2026-12-18"},
        {"title": DATASET, "due_on": "2027-03-31"}])
    r.endorsement = endorse(api, r.plan, signed_by=[r.ana, r.jorge])
    milestones = api.get(f"/commitments/{r.commitment}")["progress"]["milestones"]
    r.dashboard, r.dataset = (m["id"] for m in milestones)
    if lead is not None:
        name_lead_contact(api, r.commitment, getattr(r, lead))
    return r
