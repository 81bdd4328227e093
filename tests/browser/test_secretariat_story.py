"""A secretariat's afternoon in a real browser, end to end: sign in, schedule a session and record it as held by
ticking the roster, log a contribution and move it along to communicated (and answer the two that were waiting),
see check 2.4 change on the compliance page, open its evidence in the audit log, and switch to Spanish.

Its own module, so its own site: it changes the record the other browser tests read."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.web import story


def answer_of(page, check: str) -> str:
    """The computed answer's badge class of one check on the compliance page (answer-yes, answer-partially...)."""
    badge = page.locator(f'[id="check-{check}"] .answer').first
    return re.search(r"answer-(\w+)", badge.get_attribute("class")).group(1)


def respond_and_communicate(page, site, contribution_id: str, *, consider: bool) -> None:
    """On a contribution's page: (consider it,) respond with a reasoning, and record the email that said so."""
    page.goto(site.at(f"/contributions/{contribution_id}?lang=en"))
    if consider:
        page.get_by_label("Considered on").fill("2025-10-15")
        page.get_by_role("button", name="Mark considered").click()
        expect(page.get_by_role("button", name="Record the response")).to_be_visible()
    elif page.get_by_role("button", name="Mark considered").count():  # only the next step is offered: skip it
        page.goto(site.at(f"/contributions/{contribution_id}?lang=en&step=respond"))
    if page.get_by_role("button", name="Record the response").count():
        expect(page.get_by_label("Decision")).to_have_value("")  # no decision is chosen for the secretariat
        page.get_by_label("Decision").select_option("accepted")
        page.get_by_label("Reasoning").fill("Se incorpora en el compromiso de presupuesto abierto.")
        page.get_by_label("Responded on").fill("2025-10-20")
        page.get_by_role("button", name="Record the response").click()
        expect(page.get_by_role("button", name="Record the communication")).to_be_visible()
    page.get_by_label("Communicated on").fill("2025-10-22")
    page.get_by_label("Channel").select_option("email")
    page.get_by_role("button", name="Record the communication").click()
    expect(page.locator("#what")).to_have_text("Communicated")


def test_a_secretariat_logs_the_process_and_sees_the_compliance_answer_change(page, site):
    told = site.told
    page.goto(site.at("/login?lang=en"))
    page.get_by_label("Email").fill(story.SECRETARIAT)
    page.get_by_label("Password").fill(story.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(story.SECRETARIAT)).to_be_visible()

    # Before: some contributions have no written response yet.
    page.goto(site.at(f"/action-plans/{told.plan}/compliance?lang=en"))
    before = answer_of(page, "2.4")
    assert before != "yes"

    # Schedule a session (it took place two days ago) and record it as held by ticking the roster.
    page.goto(site.at(f"/forums/{told.forum}/sessions?lang=en"))
    page.get_by_label("Title").fill("Sesión extraordinaria de noviembre")
    page.get_by_label("Kind").select_option("forum_session")
    page.get_by_label("Date and time").fill("2026-11-18T10:00")
    page.get_by_label("Venue").fill("Sala de sesiones del Gobierno Regional")
    page.get_by_label("Modality").select_option("in_person")
    screenshot(page, "sessions-schedule")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_role("heading", name="Sesión extraordinaria de noviembre")).to_be_visible()
    page.get_by_role("link", name="Record as held, with attendance").click()
    page.get_by_label("Held at").fill("2026-11-18T10:15")
    page.get_by_label("Ana Quispe").check()
    screenshot(page, "session-record-attendance")
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_text("Ana Quispe").first).to_be_visible()
    expect(page.get_by_role("link", name="Correct the attendance")).to_be_visible()

    # Log a contribution received during co-creation, then move it along the pipeline.
    page.goto(site.at(f"/action-plans/{told.plan}/contributions?lang=en"))
    page.get_by_label("Text").fill("Publicar las actas del foro en formato abierto.")
    page.get_by_label("Received on").fill("2025-10-01")
    page.get_by_label("Channel", exact=True).select_option("email")
    page.get_by_label("Representative").select_option(index=1)
    page.get_by_role("button", name="Log the contribution").click()
    expect(page.get_by_text("Publicar las actas del foro en formato abierto.")).to_be_visible()
    logged = re.search(r"/contributions/(\w+)", page.url).group(1)
    respond_and_communicate(page, site, logged, consider=True)
    screenshot(page, "contribution-communicated")
    respond_and_communicate(page, site, told.waiting, consider=False)
    respond_and_communicate(page, site, told.unsent, consider=False)
    page.goto(site.at(f"/action-plans/{told.plan}/contributions?lang=en&status=communicated"))
    screenshot(page, "contributions-inbox")

    # After: every contribution has a response and a written communication of it.
    page.goto(site.at(f"/action-plans/{told.plan}/compliance?lang=en"))
    assert answer_of(page, "2.4") == "yes"
    screenshot(page, "compliance")
    check = page.locator('[id="check-2.4"]')
    check.locator("summary").click()
    evidence = check.locator('ul.evidence a[href*="/log"]').last
    position = re.search(r"#event-(\d+)$", evidence.get_attribute("href")).group(1)
    evidence.click()
    expect(page).to_have_url(re.compile(rf"/forums/{told.forum}/log.*#event-{position}$"))
    expect(page.locator(f'[id="event-{position}"]')).to_be_visible()
    screenshot(page, "audit-log")

    # And in Spanish.
    page.get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.goto(site.at(f"/action-plans/{told.plan}/compliance"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cumplimiento")
