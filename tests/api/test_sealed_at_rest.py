"""No personal data in clear anywhere the database keeps it: its files on SQLite (main, write-ahead log, shared
memory), a `pg_dump` on PostgreSQL; before forgetting, and after.

Given a forum naming an adult representative, a minor, a member of the public who contributed and a guest, with
every read model and listing brought up to date (the pages and answers read them); when the bytes a copy of the
database would hand over are searched for each name, surname, email and phone (as UTF-8 and as the log's escaped
JSON); then none is found. When they are all forgotten, none is found either, nor any copy of their destroyed keys.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlalchemy import bindparam, text

from tests.support.builders import designate
from tests.support.builders_contributions import cocreation, communicate, contribute, representative, respond
from tests.support.builders_sessions import hold_session, schedule_session
from tests.support.databases import POSTGRES_ENV
from tracker.people.directory import people_of
from tracker.people.forget import forget_all

pytestmark = pytest.mark.both_engines

ADULT = ("Zenobia Quillahuamán Ttito", "zenobia.qt@correo-andino.pe", "976 111 222")
MINOR = ("Yessenia Chuquimango Ayay", "yessenia.ch@correo-andino.pe", "976 333 444")
PUBLIC = ("Hermelinda Ccapa Yupanqui", "hermelinda.ccapa@correo-andino.pe")
GUEST = ("Teodoro Huamanchumo Llacza",)


def secrets() -> list[str]:
    """Each name, each of its words long enough to be telling, each email and its local part, each phone."""
    found: list[str] = []
    for person in (ADULT, MINOR, PUBLIC, GUEST):
        name, *contact = person
        found += [name, *[word for word in name.split() if len(word) > 4]]
        for value in contact:
            found += [value, value.split("@")[0]] if "@" in value else [value, value.replace(" ", "")]
    return found


def forms(secret: str) -> list[bytes]:
    """How a text can sit in the database's bytes: UTF-8, or JSON's ASCII escapes (the log's canonical JSON)."""
    return sorted({secret.encode(), json.dumps(secret)[1:-1].encode()})


def held(blob: bytes, candidates: list[str]) -> list[str]:
    return [s for s in candidates if any(form in blob for form in forms(s))]


@pytest.fixture
def forum(api):
    c = cocreation(api)
    adult = designate(api, c.forum, c.gore, ADULT[0], role="alternate", email=ADULT[1], phone=ADULT[2], gender="female")
    minor = designate(api, c.forum, c.youth, MINOR[0], role="alternate", is_minor=True, email=MINOR[1],
                      phone=MINOR[2])
    public = contribute(api, c.plan, {"name": PUBLIC[0], "organization": "Junta Vecinal Barrio San Martín",
                                      "sector": "civil_society", "email": PUBLIC[1]})
    respond(api, public)
    communicate(api, public)
    contribute(api, c.plan, representative(minor))
    contribute(api, c.plan, representative(adult))
    session = schedule_session(api, c.forum)
    hold_session(api, session, attendance=[{"representative_id": adult}, {"representative_id": minor},
                                           {"name": GUEST[0], "organization": None, "sector": "academia"}])
    return c, adult, minor, public, session


def read_everything(app, api, c, session) -> None:
    """What serving people does: every listing and answer (the read models catch up and are read)."""
    shown = json.dumps([api.get(f"/forums/{c.forum}"), api.get(f"/action-plans/{c.plan}/contributions"),
                        api.get(f"/sessions/{session}"), api.get(f"/action-plans/{c.plan}/compliance")],
                       ensure_ascii=False)
    assert ADULT[0] in shown and PUBLIC[1] in shown and GUEST[0] in shown  # the key lives: full readers read it
    people_of(app.extensions["tracker"], c.forum)


def database_bytes(app) -> bytes:
    """What a copy of the database hands over: SQLite's files, or a plain `pg_dump` of the test's schema."""
    engine = app.extensions["tracker"].engine
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database)
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())
    url = urlsplit(engine.url.render_as_string(hide_password=False).replace("+psycopg", ""))
    schema = unquote(parse_qs(url.query)["options"][0]).removeprefix("-csearch_path=")
    base = url._replace(query="").geturl()
    return subprocess.run(["pg_dump", "--no-owner", f"--schema={schema}", base], check=True, capture_output=True,
                          timeout=120).stdout


def wrapped_keys(app, people: list[str]) -> list[str]:
    """The people's keys as stored (wrapped by the master key)."""
    with app.extensions["tracker"].engine.connect() as conn:
        return list(conn.execute(text("SELECT wrapped_key FROM person_keys WHERE person_id IN :ids AND wrapped_key "
                                      "IS NOT NULL").bindparams(bindparam("ids", expanding=True)),
                                 {"ids": people}).scalars())


def test_a_copy_of_the_database_holds_no_name_or_contact_before_or_after_forgetting(app, api, clock, forum):
    c, adult, minor, public, session = forum
    read_everything(app, api, c, session)
    if app.extensions["tracker"].engine.dialect.name == "postgresql":
        assert POSTGRES_ENV  # a pg_dump of the real server, not a guess
    before = database_bytes(app)
    assert held(before, secrets()) == []
    assert b"976111222" not in before and b"+51976111222" not in before
    guest = next(p.person_id for p in people_of(app.extensions["tracker"], c.forum) if p.kind == "guest")
    keys = wrapped_keys(app, [adult, minor, f"per_{public}", guest])
    assert len(keys) == 4 and all(k.encode() in before for k in keys)  # the search does see what is there
    done = forget_all(app.extensions["tracker"], [adult, minor, public, guest], reason="request",
                      actor="admin@example.org", now=clock())

    assert [d.asked_as for d in done] == [None, None, public, None]
    read_everything_after = json.dumps(api.get(f"/forums/{c.forum}"), ensure_ascii=False)
    assert ADULT[0] not in read_everything_after and "(forgotten)" in read_everything_after
    after = database_bytes(app)
    assert held(after, secrets()) == []
    assert [k for k in keys if k.encode() in after] == []  # no copy of a destroyed key, in any file
