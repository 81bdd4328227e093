"""The secretariat's contribution work on a phone, in Spanish: from the inbox to a communicated contribution in at
most five page loads, and a refused form that puts the focus on what went wrong.

Its own module, so its own site: it changes the record the other browser tests read."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.web import story


def test_a_contribution_goes_from_the_inbox_to_communicated_in_five_page_loads_on_a_phone(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.at("/login?lang=es"))
    page.get_by_label("Correo electrónico").fill(story.SECRETARIAT)
    page.get_by_label("Contraseña").fill(story.PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page).to_have_url(re.compile(rf"/forums/{site.told.forum}/dashboard"))  # sign-in lands on the work

    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    page.get_by_role("navigation").get_by_role("link", name="Aportes").click()
    # A refused submit: the summary at the top takes the focus, in Spanish, naming the field by its label
    page.get_by_role("button", name="Registrar el aporte").click()
    summary = page.locator("#errores")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("No se registró nada")
    expect(summary).not_to_contain_text("Missing data")
    screenshot(page, "phone-contribution-refused")
    loads.clear()

    page.get_by_label("Texto").fill("Transmitir las sesiones del foro por la radio comunal.")
    page.get_by_label("Recibido el").fill("2025-10-01")
    page.get_by_label("Canal", exact=True).select_option("email")
    page.get_by_label("Representante").select_option(index=1)
    page.get_by_role("button", name="Registrar el aporte").click()
    page.get_by_label("Considerado el").fill("2025-10-15")
    page.get_by_role("button", name="Marcar como considerado").click()
    expect(page.get_by_label("Decisión")).to_have_value("")
    page.get_by_label("Decisión").select_option("accepted")
    page.get_by_label("Fundamentación").fill("Se incorpora al compromiso de comunicación del foro.")
    page.get_by_label("Respondido el").fill("2025-10-20")
    page.get_by_role("button", name="Registrar la respuesta").click()
    page.get_by_label("Comunicado el").fill("2025-10-22")
    page.get_by_label("Canal").select_option("email")
    page.get_by_role("button", name="Registrar la comunicación").click()
    expect(page.locator("#what")).to_have_text("Comunicado")
    screenshot(page, "phone-contribution-communicated")
    assert len(loads) <= 5, loads
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
