"""Participants' personal data: sealed per person, forgotten on request or by retention, never public.

Given a forum with an adult representative, a minor (with a guardian's consent), a member of the public who
contributed and a guest who attended a session; when one of them is forgotten; then they read as "(forgotten)"
everywhere, no table holds their name or email any more, the chain verifies and the compliance answers hold.
"""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from events import verify
from events.personal import FORGOTTEN
from tests.support.builders import designate
from tests.support.builders_contributions import (
    RESIDENT_EMAIL,
    RESIDENT_NAME,
    cocreation,
    communicate,
    contribute,
    representative,
    resident,
    respond,
)
from tests.support.builders_sessions import hold_session, schedule_session
from tracker.domain.errors import Conflict, NotFound
from tracker.people import retention
from tracker.people.directory import people_of
from tracker.people.forget import forget

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines

MINOR = "Valeria Ruiz Cárdenas"
MINOR_EMAIL = "valeria.ruiz@correo.pe"
GUEST = "Fidel Rojas Campos"


@pytest.fixture
def record(api):
    c = cocreation(api)
    minor = designate(api, c.forum, c.youth, MINOR, role="alternate", is_minor=True, email=MINOR_EMAIL,
                      phone="976 555 123")
    public = contribute(api, c.plan, resident())
    respond(api, public)
    communicate(api, public)
    by_minor = contribute(api, c.plan, representative(minor))
    session = schedule_session(api, c.forum)
    hold_session(api, session, attendance=[{"representative_id": c.ana},
                                           {"name": GUEST, "organization": None, "sector": "civil_society"}])
    return c, minor, public, by_minor, session


def services(app):
    return app.extensions["tracker"]


def answers(api, plan_id: str) -> dict:
    """The compliance answers, without the log's head (which the forgetting's own event moves on)."""
    body = api.get(f"/action-plans/{plan_id}/compliance")
    body.pop("log")
    return body


def everything_stored(app) -> str:
    """Every table's every row as text: what a copy of the database would hand over."""
    engine = services(app).engine
    dump = []
    with engine.connect() as conn:
        for table in ("events", "records", "person_keys", "forum_directory"):
            dump.extend(str(tuple(row)) for row in conn.execute(text(f"SELECT * FROM {table}")))
    return "\n".join(dump)


def test_the_log_holds_no_name_or_contact_in_clear(app, api, record):
    """The events table (what backups and the chain carry) holds no participant's name, email or phone."""
    with services(app).engine.connect() as conn:
        log = "\n".join(conn.execute(text("SELECT data FROM events")).scalars())
    for secret in (MINOR, MINOR_EMAIL, "976 555 123", RESIDENT_NAME, RESIDENT_EMAIL, GUEST, "Ana Quispe"):
        assert secret not in log
    c, minor, *_ = record
    assert {r["name"] for r in api.get(f"/forums/{c.forum}")["representatives"]} >= {MINOR, "Ana Quispe"}


def test_a_minors_designation_keeps_whether_a_guardian_consented(api, record):
    """The record keeps a minor's guardian's consent (true or false), or that it was not said (a designation as
    the API contract has always accepted it); an adult's designation with a consent is refused per field, writing
    nothing."""
    c, minor, *_ = record
    url = f"/forums/{c.forum}/organizations/{c.youth}/representatives"
    body = {"name": "Mateo Rivas", "role": "alternate", "designated_on": "2025-03-01"}
    unsaid = api.post(url, {**body, "is_minor": True})["id"]
    refused_consent = api.post(url, {**body, "name": "Inés Paz", "is_minor": True, "guardian_consent": False})["id"]
    before = len(api.get(f"/forums/{c.forum}")["representatives"])
    refused = api.call("POST", url, {**body, "guardian_consent": False})
    assert refused.status_code == 422 and "guardian_consent" in refused.get_json()["errors"]
    assert len(api.get(f"/forums/{c.forum}")["representatives"]) == before
    shown = {r["id"]: r for r in api.get(f"/forums/{c.forum}")["representatives"]}
    assert [shown[i]["guardian_consent"] for i in (minor, unsaid, refused_consent)] == [True, None, False]
    public = api.as_(None).call("GET", f"/forums/{c.forum}").get_data(as_text=True)
    assert MINOR not in public and MINOR_EMAIL not in public and "guardian_consent" not in public


