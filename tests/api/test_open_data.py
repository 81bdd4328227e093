"""A forum's open data: GET /forums/{id}/open-data.zip (a Frictionless Data Package of CSV files), /open-data.xlsx,
/popolo.json and /ocd-events.json, and `tracker export open-data`.

Given a forum with a minor representative, a representative with an email and a phone, a member of the public who
wrote with an email, a guest at a session and a contribution whose text the secretariat hid; when anyone downloads
the forum's open data; then the package validates with `frictionless`, the Popolo document against the Popolo
schemas, the events against the Open Civic Data event schema, and no byte of any export holds an email, a phone,
a minor's name, a private person's name or the hidden text.
"""
from __future__ import annotations

import csv
import html
import io
import json
import zipfile
from pathlib import Path

import frictionless
import openpyxl
import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from tests.support.builders import designate, join
from tests.support.builders_contributions import (
    RESIDENT_EMAIL,
    RESIDENT_NAME,
    communicate,
    contribute,
    representative,
    resident,
    respond,
)
from tests.support.builders_plans import draft_commitment, open_consultation, plan_with_roster, publish
from tests.support.builders_sessions import announce_session, approve_minutes, hold_session, schedule_session
from tests.support.cli import tracker

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
MINOR = "Valeria Ruiz Cárdenas"
MINOR_EMAIL = "valeria.ruiz@correo.pe"
MINOR_PHONE = "976 555 123"
ADULT_EMAIL = "carmen.rojas@munichota.gob.pe"
ADULT_PHONE = "+51 944 321 987"
GUEST = "Fidel Rojas Campos"
HIDDEN_TEXT = "Mi vecino Tomás Quiroz debe dos años de arbitrios y no lo sancionan."
HIDDEN_REASON = "Contenía datos personales de un tercero"
#: What no export may hold, anywhere.
SECRETS = (MINOR, "Valeria", MINOR_EMAIL, MINOR_PHONE, ADULT_EMAIL, ADULT_PHONE, "944 321", RESIDENT_NAME,
           RESIDENT_EMAIL, "Junta Vecinal", GUEST, HIDDEN_TEXT, "Tomás Quiroz", "ana@regioncajamarca.gob.pe")
TABLES = ("action_plans", "organizations", "memberships", "sessions", "attendance", "publications", "consultations",
          "contributions", "communications", "commitments", "milestones", "progress_reports", "compliance")


@pytest.fixture
def record(api):
    """A Cajamarca forum (government, civil society, youth) with a plan, a publication, a consultation, a
    commitment with a progress report, a session held and minuted, and four contributions."""
    r = plan_with_roster(api)
    r.chota = join(api, r.forum_id, "Municipalidad Provincial de Chota", "government")
    r.carmen = designate(api, r.forum_id, r.chota, "Carmen Rojas Vílchez", email=ADULT_EMAIL, phone=ADULT_PHONE)
    r.minor = designate(api, r.forum_id, r.youth, MINOR, role="alternate", is_minor=True, email=MINOR_EMAIL,
                        phone=MINOR_PHONE, gender="female")
    publish(api, r.plan)
    r.consultation = open_consultation(api, r.plan)
    r.commitment = draft_commitment(api, r.plan)
    milestone = api.get(f"/commitments/{r.commitment}")["progress"]["milestones"][0]["id"]
    api.post(f"/commitments/{r.commitment}/progress", {
        "milestone_id": milestone, "status": "in_progress", "reported_on": "2026-03-15",
        "summary": "Se levantó la información de los ocho distritos."})
    r.session = schedule_session(api, r.forum_id, agenda=[{"title": "Avance de los compromisos"}])
    announce_session(api, r.session)
    hold_session(api, r.session, attendance=[
        {"representative_id": r.ana}, {"representative_id": r.carmen}, {"representative_id": r.minor},
        {"name": GUEST, "organization": None, "sector": "academia"}], public_attendees=4)
    approve_minutes(api, r.session)
    r.public = contribute(api, r.plan, resident(), consultation_id=r.consultation, received_on="2025-06-10")
    respond(api, r.public, commitment_id=r.commitment, responded_on="2025-06-20")
    communicate(api, r.public, communicated_on="2025-06-25")
    r.by_minor = contribute(api, r.plan, representative(r.minor),
                            text="Incluir a los colegios en el presupuesto participativo.")
    r.by_carmen = contribute(api, r.plan, representative(r.carmen), text="Publicar las obras por distrito.")
    r.hidden = contribute(api, r.plan, resident(), text=HIDDEN_TEXT)
    api.post(f"/contributions/{r.hidden}/hiding", {"reason": HIDDEN_REASON, "hidden_on": "2026-11-20"})
    return r


