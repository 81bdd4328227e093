"""Signing in and out of the pages: passwords, CSRF tokens, where `next` may lead, rate limits, audit lines, and
when a session ends (sign-out, a password change and deactivation end every session cookie of the user)."""
from __future__ import annotations

import logging

import pytest
from flask import request

from tests.support.cli import tracker
from tests.web import story
from tests.web.conftest import csrf_token, sign_in
from tracker.auth import AuthError, change_own_password
from tracker.auth import service as auth
from tracker.auth.model import users


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
    assert signed.headers["Location"] == f"/forums/{told.forum}/dashboard"  # the user's own forum, never elsewhere


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


NEW_PASSWORD = "otra clave larga y secreta"


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie (a stolen cookie, or the same user's second
    tab): same address and user agent, so the session protection alone does not tell them apart."""
    name = app.config["SESSION_COOKIE_NAME"]
    other = app.test_client()
    other.set_cookie(name, client.get_cookie(name).value)
    return other


def sign_out(client):
    out = client.post("/logout", data={"csrf_token": csrf_token(client, "/logout")})
    assert out.status_code == 302


@pytest.mark.both_engines
def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(web_app, client, told, caplog):
    sign_in(client, story.SECRETARIAT)
    copy = copy_of(web_app, client)
    assert dashboard_of(copy, told.forum).status_code == 200  # the copy works while the session does

    sign_out(client)

    with caplog.at_level(logging.INFO, logger="tracker.security"):
        refused = dashboard_of(copy, told.forum)
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/login?next=")
    assert any(r.getMessage().startswith("session refused") for r in caplog.records if r.name == "tracker.security")
    assert dashboard_of(copy, told.forum).status_code == 302  # the cookie sent back names nobody


@pytest.mark.both_engines
def test_signing_out_on_one_device_signs_the_user_out_on_every_other(web_app, client, told):
    phone = web_app.test_client()
    sign_in(client, story.SECRETARIAT)
    sign_in(phone, story.SECRETARIAT)
    assert dashboard_of(phone, told.forum).status_code == 200

    sign_out(client)

    assert dashboard_of(phone, told.forum).status_code == 302
    sign_in(phone, story.SECRETARIAT)  # signing in again starts a session in force
    assert dashboard_of(phone, told.forum).status_code == 200


def test_another_users_sessions_go_on_when_one_signs_out(web_app, client, told):
    evaluator = web_app.test_client()
    sign_in(evaluator, story.OTHER_SECRETARIAT)
    sign_in(client, story.SECRETARIAT)
    sign_out(client)
    assert evaluator.get("/forums/" + told.other_forum + "/dashboard").status_code == 200


@pytest.mark.both_engines
def test_a_password_change_on_the_command_line_ends_every_cookie_of_the_user(web_app, database_url, client, told):
    sign_in(client, story.SECRETARIAT)
    copy = copy_of(web_app, client)
    assert dashboard_of(copy, told.forum).status_code == 200

    changed = tracker(database_url, "users", "password", story.SECRETARIAT, stdin=NEW_PASSWORD + "\n")
    assert changed.returncode == 0, changed.stderr

    assert dashboard_of(client, told.forum).status_code == 302
    assert dashboard_of(copy, told.forum).status_code == 302
    sign_in(client, story.SECRETARIAT, password=NEW_PASSWORD)
    assert dashboard_of(client, told.forum).status_code == 200


def test_a_stale_cookie_neither_opens_pages_nor_ends_the_session_begun_since(web_app, database_url, client, told):
    """The copy taken before a password change is refused, and its sign-out ends nothing: the user who signed in
    again with the new password stays signed in."""
    sign_in(client, story.SECRETARIAT)
    token = csrf_token(client, "/logout")  # the sign-out button's token, valid for the copy too
    copy = copy_of(web_app, client)
    assert tracker(database_url, "users", "password", story.SECRETARIAT, stdin=NEW_PASSWORD + "\n").returncode == 0
    sign_in(client, story.SECRETARIAT, password=NEW_PASSWORD)

    assert copy.post("/logout", data={"csrf_token": token}).status_code == 302
    assert dashboard_of(copy, told.forum).status_code == 302

    assert dashboard_of(client, told.forum).status_code == 200


def test_a_cookie_signed_in_before_session_versions_existed_is_signed_out(client, told):
    sign_in(client, story.SECRETARIAT)
    with client.session_transaction() as session:
        del session["session_version"]  # as a cookie issued by the release before this one
    assert dashboard_of(client, told.forum).status_code == 302


@pytest.mark.both_engines
def test_deactivation_ends_every_cookie_for_good_even_if_the_user_is_made_active_again(web_app, client, told):
    sign_in(client, story.SECRETARIAT)
    copy = copy_of(web_app, client)
    services = web_app.extensions["tracker"]

    auth.deactivate_user(services.engine, services.clock, story.SECRETARIAT)
    assert dashboard_of(copy, told.forum).status_code == 302

    with services.engine.begin() as conn:  # no command reactivates a user; an operator might, in the database
        conn.execute(users.update().where(users.c.email == story.SECRETARIAT).values(active=True))
    assert dashboard_of(copy, told.forum).status_code == 302
    assert dashboard_of(client, told.forum).status_code == 302


@pytest.fixture
def with_password_form(make_app):
    """The application with a form where the signed-in user sets their own password, as a page does (through
    `change_own_password`), and the story."""
    app = make_app()

    @app.post("/own-password")
    def own_password():
        try:
            change_own_password(request.form["password"])
        except AuthError as exc:
            return str(exc), 400
        return "changed"

    return app, story.build(app)


def change_password_in(client, password, form="/logout"):
    return client.post("/own-password", data={"password": password, "csrf_token": csrf_token(client, form)})


@pytest.mark.both_engines
def test_who_changes_their_own_password_stays_signed_in_and_every_other_cookie_ends(with_password_form):
    app, told = with_password_form
    client, phone = app.test_client(), app.test_client()
    sign_in(client, story.SECRETARIAT)
    sign_in(phone, story.SECRETARIAT)
    copy = copy_of(app, client)

    assert change_password_in(client, NEW_PASSWORD).status_code == 200

    assert dashboard_of(client, told.forum).status_code == 200  # this browser: its cookie was re-issued
    assert dashboard_of(copy, told.forum).status_code == 302  # a copy of the cookie it had before
    assert dashboard_of(phone, told.forum).status_code == 302  # another device
    sign_out(client)
    assert "Wrong email or password." in sign_in(phone, story.SECRETARIAT).get_data(as_text=True)
    assert sign_in(phone, story.SECRETARIAT, password=NEW_PASSWORD).status_code == 302


def test_a_refused_own_password_change_ends_nothing(with_password_form):
    app, told = with_password_form
    client, phone = app.test_client(), app.test_client()
    sign_in(client, story.SECRETARIAT)
    sign_in(phone, story.SECRETARIAT)
    refused = change_password_in(client, "short")
    assert refused.status_code == 400 and "10 characters" in refused.get_data(as_text=True)
    assert dashboard_of(client, told.forum).status_code == 200
    assert dashboard_of(phone, told.forum).status_code == 200
    anonymous = app.test_client()
    assert change_password_in(anonymous, NEW_PASSWORD, form="/login").status_code == 400  # nobody signed in
