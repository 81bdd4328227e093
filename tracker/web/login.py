"""Signing in to the pages and out: Flask-Login over the users of `tracker.auth` (email and argon2id password).

The API never reads this session: it authenticates bearer tokens only, which is why it may skip CSRF checks.
Every sign-in, failed sign-in and sign-out is logged (`tracker.auth.security_log`) with the email and the client's
address, never a password.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from werkzeug.wrappers import Response

from tracker import extension
from tracker.auth import security_log
from tracker.auth.model import User
from tracker.auth.principal import ANONYMOUS, Principal
from tracker.auth.service import check_password, get_user_by_id
from tracker.read_models.records import records_of
from tracker.web import navigation
from tracker.web.forms import SignInForm, SignOutForm
from tracker.web.i18n import SESSION_KEY

bp = Blueprint("auth", __name__)
bp.app_context_processor(navigation.context)  # the signed-in pages' navigation, on every page


class WebUser(UserMixin):
    """A signed-in user of the pages."""

    def __init__(self, user: User) -> None:
        self.user = user

    @property
    def language(self) -> str | None:
        """The language this user chose for the pages, if any (see `tracker.web.i18n.select_locale`)."""
        return self.user.language

    def get_id(self) -> str:
        """What the session keeps: the user's id."""
        return self.user.id

    @property
    def is_active(self) -> bool:
        """A deactivated user cannot sign in, and is signed out on their next request."""
        return self.user.active

    @property
    def email(self) -> str:
        """The user's email."""
        return self.user.email

    @property
    def role(self) -> str:
        """admin, secretariat or evaluator."""
        return self.user.role

    def principal(self) -> Principal:
        """This user as the caller of what the page does."""
        return self.user.principal()


def web_principal() -> Principal:
    """The signed-in user as a principal; ANONYMOUS when nobody is signed in."""
    return current_user.principal() if current_user.is_authenticated else ANONYMOUS


def local_path(target: str | None) -> str | None:
    """`target` when it is a path on this site ("/forums/..."), else None: `next` never leads elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def _home() -> str:
    return url_for("web.public.home")


def landing(user: User) -> str:
    """Where signing in leads without a `next`: the dashboard of the user's forum (an evaluator: the compliance
    page of the forum's latest plan, else its dashboard); with several forums, or all of them (an admin, an
    evaluator granted none), the list of forums, unless there is only one."""
    forums = sorted(user.forums)
    if not forums:
        forums = [f.id for f in records_of(extension.services().projector, "forum")]
    if len(forums) != 1:
        return _home()
    if user.role == "evaluator" and "web.evaluation.compliance" in current_app.view_functions:
        plans = records_of(extension.services().projector, "plan", forum_id=forums[0])
        if plans:
            return url_for("web.evaluation.compliance", plan_id=plans[-1].id)
    return url_for("web.dashboard.dashboard", forum_id=forums[0])


def _fresh_session() -> None:
    """Start a new session on sign-in and sign-out, keeping only the chosen language."""
    language = session.get(SESSION_KEY)
    session.clear()
    if language:
        session[SESSION_KEY] = language


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str:
    """The sign-in form (GET) and signing in (POST: email, password, csrf_token, next)."""
    form = SignInForm()
    error = None
    if request.method == "GET":
        form.next.data = local_path(request.args.get("next")) or ""
        if current_user.is_authenticated:
            return redirect(form.next.data or landing(current_user.user))
    elif form.validate_on_submit():
        services = extension.services()
        user = check_password(services.engine, services.passwords, form.email.data or "", form.password.data or "")
        if user is not None:
            _fresh_session()
            login_user(WebUser(user))
            security_log.signed_in(user.email, user.role)
            return redirect(local_path(form.next.data) or landing(user))
        security_log.sign_in_failed(form.email.data)
        error = _("Wrong email or password.")
    return render_template("web/login.html", form=form, error=error)


@bp.route("/logout", methods=["GET", "POST"])
def logout() -> Response | str:
    """A page with the sign-out button (GET); signing out (POST, with its CSRF token)."""
    form = SignOutForm()
    if request.method == "POST" and form.validate_on_submit():
        if current_user.is_authenticated:
            security_log.signed_out(current_user.email)
        logout_user()
        _fresh_session()
        return redirect(_home())
    return render_template("web/logout.html", form=form)


def _load_user(user_id: str) -> WebUser | None:
    user = get_user_by_id(extension.services().engine, user_id)
    return WebUser(user) if user is not None and user.active else None


def _to_sign_in() -> Response:
    here = request.path + ("?" + request.query_string.decode("utf-8", "replace") if request.query_string else "")
    return redirect(url_for("web.auth.login", next=here))


def init_app(app: Flask) -> None:
    """Flask-Login for `app`: sessions name users by id, and are dropped when the client changes."""
    manager = LoginManager(app)
    manager.session_protection = "strong"
    manager.user_loader(_load_user)
    manager.unauthorized_handler(_to_sign_in)

    @app.context_processor
    def _signed_in() -> dict:
        return {"sign_out_form": SignOutForm() if current_user.is_authenticated else None}
