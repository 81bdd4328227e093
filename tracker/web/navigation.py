"""The one navigation of the signed-in pages: the forum's dashboard, sessions, contributions, plan, commitments,
implementation, consultations, roster, compliance and audit log, with the current page marked (`aria-current="page"`).

Which forum and plan a page is about is read from the address (`forum_id`, `plan_id`, `session_id`,
`contribution_id`, `commitment_id`): a page about a session or a contribution is in its forum, and in its plan
when it has one; a forum's page without a plan links the forum's latest plan. Only pages that exist are
linked, and none for a user who may not read the forum in full.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker import extension
from tracker.domain.errors import DomainError
from tracker.read_models.records import reading

#: (key, text, endpoint, the id it takes: "forum" or "plan"), in the order shown.
ITEMS: list[tuple[str, Any, str, str]] = [
    ("dashboard", _l("Dashboard"), "web.dashboard.dashboard", "forum"),
    ("sessions", _l("Sessions"), "web.sessions.sessions", "forum"),
    ("contributions", _l("Contributions"), "web.contributions.plan_inbox", "plan"),
    ("plan", _l("Plan"), "web.plans.plan", "plan"),
    ("commitments", _l("Commitments"), "web.commitments.commitments", "plan"),
    ("implementation", _l("Implementation"), "web.implementation.implementation", "plan"),
    ("consultations", _l("Consultations"), "web.plans.consultations", "plan"),
    ("roster", _l("Roster"), "web.roster.roster", "forum"),
    ("compliance", _l("Compliance"), "web.evaluation.compliance", "plan"),
    ("log", _l("Audit log"), "web.audit.log", "forum"),
]
#: Which item a page belongs to, by the first part of its endpoint after "web." (or the whole endpoint).
CURRENT = {
    "web.dashboard.dashboard": "dashboard", "web.sessions": "sessions", "web.contributions": "contributions",
    "web.plans.consultations": "consultations", "web.plans.open_consultation": "consultations",
    "web.plans.extend": "consultations", "web.plans": "plan", "web.commitments": "commitments",
    "web.implementation": "implementation",
    "web.roster": "roster", "web.evaluation.compliance": "compliance", "web.evaluation.report_form": "compliance",
    "web.evaluation.judge": "compliance", "web.evaluation.trail": "contributions", "web.audit": "log",
}
#: The kinds of record an address may name, by the name of its argument.
_KINDS = (("session_id", "session"), ("contribution_id", "contribution"), ("commitment_id", "commitment"),
          ("consultation_id", "consultation"))


@dataclass(frozen=True)
class Link:
    key: str
    text: str
    href: str
    current: bool


def _current(endpoint: str) -> str | None:
    if endpoint in CURRENT:
        return CURRENT[endpoint]
    return CURRENT.get(".".join(endpoint.split(".")[:2]))


def _where(args: dict[str, Any]) -> tuple[str | None, str | None]:
    """The forum and the plan the page is about (None when it names neither)."""
    forum_id, plan_id = args.get("forum_id"), args.get("plan_id")
    with reading(extension.services().projector) as r:
        for arg, kind in _KINDS:
            if arg in args:
                state, _ = r.record(kind, args[arg])
                forum_id, plan_id = state.forum_id, getattr(state, "action_plan_id", None)
        if plan_id and not forum_id:
            forum_id = r.record("plan", plan_id)[0].forum_id
        if forum_id and not plan_id:
            plans = r.records_of("plan", forum_id=forum_id)
            plan_id = plans[-1].id if plans else None
    return forum_id, plan_id


def links() -> list[Link]:
    """The navigation of the current page; empty when nobody is signed in or the page names no forum."""
    if not current_user.is_authenticated or request.endpoint is None or request.view_args is None:
        return []
    if not request.endpoint.startswith("web.") or request.endpoint.startswith("web.public"):
        return []
    try:
        forum_id, plan_id = _where(request.view_args)
    except DomainError:
        return []
    if forum_id is None or not current_user.principal().can_read_full(forum_id):
        return []
    here = _current(request.endpoint)
    found = []
    for key, text, endpoint, takes in ITEMS:
        target = forum_id if takes == "forum" else plan_id
        if target is None or endpoint not in current_app.view_functions:
            continue
        values: dict[str, Any] = {f"{takes}_id": target}  # url_for's own keyword arguments are not all str
        href = url_for(endpoint, **values)
        found.append(Link(key, str(text), href, key == here))
    return found


def context() -> dict[str, Any]:
    """For every template: `nav_links()`."""
    return {"nav_links": links}
