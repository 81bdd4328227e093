"""The OpenAPI document describes every endpoint docs/api.md promises (calendar.ics, report and events come later)."""
from __future__ import annotations

import re

import pytest

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines

PROMISED = """
POST /forums
GET /forums
GET /forums/{}
POST /forums/{}/organizations
POST /forums/{}/organizations/{}/withdrawal
POST /forums/{}/organizations/{}/representatives
POST /forums/{}/representatives/{}/withdrawal
POST /forums/{}/action-plans
POST /action-plans/{}/submission
POST /forums/{}/sessions
POST /sessions/{}/announcement
POST /sessions/{}/rescheduling
POST /sessions/{}/cancellation
POST /sessions/{}/record
POST /sessions/{}/minutes
POST /action-plans/{}/publications
POST /action-plans/{}/consultations
POST /consultations/{}/extension
POST /action-plans/{}/contributions
POST /contributions/{}/consideration
POST /contributions/{}/response
POST /contributions/{}/communication
POST /action-plans/{}/commitments
POST /commitments/{}/revision
POST /action-plans/{}/endorsements
POST /endorsements/{}/withdrawal
POST /commitments/{}/assessment
POST /action-plans/{}/judgements
GET /forums/{}/sessions
GET /sessions/{}
GET /action-plans/{}
GET /commitments/{}
GET /contributions/{}
GET /consultations/{}
GET /endorsements/{}
GET /action-plans/{}/contributions
GET /contributions/{}/trail
""".strip().splitlines()


@pytest.fixture(scope="module")
def documented():
    from config import Config
    from tracker import create_app

    app = create_app(Config(DATABASE_URL="sqlite://", TESTING=True))
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    return spec, {f"{method.upper()} {re.sub(r'{[^}]+}', '{}', path[len('/api/v1'):])}"
                  for path, item in spec["paths"].items() for method in item if method in ("get", "post")}


@pytest.mark.parametrize("endpoint", PROMISED)
def test_the_openapi_document_describes(documented, endpoint):
    assert endpoint in documented[1]


def test_every_write_documents_its_body_and_error_answers(documented):
    spec, _ = documented
    for path, item in spec["paths"].items():
        post = item.get("post")
        if not post:
            continue
        assert "requestBody" in post, path
        if path.startswith("/api/v1/webhooks/"):  # a provider's callback: signed, taken with 200 or refused 403
            assert {"200", "403"} <= set(post["responses"]), (path, sorted(post["responses"]))
            continue
        assert {"201", "401", "422"} <= set(post["responses"]), (path, sorted(post["responses"]))


def test_every_area_uses_the_trackers_blueprint():
    """Only tracker.api.blueprint.Blueprint parses bodies safely (deep nesting is a 400, not a 500)."""
    from tracker.api import blueprints
    from tracker.api.blueprint import Blueprint

    assert all(isinstance(blp, Blueprint) for blp in blueprints())


def test_every_operation_with_a_query_documents_the_400_a_nul_in_it_gets(documented, api):
    """Found by the fuzzer (tests/fuzz): GET /events answered 400 to a NUL in a query parameter, a status its
    document listed only under 'default'."""
    spec, _ = documented
    with_query = [(path, method) for path, item in spec["paths"].items() for method, op in item.items()
                  if method in ("get", "post") and any(p.get("in") == "query" for p in op.get("parameters", []))]
    assert ("/api/v1/events", "get") in with_query
    assert api.call("GET", "/events?type=%00").status_code == 400
    assert not [(path, method) for path, method in with_query if "400" not in spec["paths"][path][method]["responses"]]
