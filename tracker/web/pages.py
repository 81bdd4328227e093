"""The public pages (home, a forum's page) and the secretariat's dashboard of a forum."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, render_template
from flask_babel import refresh
from flask_login import login_required

from tracker import extension
from tracker.queries import forum_pages, page_charts
from tracker.web.i18n import current_language
from tracker.web.login import web_principal

public = Blueprint("public", __name__)
secretariat = Blueprint("dashboard", __name__)


def _in_forum_language(forum_id: str) -> None:
    """On a forum's pages the forum's language comes before the browser's (NotFound for an unknown forum)."""
    g.forum_language = forum_pages.forum_language(extension.services(), forum_id)
    refresh()


def forum_charts(forum_id: str) -> dict[str, Any]:
    """The charts of a forum in the page's language, for the templates (`web/_charts.html`, on the forum's
    public page and its dashboard)."""
    return page_charts.forum_charts(extension.services(), forum_id, current_language())


@public.route("/")
def home() -> str:
    """The forums, with links to their pages (and dashboards, for those who may read them)."""
    principal = web_principal()
    forums = forum_pages.forums(extension.services())
    readable = {f.id for f in forums if principal.can_read_full(f.id)}
    return render_template("web/home.html", forums=forums, readable=readable)


@public.route("/forums/<forum_id>")
def forum(forum_id: str) -> str:
    """A forum's public page: what it published, with no personal contact data and no minor's name."""
    _in_forum_language(forum_id)
    page = forum_pages.public_forum(extension.services(), forum_id, current_language())
    return render_template("web/forum.html", page=page, can_read=web_principal().can_read_full(forum_id))


@secretariat.route("/forums/<forum_id>/dashboard")
@login_required
def dashboard(forum_id: str) -> str:
    """The dashboard: for admins, the forum's secretariat, and evaluators who read the forum (read-only)."""
    _in_forum_language(forum_id)
    principal = web_principal()
    if not principal.can_read_full(forum_id):
        abort(403)
    board = forum_pages.dashboard(extension.services(), forum_id, current_language())
    return render_template("web/dashboard.html", board=board, can_write=principal.can_write_forum(forum_id))
