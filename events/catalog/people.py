"""Events about the people the record names, as people (stream: `forgotten-<person id>`; tenant: their forum)."""
from __future__ import annotations

from dataclasses import dataclass

from events.catalog import registry
from events.registry import DomainEvent


@registry.register
@dataclass(frozen=True)
class PersonForgotten(DomainEvent):
    """A person's personal data was destroyed with their key: at their request, or when its retention ended.

    Carries nothing personal: the id only, which reads as "(forgotten)" wherever the person was named."""

    person_id: str
    forgotten_on: str
    #: "request" (the person asked, e.g. under Ley 29733's right of cancellation) or "retention" (a minor's
    #: data kept past the forum's retention period after the plan ended).
    reason: str
    note: str | None = None
