"""The forum's roster as a Popolo document (popoloproject.com): organizations, persons, posts and memberships.

The forum is an organization and each member organization another, with a membership in the forum from the day
it joined to the day it left. Each member organization has two posts, primary and alternate representative; each
designation is a membership of that post. A person is listed with the name the public pages show and nothing
else: no contact detail, no gender, and never a minor (a minor's membership names the post but no person).
"""
from __future__ import annotations

from typing import Any

from tracker.open_data.tables import Source, public_name

ROLES = {"primary": "Primary representative", "alternate": "Alternate representative"}


def post_id(organization_id: str, role: str) -> str:
    """The id of an organization's post of primary or alternate representative."""
    return f"{organization_id}/{role}"


def _dates(start: Any, end: Any) -> dict[str, str]:
    return {"start_date": start.isoformat(), **({"end_date": end.isoformat()} if end else {})}


def popolo(s: Source) -> dict[str, Any]:
    """The Popolo document: `organizations`, `persons`, `posts`, `memberships` (and the log it was read at)."""
    forum = s.forum
    organizations: list[dict[str, Any]] = [{"id": forum.id, "name": forum.name, "classification": "forum",
                                            "founding_date": forum.established_on.isoformat()}]
    posts, memberships = [], []
    for org in forum.organizations.values():
        organizations.append({"id": org.id, "name": org.name, "classification": org.sector})
        memberships.append({"id": f"{org.id}@{forum.id}", "label": f"{org.name} in {forum.name}", "role": "member",
                            "member": {"@type": "Organization", "id": org.id}, "organization_id": forum.id,
                            **_dates(org.joined_on, org.left_on)})
        posts += [{"id": post_id(org.id, role), "label": f"{label}, {org.name}", "role": role,
                   "organization_id": org.id} for role, label in ROLES.items()]
    persons = []
    for rep in forum.representatives.values():
        name = public_name(rep)
        membership: dict[str, Any] = {"id": rep.id, "role": rep.role, "organization_id": rep.organization_id,
                                      "post_id": post_id(rep.organization_id, rep.role),
                                      **_dates(rep.designated_on, rep.withdrawn_on)}
        if name is not None:
            persons.append({"id": f"person-{rep.id}", "name": name})
            membership["person_id"] = f"person-{rep.id}"
        memberships.append(membership)
    return {"organizations": organizations, "persons": persons, "posts": posts, "memberships": memberships,
            "meta": {"created": s.local(s.now), "log": {"position": s.head.position, "head": s.head.hash}}}
