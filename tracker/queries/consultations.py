"""A public consultation as readers see it: as its plan lists it, and with the history of its deadline."""
from __future__ import annotations

from typing import Any

from tracker.domain.consultation import ConsultationState


def present_consultation_summary(state: ConsultationState) -> dict[str, Any]:
    """A consultation as its plan lists it."""
    return {"id": state.id, "opens_on": state.opens_on, "closes_on": state.closes_on,
            "channel": state.channel, "url": state.url}


def present_consultation(state: ConsultationState) -> dict[str, Any]:
    """The consultation with the history of its deadline."""
    return {**present_consultation_summary(state), "action_plan_id": state.action_plan_id,
            "original_closes_on": state.original_closes_on, "extensions": [vars(x) for x in state.extensions]}