@pytest.mark.parametrize("who", ["minor", "public", "guest"])
def test_a_forgotten_person_reads_as_forgotten_everywhere_and_nothing_else_changes(app, api, clock, record, who):
    c, minor, public, by_minor, session = record
    person = {"minor": minor, "public": f"per_{public}", "guest": f"per_{session}_1"}[who]
    secrets = {"minor": (MINOR, MINOR_EMAIL, "976 555 123"), "public": (RESIDENT_NAME, RESIDENT_EMAIL),
               "guest": (GUEST,)}[who]
    compliance = answers(api, c.plan)
    assert not [s for s in secrets if s in everything_stored(app)]  # sealed in the read models too
    assert secrets[0] in api.get(f"/forums/{c.forum}").__str__() + str(api.get(f"/contributions/{public}")) + str(
        api.get(f"/sessions/{session}"))  # while the key lives, full readers read it

    done = forget(services(app), person, reason="request", actor="admin@example.org", now=clock())

    assert done.forum_id == c.forum
    stored = everything_stored(app)
    assert not [s for s in secrets if s in stored]
    assert verify(services(app).engine).ok
    assert answers(api, c.plan) == compliance
    if who == "minor":
        (rep,) = [r for r in api.get(f"/forums/{c.forum}")["representatives"] if r["id"] == minor]
        assert (rep["name"], rep["email"], rep["phone"]) == (FORGOTTEN, None, None)
        assert api.get(f"/contributions/{by_minor}")["author"]["name"] == FORGOTTEN
    elif who == "public":
        author = api.get(f"/contributions/{public}")["author"]
        assert (author["name"], author["email"]) == (FORGOTTEN, None)
    else:
        guests = [a for a in api.get(f"/sessions/{session}")["attendance"] if not a["representative_id"]]
        assert [g["name"] for g in guests] == [FORGOTTEN]
    trail = api.get(f"/forums/{c.forum}")["representatives"]
    assert "Ana Quispe" in {r["name"] for r in trail}  # nobody else is touched
    log = api.call("GET", "/events").get_data(as_text=True)
    assert not [s for s in secrets if s in log] and "PersonForgotten" in log


def test_forgetting_is_once_and_only_of_someone_the_record_holds(app, clock, record):
    c, minor, *_ = record
    forget(services(app), minor, reason="request", actor="admin", now=clock())
    with pytest.raises(Conflict, match="already forgotten"):
        forget(services(app), minor, reason="request", actor="admin", now=clock())
    with pytest.raises(NotFound):
        forget(services(app), "rep_nobody", reason="request", actor="admin", now=clock())


def test_the_directory_lists_whom_to_forget_and_their_keys(app, clock, record):
    c, minor, public, _, session = record
    listed = {p.person_id: p for p in people_of(services(app), c.forum)}
    assert (listed[minor].kind, listed[minor].is_minor, listed[minor].key) == ("representative", True, "sealed")
    assert (listed[f"per_{public}"].name, listed[f"per_{session}_1"].name) == (RESIDENT_NAME, GUEST)
    forget(services(app), minor, reason="request", actor="admin", now=clock())
    after = {p.person_id: p for p in people_of(services(app), c.forum)}
    assert (after[minor].name, after[minor].key) == (FORGOTTEN, "forgotten")


def test_a_minors_data_is_forgotten_once_the_retention_period_after_the_plan_has_passed(app, api, clock, record):
    """The plan runs 2026-01-01 to 2027-12-31 and the forum keeps minors' data 365 days after it: on
    2028-12-30 (a leap year later) nothing is due, on 2028-12-31 the minor (and only the minor) is forgotten, once."""
    c, minor, *_ = record
    assert retention.due(services(app), datetime(2028, 12, 30, 12, tzinfo=UTC)) == []
    done = retention.enforce(services(app), datetime(2028, 12, 31, 17, tzinfo=UTC))
    assert [d.person_id for d in done] == [minor]
    assert retention.enforce(services(app), datetime(2029, 1, 2, 17, tzinfo=UTC)) == []
    events = [e for e in services(app).store.read_all(types=["PersonForgotten"])]
    assert [(e.data["person_id"], e.data["reason"], e.recorded_by) for e in events] == [
        (minor, "retention", "retention")]


def test_the_forum_sets_its_own_retention_period(app, api, clock, record):
    """A forum whose policy keeps minors' data 30 days forgets them on 2028-01-31."""
    from tests.support.builders import join, new_forum, open_plan

    forum = new_forum(api, policy={"minors_data_retention_days": 30})
    youth = join(api, forum, "Consejo de la Juventud", "youth")
    minor = designate(api, forum, youth, "Camila Soto", is_minor=True)
    open_plan(api, forum)
    assert [d.person_id for d in retention.due(services(app), datetime(2028, 1, 30, 12, tzinfo=UTC))
            if d.forum_id == forum] == []
    assert [d.person_id for d in retention.due(services(app), datetime(2028, 1, 31, 12, tzinfo=UTC))
            if d.forum_id == forum] == [minor]
