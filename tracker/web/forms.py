"""The pages' forms (Flask-WTF: each carries its `csrf_token`)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import InputRequired, Length


class SignInForm(FlaskForm):
    """Email and password; `next` is where to go after signing in (a local path only)."""

    email = EmailField(_l("Email"), validators=[InputRequired(_l("Enter your email.")), Length(max=320)],
                       render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password.")),
                                                         Length(max=1024)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class SignOutForm(FlaskForm):
    """A sign-out button: nothing but its CSRF token."""
