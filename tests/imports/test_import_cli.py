"""`tracker import`: the secretariat's spreadsheets recorded through the API's commands, all rows or none, once.

Given a forum built through the API, when `tracker import KIND FILE` runs on the same database, then the API reads
back what the sheet says; a dry run and a sheet with problems record nothing; a file imported once records nothing
the second time."""
from __future__ import annotations

import io

import openpyxl
import pytest

from tests.api.conftest import event_count
from tests.support.builders_plans import plan_with_roster
from tests.support.builders_sessions import schedule_session
from tests.support.cli import tracker

ROSTER = (
    "organization,sector,joined on,representative,role,designated on,email,gender,minor\n"
    "Municipalidad Provincial de Celendín,government,2025-03-01,Carmen Ñique Rojas,primary,2025-03-02,"
    "carmen@celendin.gob.pe,female,\n"
    "asociacion civil transparencia CAJAMARCA,,,Pedro Alarcón,alternate,2025-03-05,,male,\n"
    "Municipalidad Provincial de Celendín,,,Julio Rabanal,alternate,2025-03-02,,,\n"
)


def write(tmp_path, name: str, content: bytes | str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return str(path)


def roster_of(api, forum_id: str) -> dict[str, list[str]]:
    """Each organization's name to its current representatives' names, as the API reads them."""
    forum = api.get(f"/forums/{forum_id}")
    names = {o["id"]: o["name"] for o in forum["organizations"]}
    found: dict[str, list[str]] = {name: [] for name in names.values()}
    for rep in forum["representatives"]:
        found[names[rep["organization_id"]]].append(rep["name"])
    return found


@pytest.fixture
def record(api):
    return plan_with_roster(api)


def test_a_roster_creates_new_organizations_matches_existing_ones_and_tags_each_row(api, app, record, tmp_path,
                                                                                     database_url):
    path = write(tmp_path, "padron.csv", ROSTER)
    ran = tracker(database_url, "import", "roster", path, "--forum", record.forum_id)
    assert ran.returncode == 0, ran.stderr
    assert "row 2: 'Municipalidad Provincial de Celendín' joins the forum" in ran.stdout
    roster = roster_of(api, record.forum_id)
    assert roster["Municipalidad Provincial de Celendín"] == ["Carmen Ñique Rojas", "Julio Rabanal"]
    assert "Pedro Alarcón" in roster["Asociación Civil Transparencia Cajamarca"]
    assert len(roster) == 4  # the civil-society association was matched, not created again
    store = app.extensions["tracker"].store
    tags = [e.correlation_id for e in store.read_tenant(record.forum_id) if e.correlation_id.startswith("imp-")]
    assert len(tags) == 4 and {t.rsplit("-", 1)[1] for t in tags} == {"2", "3", "4"}
    assert all(len(t) <= 36 for t in tags)
    assert tracker(database_url, "events", "verify").returncode == 0


def test_a_dry_run_lists_each_row_and_writes_nothing(app, record, tmp_path, database_url):
    before = event_count(app)
    ran = tracker(database_url, "import", "roster", write(tmp_path, "r.csv", ROSTER), "--forum", record.forum_id,
                  "--dry-run")
    assert ran.returncode == 0, ran.stderr
    assert [line.split(":")[0] for line in ran.stdout.splitlines()[:3]] == ["row 2", "row 3", "row 4"]
    assert "nothing was recorded" in ran.stdout
    assert event_count(app) == before


def test_a_sheet_with_problems_names_each_by_row_and_column_and_writes_nothing(app, record, tmp_path, database_url):
    sheet = (
        "organization,sector,joined on,representative,role,designated on\n"
        "Red de Rondas Campesinas,rondas,2025-03-01,Teodoro Huamán,primary,2025-03-02\n"   # unknown sector
        "Cámara de Comercio de Cajamarca,private sector,2025-03-01,Elsa Mori,primary,2031-01-01\n"  # future
        "Gobierno Regional de Cajamarca,,,Ana Quispe,alternate,2025-03-02\n"                # duplicate
        "Colegio de Ingenieros,academia,2025-03-01,,primary,2025-03-02\n"                    # missing name
        "Universidad Nacional de Cajamarca,academia,2025-03-01,Óscar Tirado,primary,02/03/2025\n"  # fine
    )
    before = event_count(app)
    ran = tracker(database_url, "import", "roster", write(tmp_path, "r.csv", sheet), "--forum", record.forum_id)
    assert ran.returncode == 1
    assert "row 2, column 'sector': unknown sector 'rondas'" in ran.stderr
    assert "row 3, column 'designated on':" in ran.stderr
    assert "row 4, column 'representative': duplicate: Ana Quispe already represents" in ran.stderr
    assert "row 5, column 'representative': a value is required" in ran.stderr
    assert "row 6" not in ran.stderr and "4 problem(s)" in ran.stderr
    assert event_count(app) == before


def test_a_file_imported_twice_records_nothing_the_second_time(app, record, tmp_path, database_url):
    path = write(tmp_path, "r.csv", ROSTER)
    assert tracker(database_url, "import", "roster", path, "--forum", record.forum_id).returncode == 0
    after_first = event_count(app)
    again = tracker(database_url, "import", "roster", path, "--forum", record.forum_id)
    assert again.returncode == 0 and "already imported" in again.stdout
    assert event_count(app) == after_first


@pytest.mark.parametrize("encoded", [
    pytest.param(lambda text: text.replace(",", ";").encode("cp1252"), id="cp1252-semicolons"),
    pytest.param(lambda text: b"\xef\xbb\xbf" + text.replace(",", "\t").encode("utf-8"), id="utf8-bom-tabs"),
])
def test_csv_in_spanish_in_any_common_encoding_and_delimiter(api, record, tmp_path, database_url, encoded):
    sheet = ("Organización,Sector,Fecha de incorporación,Representante,Rol,Fecha de designación,Género\n"
             "Asociación de Artesanas de Bambamarca,Sociedad civil,14/03/2025,Rosalía Muñoz Peña,titular,"
             "15/03/2025,mujer\n")
    ran = tracker(database_url, "import", "roster", write(tmp_path, "padron.csv", encoded(sheet)),
                  "--forum", record.forum_id)
    assert ran.returncode == 0, ran.stderr
    assert roster_of(api, record.forum_id)["Asociación de Artesanas de Bambamarca"] == ["Rosalía Muñoz Peña"]


def test_an_xlsx_roster_with_date_cells(api, record, tmp_path, database_url):
    from datetime import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Organización", "Sector", "Fecha de incorporación", "Representante", "Rol",
                  "Fecha de designación"])
    sheet.append(["Colegio de Ingenieros de Cajamarca", "academia", datetime(2025, 3, 1), "Óscar Tirado",
                  "Titular", datetime(2025, 3, 2)])
    out = io.BytesIO()
    book.save(out)
    ran = tracker(database_url, "import", "roster", write(tmp_path, "padron.xlsx", out.getvalue()),
                  "--forum", record.forum_id)
    assert ran.returncode == 0, ran.stderr
    forum = api.get(f"/forums/{record.forum_id}")
    org = next(o for o in forum["organizations"] if o["name"] == "Colegio de Ingenieros de Cajamarca")
    assert (org["sector"], org["joined_on"]) == ("academia", "2025-03-01")


