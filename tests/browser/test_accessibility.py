"""WCAG 2.2 AA in Chromium: axe-core (bundled by axe-playwright-python, so it runs offline) on every kind of page,
in Spanish and English, on a phone (390×844; the audit log also at 1366×900), with no serious or critical
violation; and the public form and a secretariat form filled and sent with the keyboard alone, the focus always
visible."""
from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, window
from tests.browser.evaluator_site import LAPTOP, first_link, serve, sign_in
from tests.web import story

#: axe-core's rules for WCAG 2.0, 2.1 and 2.2 A and AA, and its best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SERIOUS = ("serious", "critical")
#: The evaluator's pages are held to more: no violation of any impact.
STRICT = ("compliance", "audit-log", "trail", "report-form", "judgement", "end-assessment", "final-assessment")
PUBLIC_KINDS = ("home", "forum", "consult", "sign-in", "public-commitment")
KINDS = PUBLIC_KINDS + ("dashboard", "sessions", "session", "contributions", "contribution", "plan", "commitments",
                        "commitment", "implementation", "roster", "compliance", "audit-log", "trail", "report-form",
                        "judgement", "end-assessment", "final-assessment")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from serve(tmp_path_factory)


@pytest.fixture(scope="module")
def addresses(site, browser) -> dict[str, str]:
    """The address of each kind of page (without the language)."""
    told = site.told
    context = browser.new_context()
    tab = context.new_page()
    try:
        sign_in(tab, site)
        found = {
            "home": "/", "forum": f"/forums/{told.forum}", "consult": f"/forums/{told.forum}/consult",
            "sign-in": "/login", "dashboard": f"/forums/{told.forum}/dashboard",
            "sessions": f"/forums/{told.forum}/sessions", "contributions": f"/action-plans/{told.plan}/contributions",
            "contribution": f"/contributions/{told.waiting}", "plan": f"/action-plans/{told.plan}",
            "commitments": f"/action-plans/{told.plan}/commitments", "roster": f"/forums/{told.forum}/roster",
            "compliance": f"/action-plans/{told.plan}/compliance", "audit-log": f"/forums/{told.forum}/log",
            "trail": f"/contributions/{told.unsent}/trail", "report-form": f"/action-plans/{told.plan}/report/form",
            "judgement": f"/action-plans/{told.plan}/judgements",
            "implementation": f"/action-plans/{told.plan}/implementation",
            "final-assessment": f"/action-plans/{told.plan}/final-assessment",
            "public-contributions": f"/forums/{told.forum}/plans/{told.plan}/contributions",
        }
        found["session"] = first_link(tab, site, found["sessions"], "/sessions/")
        found["commitment"] = first_link(tab, site, found["commitments"], "/commitments/")
        found["public-commitment"] = first_link(tab, site, found["forum"], f"/forums/{told.forum}/commitments/")
        found["end-assessment"] = found["commitment"] + "/end-assessment"
    finally:
        context.close()
    return found


def readable(violations: list[dict]) -> str:
    """The violations as lines a person can act on: rule, impact, what is wrong, where."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:6]:
            where, why = " ".join(map(str, node["target"])), node["failureSummary"].splitlines()[-1].strip()
            lines.append(f"    at {where}: {why}")
            lines.append(f"       {node['html'][:160]}")
        if len(v["nodes"]) > 6:
            lines.append(f"    … and {len(v['nodes']) - 6} more")
    return "\n".join(lines)


def serious_violations(page, impacts: tuple[str, ...] = SERIOUS) -> list[dict]:
    """axe-core's violations of the WCAG 2.2 A/AA rules and best practices, of the given impacts."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v["impact"] in impacts]


@pytest.fixture(scope="module")
def signed_in(browser, site):
    """A signed-in (admin) browser context, shared by the module's page checks."""
    with window(browser, PHONE, "es-PE") as tab:
        sign_in(tab, site)
        yield tab


CASES = [(kind, lang, PHONE) for kind in KINDS for lang in ("es", "en")] + [
    ("audit-log", lang, LAPTOP) for lang in ("es", "en")]


