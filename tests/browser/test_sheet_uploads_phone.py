"""The secretariat's spreadsheets uploaded on a phone, in Spanish, in a real browser (docs/imports.md, "On the
pages"): an attendance sheet on a session's page and the contributions gathered at workshops on the plan's
contributions page. A sheet is previewed first, every row and every problem by row and column, nothing recorded
(checked through the public API); a sheet with a problem offers no button to record it; the corrected sheet's
button records every row and goes back to the page, which says so and shows what was recorded. On a 390 px screen
the previews are no wider than the screen, and axe-core finds no serious or critical violation on them.

Its own module, so its own site: it records a session's attendance and contributions the other browser tests read."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, Site, screenshot, serving_story, window
from tests.browser.test_accessibility import readable, serious_violations
from tests.support.api import ApiClient
from tests.support.builders_sessions import schedule_session
from tests.web import story
from tracker.auth import service as auth

WORKSHOP = "Taller provincial de Celendín"

#: An attendance sheet as written at the door: names as people wrote them, one of them on no roster.
ATTENDANCE = ("N°,Nombres y apellidos,organización,sector\n"
              "1,JORGE DIAZ,,\n"
              "2,ana quispe,,\n"
              "3,María Cotrina,,\n")
#: The same sheet, the secretariat having given the stranger's organization and sector: she attends as a guest.
ATTENDANCE_CORRECTED = ATTENDANCE.replace("María Cotrina,,", "María Cotrina,Ronda Campesina de Celendín,"
                                                             "sociedad civil")

#: Contributions gathered at a workshop, one of them by a channel the template does not know.
CONTRIBUTIONS = ("fecha de recepción,canal,texto,autor,organización,sector\n"
                 "15/11/2025,taller,Publicar las actas de los talleres provinciales.,Ana Quispe,,\n"
                 "15/11/2025,mesa redonda,Abrir los datos de obras por provincia.,Teresa Lozano,"
                 "Ronda de Bambamarca,sociedad civil\n")
CONTRIBUTIONS_CORRECTED = CONTRIBUTIONS.replace("mesa redonda", "taller")


@pytest.fixture(scope="module")
def workshop() -> dict[str, str]:
    """The id of a workshop held on 10 November 2026 (before the story's today) whose attendance is not recorded."""
    return {}


@pytest.fixture(scope="module")
def site(tmp_path_factory, workshop) -> Iterator[Site]:
    """The story served, with the workshop scheduled through the API."""

    def prepare(app: Any, told: story.Story) -> None:
        services = app.extensions["tracker"]
        api = ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))
        workshop["id"] = schedule_session(api, told.forum, title=WORKSHOP, kind="cocreation_workshop", number=11,
                                          scheduled_at="2026-11-10T10:00:00-05:00", venue="Municipalidad de Celendín",
                                          modality="in_person")

    with serving_story(tmp_path_factory, prepare) as served:
        yield served


@pytest.fixture
def phone(browser, site) -> Iterator[Any]:
    """A phone whose browser asks for Spanish, the secretariat signed in."""
    with window(browser, PHONE, "es-PE") as tab:
        tab.goto(site.at("/login?lang=es"))
        tab.get_by_label("Correo electrónico").fill(story.SECRETARIAT)
        tab.get_by_label("Contraseña").fill(story.PASSWORD)
        tab.get_by_role("button", name="Iniciar sesión").click()
        expect(tab).to_have_url(re.compile(r"/dashboard"))
        yield tab


def api(page, site: Site, path: str) -> Any:
    """What the public API answers at `path`, over HTTP."""
    answer = page.request.get(site.at("/api/v1" + path))
    assert answer.ok, (path, answer.status)
    return answer.json()


def upload(page, name: str, sheet: str) -> None:
    """Open the page's upload, choose `sheet` as the file `name`, and ask for the preview."""
    page.get_by_text("Importar desde una hoja de cálculo").click()
    page.get_by_label("Hoja de cálculo (CSV o XLSX)").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": sheet.encode("utf-8")}])
    page.get_by_role("button", name="Vista previa").click()
    expect(page.get_by_role("heading", name="Qué registra cada fila")).to_be_visible()


def fits_and_passes_axe(page, what: str) -> None:
    """The page is no wider than the phone, and axe-core finds no serious or critical violation on it."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{what} is {width} px wide on a {PHONE['width']} px phone"
    found = serious_violations(page)
    assert not found, f"{what}:\n{readable(found)}"


def column(page, number: int) -> list[str]:
    """The text of the preview table's column `number` (from 1), top to bottom."""
    cells = page.locator(f"section[aria-labelledby=preview] tbody td:nth-child({number})")
    return [text.strip() for text in cells.all_inner_texts()]


def problem(page, row: int, header: str, text: str):
    """The problem table's row naming the sheet's `row` and its column `header`, as a screen reader reads it (a
    phone shows each cell's column before it)."""
    return page.locator("#errores").get_by_role("row", name=re.compile(
        rf"^Fila: {row} Columna: {re.escape(header)} {re.escape(text)}"))


