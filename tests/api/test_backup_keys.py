"""The backup carries the person keys, wrapped by the master key: restored elsewhere it reads the same names;
a person forgotten before the backup stays forgotten after the restore; without the master key nothing opens."""
from __future__ import annotations

import io
import json

import pytest

from events import ImportRefused, export_events, import_events, make_engine
from events.personal import FORGOTTEN, Keyring, decode_master_key, new_master_key
from tests.api.test_personal_data import MINOR, record  # noqa: F401  (the fixture)
from tests.support.builders_contributions import RESIDENT_EMAIL, RESIDENT_NAME
from tests.support.databases import fresh_database
from tracker.bootstrap import bootstrap
from tracker.database import upgrade
from tracker.people.forget import forget
from tracker.read_models.records import record as read_record

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines


def other_engine(database_url: str) -> str:
    return "postgresql" if database_url.startswith("sqlite") else "sqlite"


def backup(app) -> str:
    out = io.StringIO()
    export_events(app.extensions["tracker"].engine, out)
    return out.getvalue()


def restore(text: str, url: str, keyring: Keyring):
    services = bootstrap(url, keyring=keyring)
    upgrade(services.engine)
    import_events(services.engine, io.StringIO(text), keyring, services.store.registry)
    services.projector.catch_up()
    return services


def test_a_restore_on_the_other_engine_reads_the_same_people_and_the_forgotten_stay_forgotten(
        app, clock, record, database_url, tmp_path):  # noqa: F811
    c, minor, public, *_ = record
    source = app.extensions["tracker"]
    forget(source, minor, reason="request", actor="admin", now=clock())
    text = backup(app)
    assert MINOR not in text and RESIDENT_NAME not in text and RESIDENT_EMAIL not in text
    assert '"person_key"' in text

    with fresh_database(other_engine(database_url), tmp_path) as url:
        restored = restore(text, url, source.store.keyring)
        try:
            assert restored.store.head() == source.store.head()
            contribution, _ = read_record(restored.projector, "contribution", public)
            assert (contribution.author["name"], contribution.author["email"]) == (RESIDENT_NAME, RESIDENT_EMAIL)
            forum, _ = read_record(restored.projector, "forum", c.forum)
            assert forum.representatives[minor].name == FORGOTTEN and forum.representatives[minor].email is None
            assert forum.representatives[c.ana].name == "Ana Quispe"
            assert restored.store.person(minor).forgotten_at is not None
        finally:
            restored.engine.dispose()


def test_a_backup_does_not_open_with_another_master_key(app, record, database_url, tmp_path):  # noqa: F811
    text = backup(app)
    stranger = Keyring(decode_master_key(new_master_key()))
    with fresh_database(other_engine(database_url), tmp_path) as url:
        engine = make_engine(url)
        upgrade(engine)
        with pytest.raises(ImportRefused, match="TRACKER_MASTER_KEY"):
            import_events(engine, io.StringIO(text), stranger)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 0  # nothing written
        engine.dispose()


def key_lines(text: str) -> dict[str, int]:
    """Each person's key line, by its index in `text.splitlines()` (the line number less one)."""
    return {json.loads(line)["person_key"]["person_id"]: index
            for index, line in enumerate(text.splitlines()) if line.startswith('{"person_key"')}


def first_sealed(text: str, person_id: str) -> tuple[int, int]:
    """The line number and position of the first event that holds a sealed value of the person."""
    for index, line in enumerate(text.splitlines()):
        if f'"sealed":"{person_id}"' in line.replace('\\"', '"'):
            return index + 1, json.loads(line)["position"]
    raise AssertionError(f"no sealed value of {person_id}")


def edit_key(text: str, person_id: str, **changes) -> str:
    lines = text.splitlines()
    index = key_lines(text)[person_id]
    line = json.loads(lines[index])
    line["person_key"].update(changes)
    lines[index] = json.dumps(line)
    return "\n".join(lines) + "\n"