def test_attendance_matches_names_accents_and_case_aside_and_lists_the_unmatched(api, app, record, tmp_path,
                                                                                 database_url):
    session_id = schedule_session(api, record.forum_id, scheduled_at="2025-04-08T15:00:00-05:00")
    sheet = "Nombre,Organización,Sector\nANA QUISPE,,\njorge diaz,,\nMaría Cotrina,,\n"
    before = event_count(app)
    dry = tracker(database_url, "import", "attendance", write(tmp_path, "a.csv", sheet), "--forum",
                  record.forum_id, "--session", session_id, "--dry-run")
    assert dry.returncode == 1
    assert "row 2: Ana Quispe (Gobierno Regional de Cajamarca) attended" in dry.stdout
    assert "row 3: Jorge Díaz (Asociación Civil Transparencia Cajamarca) attended" in dry.stdout
    assert "not matched with the roster" in dry.stderr and "row 4: María Cotrina" in dry.stderr
    real = tracker(database_url, "import", "attendance", write(tmp_path, "a.csv", sheet), "--forum",
                   record.forum_id, "--session", session_id)
    assert real.returncode == 1 and "row 4, column 'Nombre': María Cotrina matches no one" in real.stderr
    assert event_count(app) == before

    as_guest = "Nombre,Organización,Sector\nANA QUISPE,,\njorge diaz,,\nMaría Cotrina,Ronda de Sorochuco,otro\n"
    ran = tracker(database_url, "import", "attendance", write(tmp_path, "b.csv", as_guest), "--forum",
                  record.forum_id, "--session", session_id, "--held-at", "2025-04-08T15:20:00-05:00",
                  "--public-attendees", "12")
    assert ran.returncode == 0, ran.stderr
    session = api.get(f"/sessions/{session_id}")
    assert session["status"] == "held" and session["public_attendees"] == 12
    assert [a["name"] for a in session["attendance"]] == ["Ana Quispe", "Jorge Díaz", "María Cotrina"]
    again = tracker(database_url, "import", "attendance", write(tmp_path, "b.csv", as_guest), "--forum",
                    record.forum_id, "--session", session_id)
    assert "already imported" in again.stdout


