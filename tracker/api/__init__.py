"""The HTTP API under /api/v1: one flask-smorest blueprint per area."""
from __future__ import annotations

from flask_smorest import Blueprint


def blueprints() -> list[Blueprint]:
    """Every API blueprint, in the order the OpenAPI document lists them."""
    import tracker.api.calendar as calendar
    import tracker.api.compliance as compliance
    import tracker.api.final_report as final_report
    import tracker.api.report as report
    from tracker.api import (
        commitments,
        consultations,
        contributions,
        documents,
        events,
        forums,
        heads,
        open_data,
        plans,
        sessions,
        system,
        webhooks,
    )

    return [system.blp, forums.blp, plans.blp, sessions.blp, contributions.blp,
            commitments.blp, consultations.blp, events.blp, heads.blp, compliance.blp, report.blp,
            final_report.blp, calendar.blp, documents.blp, open_data.blp, webhooks.blp]
