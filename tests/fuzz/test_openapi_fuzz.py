"""Fuzzing the API from its own OpenAPI document (schemathesis), for every operation and every role.

Given a realistic record (a forum with its roster, a plan, a held session, a commitment, a consultation, a
contribution, a publication and an endorsement) on a real database, when schemathesis generates requests for each
operation the document describes (valid and invalid bodies, queries and path ids; the real ids most of the time so
that requests reach validation rather than a 404) and sends them as admin, the forum's secretariat, an evaluator and
the public, then
- no answer is a 5xx;
- every answer conforms to the document: its status code is listed for the operation by number (not only under
  `default`), its content type, headers and body are the documented ones;
- a request schemathesis made invalid against the document is not accepted (no 2xx);
- no refused request (status >= 400) appended an event.

`TRACKER_FUZZ_EXAMPLES` sets the examples per operation, role and generation mode (default 5 here, run in CI on
every push; `make fuzz` sets 200). Generation is derandomized, so a run is repeatable.
"""
from __future__ import annotations

import contextlib
import os
from types import SimpleNamespace

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config import Config
from tests.support.api import ApiClient
from tests.support.builders_contributions import contribute, resident
from tests.support.builders_plans import (
    NOVEMBER,
    draft_commitment,
    endorse,
    held_session,
    open_consultation,
    plan_with_roster,
    publish,
)
from tests.support.clock import ManualClock
from tests.support.databases import ENGINES, fresh_database
from tracker import create_app
from tracker.auth import service as auth
from tracker.bootstrap import bootstrap
from tracker.database import upgrade

EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "5"))
ROLES = ["admin", "secretariat", "evaluator", "anonymous"]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance, negative_data_rejection]


@pytest.fixture(scope="module", params=ENGINES)
def record(request, tmp_path_factory):
    """An application on a fresh database holding a realistic record, a token per role, and the record's ids."""
    from datetime import UTC, datetime

    with fresh_database(request.param, tmp_path_factory.mktemp("fuzz")) as url:
        clock = ManualClock(datetime(2026, 11, 20, 15, 0, tzinfo=UTC))
        services = bootstrap(url, clock=clock)
        upgrade(services.engine)
        app = create_app(Config(DATABASE_URL=url, TESTING=True), services=services)

        def token(email: str, role: str, forums: tuple[str, ...] = ()) -> str:
            auth.create_user(services.engine, clock, email, role, list(forums), None)
            return auth.create_token(services.engine, clock, email)

        admin = token("admin@example.org", "admin")
        api = ApiClient(app.test_client(), admin)
        r = plan_with_roster(api)
        session = held_session(api, r.forum_id)
        ids = {
            "forum_id": r.forum_id, "org_id": r.youth, "rep_id": r.rosa, "plan_id": r.plan, "session_id": session,
            "commitment_id": draft_commitment(api, r.plan),
            "consultation_id": open_consultation(api, r.plan),
            "contribution_id": contribute(api, r.plan, resident()),
            "endorsement_id": endorse(api, r.plan, session_id=session, endorsed_on=NOVEMBER[:10],
                                      signed_by=[r.ana, r.jorge]),
        }
        publish(api, r.plan)
        tokens = {"admin": admin, "secretariat": token("sec@example.org", "secretariat", (r.forum_id,)),
                  "evaluator": token("evaluator@example.org", "evaluator"), "anonymous": None}
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
        yield SimpleNamespace(app=app, store=services.store, ids=ids, tokens=tokens, schema=schema)
        services.engine.dispose()


def strategies(operation, ids: dict[str, str]):
    """Requests for `operation` and how many of each: valid and invalid ones with the record's real path ids
    (`EXAMPLES` each), then, for an operation with path ids, half as many with generated ids."""
    names = [p.name for p in operation.path_parameters]
    real = {name: ids[name] for name in names if name in ids} or None
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    out = [(operation.as_strategy(generation_mode=mode, path_parameters=real), EXAMPLES) for mode in modes]
    if names:
        out.append((st.one_of(*(operation.as_strategy(generation_mode=mode) for mode in modes)),
                    max(1, EXAMPLES // 2)))
    return out


def fuzz(operation, record, role: str) -> None:
    """Send the generated requests for one operation as `role`; raise on the first failure (shrunk)."""
    token = record.tokens[role]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    # Schemathesis's WSGI transport does not unzip what comes gzipped (a compliance answer served again), so the
    # bodies it checks are asked for as they are; tests/api/test_compliance_cache.py checks the gzipped ones.
    headers["Accept-Encoding"] = "identity"

    def check(case) -> None:
        before = record.store.head().position
        response = case.call(headers=headers)
        after = record.store.head().position
        assert response.status_code < 400 or after == before, (
            f"{case.method} {case.formatted_path} answered {response.status_code} but appended "
            f"{after - before} event(s)")
        case.validate_response(response, checks=CHECKS, headers=headers)
        documented = set(case.operation.definition.raw.get("responses", {}))
        assert str(response.status_code) in documented, (
            f"{case.method} {case.formatted_path} answered {response.status_code}, which the document lists only "
            f"under 'default' (it lists {sorted(documented)})")

    for strategy, examples in strategies(operation, record.ids):
        run = settings(max_examples=examples, derandomize=True, database=None, deadline=None, print_blob=False,
                       suppress_health_check=list(HealthCheck),
                       phases=[Phase.explicit, Phase.generate, Phase.shrink])(given(case=strategy)(check))
        with contextlib.suppress(Unsatisfiable):  # nothing to make invalid once the path ids are the real ones
            run()


def explain(error: BaseException) -> str:
    """The failure's message with those of the failures it groups (Hypothesis reports a failure that did not
    repeat on the changed record as flaky, with the original inside)."""
    parts = [str(error)]
    if isinstance(error, BaseExceptionGroup):
        parts += [explain(inner) for inner in error.exceptions]
    return "\n".join(parts)


@pytest.mark.parametrize("role", ROLES)
def test_no_generated_request_breaks_the_contract(record, role):
    failures = []
    for result in record.schema.get_all_operations():
        operation = result.ok()
        try:
            fuzz(operation, record, role)
        except (Exception, BaseExceptionGroup) as error:  # schemathesis groups its failures in a BaseExceptionGroup
            failures.append(f"--- {operation.method.upper()} {operation.path} as {role}:\n{explain(error)}")
    assert not failures, "\n\n".join(failures)
