"""A thin client for API tests: JSON in and out, a token per role, and the status asserted."""
from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse


class ApiClient:
    """Calls /api/v1 as one caller (a bearer token, or anonymous)."""

    def __init__(self, client: FlaskClient, token: str | None = None) -> None:
        self.client = client
        self.token = token

    def as_(self, token: str | None) -> ApiClient:
        """The same client, calling as another caller."""
        return ApiClient(self.client, token)

    def _headers(self, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**headers, **(extra or {})}

    def call(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None,
             raw: str | bytes | None = None) -> TestResponse:
        """The raw response, nothing asserted."""
        kwargs: dict[str, Any] = {"headers": self._headers(headers)}
        if raw is not None:
            kwargs.update(data=raw, content_type="application/json")
        elif body is not None:
            kwargs["json"] = body
        return self.client.open("/api/v1" + path, method=method, **kwargs)

    def post(self, path: str, body: Any, expect: int = 201, **kw: Any) -> dict[str, Any]:
        """POST and assert the status; the JSON body."""
        response = self.call("POST", path, body, **kw)
        assert response.status_code == expect, (response.status_code, response.get_json())
        return response.get_json()

    def get(self, path: str, expect: int = 200, **kw: Any) -> Any:
        """GET and assert the status; the JSON body."""
        response = self.call("GET", path, **kw)
        assert response.status_code == expect, (response.status_code, response.get_json())
        return response.get_json()
