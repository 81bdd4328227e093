"""Security headers on every answer: the pages, the API's JSON, its errors and its standalone HTML report."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest

from tests.web import story
from tests.web.conftest import sign_in

PAGE, API, API_ERROR = "a page", "an API answer", "an API error"


@pytest.fixture
def answers(client):
    """When a visitor opens a page, an API read and an unknown API address (the headers do not depend on data)."""
    return {
        PAGE: client.get("/"),
        API: client.get("/api/v1/forums"),
        API_ERROR: client.get("/api/v1/forums/frm_nobody"),
    }


def directives(policy: str) -> dict[str, str]:
    """A Content-Security-Policy as {directive: its sources}."""
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
@pytest.mark.parametrize("kind", [PAGE, API, API_ERROR])
def test_every_answer_forbids_framing(answers, kind):
    answer = answers[kind]
    assert directives(answer.headers["Content-Security-Policy"])["frame-ancestors"] == "'none'"
    assert answer.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("kind", [PAGE, API, API_ERROR])
def test_every_answer_forbids_content_sniffing(answers, kind):
    assert answers[kind].headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("kind", [PAGE, API, API_ERROR])
def test_every_answer_keeps_its_address_out_of_other_sites_referrers(answers, kind):
    assert answers[kind].headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("kind", [PAGE, API, API_ERROR])
def test_every_answer_denies_camera_microphone_and_location(answers, kind):
    policy = answers[kind].headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_the_pages_run_only_their_own_scripts_and_styles(answers):
    """No 'unsafe-inline' anywhere: the pages have no inline script, style element or style attribute."""
    policy = directives(answers[PAGE].headers["Content-Security-Policy"])
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert "unsafe" not in answers[PAGE].headers["Content-Security-Policy"]


def test_no_page_has_inline_script_or_style_the_policy_would_block(client, told):
    """Given the story and a signed-in secretariat, the pages they open have nothing inline that the policy
    (without 'unsafe-inline') would block."""
    sign_in(client, story.SECRETARIAT)
    for path in (f"/forums/{told.forum}", f"/forums/{told.forum}/dashboard", f"/forums/{told.forum}/roster",
                 f"/action-plans/{told.plan}/compliance", f"/forums/{told.forum}/log"):
        page = client.get(path)
        assert page.status_code == 200, path
        html = page.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), f"an inline script on {path}"
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), f"an inline style or handler on {path}"


def test_the_api_answers_data_that_may_load_nothing(answers):
    policy = directives(answers[API].headers["Content-Security-Policy"])
    assert policy["default-src"] == "'none'"
    assert answers[API].is_json and answers[API_ERROR].status_code == 404


def test_the_html_report_may_use_only_its_own_style_block(client, told):
    """The report is a standalone document with one <style> element: the policy names that element's hash, so a
    style or script injected anywhere else would not apply."""
    report = client.get(f"/api/v1/action-plans/{told.plan}/report?format=html")
    assert report.status_code == 200
    html = report.get_data(as_text=True)
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    policy = directives(report.headers["Content-Security-Policy"])
    assert policy["style-src"] == f"'sha256-{digest}'"
    assert policy["default-src"] == "'none'" and "script-src" not in policy
    assert policy["frame-ancestors"] == "'none'"
    assert "<script" not in html


def test_static_files_carry_the_headers_too(client):
    with client.get("/static/css/site.css") as css:
        assert css.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in css.headers["Content-Security-Policy"]


def test_outside_production_no_strict_transport_security_is_sent(answers):
    """Development serves plain HTTP on localhost; pinning HTTPS there would lock the developer out."""
    assert "Strict-Transport-Security" not in answers[PAGE].headers
