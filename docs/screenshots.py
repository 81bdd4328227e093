"""Take the README's screenshots and the task guides' (docs/secretariat.md, docs/evaluator.md): the demo forum
(`tracker demo`) served from a thread, in Debian's Chromium.

    .venv/bin/python docs/screenshots.py        # or: make screenshots

Writes docs/screenshots/*.png (the first 1,000 pixels of each page at 1,200 wide, a part of a page, or a phone's
screen of 390 x 844). The README's shots come first, from the demo as loaded. Then the guides' shots
(`secretariat-*-{es,en}.png`, `evaluator-*-{es,en}.png`): the script walks the pages as the secretariat and as the
evaluator, in Spanish and in English, fills the forms and, in Spanish only, sends them, so the record grows as it
would in a working week (a session scheduled and announced with a material uploaded, one held with its
attendance, minutes uploaded and a correction, a contribution taken to communicated one step's form at a time, a
response refused, the inbox searched by a reference, a publication uploaded, a public consultation opened, a
judgement, an assessment). Each English shot of a form is taken filled in the same way but not sent (but for the
refused response, which records nothing). The public's side is shot on a phone, in Spanish
(`public-receipt-phone-es.png`: a contribution sent through the public form and its receipt;
`public-contribution-phone-es.png`: a contribution's public page). A form refused where it should not be stops the
script with its error summary. Uploaded files are a one-page PDF made here. Date fields are shown in each
language's format when Debian's `chromium-l10n` is installed (Chromium reads `LANGUAGE`); without it they show the
US format (and the file inputs' buttons read "Choose File").
"""
from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import threading
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import Config
from tracker import create_app
from tracker.bootstrap import bootstrap
from tracker.database import upgrade
from tracker.demo import load

OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='tracker-shots-')) / 'tracker.db'}"
    services = bootstrap(url)
    upgrade(services.engine)
    app = create_app(Config(DATABASE_URL=url), services=services)
    with app.app_context():
        made = load(services)
    password = {role: pw for _, role, pw in made.users}
    email = {role: e for e, role, _ in made.users}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    plan = made.plan_id
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page(viewport={"width": 1200, "height": 1000}, locale="es-PE")

        def shot(name: str, path: str) -> None:
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(f"docs/screenshots/{name}.png  <- {path}")

        shot("public-forum", f"/forums/{made.forum_id}")
        charts = page.locator("figure")
        for i, name in enumerate(("chart-attendance", "chart-contributions")):
            charts.nth(i).screenshot(path=str(OUT / f"{name}.png"))
            print(f"docs/screenshots/{name}.png")
        page.goto(base + "/login")
        page.get_by_label("Correo electrónico").fill(email["secretariat"])
        page.get_by_label("Contraseña").fill(password["secretariat"])
        page.get_by_role("button", name="Iniciar sesión").click()
        shot("dashboard", f"/forums/{made.forum_id}/dashboard")
        shot("contributions", f"/action-plans/{plan}/contributions")
        shot("sessions", f"/forums/{made.forum_id}/sessions")
        shot("compliance", f"/action-plans/{plan}/compliance?lang=en")
        shot("audit-log", f"/forums/{made.forum_id}/log?lang=en")
        phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-PE", device_scale_factor=1)
        phone.goto(base + f"/forums/{made.forum_id}")
        phone.screenshot(path=str(OUT / "public-forum-phone.png"))
        print("docs/screenshots/public-forum-phone.png")
        browser.close()
        guides(playwright, base, made, email, password)
    server.shutdown()


# -- the task guides' shots (docs/secretariat.md, docs/evaluator.md) --------------------------------------------

#: Each language of the guides: the `LANGUAGE` Chromium formats its date fields in, and the browser's locale.
GUIDE_LANGUAGES = {"es": ("es", "es-PE"), "en": ("en_GB", "en-GB")}
DESKTOP = {"width": 1200, "height": 1000}
PHONE = {"width": 390, "height": 844}
#: The file uploaded for minutes, materials and publications: a one-page PDF.
SAMPLE_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
              b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
#: A guide's shot over this size is reported (they are kept small enough to sit in the repository).
LARGEST = 250_000