def download(api, path: str, media: str) -> bytes:
    answer = api.as_(None).call("GET", path)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    assert answer.mimetype == media
    return answer.data


def members(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        return {name: z.read(name) for name in z.namelist()}


def rows(files: dict[str, bytes], table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"{table}.csv"].decode("utf-8"))))


def assert_no_secret(where: str, *texts: str) -> None:
    for text in texts:
        found = [secret for secret in SECRETS if secret in text]
        assert found == [], f"{where} holds {found}"


def assert_no_secret_in_json(where: str, body: bytes) -> None:
    """Both as sent (escaped or not) and as parsed, so an escaped accent hides nothing."""
    assert_no_secret(where, body.decode("utf-8"), json.dumps(json.loads(body), ensure_ascii=False))


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_the_package_validates_with_frictionless_and_names_no_one_it_should_not(app, api, record, tmp_path):
    files = members(download(api, f"/forums/{record.forum_id}/open-data.zip", "application/zip"))
    assert set(files) == {"datapackage.json", *(f"{t}.csv" for t in TABLES)}
    for name, body in files.items():
        assert_no_secret(name, body.decode("utf-8"))
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    package = json.loads(files["datapackage.json"])
    assert package["name"] == record.forum_id.replace("_", "-") + "-open-data"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["created"] == "2026-11-20T10:00:00-05:00"
    head = app.extensions["tracker"].store.head()
    assert package["log"] == {"position": head.position, "head": head.hash}
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["memberships"]["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["organization_id"], "reference": {"resource": "organizations", "fields": ["id"]}} in \
        resources["memberships"]["schema"]["foreignKeys"]
    assert all(r["path"] == f"{r['name']}.csv" and r["schema"]["fields"] for r in package["resources"])


def test_the_tables_say_what_the_public_pages_say(api, record):
    files = members(download(api, f"/forums/{record.forum_id}/open-data.zip", "application/zip"))
    memberships = {m["id"]: m for m in rows(files, "memberships")}
    assert memberships[record.ana]["representative_name"] == "Ana Quispe"
    assert memberships[record.carmen]["representative_name"] == "Carmen Rojas Vílchez"
    assert memberships[record.minor]["representative_name"] == ""  # a minor: the designation, never the name
    assert (memberships[record.minor]["role"], memberships[record.minor]["sector"]) == ("alternate", "youth")
    assert list(memberships[record.ana]) == ["id", "organization_id", "organization", "sector", "role",
                                             "start_date", "end_date", "current", "representative_name"]

    session = rows(files, "sessions")[0]
    assert (session["id"], session["status"]) == (record.session, "held")
    assert session["scheduled_at"] == "2025-04-08T15:00:00-05:00"
    assert session["held_at"] == "2025-04-08T15:20:00-05:00"
    assert (session["representatives_attending"], session["guests_attending"], session["public_attendees"]) == \
        ("3", "1", "4")
    attendance = {(a["attendee_kind"], a["organization_id"], a["sector"]): a["attendees"]
                  for a in rows(files, "attendance")}
    assert attendance == {("representative", record.gore, "government"): "1",
                          ("representative", record.chota, "government"): "1",
                          ("representative", record.youth, "youth"): "1", ("guest", "", "academia"): "1"}

    contributions = {c["id"]: c for c in rows(files, "contributions")}
    public = contributions[record.public]
    assert (public["author_kind"], public["sector"], public["organization"]) == ("public", "civil_society", "")
    assert (public["decision"], public["status"], public["commitment_id"]) == \
        ("partially_accepted", "communicated", record.commitment)
    assert public["reasoning"].startswith("Se incorpora la publicación semestral")
    assert contributions[record.by_minor]["organization"] == "Consejo Regional de la Juventud"
    assert contributions[record.by_carmen]["organization_id"] == record.chota
    hidden = contributions[record.hidden]
    assert (hidden["text"], hidden["text_hidden"], hidden["hidden_reason"]) == ("", "true", HIDDEN_REASON)
    assert [c["channel"] for c in rows(files, "communications")] == ["email"]

    milestones = rows(files, "milestones")
    assert [m["status"] for m in milestones] == ["in_progress", ""]
    assert rows(files, "progress_reports")[0]["summary"] == "Se levantó la información de los ocho distritos."
    compliance = rows(files, "compliance")
    answer = api.get(f"/action-plans/{record.plan}/compliance")
    assert {c["check_id"] for c in compliance if not c["commitment_id"]} == {c["id"] for c in answer["checks"]}
    assert {(c["log_position"], c["log_head"]) for c in compliance} == \
        {(str(answer["log"]["position"]), answer["log"]["head"])}


def test_the_workbook_has_one_sheet_per_table_with_a_bold_frozen_header_and_no_secret(api, record):
    body = download(api, f"/forums/{record.forum_id}/open-data.xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    for name, xml in members(body).items():  # as stored, and with `&#237;` read as `í`
        text = xml.decode("utf-8", errors="replace")
        assert_no_secret(f"workbook {name}", text, html.unescape(text))
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames == [*TABLES, "about"]
    for name in TABLES:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
    header = [c.value for c in book["contributions"][1]]
    assert header[:3] == ["id", "reference", "action_plan_id"]
    assert book["organizations"].max_row == 1 + 4


def test_the_popolo_document_validates_against_the_popolo_schemas_and_never_names_a_minor(api, record):
    answer = api.as_(None).call("GET", f"/forums/{record.forum_id}/popolo.json")
    assert answer.status_code == 200
    assert_no_secret_in_json("popolo.json", answer.data)
    body = answer.get_json()
    registry = Registry().with_resources(
        (schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT3))
        for schema in (json.loads(p.read_text()) for p in (SCHEMAS / "popolo").glob("*.json")))
    for collection, schema in (("organizations", "organization"), ("persons", "person"), ("posts", "post"),
                               ("memberships", "membership")):
        validator = Draft3Validator(json.loads((SCHEMAS / "popolo" / f"{schema}.json").read_text()),
                                    registry=registry)
        for item in body[collection]:
            errors = [e.message for e in validator.iter_errors(item)]
            assert errors == [], (collection, item, errors)
    names = {p["name"] for p in body["persons"]}
    assert names == {"Ana Quispe", "Rosa Vargas", "Jorge Díaz", "Carmen Rojas Vílchez"}  # Luis and Valeria: minors
    minor = next(m for m in body["memberships"] if m.get("id") == record.minor)
    assert "person_id" not in minor and minor["post_id"] == f"{record.youth}/alternate"
    assert {o["id"] for o in body["organizations"]} == {record.forum_id, record.gore, record.ong, record.youth,
                                                         record.chota}


def ocd_validator() -> Draft3Validator:
    """The OCD event schema, with pupa's own `date` and `datetime` types (a Python value, never JSON's)."""
    schema = json.loads((SCHEMAS / "opencivicdata" / "event.json").read_text())
    checker = Draft3Validator.TYPE_CHECKER.redefine_many({"date": lambda _, v: False, "datetime": lambda _, v: False})
    from jsonschema.validators import extend

    return extend(Draft3Validator, type_checker=checker)(schema)


def test_the_sessions_are_open_civic_data_events_valid_against_the_ocd_schema(api, record):
    cancelled = schedule_session(api, record.forum_id, title="Sesión extraordinaria",
                                 scheduled_at="2026-12-10T15:00:00-05:00")
    api.post(f"/sessions/{cancelled}/cancellation", {"reason": "Paro regional de transportistas"})
    answer = api.as_(None).call("GET", f"/forums/{record.forum_id}/ocd-events.json")
    assert answer.status_code == 200
    assert_no_secret_in_json("ocd-events.json", answer.data)
    events = answer.get_json()
    validator = ocd_validator()
    for event in events:
        assert [e.message for e in validator.iter_errors(event)] == []
    held, other = events
    assert (held["name"], held["status"], held["start_date"]) == ("Sesión ordinaria de abril", "passed",
                                                                  "2025-04-08T15:20:00-05:00")
    assert held["agenda"][0]["description"] == "Avance de los compromisos"
    assert {p["name"] for p in held["participants"]} == {"Gobierno Regional de Cajamarca",
                                                         "Municipalidad Provincial de Chota",
                                                         "Consejo Regional de la Juventud"}
    assert {d["url"] for d in held["documents"]} == {"https://gobiernoabierto.cajamarca.gob.pe/agenda-3.pdf",
                                                      "https://gobiernoabierto.cajamarca.gob.pe/actas/3.pdf"}
    assert held["extras"]["attendance_by_sector"] == {"government": 2, "youth": 1, "academia": 1}
    assert held["sources"][0]["url"].endswith(f"/forums/{record.forum_id}")
    assert (other["status"], other["description"]) == ("cancelled", "Paro regional de transportistas")


@pytest.mark.parametrize("path", ["open-data.zip", "open-data.xlsx", "popolo.json", "ocd-events.json"])
def test_an_unknown_forum_is_404(api, path):
    for forum_id in ("frm_00000000000000000000", "nada%00"):
        assert api.as_(None).call("GET", f"/forums/{forum_id}/{path}").status_code == 404


def test_tracker_export_open_data_writes_the_same_package(api, record, database_url, tmp_path):
    target = tmp_path / "datos-abiertos.zip"
    ran = tracker(database_url, "export", "open-data", "--forum", record.forum_id, str(target))
    assert ran.returncode == 0, ran.stderr
    assert f"exported the open data of {record.forum_id} (13 tables)" in ran.stderr
    written = members(target.read_bytes())
    served = members(download(api, f"/forums/{record.forum_id}/open-data.zip", "application/zip"))
    assert set(written) == set(served)
    for table in ("memberships", "sessions", "attendance", "contributions", "communications"):
        assert written[f"{table}.csv"] == served[f"{table}.csv"]
    for name, body in written.items():
        assert_no_secret(name, body.decode("utf-8"))
    assert json.loads(written["datapackage.json"])["licenses"][0]["name"] == "CC-BY-4.0"

    other = tracker(database_url, "export", "open-data", "--forum", record.forum_id, "--license", "CC0-1.0",
                    str(tmp_path / "cc0.zip"))
    assert other.returncode == 0, other.stderr
    licence = json.loads(members((tmp_path / "cc0.zip").read_bytes())["datapackage.json"])["licenses"][0]
    assert licence == {"name": "CC0-1.0", "title": "Creative Commons Zero 1.0",
                       "path": "https://creativecommons.org/publicdomain/zero/1.0/"}


def test_tracker_export_open_data_of_an_unknown_forum_says_so_and_writes_nothing(api, database_url, tmp_path):
    target = tmp_path / "nada.zip"
    ran = tracker(database_url, "export", "open-data", "--forum", "frm_00000000000000000000", str(target))
    assert ran.returncode == 1
    assert "no forum has the id frm_00000000000000000000" in ran.stderr
    assert not target.exists()


def test_docs_open_data_lists_every_file_and_field(api, record):
    """docs/open-data.md has a section per CSV file with a row per field, in the package's order."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "open-data.md").read_text()
    package = json.loads(members(download(api, f"/forums/{record.forum_id}/open-data.zip",
                                          "application/zip"))["datapackage.json"])
    for resource in package["resources"]:
        start = docs.index(f"### `{resource['path']}`")
        section = docs[start:docs.index("\n#", start + 1)]
        listed = [line.split("`")[1] for line in section.splitlines() if line.startswith("| `")]
        assert listed == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
