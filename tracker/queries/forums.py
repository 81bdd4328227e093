"""A forum with its roster as readers see it: contact data, gender and minors' names only for full readers."""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.domain.forum import ForumState, Representative


def present_representative(rep: Representative, today: date, full: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": rep.id, "organization_id": rep.organization_id, "name": rep.name, "role": rep.role,
        "designated_on": rep.designated_on, "withdrawn_on": rep.withdrawn_on,
        "withdrawal_reason": rep.withdrawal_reason, "current": rep.serves_on(today),
    }
    if full:
        body.update(email=rep.email, phone=rep.phone, gender=rep.gender, is_minor=rep.is_minor,
                    guardian_consent=rep.guardian_consent, opt_in=list(rep.opt_in))
    elif rep.is_minor:
        body["name"] = None
    return body


def present_forum(state: ForumState, today: date, full: bool) -> dict[str, Any]:
    """The forum with its roster; contact data only for `full` readers."""
    reps = list(state.representatives.values())
    orgs = []
    for org in state.organizations.values():
        current = [r for r in reps if r.organization_id == org.id and r.serves_on(today)]
        primary = next((r.id for r in current if r.role == "primary"), None)
        orgs.append({
            "id": org.id, "name": org.name, "sector": org.sector, "joined_on": org.joined_on,
            "left_on": org.left_on, "left_reason": org.left_reason, "current": org.member_on(today),
            "primary_representative_id": primary,
            "alternate_representative_ids": [r.id for r in current if r.role == "alternate"],
        })
    return {
        "id": state.id, "name": state.name, "member": state.member, "established_on": state.established_on,
        "timezone": state.timezone, "language": state.language, "country": state.country,
        "legal_basis": state.legal_basis,
        "meeting_rule": state.meeting_rule, "policy": state.policy, "organizations": orgs,
        "policy_history": [{"effective_on": a.effective_on, "policy": a.policy, "meeting_rule": a.meeting_rule,
                            "reason": a.reason, **({"country": a.country} if a.country else {})}
                           for a in state.amendments],
        "representatives": [present_representative(r, today, full) for r in reps],
    }
