"""Every write endpoint, read from the OpenAPI document, refuses hostile input with a 4xx and appends nothing."""
from __future__ import annotations

import re

import pytest

from tests.api.conftest import event_count
from tests.support.builders import designate, join, new_forum, open_plan

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines

HOSTILE_VALUES = [
    None, 12345, -1, 3.5, True, [], {}, [{"x": 1}], "", "x" * 100_001,
    "'; DROP TABLE events; --", "<script>alert(1)</script>", "2025-02-30", "not-a-date", "9999-99-99T99:99",
    "\u0000", "\ud800", "unknown_enum_value", "frm_doesnotexist",
]
WHOLE_BODIES = ["{not json", "[1, 2, 3]", '"a string"', "null", "123", '{"a": ' * 2000 + "1" + "}" * 2000]


def values_for(prop: dict) -> list:
    """Hostile values for one property. SQL and HTML are valid content of a free-text field (stored verbatim,
    see the last test), so a free-text field gets only the values that are wrong for any text."""
    free_text = prop.get("type") == "string" and not ({"enum", "format", "pattern"} & set(prop))
    if free_text:
        return [v for v in HOSTILE_VALUES if not isinstance(v, str) or len(v) > 20_000 or v == ""]
    return HOSTILE_VALUES


def write_endpoints(client) -> list[tuple[str, dict]]:
    spec = client.get("/api/v1/openapi.json").get_json()
    out = []
    for path, item in spec["paths"].items():
        if "post" in item:
            body = item["post"].get("requestBody", {}).get("content", {}).get("application/json", {})
            schema = body.get("schema", {})
            if "$ref" in schema:
                schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
            out.append((path, schema.get("properties", {})))
    return out


@pytest.fixture
def ids(api):
    """Real ids for every kind of path parameter, so requests reach validation rather than a 404."""
    forum = new_forum(api)
    gov = join(api, forum, "Gobierno Regional de Cajamarca", "government")
    ngo = join(api, forum, "Asociación Civil Transparencia", "civil_society")
    rep = designate(api, forum, gov, "Ana Quispe")
    rep2 = designate(api, forum, ngo, "Luis Chávez")
    plan = open_plan(api, forum)
    session = api.post(f"/forums/{forum}/sessions", {
        "title": "Sesión ordinaria", "kind": "forum_session", "scheduled_at": "2025-05-20T10:00:00-05:00",
        "venue": "Auditorio", "modality": "in_person"})["id"]
    api.post(f"/sessions/{session}/record", {"held_at": "2025-05-20T10:30:00-05:00",
                                             "attendance": [{"representative_id": rep2}]})
    contribution = api.post(f"/action-plans/{plan}/contributions", {
        "text": "Publicar el presupuesto cada trimestre.", "received_on": "2025-05-21", "channel": "email",
        "author": {"representative_id": rep2}})["id"]
    commitment = api.post(f"/action-plans/{plan}/commitments", {
        "title": "Presupuesto abierto", "ogp_values": ["transparency"]})["id"]
    consultation = api.post(f"/action-plans/{plan}/consultations", {
        "opens_on": "2025-06-01", "closes_on": "2025-06-30", "channel": "web_form"})["id"]
    endorsement = api.post(f"/action-plans/{plan}/endorsements", {
        "endorsed_on": "2025-11-15", "signed_by": [rep, rep2]})["id"]
    return {"forum_id": forum, "org_id": gov, "rep_id": rep, "plan_id": plan, "session_id": session,
            "contribution_id": contribution, "commitment_id": commitment, "consultation_id": consultation,
            "endorsement_id": endorsement}


def fill(path: str, ids: dict[str, str]) -> str | None:
    names = re.findall(r"{(\w+)}", path)
    if any(n not in ids for n in names):
        return None
    return re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], path)[len("/api/v1"):]


def test_every_write_endpoint_refuses_hostile_fields_and_bodies(api, app, client, ids):
    endpoints = write_endpoints(client)
    assert len(endpoints) >= 5
    exercised = 0
    for template, properties in endpoints:
        path = fill(template, ids)
        if path is None:
            continue
        exercised += 1
        before = event_count(app)
        for name in list(properties) or ["anything"]:
            for value in values_for(properties.get(name, {})):
                response = api.call("POST", path, {name: value})
                assert 400 <= response.status_code < 500, (template, name, value, response.status_code)
                body = response.get_json()
                assert set(body) == {"code", "status", "message", "errors"} and body["message"], body
        for raw in WHOLE_BODIES:
            response = api.call("POST", path, raw=raw)
            assert response.status_code in (400, 413, 422), (template, raw[:20], response.status_code)
        huge = api.call("POST", path, raw='{"text": "' + "x" * (2 * 1024 * 1024) + '"}')
        assert huge.status_code == 413
        assert event_count(app) == before, template
    assert exercised == len(endpoints)  # every write endpoint, none skipped for want of an id


def test_unknown_ids_in_paths_are_404_and_append_nothing(api, app, client, ids):
    before = event_count(app)
    for template, _ in write_endpoints(client):
        names = re.findall(r"{(\w+)}", template)
        if not names:
            continue
        path = re.sub(r"{(\w+)}", "zz_unknown", template)[len("/api/v1"):]
        response = api.call("POST", path, {})
        assert response.status_code in (404, 422), (template, response.status_code)
    assert event_count(app) == before


def test_sql_and_html_in_text_are_stored_verbatim_and_never_executed(api, app, ids):
    name = "Robert'); DROP TABLE events;-- <img src=x onerror=alert(1)>"
    org = join(api, ids["forum_id"], name, "civil_society")
    forum = api.get(f"/forums/{ids['forum_id']}")
    assert {o["id"]: o["name"] for o in forum["organizations"]}[org] == name
    assert app.extensions["tracker"].store.head().position == event_count(app) > 0


def test_a_nul_in_any_path_id_or_query_is_a_4xx_on_every_engine(api, app, client, ids):
    """PostgreSQL cannot compare text holding a NUL; no id in the record holds one (writes refuse it)."""
    spec = client.get("/api/v1/openapi.json").get_json()
    before = event_count(app)
    checked = 0
    for template, item in spec["paths"].items():
        names = re.findall(r"{(\w+)}", template)
        for method in ("get", "post"):
            if method not in item or not names:
                continue
            for name in names:
                poisoned = dict(ids, **{name: ids.get(name, "x") + "%00"})
                path = re.sub(r"{(\w+)}", lambda m, p=poisoned: p.get(m.group(1), "x"), template)[len("/api/v1"):]
                response = api.call(method.upper(), path, {} if method == "post" else None)
                assert response.status_code == 404, (method, template, name, response.status_code)
                assert response.get_json()["code"] == 404
                checked += 1
    assert checked >= 20
    response = api.call("GET", f"/events?stream={ids['plan_id']}%00")
    assert response.status_code == 400 and response.get_json()["errors"] == {"stream": [
        "Must not contain a NUL character."]}
    assert client.get(f"/forums/{ids['forum_id']}%00").status_code == 404  # a page: an HTML 404
    assert event_count(app) == before