class Guide:
    """One signed-in browser page in one language, taking the guides' shots `<prefix>-[phone-]<name>-<lang>.png`."""

    def __init__(self, browser, base: str, lang: str, prefix: str) -> None:
        self.base, self.lang, self.prefix = base, lang, prefix
        self.page = browser.new_page(viewport=DESKTOP, locale=GUIDE_LANGUAGES[lang][1], device_scale_factor=1)

    def go(self, path: str) -> None:
        """Open `path` in this page's language (before its `#fragment`, if it has one)."""
        path, hash_, fragment = path.partition("#")
        self.page.goto(self.base + path + ("&" if "?" in path else "?") + f"lang={self.lang}" + hash_ + fragment)

    def id_in_url(self, kind: str) -> str:
        """The id after `/<kind>/` in the page's address (which may end in a `#fragment`, e.g. `#errores`)."""
        found = re.search(rf"/{kind}/([A-Za-z0-9_]+)", self.page.url)
        assert found, f"no /{kind}/ in {self.page.url}"
        return found.group(1)

    def attach(self, field: str, name: str) -> None:
        """Choose a small PDF named `name` in the file input `field` (its id, dotted names quoted)."""
        self.page.set_input_files(f"[id='{field}']", files=[{"name": name, "mimeType": "application/pdf",
                                                              "buffer": SAMPLE_PDF}])

    def sign_in(self, email: str, password: str, shot: str | None = None) -> None:
        self.go("/login")
        if shot:
            self.shot(shot, height=560)
        self.page.fill("#email", email)
        self.page.fill("#password", password)
        self.send("form[action$='/login'] button[type=submit]")

    def send(self, button: str, *, refused: bool = False) -> None:
        """Send the form of `button` as that button would, and wait for the page it leads to. (A click right
        after a full-page shot of a long form was seen to miss its button, sending nothing.) A refusal (the error
        summary, #errores) stops the script unless `refused` is expected."""
        with self.page.expect_navigation():
            self.page.locator(button).first.evaluate("button => button.form.requestSubmit(button)")
        self.page.wait_for_load_state()
        summary = self.page.locator("#errores")
        if summary.count() != int(refused):
            raise SystemExit(f"{self.page.url}: {'refused' if summary.count() else 'not refused'}: "
                             + (summary.inner_text() if summary.count() else ""))

    def shot(self, name: str, path: str | None = None, *, at: str | None = None, upto: str | None = None,
             top: int = 0, height: int = 1000, phone: bool = False) -> None:
        """The viewport, or the part of the page from the element `at` (to the end of `upto`, or of `at`), at most
        `height` pixels tall; `phone`: the first screen on a phone."""
        page = self.page
        if path:
            self.go(path)
        if phone:
            page.set_viewport_size(PHONE)
        file = OUT / f"{self.prefix}-{'phone-' if phone else ''}{name}-{self.lang}.png"
        page.evaluate("document.activeElement && document.activeElement.blur && document.activeElement.blur()")
        if at:
            box = page.evaluate("""([at, upto]) => {
                const a = document.querySelector(at), b = upto ? document.querySelector(upto) : a;
                const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
                return {top: ra.top + window.scrollY, bottom: rb.bottom + window.scrollY}; }""", [at, upto])
            y = max(box["top"] - 12, 0)
            clip = {"x": 0, "y": y, "width": DESKTOP["width"], "height": min(box["bottom"] + 12 - y, height)}
            page.screenshot(path=str(file), clip=clip, full_page=True)
        else:
            clip = {"x": 0, "y": top, "width": page.viewport_size["width"], "height": height} if top or height != 1000 \
                else None
            page.screenshot(path=str(file), clip=clip, full_page=bool(clip))
        if phone:
            page.set_viewport_size(DESKTOP)
        size = file.stat().st_size
        print(f"docs/screenshots/{file.name}  <- {page.url.removeprefix(self.base)}"
              + (f"  ({size:,} bytes: over {LARGEST:,})" if size > LARGEST else ""))


def _api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + "/api/v1" + path) as answer:
        return json.load(answer)


