"""Every write endpoint, read from the OpenAPI document, refuses hostile input with a 4xx and appends nothing."""
from __future__ import annotations

import http.client
import io
import json
import re
import uuid
from urllib.parse import urlsplit

import pytest

from events import export_events, import_events, make_engine, verify
from tests.api.conftest import event_count
from tests.api.test_documents import PDF, upload
from tests.support.builders import designate, forum_body, join, new_forum, open_plan
from tests.support.databases import fresh_database
from tests.support.http_server import serving
from tracker.database import upgrade

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
        # The providers' webhooks check the signature of the raw body before anything else: every unsigned body is
        # a 403 that records nothing (tests/scheduler/test_whatsapp_webhook.py).
        if "post" in item and not path.startswith("/api/v1/webhooks/"):
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
    stored = upload(api, forum, PDF)
    assert stored.status_code == 201, stored.get_data(as_text=True)
    return {"forum_id": forum, "org_id": gov, "rep_id": rep, "plan_id": plan, "session_id": session,
            "contribution_id": contribution, "commitment_id": commitment, "consultation_id": consultation,
            "endorsement_id": endorsement, "sha256": stored.get_json()["sha256"]}


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


# X-Correlation-Id: any form of a UUID is stored as the canonical one; anything else is ignored (docs/api.md).

def stored_correlations(app) -> list[str]:
    return [e.correlation_id for e in app.extensions["tracker"].store.read_all()]


def test_a_correlation_id_in_any_form_of_a_uuid_is_stored_canonically_and_the_export_imports_into_postgresql(
        api, app, tmp_path):
    # given a UUID written as a URN in upper case, in braces, and without hyphens
    ids = [uuid.uuid4() for _ in range(3)]
    forms = [f"urn:uuid:{str(ids[0]).upper()}", "{" + str(ids[1]) + "}", ids[2].hex.upper()]
    assert len(forms[0]) == 45
    # when each is sent with a write
    for number, form in enumerate(forms):
        api.post("/forums", forum_body(name=f"Foro {number}"), headers={"X-Correlation-Id": form})
    # then each event of the write carries the canonical 36-character lower-case form
    stored = stored_correlations(app)
    assert set(stored) == {str(i) for i in ids} and all(len(c) == 36 for c in stored)
    # and the log exports and imports into PostgreSQL (the column holds 36 characters) with the same head
    exported = io.StringIO()
    head = export_events(app.extensions["tracker"].engine, exported)
    with fresh_database("postgresql", tmp_path / "target") as url:
        target = make_engine(url)
        try:
            upgrade(target)
            assert import_events(target, io.StringIO(exported.getvalue())) == head == verify(target).head
        finally:
            target.dispose()


@pytest.mark.parametrize("value", ["not-a-uuid", "urn:uuid:1234", "{" + "0" * 31 + "}", "x" * 400,
                                   "12345678-1234-5678-1234-56781234567g"])
def test_a_correlation_id_that_is_not_a_uuid_is_ignored_and_the_server_makes_one(api, app, value):
    # given a header that is no UUID; when a write sends it
    api.post("/forums", forum_body(), headers={"X-Correlation-Id": value})
    # then the write is recorded under a correlation id the server made (a canonical UUID)
    (stored,) = set(stored_correlations(app))
    assert str(uuid.UUID(stored)) == stored and stored != value


# Bodies JSON's grammar allows but the API refuses as malformed: 400, never 422 or 500, nothing appended.

MALFORMED_BODIES = {
    "objects 65 deep": ('{"a": ' * 65 + "1" + "}" * 65, "The body is nested more than 64 levels deep."),
    "lists 65 deep": ('{"name": ' + "[" * 64 + "]" * 64 + "}", "The body is nested more than 64 levels deep."),
    "100,000 deep": ("[" * 100_000 + "]" * 100_000, "The body is nested more than 64 levels deep."),
    "a repeated key": ('{"name": "Foro A", "name": "Foro B"}', 'Duplicate key "name" in a JSON object.'),
    "a repeated nested key": ('{"member": {"x": 1, "x": 2}}', 'Duplicate key "x" in a JSON object.'),
    "an integer of 4,301 digits": ('{"name": ' + "7" * 4301 + "}", "A number in the body has more than 4300 digits."),
    "a negative one": ('{"name": -' + "7" * 5000 + "}", "A number in the body has more than 4300 digits."),
}


@pytest.mark.parametrize("case", list(MALFORMED_BODIES))
def test_a_body_python_would_read_but_the_api_refuses_is_a_400_malformed_json(api, app, case):
    raw, reason = MALFORMED_BODIES[case]
    before = event_count(app)
    # when it is sent to a write
    response = api.call("POST", "/forums", raw=raw)
    # then it is a 400 in the API's error shape, saying what is wrong, and nothing is appended
    assert response.status_code == 400, response.get_json()
    assert response.get_json() == {"code": 400, "status": "Bad Request", "errors": {"_body": [reason]},
                                   "message": f"The request body is not valid JSON. {reason}"}
    assert event_count(app) == before


def test_a_body_64_levels_deep_and_an_integer_of_4300_digits_are_read_and_judged_by_their_fields(api):
    deep = api.call("POST", "/forums", raw='{"name": ' + "[" * 63 + "]" * 63 + "}")
    long = api.call("POST", "/forums", raw='{"name": ' + "7" * 4300 + "}")
    assert deep.status_code == long.status_code == 422
    assert "name" in deep.get_json()["errors"] and "name" in long.get_json()["errors"]


def post_chunked(base: str, path: str, token: str, body: bytes) -> tuple[int, dict]:
    """POST `body` with `Transfer-Encoding: chunked` and no Content-Length, in 64 KiB chunks."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        chunks = (body[i:i + 65536] for i in range(0, len(body), 65536))
        connection.request("POST", "/api/v1" + path, body=chunks, encode_chunked=True, headers={
            "Content-Type": "application/json", "Authorization": f"Bearer {token}",
            "Transfer-Encoding": "chunked"})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_a_body_over_a_mib_is_413_even_when_sent_chunked_without_a_content_length(app, tokens):
    mib = 1024 * 1024
    before = event_count(app)
    with serving(app) as base:
        # when a body over 1 MiB is streamed without announcing its length
        status, body = post_chunked(base, "/forums", tokens.admin, b'{"name": "' + b"x" * (2 * mib) + b'"}')
        # then it is refused as too large, in the API's error shape
        assert (status, body["code"], body["message"]) == (413, 413, "The request body is too large.")
        # and a body of exactly 1 MiB streamed the same way is read whole (judged by its fields, not cut short)
        status, body = post_chunked(base, "/forums", tokens.admin, b'{"name": "' + b"x" * (mib - 12) + b'"}')
        assert status == 422 and body["errors"]["name"] == ["Length must be between 1 and 300."]
        # and a small one is read as usual
        status, body = post_chunked(base, "/forums", tokens.admin, b'{"name": 1}')
        assert status == 422 and body["errors"]["name"] == ["Not a valid string."]
    assert event_count(app) == before