def test_an_attendance_sheet_is_previewed_by_organization_then_recorded_once_corrected(phone, site, workshop):
    page, session = phone, workshop["id"]
    page.goto(site.at(f"/sessions/{session}"))
    expect(page.get_by_role("heading", name=WORKSHOP, level=1)).to_be_visible()

    # Given a sheet with a name on no roster: the people matched, by organization; the stranger listed, not
    # guessed; the problem on her row; no button; nothing recorded.
    upload(page, "planilla.csv", ATTENDANCE)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert column(page, 1) == ["Asociación Civil Transparencia Cajamarca", "Gobierno Regional de Cajamarca"]
    assert column(page, 2) == ["Jorge Díaz", "Ana Quispe"]
    assert column(page, 4) == ["2", "3"]
    unmatched = page.get_by_role("region", name="No figuran en la nómina")
    expect(unmatched.get_by_role("listitem")).to_have_text(["María Cotrina (fila 4)"])
    problems = page.locator("#errores")
    expect(problems).to_be_focused()  # read first, as every refused form's summary
    expect(problems).to_contain_text("No se registró nada")
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problem(page, 4, "Nombres y apellidos",
                   "María Cotrina no coincide con nadie de la nómina el 10 de noviembre de 2026")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Registrar"))).to_have_count(0)
    assert api(page, site, f"/sessions/{session}")["status"] == "scheduled"
    fits_and_passes_axe(page, "the refused attendance preview")
    screenshot(page, "phone-attendance-unmatched")

    # When the corrected sheet is uploaded: the stranger attends as a guest, and the button records all three.
    page.get_by_role("link", name="Volver a la sesión").click()
    upload(page, "planilla.csv", ATTENDANCE_CORRECTED)
    expect(page.locator("#errores")).to_have_count(0)
    expect(page.get_by_text("con 3 asistentes")).to_be_visible()
    assert column(page, 1) == ["Asociación Civil Transparencia Cajamarca", "Gobierno Regional de Cajamarca",
                               "Ronda Campesina de Celendín"]
    assert column(page, 2) == ["Jorge Díaz", "Ana Quispe", "María Cotrina invitado"]
    assert api(page, site, f"/sessions/{session}")["status"] == "scheduled"
    fits_and_passes_axe(page, "the attendance preview")
    screenshot(page, "phone-attendance-preview")
    page.get_by_role("button", name="Registrar estas 3 filas").click()

    # Then the session's page says so and shows who attended, and the record holds the three.
    expect(page).to_have_url(site.at(f"/sessions/{session}"))
    expect(page.get_by_role("status")).to_have_text(
        "La sesión se registró como realizada, con los 3 asistentes de la planilla.")
    attendance = page.get_by_role("region", name="Asistencia")
    for name in ("Jorge Díaz", "Ana Quispe", "María Cotrina (invitado)"):
        expect(attendance.get_by_role("rowheader", name=name)).to_be_visible()
    held = api(page, site, f"/sessions/{session}")
    assert held["status"] == "held"
    assert [(a["name"], a["organization"]) for a in held["attendance"]] == [  # a guest's name is not public
        ("Jorge Díaz", "Asociación Civil Transparencia Cajamarca"), ("Ana Quispe", "Gobierno Regional de Cajamarca"),
        (None, "Ronda Campesina de Celendín")]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the session page is {width} px wide"
    screenshot(page, "phone-attendance-recorded")


def test_a_contributions_sheet_with_an_unknown_channel_is_refused_by_row_and_column_then_recorded_corrected(
        phone, site):
    page, plan = phone, site.told.plan
    before = len(api(page, site, f"/action-plans/{plan}/contributions"))
    page.goto(site.at(f"/action-plans/{plan}/contributions"))

    # Given a sheet whose third row names a channel the template does not know: the problem by row and column,
    # in Spanish; no button; nothing recorded.
    upload(page, "aportes.csv", CONTRIBUTIONS)
    problems = page.locator("#errores")
    expect(problems).to_be_focused()  # read first, as every refused form's summary
    expect(problems).to_contain_text("No se registró nada")
    expect(problems.locator("thead th")).to_have_text(["Fila", "Columna", "Problema"])
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problem(page, 3, "canal", "«mesa redonda» no es una de las palabras")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Registrar"))).to_have_count(0)
    assert len(api(page, site, f"/action-plans/{plan}/contributions")) == before
    fits_and_passes_axe(page, "the refused contributions preview")
    screenshot(page, "phone-contributions-refused")

    # When the corrected sheet is uploaded and its button pressed: both rows recorded, back on the inbox.
    page.get_by_role("link", name="Volver a los aportes").click()
    upload(page, "aportes.csv", CONTRIBUTIONS_CORRECTED)
    expect(page.locator("#errores")).to_have_count(0)
    expect(page.locator("section[aria-labelledby=preview] tbody tr")).to_have_count(2)
    expect(page.locator("section[aria-labelledby=preview] tbody tr").nth(1)).to_contain_text(
        "Teresa Lozano (Ronda de Bambamarca)")
    assert len(api(page, site, f"/action-plans/{plan}/contributions")) == before
    fits_and_passes_axe(page, "the contributions preview")
    screenshot(page, "phone-contributions-preview")
    page.get_by_role("button", name="Registrar estas 2 filas").click()

    # Then the inbox says so and lists them, and the record holds them.
    expect(page).to_have_url(site.at(f"/action-plans/{plan}/contributions"))
    expect(page.get_by_role("status")).to_have_text("Se registraron 2 aportes de la hoja.")
    expect(page.get_by_text("Abrir los datos de obras por provincia.")).to_be_visible()
    assert len(api(page, site, f"/action-plans/{plan}/contributions")) == before + 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the contributions page is {width} px wide"
