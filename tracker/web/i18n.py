"""Languages of the pages: the message catalogs, compiled at start, and which language a request is shown in.

English is the source language; `tracker/translations/<lang>/LC_MESSAGES/messages.po` holds the others. The
`.po` files are what the repository and the package carry; `ready_catalogs` compiles each into its `.mo` when
that is missing or older, next to it when the package folder is writable, else into the instance folder (else a
fresh temporary folder), so `pip install .` alone gives working translations.

A request's language (`select_locale`): `?lang=` (then remembered in the session), the language remembered in
the session, the signed-in user's choice, the forum's language on a forum's pages, then `Accept-Language`.
"""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, g, request, session
from flask_babel import Babel, get_locale, gettext
from flask_login import current_user

from events.personal import FORGOTTEN
from tracker import extension
from tracker.auth.service import set_language
from tracker.domain.errors import DomainError
from tracker.queries.forum_pages import forum_language

#: The languages the pages are written in; the first is the source language and the last resort.
LANGUAGES = ("en", "es")
#: What the language switch calls each language, in that language.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
CATALOGS = Path(__file__).resolve().parent.parent / "translations"
SESSION_KEY = "lang"

log = logging.getLogger(__name__)


def _stale(po: Path, mo: Path) -> bool:
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def _compile(po: Path, mo: Path) -> None:
    """Write `mo` from `po` atomically (a process reading it never sees half a file); fuzzy entries are left out."""
    with po.open("rb") as source:
        catalog = read_po(source)
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=mo.parent, prefix=".messages-", suffix=".mo")
    try:
        with os.fdopen(fd, "wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        os.replace(partial, mo)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def compile_catalogs(source: Path, target: Path) -> None:
    """Compile every `source/<lang>/LC_MESSAGES/*.po` whose `.mo` under `target` is missing or older."""
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if _stale(po, mo):
            _compile(po, mo)


def ready_catalogs(instance_path: str, source: Path = CATALOGS) -> Path:
    """The folder of compiled catalogs for Flask-Babel: the package's own, else a copy under the instance folder,
    else a temporary folder; compiled there when missing or older than the `.po`."""
    places = [source, Path(instance_path) / "translations"]
    for place in places:
        try:
            compile_catalogs(source, place)
            return place
        except OSError as exc:
            log.info("cannot compile the message catalogs into %s (%s); trying elsewhere", place, exc)
    place = Path(tempfile.mkdtemp(prefix="tracker-translations-"))
    compile_catalogs(source, place)
    return place


def _accepted() -> str | None:
    return request.accept_languages.best_match(LANGUAGES)


def select_locale() -> str:
    """The language of the current request (see the module's docstring for the order)."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    for choice in (session.get(SESSION_KEY), getattr(current_user, "language", None)):
        if choice in LANGUAGES:
            return choice
    if (forum := _forum_language()) in LANGUAGES:
        return str(forum)
    return _accepted() or LANGUAGES[0]


def remember_choice() -> None:
    """Keep a `?lang=` choice in the session, so the next pages are in it too, and for a signed-in user as their
    own choice, so their next sign-in (on any device) starts in it (a `before_request` of the pages)."""
    asked = request.args.get("lang")
    if asked not in LANGUAGES:
        return
    if session.get(SESSION_KEY) != asked:
        session[SESSION_KEY] = asked
    if current_user.is_authenticated and current_user.language != asked:
        set_language(extension.services().engine, current_user.user.id, asked)


def forum_of_request() -> None:
    """Before a page's view runs: note the forum its address names (`forum_id`, or the forum of the plan,
    session, contribution, commitment or consultation it names), whose language `select_locale` reads when the
    page first says something, so that whatever the view says first (a refused form's messages, read before the
    page is) is already in the forum's language. Read then rather than now: a page served again from the cache
    (`tracker.http.served_publicly`) says nothing and reads nothing. An unknown id is left to the view (its
    404)."""
    args = request.view_args or {}
    forum_id = args.get("forum_id")
    if forum_id is None:
        forum_id = next((v for k, v in args.items() if k.endswith("_id") and isinstance(v, str)), None)
        g.forum_named_by = "stream"
    g.forum_of_request = forum_id


def _forum_language() -> str | None:
    """The language of the forum the request's address names (see `forum_of_request`), read once."""
    if "forum_language" in g:
        return str(g.forum_language)
    named = g.pop("forum_of_request", None)
    if not named:
        return None
    services = extension.services()
    forum_id = services.store.tenant_of(named) if g.pop("forum_named_by", None) == "stream" else named
    if not forum_id:
        return None
    try:
        g.forum_language = forum_language(services, forum_id)
    except DomainError:
        return None
    return str(g.forum_language)


def current_language() -> str:
    """The language the current page is rendered in (what `<html lang>` says)."""
    return str(get_locale() or LANGUAGES[0])


def language_url(code: str) -> str:
    """The current page in language `code`: the same path and query, with `lang` set."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.path + "?" + urlencode([*args, ("lang", code)])


def forgotten_in_language(value: Any) -> Any:
    """Every value a page prints, with a forgotten person's name (events.personal.FORGOTTEN) in the page's
    language: the record stores one marker, the pages say "(olvidado)" in Spanish."""
    return gettext("(forgotten)") if value == FORGOTTEN else value


def init_app(app: Flask) -> None:
    """Compile the catalogs if needed and set up Flask-Babel with the locale selector."""
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ready_catalogs(app.instance_path))
    Babel(app, locale_selector=select_locale)

    app.jinja_env.finalize = forgotten_in_language
    app.jinja_env.globals.update(current_language=current_language, language_url=language_url,
                                 language_names=LANGUAGE_NAMES)
