"""Signing in and out of the pages: passwords, CSRF tokens, where `next` may lead, rate limits, audit lines."""
from __future__ import annotations

import logging

import pytest

from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker.auth import service as auth


def dashboard_of(client, forum_id):
    return client.get(f"/forums/{forum_id}/dashboard")


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_secretariat_signs_in_sees_its_dashboard_and_signs_out(client, told):
    signed = sign_in(client, story.SECRETARIAT, next=f"/forums/{told.forum}/dashboard")
    assert signed.status_code == 302 and signed.headers["Location"] == f"/forums/{told.forum}/dashboard"
    assert dashboard_of(client, told.forum).status_code == 200

    out = client.post("/logout", data={"csrf_token": csrf_token(client, "/logout")})
    assert out.status_code == 302 and out.headers["Location"] == "/"
    assert dashboard_of(client, told.forum).status_code == 302


def test_a_wrong_password_is_refused_and_the_email_typed_stays_in_the_form(client, told):
    refused = sign_in(client, story.SECRETARIAT, password="not the password")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "Wrong email or password." in page
    assert f'value="{story.SECRETARIAT}"' in page
    assert "not the password" not in page
    assert dashboard_of(client, told.forum).status_code == 302


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(client, told):
    page = sign_in(client, "nobody@example.org").get_data(as_text=True)
    assert "Wrong email or password." in page


def test_a_sign_in_without_the_csrf_token_is_refused_and_signs_nobody_in(client, told):
    client.get("/login")  # a session exists, yet the form's token is missing
    refused = client.post("/login", data={"email": story.SECRETARIAT, "password": story.PASSWORD})
    assert refused.status_code == 400
    assert "<html lang=" in refused.get_data(as_text=True)
    assert dashboard_of(client, told.forum).status_code == 302


def test_a_sign_in_with_a_token_of_another_session_is_refused(web_app, told):
    other = web_app.test_client()
    token = csrf_token(other)
    client = web_app.test_client()
    client.get("/login")
    refused = client.post("/login", data={"email": story.SECRETARIAT, "password": story.PASSWORD,
                                          "csrf_token": token})
    assert refused.status_code == 400


def test_sign_out_needs_a_post_with_its_token(client, told):
    sign_in(client, story.SECRETARIAT)
    assert client.get("/logout").status_code == 200  # a page with the button, nothing more
    assert client.post("/logout").status_code == 400
    assert dashboard_of(client, told.forum).status_code == 200


@pytest.mark.parametrize("target", [
    "https://evil.example", "//evil.example/login", "/\\evil.example", "https:/evil.example",
    "javascript:alert(1)", "http://localhost/forums", " /forums",
])
def test_next_never_leads_off_the_site(client, told, target):
    signed = sign_in(client, story.SECRETARIAT, next=target)
    assert signed.status_code == 302
    assert signed.headers["Location"] == "/"


def test_next_from_the_login_address_is_kept_in_the_form(client, told):
    page = client.get(f"/login?next=/forums/{told.forum}/dashboard").get_data(as_text=True)
    assert f'value="/forums/{told.forum}/dashboard"' in page
    elsewhere = client.get("/login?next=https://evil.example").get_data(as_text=True)
    assert '<input id="next" name="next" type="hidden" value="">' in elsewhere


def test_a_deactivated_user_cannot_sign_in_and_is_signed_out(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    assert dashboard_of(client, told.forum).status_code == 200
    services = web_app.extensions["tracker"]
    auth.deactivate_user(services.engine, services.clock, story.SECRETARIAT)
    assert dashboard_of(client, told.forum).status_code == 302
    assert "Wrong email or password." in sign_in(client, story.SECRETARIAT).get_data(as_text=True)


def test_the_session_is_dropped_when_the_browser_changes(client, told):
    sign_in(client, story.SECRETARIAT, **{"User-Agent": "Firefox"})
    assert client.get(f"/forums/{told.forum}/dashboard", headers={"User-Agent": "Firefox"}).status_code == 200
    assert client.get(f"/forums/{told.forum}/dashboard", headers={"User-Agent": "curl"}).status_code == 302


def test_sign_in_attempts_are_rate_limited_per_address(make_app, told):
    app = make_app(LOGIN_RATE_LIMIT="3/minute")
    client = app.test_client()
    answers = [sign_in(client, story.SECRETARIAT, password=f"wrong guess #{i}").status_code for i in range(4)]
    assert answers == [200, 200, 200, 429]
    assert "Too many attempts" in sign_in(client, story.SECRETARIAT).get_data(as_text=True)
    assert client.get("/login").status_code == 200  # showing the form is not an attempt
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert sign_in(elsewhere, story.SECRETARIAT).status_code == 302


def test_sign_ins_and_failures_are_logged_without_the_password(client, told, caplog):
    with caplog.at_level(logging.INFO, logger="tracker.security"):
        sign_in(client, story.SECRETARIAT, password="a wrong password")
        sign_in(client, story.SECRETARIAT)
    lines = [r.getMessage() for r in caplog.records if r.name == "tracker.security"]
    assert any(line.startswith("failed sign-in") and story.SECRETARIAT in line for line in lines)
    assert any(line.startswith("sign-in:") and story.SECRETARIAT in line for line in lines)
    assert not any("a wrong password" in line or story.PASSWORD in line for line in lines)
