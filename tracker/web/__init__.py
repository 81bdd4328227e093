"""The web pages: server-rendered, in English and Spanish, for the secretariat, evaluators and the public.

`init_app(app)` adds them to an application whose API is already registered: languages (`i18n`), sign-in
(`login`), CSRF, the sign-in rate limit and security headers (`security`), the pages (`pages`) and error pages
(`errors`). Forms that change the record go through `actions` (the API's schemas and commands); the pages'
reads through `tracker.queries` (`*_pages`, `audit_log`, `page_charts`). Addresses: docs/api.md (Pages) and
docs/pages.md.
"""
from __future__ import annotations

from flask import Blueprint, Flask, g
from flask_babel import format_date

from tracker.queries import public_pages
from tracker.web import (
    audit,
    commitments,
    consult,
    contributions,
    errors,
    evaluation,
    formats,
    i18n,
    implementation,
    imports,
    labels,
    links,
    login,
    pages,
    plans,
    roster,
    security,
    sessions,
)


def _signed_in_principal() -> None:
    """On the pages the caller is the signed-in user (the API's callers come with bearer tokens instead)."""
    g.principal = login.web_principal()


def blueprint() -> Blueprint:
    """The pages, under one blueprint `web` (endpoints `web.public.home`, `web.auth.login`, ...)."""
    web = Blueprint("web", __name__)
    web.before_request(i18n.remember_choice)
    web.before_request(i18n.forum_of_request)
    web.before_request(_signed_in_principal)
    children = (
        pages.public, login.bp, pages.secretariat,  # home, a forum's public page, sign-in, the dashboard
        roster.bp, sessions.bp, plans.bp,  # the secretariat's roster, sessions, plan, publications, endorsement
        imports.bp,  # the templates of the sheets the secretariat imports (tracker import)
        contributions.bp, commitments.bp,  # the contributions inbox and the commitments
        implementation.bp,  # the plan's implementation: each commitment's completion, as of a day
        consult.bp,  # the public's contribution form while a consultation is open
        evaluation.bp, audit.bp,  # the evaluator's compliance, judgements, assessments, trail; the audit log
    )
    for child in children:
        web.register_blueprint(child)
    return web


def init_app(app: Flask) -> None:
    """Add the pages to `app`. Every blueprint registered before this call is the bearer-token API, which is
    exempt from CSRF checks (no cookie ever authenticates it); everything registered after is protected."""
    api_blueprints = list(app.blueprints.values())
    limiter = security.init_app(app, api_blueprints)
    i18n.init_app(app)
    login.init_app(app)
    app.register_blueprint(blueprint())
    security.limit_sign_in(app, limiter, "web.auth.login")
    security.limit_anonymous_verification(app, limiter, "events.Verification")
    consult.limit(app, limiter)
    errors.init_app(app)
    app.jinja_env.globals.update(label=labels.label, answer_words=labels.answer_words,
                                 check_number=labels.check_number, check_heading=labels.check_heading,
                                 commitment_field=labels.commitment_field, format_date=format_date,
                                 forum_time=formats.forum_time, zone_words=formats.zone_words,
                                 month_name=formats.month_name, report_url=links.report_url,
                                 final_report_url=links.final_report_url,
                                 handled_at=links.handled_at, forum_charts=pages.forum_charts,
                                 reference_of=public_pages.reference_of)