def refused(text: str, source, url: str, match: str) -> None:
    """The backup is refused with `match`, and neither an event nor a key is written."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        with pytest.raises(ImportRefused, match=match):
            import_events(engine, io.StringIO(text), source.store.keyring, source.store.registry)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM person_keys").scalar() == 0
    finally:
        engine.dispose()


@pytest.fixture
def forgotten_backup(app, clock, record):  # noqa: F811
    """A backup taken after the minor was forgotten: (its text, the source services, the record)."""
    c, minor, *_ = record
    source = app.extensions["tracker"]
    forget(source, minor, reason="request", actor="admin", now=clock())
    return backup(app), source, record


def test_a_backup_with_a_living_persons_key_line_deleted_is_refused(forgotten_backup, database_url, tmp_path):
    """Restored, the person would read as forgotten everywhere, with no PersonForgotten event saying so."""
    text, source, (c, *_) = forgotten_backup
    lines = text.splitlines()
    del lines[key_lines(text)[c.ana]]
    line, position = first_sealed(text, c.ana)
    with fresh_database(other_engine(database_url), tmp_path) as url:
        refused("\n".join(lines) + "\n", source, url,
                f"^line {line} \\(position {position}\\): it holds sealed personal data of {c.ana}, but the file has "
                "no key line for them and no PersonForgotten event names them$")


def test_a_backup_whose_living_persons_key_was_destroyed_is_refused(forgotten_backup, database_url, tmp_path):
    text, source, (c, *_) = forgotten_backup
    edited = edit_key(text, c.ana, wrapped_key=None, forgotten_at="2026-03-01T00:00:00.000000+00:00")
    with fresh_database(other_engine(database_url), tmp_path) as url:
        refused(edited, source, url, f"^line {key_lines(text)[c.ana] + 1}: the key of {c.ana} is destroyed, but no "
                                     "PersonForgotten event names them")


def test_a_backup_listing_a_living_person_as_forgotten_is_refused(forgotten_backup, database_url, tmp_path):
    """A key still there with a forgotten_at: listed as forgotten, while the name stays readable."""
    text, source, (c, *_) = forgotten_backup
    edited = edit_key(text, c.ana, forgotten_at="2026-03-01T00:00:00.000000+00:00")
    with fresh_database(other_engine(database_url), tmp_path) as url:
        refused(edited, source, url, f"^line {key_lines(text)[c.ana] + 1}: the key of {c.ana} is still there "
                                     "although forgotten at 2026-03-01")


def test_a_backup_giving_a_forgotten_person_a_key_is_refused(forgotten_backup, database_url, tmp_path):
    """Whoever holds the master key could otherwise make a forgotten person's sealed data read again."""
    text, source, (c, minor, *_) = forgotten_backup
    live_key = json.loads(text.splitlines()[key_lines(text)[c.ana]])["person_key"]["wrapped_key"]
    edited = edit_key(text, minor, wrapped_key=live_key, forgotten_at=None)
    with fresh_database(other_engine(database_url), tmp_path) as url:
        refused(edited, source, url, f"^line {key_lines(text)[minor] + 1}: {minor} was forgotten \\(PersonForgotten "
                                     "at position \\d+\\), but this line still holds their key: it must be null$")


def test_a_backup_with_a_key_that_does_not_open_or_a_second_key_is_refused(forgotten_backup, database_url, tmp_path):
    text, source, (c, minor, *_) = forgotten_backup
    line = key_lines(text)[c.ana] + 1
    someone_elses = source.store.keyring.new_wrapped_key("someone-else")  # the right master key, another person
    with fresh_database(other_engine(database_url), tmp_path) as url:
        refused(edit_key(text, c.ana, wrapped_key=someone_elses), source, url,
                f"^line {line}: the key of {c.ana} does not open with this master key")

    lines = text.splitlines()
    lines.append(lines[line - 1])
    with fresh_database(other_engine(database_url), tmp_path / "second") as url:
        refused("\n".join(lines) + "\n", source, url, f"^line {len(lines)}: a second key line for {c.ana}$")

    people = sorted(p for p in key_lines(text) if p != minor)  # the living, in the file's order
    first, second = people[0], people[1]
    first_key = json.loads(text.splitlines()[key_lines(text)[first]])["person_key"]["wrapped_key"]
    with fresh_database(other_engine(database_url), tmp_path / "moved") as url:  # one person's key given another
        refused(edit_key(text, second, wrapped_key=first_key), source, url,
                f"^line {key_lines(text)[second] + 1}: the key of {second} is the key of {first}$")


def test_a_forgotten_persons_key_line_may_be_left_out(forgotten_backup, database_url, tmp_path):
    """The PersonForgotten event says they are forgotten: without their (destroyed) key they stay forgotten."""
    text, source, (c, minor, *_) = forgotten_backup
    lines = text.splitlines()
    del lines[key_lines(text)[minor]]
    with fresh_database(other_engine(database_url), tmp_path) as url:
        restored = restore("\n".join(lines) + "\n", url, source.store.keyring)
        try:
            forum, _ = read_record(restored.projector, "forum", c.forum)
            assert forum.representatives[minor].name == FORGOTTEN
            assert forum.representatives[c.ana].name == "Ana Quispe"
        finally:
            restored.engine.dispose()