def test_contributions_by_an_organization_a_representative_and_a_member_of_the_public(api, app, record, tmp_path,
                                                                                       database_url):
    sheet = ("received on,channel,text,author,email,organization,sector\n"
             "2025-05-10,taller,Publicar las obras por distrito.,Consejo Regional de la Juventud,,,\n"
             "2025-05-10,workshop,Mesa de partes virtual para las rondas.,jorge díaz,,,\n"
             "10/05/2025,Taller,Presupuesto participativo con enfoque de género.,Elena Chuquiruna,"
             "elena@correo.pe,Red de Mujeres de Cajamarca,civil society\n")
    before = event_count(app)
    dry = tracker(database_url, "import", "contributions", write(tmp_path, "c.csv", sheet), "--forum",
                  record.forum_id, "--plan", record.plan, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert event_count(app) == before
    ran = tracker(database_url, "import", "contributions", write(tmp_path, "c.csv", sheet), "--forum",
                  record.forum_id, "--plan", record.plan)
    assert ran.returncode == 0, ran.stderr
    listed = api.get(f"/action-plans/{record.plan}/contributions")
    items = listed["items"] if isinstance(listed, dict) else listed
    authors = sorted((c["author"]["kind"], c["author"]["name"]) for c in items)
    assert authors == [("public", "Elena Chuquiruna"), ("representative", "Jorge Díaz"),
                       ("representative", "Luis Chávez")]
    assert all(c["channel"] == "workshop" for c in items)


def test_contributions_with_problems_name_them_and_write_nothing(app, record, tmp_path, database_url):
    sheet = ("fecha de recepción,canal,texto,autor\n"
             "2025-05-10,paloma mensajera,Un aporte.,Jorge Díaz\n"
             "2031-05-10,taller,Otro aporte.,Jorge Díaz\n"
             "2025-05-10,taller,,Jorge Díaz\n"
             "2025-05-11,taller,Mismo aporte.,Elena\n"
             "2025-05-11,taller,Mismo aporte.,Elena\n")
    before = event_count(app)
    ran = tracker(database_url, "import", "contributions", write(tmp_path, "c.csv", sheet), "--forum",
                  record.forum_id, "--plan", record.plan)
    assert ran.returncode == 1
    assert "row 2, column 'canal': unknown channel 'paloma mensajera'" in ran.stderr
    assert "row 3, column 'fecha de recepción':" in ran.stderr
    assert "row 4, column 'texto': a value is required" in ran.stderr
    assert "row 6, column 'texto': duplicate of row 5" in ran.stderr
    assert event_count(app) == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_command_writes_a_template_that_reads_back(record, tmp_path, database_url, fmt):
    path = str(tmp_path / f"plantilla.{fmt}")
    ran = tracker(database_url, "import", "template", "roster", path)
    assert ran.returncode == 0, ran.stderr
    dry = tracker(database_url, "import", "roster", path, "--forum", record.forum_id, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "0 line(s) would be recorded" in dry.stdout


def test_missing_headers_are_named_on_row_1_and_unknown_ones_ignored(app, record, tmp_path, database_url):
    sheet = ("organisation,sector,joined on,representante,cargo,designated on\n"
             "X,academia,2025-03-01,Y,titular,2025-03-02\n")
    before = event_count(app)
    ran = tracker(database_url, "import", "roster", write(tmp_path, "r.csv", sheet), "--forum", record.forum_id)
    assert ran.returncode == 1
    assert "columns ignored (not the template's): 'organisation', 'cargo'" in ran.stderr
    assert "row 1, column 'organization': missing column ('organización' or 'organization')" in ran.stderr
    assert "row 1, column 'role': missing column ('rol' or 'role')" in ran.stderr
    assert event_count(app) == before


def test_an_unknown_forum_or_a_plan_of_another_forum_is_refused(api, record, tmp_path, database_url):
    path = write(tmp_path, "r.csv", ROSTER)
    ran = tracker(database_url, "import", "roster", path, "--forum", "frm_nobody")
    assert ran.returncode == 1 and "no forum has the id frm_nobody" in ran.stderr
    other = plan_with_roster(api)
    sheet = write(tmp_path, "c.csv", "received on,channel,text,author\n2025-05-10,taller,Un aporte.,Ana Quispe\n")
    refused = tracker(database_url, "import", "contributions", sheet, "--forum", record.forum_id, "--plan", other.plan)
    assert refused.returncode == 1 and f"no action plan of forum {record.forum_id}" in refused.stderr


def test_a_session_recorded_already_is_corrected_only_with_a_reason(api, record, tmp_path, database_url):
    from tests.support.builders_sessions import hold_session

    session_id = schedule_session(api, record.forum_id, scheduled_at="2025-04-08T15:00:00-05:00")
    hold_session(api, session_id, held_at="2025-04-08T15:20:00-05:00")
    sheet = write(tmp_path, "a.csv", "name\nAna Quispe\nJorge Díaz\n")
    refused = tracker(database_url, "import", "attendance", sheet, "--forum", record.forum_id, "--session", session_id)
    assert refused.returncode == 1
    assert "--correction: required to replace what is already recorded" in refused.stderr
    ran = tracker(database_url, "import", "attendance", sheet, "--forum", record.forum_id, "--session", session_id,
                  "--held-at", "2025-04-08T15:20:00-05:00", "--correction", "Planilla de asistencia en papel")
    assert ran.returncode == 0, ran.stderr
    assert [a["name"] for a in api.get(f"/sessions/{session_id}")["attendance"]] == ["Ana Quispe", "Jorge Díaz"]


def test_a_typed_up_planilla_with_its_own_columns_is_read_from_xlsx(api, record, tmp_path, database_url):
    session_id = schedule_session(api, record.forum_id, scheduled_at="2025-04-08T15:00:00-05:00")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["N°", "Nombres y apellidos", "DNI", "Institución", "Sector", "Firma"])
    sheet.append([1, "Rosa  VARGAS", "41234567", None, None, "✓"])
    sheet.append([2, "Teodoro Huamán", "42345678", "Ronda Campesina de Sorochuco", "sociedad civil", "✓"])
    out = io.BytesIO()
    book.save(out)
    ran = tracker(database_url, "import", "attendance", write(tmp_path, "planilla.xlsx", out.getvalue()),
                  "--forum", record.forum_id, "--session", session_id)
    assert ran.returncode == 0, ran.stderr
    assert "columns ignored (not the template's): 'N°', 'DNI', 'Firma'" in ran.stderr
    attended = api.get(f"/sessions/{session_id}")["attendance"]
    assert [(a["name"], a["representative_id"] is None) for a in attended] == [("Rosa Vargas", False),
                                                                               ("Teodoro Huamán", True)]


def test_a_contribution_names_its_session_by_number_or_title(api, record, tmp_path, database_url):
    session_id = schedule_session(api, record.forum_id, scheduled_at="2025-04-08T15:00:00-05:00", number=3,
                                  title="Taller provincial de Celendín")
    sheet = ("received on,channel,text,author,session\n"
             "2025-04-08,taller,Publicar las obras por distrito.,Jorge Díaz,N° 3\n"
             "2025-04-08,taller,Mesa de partes virtual.,Ana Quispe,taller provincial de celendin\n"
             "2025-04-08,taller,Un tercer aporte.,Ana Quispe,Sesión 9\n")
    refused = tracker(database_url, "import", "contributions", write(tmp_path, "c.csv", sheet), "--forum",
                      record.forum_id, "--plan", record.plan)
    assert refused.returncode == 1
    assert "row 4, column 'session': no session of the forum has the number, title or id 'Sesión 9'" in refused.stderr
    ran = tracker(database_url, "import", "contributions", write(tmp_path, "d.csv", sheet.rsplit("2025", 1)[0]),
                  "--forum", record.forum_id, "--plan", record.plan)
    assert ran.returncode == 0, ran.stderr
    listed = api.get(f"/action-plans/{record.plan}/contributions")
    items = listed["items"] if isinstance(listed, dict) else listed
    assert [c["session_id"] for c in items] == [session_id, session_id]


def test_a_new_organizations_problem_is_named_once_not_again_on_the_rows_that_follow_it(record, tmp_path,
                                                                                        database_url):
    sheet = ("organization,sector,joined on,representative,role,designated on,email\n"
             "Red de Rondas Campesinas,rondas,2025-03-01,Teodoro Huamán,primary,2025-03-02,\n"
             "red de rondas campesinas,,,Juana Cueva,alternate,2025-03-02,no-es-un-correo\n")
    ran = tracker(database_url, "import", "roster", write(tmp_path, "r.csv", sheet), "--forum", record.forum_id,
                  "--dry-run")
    assert ran.returncode == 1
    problems = [line.strip() for line in ran.stderr.splitlines()[1:]]
    assert problems == ["row 2, column 'sector': unknown sector 'rondas' (see the template's instructions)",
                        "row 3, column 'email': Not a valid email address."]
