"""Who the record names in a forum, so that an administrator can find the id of the person to forget.

Representatives (by the roster), members of the public who contributed (one person per contribution) and guests
who attended a session (one person per session and place), each with whether their key still exists.
"""
from __future__ import annotations

from dataclasses import dataclass

from tracker.bootstrap import Services
from tracker.read_models.records import reading


@dataclass(frozen=True)
class Person:
    """One person the forum's record names, and the state of their key."""

    person_id: str
    forum_id: str
    kind: str  # representative | public author | guest
    name: str
    where: str  # the organization, contribution or session that names them
    is_minor: bool
    #: "sealed" (their key exists), "forgotten" (destroyed) or "in clear" (written before data was sealed).
    key: str


def people_of(services: Services, forum_id: str) -> list[Person]:
    """Everyone the forum's record names, representatives first; NotFound for an unknown forum."""
    with reading(services.projector) as reader:
        forum, _ = reader.record("forum", forum_id)
        contributions = reader.records_of("contribution", forum_id=forum_id)
        sessions = reader.records_of("session", forum_id=forum_id)
    keys = {key.person_id: key.forgotten_at for key in services.store.person_keys(forum_id)}

    def key_of(person_id: str) -> str:
        if person_id not in keys:
            return "in clear"
        return "forgotten" if keys[person_id] else "sealed"

    found = [Person(rep.id, forum_id, "representative", rep.name, forum.organizations[rep.organization_id].name,
                    rep.is_minor, key_of(rep.id)) for rep in forum.representatives.values()]
    for c in contributions:
        if c.author.get("kind") == "public" and c.author.get("person_id"):
            found.append(Person(c.author["person_id"], forum_id, "public author", c.author.get("name") or "",
                                c.id, False, key_of(c.author["person_id"])))
    for s in sessions:
        for guest in s.attendance:
            if guest.get("person_id"):
                found.append(Person(guest["person_id"], forum_id, "guest", guest.get("name") or "", s.id, False,
                                    key_of(guest["person_id"])))
    return found
