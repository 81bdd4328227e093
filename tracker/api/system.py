"""Liveness: the smallest endpoint, and the framework's floor in benchmarks."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from tracker.api.blueprint import Blueprint

blp = Blueprint("system", __name__, description="Service health")


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self) -> dict[str, str]:
        """Answer that the service is up (touches no database)."""
        return {"status": "ok"}