@pytest.mark.parametrize(("kind", "lang", "viewport"), CASES,
                         ids=[f"{k}-{lang}-{v['width']}" for k, lang, v in CASES])
def test_no_serious_or_critical_violation(signed_in, site, addresses, kind, lang, viewport):
    page = signed_in
    page.set_viewport_size(viewport)
    response = page.goto(site.at(f"{addresses[kind]}?lang={lang}"))
    assert response is not None and response.status == 200, (kind, response and response.status)
    assert page.locator("html").get_attribute("lang") == lang
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")  # hidden parts too
    found = serious_violations(page, ("minor", "moderate", *SERIOUS) if kind in STRICT else SERIOUS)
    assert not found, f"{kind} ({lang}, {viewport['width']} px):\n{readable(found)}"


# -- by keyboard alone -------------------------------------------------------------------------------------------

FOCUS_SHOWN = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const ring = s.boxShadow && s.boxShadow !== 'none';
    return {tag: e.tagName, name: e.name || e.id || e.textContent.trim().slice(0, 30), shown: outline || ring,
            style: s.outlineStyle + ' ' + s.outlineWidth + ' / ' + s.boxShadow};
}"""


def tab_to(page, selector: str, limit: int = 80, backwards: bool = False) -> list[dict]:
    """Press Tab (or Shift+Tab) until the element at `selector` has the focus; every stop's focus is checked
    visible. Returns the stops."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stop = page.evaluate(FOCUS_SHOWN)
        if stop is not None:
            stops.append(stop)
            assert stop["shown"], f"the focus is not visible on {stop}"
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return stops
    raise AssertionError(f"{selector} never got the focus by keyboard; stops: {stops[-10:]}")


def test_the_public_form_by_keyboard_alone(browser, site):
    with window(browser, PHONE, "es-PE") as page:
        page.goto(site.at(f"/forums/{site.told.forum}/consult?lang=es"))
        text = page.locator("main textarea").first
        selector = f"#{text.get_attribute('id')}"
        tab_to(page, selector)
        page.keyboard.type("Publicar los contratos de obras en datos abiertos, por teclado.")
        # back and forth: Shift+Tab returns to the text, Tab moves on
        page.keyboard.press("Tab")
        tab_to(page, selector, backwards=True)
        submit = "main form button[type=submit]"
        tab_to(page, submit)
        page.keyboard.press("Enter")
        page.wait_for_url("**/consult/received/**")
        assert page.locator("#errores").count() == 0, (page.locator("main").text_content() or "")[:400]


def test_a_secretariat_form_by_keyboard_alone(browser, site):
    """Logging a contribution: the text typed, the day typed into the date field, the channel and a
    representative chosen with the arrow keys, sent with Enter; it lands on the new contribution's page."""
    with window(browser, PHONE, "es-PE") as page:
        sign_in(page, site, story.SECRETARIAT)
        page.goto(site.at(f"/action-plans/{site.told.plan}/contributions?lang=es"))
        tab_to(page, "[id='text']")
        page.keyboard.type("Un aporte registrado con el teclado solamente.")
        tab_to(page, "[id='received_on']")
        page.keyboard.type("11202026")  # headless Chromium shows the date field as mm/dd/yyyy
        tab_to(page, "[id='channel']")
        page.keyboard.press("ArrowDown")  # the first channel, after "Elija…"
        tab_to(page, "[id='author.representative_id']")
        page.keyboard.press("ArrowDown")  # the first representative of the roster
        tab_to(page, "[id='channel']", backwards=True)  # Shift+Tab goes back through what was filled
        assert page.locator("[id='received_on']").input_value() == "2026-11-20"
        tab_to(page, "main form[method=post] button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/contributions/ctb_*")
        assert page.locator("#errores").count() == 0
        assert "Un aporte registrado con el teclado solamente." in (page.locator("main").text_content() or "")


def test_the_checker_sees_a_violation_when_there_is_one(page):
    """axe runs (offline) and reports: a page with an image without a text and an unlabelled field fails."""
    page.set_content('<html lang="es"><body><main><h1>Prueba</h1><img src="data:,"><input></main></body></html>')
    assert {v["id"] for v in serious_violations(page)} >= {"image-alt", "label"}