def guides(playwright, base: str, made, email: dict[str, str], password: dict[str, str]) -> None:
    """Walk the secretariat's and the evaluator's pages in both languages; send the forms in Spanish only."""
    forum, plan = made.forum_id, made.plan_id
    tz = _api(base, f"/forums/{forum}")["timezone"]
    today = datetime.now(ZoneInfo(tz)).date()
    plan_body = _api(base, f"/action-plans/{plan}")
    commitment = plan_body["commitments"][0]["id"]
    endorsed_on = date.fromisoformat(plan_body["endorsements"][0]["endorsed_on"])
    browsers = {lang: playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 env={**os.environ, "LANGUAGE": language})
                for lang, (language, _locale) in GUIDE_LANGUAGES.items()}
    sec = {lang: Guide(browsers[lang], base, lang, "secretariat") for lang in ("en", "es")}
    for g in sec.values():
        g.sign_in(email["secretariat"], password["secretariat"], shot="login")
    both = (sec["en"], sec["es"])  # English first: each form is shot in English, then shot and sent in Spanish

    # The record as loaded: the dashboard, the roster, the sessions, the inbox, the plan, the commitments.
    for g in both:
        g.shot("dashboard", f"/forums/{forum}/dashboard")
        g.shot("dashboard", phone=True)
        g.shot("roster", f"/forums/{forum}/roster")
        g.shot("roster-minor", at="section[aria-labelledby=sector-youth]")
        g.shot("sessions", f"/forums/{forum}/sessions")
        g.shot("sessions", phone=True)
        g.shot("contributions", f"/action-plans/{plan}/contributions")
        g.shot("contributions", phone=True)
        g.shot("plan", f"/action-plans/{plan}")
        g.shot("plan-endorsement", at="section[aria-labelledby=endorsements]")
        g.shot("commitments", f"/action-plans/{plan}/commitments")
        g.shot("commitment", f"/commitments/{commitment}")
        g.shot("commitment-progress", at="#avance-seccion", height=1300)
        g.shot("commitment-report-progress", at="section[aria-labelledby=report-progress]", height=1300)
        g.shot("implementation", f"/action-plans/{plan}/implementation")
        g.shot("implementation", phone=True)

    # The roster: an alternate designated for an organization that had none.
    organization = "Red de Vigilancia Ciudadana Alto Marañón"
    for g in both:
        g.go(f"/forums/{forum}/roster")
        g.page.locator("tr", has_text=organization).locator("a[href$='/representatives']").first.click()
        g.page.fill("#name", "Luz Mamani Torres")
        g.page.select_option("#role", "alternate")
        g.page.fill("#designated_on", today.isoformat())
        g.page.fill("#email", "luz.mamani@correo.altomaranon.example")
        g.page.select_option("#gender", "female")
        g.shot("roster-designate", at="section[aria-labelledby=roster-form]")
    sec["es"].send("section[aria-labelledby=roster-form] button[type=submit]")

    # A session scheduled ahead, then announced.
    def fill_schedule(g: Guide, title: str, when: datetime, venue: str) -> None:
        g.go(f"/forums/{forum}/sessions")
        g.page.fill("#title", title)
        g.page.select_option("#kind", "cocreation_workshop")
        g.page.fill("#scheduled_at", when.strftime("%Y-%m-%dT%H:%M"))
        g.page.fill("#venue", venue)
        g.page.select_option("#modality", "hybrid")
        g.page.select_option("#action_plan_id", plan)
        g.page.fill("#agenda", "Revisión de los hitos de cada compromiso\nCalendario de implementación")

    ahead = datetime.combine(today + timedelta(days=10), datetime.min.time()).replace(hour=10)
    for g in both:
        fill_schedule(g, "Taller de revisión de compromisos", ahead, "Local comunal de Huaycán Alto")
        g.shot("session-schedule", at="section[aria-labelledby=schedule]")
    sec["es"].send("section[aria-labelledby=schedule] button[type=submit]")
    session_ahead = sec["es"].id_in_url("sessions")
    for g in both:
        g.shot("session", f"/sessions/{session_ahead}")
    for g in both:
        g.go(f"/sessions/{session_ahead}/announcement")
        g.page.fill("#announced_on", today.isoformat())
        g.page.check("input[name=channels][value=email]")
        g.page.check("input[name=channels][value=whatsapp]")
        g.page.fill("[id='materials.0.title']", "Matriz de seguimiento de compromisos")
        g.attach("materials.0.file", "matriz-seguimiento.pdf")
        g.page.fill("[id='materials.1.title']", "Calendario de implementación")
        g.page.fill("[id='materials.1.url']", "https://gobiernoabierto.altomaranon.example/calendario.pdf")
        g.shot("session-announce", at="section[aria-labelledby=session-form]", height=1300)
    sec["es"].send("section[aria-labelledby=session-form] button.primary")
    for g in both:
        g.shot("session", f"/sessions/{session_ahead}", phone=True)

    # A session held yesterday (scheduled and announced without shots), then its attendance and minutes.
    es = sec["es"]
    yesterday = datetime.combine(today - timedelta(days=1), datetime.min.time()).replace(hour=10)
    fill_schedule(es, "Mesa de trabajo sobre acceso a la información", yesterday,
                  "Radio Comunitaria La Voz del Marañón")
    es.send("section[aria-labelledby=schedule] button[type=submit]")
    session_held = es.id_in_url("sessions")
    es.go(f"/sessions/{session_held}/announcement")
    es.page.fill("#announced_on", (today - timedelta(days=8)).isoformat())
    es.page.check("input[name=channels][value=email]")
    es.send("section[aria-labelledby=session-form] button.primary")
    for g in both:
        g.go(f"/sessions/{session_held}/record")
        boxes = g.page.locator("input[name=attendance]")
        for i in (0, 2, 3, 5, 8, 12):
            boxes.nth(i).check()
        g.page.fill("[id='guests.0.name']", "Ana Torres Rivas")
        g.page.fill("[id='guests.0.organization']", "Defensoría del Pueblo")
        g.page.select_option("[id='guests.0.sector']", "government")
        g.page.fill("#public_attendees", "3")
        g.shot("session-record", at="section[aria-labelledby=session-form]")
        g.shot("session-guests", at="fieldset.field:has([id='guests.0.name'])",
               upto="section[aria-labelledby=session-form] button.primary")
    es.send("section[aria-labelledby=session-form] button.primary")
    for g in both:
        g.go(f"/sessions/{session_held}/minutes")
        g.page.fill("[id='document.title']", "Acta de la mesa de trabajo sobre acceso a la información")
        g.attach("document.file", "acta-mesa-acceso.pdf")
        g.page.fill("#approved_on", today.isoformat())
        g.page.locator("input[name=signed_by]").nth(0).check()
        g.page.locator("input[name=signed_by]").nth(1).check()
        g.shot("session-minutes", at="section[aria-labelledby=session-form]")
    es.send("section[aria-labelledby=session-form] button.primary")
    for g in both:  # a representative was left out of the attendance: corrected, with the reason
        g.go(f"/sessions/{session_held}/record")
        g.page.locator("input[name=attendance]").nth(10).check()
        g.page.fill("[id='correction.reason']", "Faltaba en la lista una representante que firmó la asistencia.")
        g.shot("session-correct", at=".field:has(#public_attendees)",
               upto="section[aria-labelledby=session-form] button.primary", height=420)
    es.send("section[aria-labelledby=session-form] button.primary")
    for g in both:
        g.shot("session-corrections", f"/sessions/{session_held}", at="section[aria-labelledby=attendance]",
               upto="nav.actions")

    # A contribution logged at that session and taken to communicated, one step's form at a time: logged (the
    # inbox), considered, responded, communicated (each send lands on the contribution's page at its next step).
    for g in both:
        g.go(f"/action-plans/{plan}/contributions")
        g.page.fill("#text", "Publicar también en audio, en quechua, las actas del foro.")
        g.page.fill("#received_on", today.isoformat())
        g.page.select_option("#channel", "forum_session")
        g.page.fill("[id='author.name']", "Juana Pérez Huamán")
        g.page.fill("[id='author.organization']", "Comunidad Campesina de Huaycán")
        g.page.select_option("[id='author.sector']", "civil_society")
        g.page.fill("[id='author.email']", "juana.perez@correo.example")
        g.page.select_option("#session_id", session_held)
        g.shot("contribution-log", at="section[aria-labelledby=log]", height=1300)
    es.send("section[aria-labelledby=log] button[type=submit]")
    contribution = es.id_in_url("contributions")
    for g in both:  # the next step: consider it
        g.shot("contribution", f"/contributions/{contribution}")
        g.shot("contribution", phone=True)
    es.page.select_option("form[action*='/consideration'] #session_id", session_held)
    es.page.fill("form[action*='/consideration'] #note", "Se leyó en la mesa de trabajo.")
    es.send("form[action*='/consideration'] button[type=submit]")
    for g in both:  # the next step: respond (no decision chosen beforehand; the note that the author is emailed)
        g.go(f"/contributions/{contribution}")
        g.page.select_option("#decision", "accepted")
        g.page.fill("#reasoning", "Se incorpora al compromiso de acceso a la información en quechua y por radio.")
        g.page.select_option("form[action*='/response'] #commitment_id", index=3)
        g.shot("contribution-respond", at="#siguiente")
    es.send("form[action*='/response'] button[type=submit]")
    es.page.select_option("form[action*='/communication'] #channel", "published")
    es.page.fill("form[action*='/communication'] #url", "https://gobiernoabierto.altomaranon.example/respuestas")
    es.send("form[action*='/communication'] button[type=submit]")
    for g in both:
        g.shot("contribution-communicated", f"/contributions/{contribution}", at="section[aria-labelledby=what]",
               upto="section[aria-labelledby=public-view]")

    for g in both:  # hiding its text from the public: the form opened and filled, not sent
        g.go(f"/contributions/{contribution}")
        g.page.locator("section[aria-labelledby=public-view] details summary").click()
        g.page.fill("section[aria-labelledby=public-view] #reason", "Contenía el teléfono personal de la autora.")
        g.shot("contribution-hide", at="section[aria-labelledby=public-view]")

    # A contribution logged 45 days after it was received: flagged as logged late in the audit log.
    es.go(f"/action-plans/{plan}/contributions")
    es.page.fill("#text", "Difundir las convocatorias del foro también por los altavoces de las comunidades.")
    es.page.fill("#received_on", (today - timedelta(days=45)).isoformat())
    es.page.select_option("#channel", "email")
    es.page.select_option("[id='author.representative_id']", index=1)
    es.send("section[aria-labelledby=log] button[type=submit]")
    late = es.id_in_url("contributions")
    for g in both:  # refused (nothing recorded): a response without its reasoning, dated before the receipt
        g.go(f"/contributions/{late}?step=respond")
        g.page.select_option("#decision", "rejected")
        g.page.fill("#responded_on", (today - timedelta(days=50)).isoformat())
        g.send("form[action*='/response'] button[type=submit]", refused=True)
        g.shot("contribution-refused", at="#siguiente")

    # The inbox searched by the reference a citizen quotes (the last six characters of the id).
    for g in both:
        g.go(f"/action-plans/{plan}/contributions")
        g.page.fill("#q", late[-6:].upper())
        g.send("form.inbox-search button[type=submit]")
        g.shot("contributions-search", at="form.inbox-search", upto="main section", height=600)

    # A publication: the minutes of the session held yesterday, their file uploaded.
    for g in both:
        g.go(f"/action-plans/{plan}/publications")
        g.page.select_option("#kind", "minutes")
        g.page.fill("#title", "Acta de la mesa de trabajo sobre acceso a la información")
        g.attach("file", "acta-mesa-acceso.pdf")
        g.page.fill("#published_on", today.isoformat())
        g.page.select_option("#session_id", session_held)
        g.shot("plan-publish", at="section[aria-labelledby=plan-form]")
    es.send("section[aria-labelledby=plan-form] button[type=submit]")

    # The public's side, on a phone in Spanish: a consultation opened (by the secretariat), a contribution sent
    # through the public form, its receipt with the reference, and a contribution's public page.
    es.go(f"/action-plans/{plan}/consultations#consultas")
    es.page.fill("#opens_on", today.isoformat())
    es.page.fill("#closes_on", (today + timedelta(days=14)).isoformat())
    es.page.select_option("#channel", "web_form")
    es.send("form[action*='/consultations'] button[type=submit]")
    public = browsers["es"].new_page(viewport=PHONE, locale=GUIDE_LANGUAGES["es"][1], device_scale_factor=1)
    public.goto(base + f"/forums/{forum}/consult?lang=es")
    public.fill("#text", "Que las sesiones del foro se transmitan también por la radio comunitaria.")
    public.fill("[id='author.email']", "vecina.huaycan@correo.example")
    with public.expect_navigation():
        public.locator("form.public-form button[type=submit]").evaluate("b => b.form.requestSubmit(b)")
    public.wait_for_load_state()
    public.screenshot(path=str(OUT / "public-receipt-phone-es.png"))
    print(f"docs/screenshots/public-receipt-phone-es.png  <- {public.url.removeprefix(base)}")
    public.goto(base + f"/forums/{forum}/contributions/{contribution}?lang=es")
    public.screenshot(path=str(OUT / "public-contribution-phone-es.png"))
    print(f"docs/screenshots/public-contribution-phone-es.png  <- {public.url.removeprefix(base)}")
    public.goto(base + f"/forums/{forum}/commitments/{commitment}?lang=es")
    public.screenshot(path=str(OUT / "public-commitment-phone-es.png"))
    print(f"docs/screenshots/public-commitment-phone-es.png  <- {public.url.removeprefix(base)}")
    public.close()

    # The evaluator: compliance, a judgement, an assessment, as_of and known_at, the log, a trail, the report.
    ev = {lang: Guide(browsers[lang], base, lang, "evaluator") for lang in ("en", "es")}
    for g in ev.values():
        g.sign_in(email["evaluator"], password["evaluator"])
    both = (ev["en"], ev["es"])
    es = ev["es"]
    for g in both:
        g.shot("compliance", f"/action-plans/{plan}/compliance")
        g.shot("end-assessment", f"/commitments/{commitment}/end-assessment", at="main", height=1300)
    for g in both:
        g.go(f"/action-plans/{plan}/judgements?check=2.4")
        g.page.select_option("#answer", "yes")
        g.page.fill("#explanation", "Las respuestas pendientes se publicaron en el informe de respuestas del foro; "
                                    "el cálculo no cuenta las que se leyeron en sesión.")
        g.page.fill("#references", "https://gobiernoabierto.altomaranon.example/respuestas")
        g.shot("judgement", at="main")
    es.send("main form button[type=submit]")
    for g in both:
        g.go(f"/action-plans/{plan}/compliance")
        g.page.locator("#check-2\\.4 details summary").click()
        g.shot("check", at="#check-2\\.4", height=900)
    for g in both:
        g.go(f"/commitments/{commitment}/assessment")
        g.page.select_option("#verifiable", "no")
        g.page.select_option("#relevance", "yes")
        g.page.check("input[name=ogp_values][value=transparency]")
        g.page.check("input[name=ogp_values][value=civic_participation]")
        g.page.select_option("#commitment_type", "new_regulation_policy_practice")
        g.page.select_option("#potential", "positive_change_not_binding")
        g.page.fill("#explanation", "Los hitos no tienen fecha límite; el mapa de obras es una práctica nueva.")
        g.page.fill("#recommendations", "Fijar una fecha a cada hito y un responsable por distrito.")
        if g.page.locator("[id='correction.reason']").count():  # the demo assessed every commitment already
            g.page.fill("[id='correction.reason']", "Revisión de los hitos tras la mesa de trabajo.")
        g.shot("assessment", at="main")
    es.send("main form button[type=submit]")
    for g in both:
        g.shot("assessed", f"/action-plans/{plan}/compliance", at=f"#commitment-{commitment}", height=900)
        before = (endorsed_on - timedelta(days=1)).isoformat()
        g.shot("as-of", f"/action-plans/{plan}/compliance?as_of={before}")
        g.shot("known-at", f"/action-plans/{plan}/compliance?known_at={(today - timedelta(days=1)).isoformat()}",
               height=520)
        g.shot("audit-log", f"/forums/{forum}/log")
        g.shot("audit-events", at="table.log", height=700)
        g.shot("audit-late", f"/forums/{forum}/log?type=ContributionReceived&recorded_from={today.isoformat()}",
               at="table.log")
        g.shot("trail", f"/contributions/{contribution}/trail")
        g.page.goto(base + f"/api/v1/action-plans/{plan}/report?format=html&lang={g.lang}")
        g.shot("report")
    for b in browsers.values():
        b.close()

if __name__ == "__main__":
    main()
