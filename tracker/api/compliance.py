"""The inception report's checks: GET /action-plans/{id}/compliance?as_of=&known_at=&lang= (public)."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask, current_app
from flask.views import MethodView

from tracker import extension
from tracker.answer_cache import AnswerCache, quarter_hour
from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.auth import current_principal
from tracker.compliance import compute
from tracker.contract.compliance import ComplianceQuerySchema, ComplianceSchema
from tracker.http import answer_response, hide_evaluators

blp = Blueprint("compliance", __name__, description="Compliance: each inception-report check with its evidence")


def _public(body: dict[str, Any]) -> dict[str, Any]:
    hide_evaluators(body["checks"] + [k for c in body["commitments"] for k in c["checks"]])
    return body


@blp.route("/action-plans/<plan_id>/compliance")
class Compliance(MethodView):
    @blp.arguments(ComplianceQuerySchema, location="query")
    @blp.response(200, ComplianceSchema)
    @document_errors(blp, 400, 404, 422)
    def get(self, query, plan_id):
        """Every check of the inception report answered from the log, each with the events that decided it.

        `as_of` judges the process as it stood at the end of that day (forum's timezone) or at that instant;
        `known_at` counts only what had been recorded by then (default now). An evaluator's judgement is shown
        beside the computed answer. Public: evidence summaries name no person. A plan unknown at `known_at`
        is a 404.
        """
        services = extension.services()
        now = services.clock()
        place = services.store.tenant_position(plan_id)
        full = place is not None and current_principal().can_read_full(place[0])
        key = (plan_id, _text(query["as_of"]), _text(query["known_at"]), query["lang"], full,
               quarter_hour(now) if query["known_at"] is None else None)
        cache = _cache(current_app)
        answer = cache.get(key, place[1]) if place is not None else None
        computed = answer is None
        if answer is None:
            body = compute(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"],
                           lang=query["lang"], now=now)  # NotFound (404) for a plan unknown at known_at
            assert place is not None, "compute raises NotFound for a plan the log does not have"
            # The body is plain JSON data already, exactly what ComplianceSchema documents (a test holds them
            # equal), so it is not dumped through the schema again: that took a fifth of the time.
            answer = cache.put(key, place[1], current_app.json.dumps(body if full else _public(body)).encode())
        return answer_response(answer, reused=not computed)


def _text(value: date | None) -> str | None:  # a day or an instant (datetime is a date)
    return None if value is None else value.isoformat()


def _cache(app: Flask) -> AnswerCache:
    """This application's cache of answers (one per app: tests build many apps on many databases)."""
    return app.extensions.setdefault("compliance_answers", AnswerCache())
