"""Implementation on a phone, in Spanish: the secretariat sees an overdue milestone on the dashboard, reports it
completed with the PDF that proves it, and an anonymous visitor opens the commitment's public page, reads
"Completado" and downloads the evidence; the public page has no serious accessibility violation (axe-core).

Its own module, so its own site: it changes the record the other browser tests read."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.api.test_documents import PDF
from tests.browser.conftest import PHONE, Site, screenshot, serving_story, window
from tests.browser.test_accessibility import readable, serious_violations
from tests.support.api import ApiClient
from tests.support.builders_plans import endorse
from tests.web import story
from tracker.auth import service as auth

DIAGNOSIS = "Diagnóstico de la información disponible"
#: Where the screenshots of this story are kept for review, besides tests/browser/screenshots/.
SHOTS = Path(os.environ.get("TRACKER_SHOTS", "/tmp/h4shots"))


def _endorsed(app, told: story.Story) -> None:
    services = app.extensions["tracker"]
    api = ApiClient(app.test_client(), auth.create_token(services.engine, services.clock, story.ADMIN))
    endorse(api, told.plan)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    """The story with its plan endorsed (so its milestones are due and overdue), served."""
    with serving_story(tmp_path_factory, _endorsed) as served:
        yield served


def shot(page, name: str) -> None:
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_secretariat_reports_a_milestone_completed_with_a_pdf_and_the_public_downloads_it(browser, site, tmp_path):
    with window(browser, PHONE, "es-PE") as page:
        page.goto(site.at("/login"))
        page.get_by_label("Correo electrónico").fill(story.SECRETARIAT)
        page.get_by_label("Contraseña").fill(story.PASSWORD)
        page.get_by_role("button", name="Iniciar sesión").click()
        tile = page.locator("section[aria-labelledby=implementation]")
        expect(tile).to_contain_text("2 hitos vencidos")
        shot(page, "phone-dashboard-implementation")
        tile.get_by_role("link", name=DIAGNOSIS).click()
        expect(page.locator("#avance")).to_be_visible()

        pdf = tmp_path / "informe-diagnostico.pdf"
        pdf.write_bytes(PDF)
        page.get_by_label("Hito (opcional)", exact=True).select_option(label=DIAGNOSIS)
        page.get_by_label("Estado", exact=True).select_option(label="Completado")
        page.get_by_label("Fecha del reporte").fill("2026-04-25")
        page.get_by_label("Resumen", exact=True).fill("Informe de diagnóstico publicado en el portal regional.")
        page.get_by_label(re.compile("^Evidencia: un archivo")).set_input_files(str(pdf))
        page.get_by_label("Organización que informa (opcional)", exact=True).select_option(
            label="Gobierno Regional de Cajamarca")
        page.get_by_role("button", name="Registrar el avance").click()
        expect(page.get_by_text("Se registró el avance.")).to_be_visible()
        milestone = page.locator("li.milestone", has_text=DIAGNOSIS)
        expect(milestone).to_contain_text("Completado")
        expect(milestone).not_to_contain_text("Vencido")
        shot(page, "phone-commitment-progress")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide on a 390 px phone"
        public = page.get_by_role("link", name="Página pública de este compromiso").get_attribute("href")
        page.get_by_role("navigation").get_by_role("link", name="Implementación").click()
        expect(page.locator("main")).to_contain_text("Sustancial")
        expect(page.locator("main")).to_contain_text("1 hito vencido")
        shot(page, "phone-plan-implementation")

    with window(browser, PHONE, "es-PE") as visitor:
        visitor.goto(site.at(f"/forums/{site.told.forum}"))
        shot(visitor, "phone-public-forum")
        visitor.locator("section[aria-labelledby=progress]").get_by_role(
            "link", name="Presupuesto participativo abierto y trimestral").click()
        assert visitor.url == site.at(public)
        milestone = visitor.locator("li.milestone", has_text=DIAGNOSIS)
        expect(milestone).to_contain_text("Completado")
        shot(visitor, "phone-public-commitment")
        link = milestone.get_by_role("link", name="Documento adjunto")
        answer = visitor.request.get(site.at(link.get_attribute("href")))
        assert answer.status == 200 and answer.body() == PDF
        assert answer.headers["content-type"] == "application/pdf"
        for personal in (*story.EMAILS, story.MINOR):
            expect(visitor.locator("body")).not_to_contain_text(personal)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_public_commitment_page_has_no_serious_accessibility_violation(browser, site, lang):
    with window(browser, PHONE, "es-PE") as page:
        page.goto(site.at(f"/forums/{site.told.forum}?lang={lang}"))
        href = page.locator("section[aria-labelledby=commitments] a").first.get_attribute("href")
        page.goto(site.at(f"{href}?lang={lang}"))
        expect(page.locator("h1")).to_be_visible()
        violations = serious_violations(page)
        assert violations == [], readable(violations)
