"""Take the README's screenshots: the demo forum (`tracker demo`) served from a thread, in Debian's Chromium.

    .venv/bin/python docs/screenshots.py        # or: make screenshots

Writes docs/screenshots/*.png (the first 1,000 pixels of each page at 1,200 wide, or a phone's screen).
"""
from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

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
    server.shutdown()


if __name__ == "__main__":
    main()
