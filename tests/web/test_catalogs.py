"""The message catalogs: every message of the pages has its Spanish, and the catalogs compile where they can."""
from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest
from babel.messages.checkers import python_format
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from flask import Flask
from flask_login import LoginManager

from tracker.web import i18n

ROOT = Path(__file__).resolve().parents[2]
SPANISH = i18n.CATALOGS / "es" / "LC_MESSAGES" / "messages.po"
METHODS = [("tracker/web/**.py", "python"), ("tracker/templates/web/**.html", "jinja2")]


def spanish():
    with SPANISH.open("rb") as f:
        return read_po(f)


def extracted() -> set:
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, METHODS, keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def test_every_message_of_the_pages_is_translated_into_spanish():
    catalog = spanish()
    missing = []
    for msgid in extracted():
        entry = catalog.get(msgid)
        strings = entry.string if entry is not None and isinstance(entry.string, tuple) else (entry and entry.string,)
        if entry is None or "fuzzy" in entry.flags or not all(strings):
            missing.append(msgid)
    assert missing == [], "run pybabel extract/update (see babel.cfg) and translate these"


def test_translations_keep_the_placeholders_of_the_english():
    catalog = spanish()
    for message in catalog:
        if message.id and message.python_format:
            python_format(catalog, message)  # raises TranslationError on a mismatch


def test_the_package_carries_the_catalogs():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["tracker"]
    assert any(SPANISH.relative_to(ROOT / "tracker").match(p) for p in patterns)


def copy_of_catalogs(tmp_path: Path) -> Path:
    source = tmp_path / "translations"
    shutil.copytree(i18n.CATALOGS, source, ignore=shutil.ignore_patterns("*.mo"))
    return source


def test_catalogs_compile_next_to_the_po_and_again_when_it_changes(tmp_path):
    source = copy_of_catalogs(tmp_path)
    assert i18n.ready_catalogs(str(tmp_path / "instance"), source) == source
    mo = source / "es" / "LC_MESSAGES" / "messages.mo"
    assert mo.exists()
    os.utime(mo, (1_000_000, 1_000_000))  # older than the .po: compiled again
    i18n.ready_catalogs(str(tmp_path / "instance"), source)
    assert mo.stat().st_mtime > 1_000_000


def test_catalogs_compile_into_the_instance_folder_when_the_package_is_read_only(tmp_path, monkeypatch):
    source = copy_of_catalogs(tmp_path)
    compile_one = i18n._compile

    def read_only_package(po: Path, mo: Path) -> None:
        if source in mo.parents:
            raise PermissionError(13, "Permission denied", str(mo))
        compile_one(po, mo)

    monkeypatch.setattr(i18n, "_compile", read_only_package)
    place = i18n.ready_catalogs(str(tmp_path / "instance"), source)
    assert place == tmp_path / "instance" / "translations"
    assert (place / "es" / "LC_MESSAGES" / "messages.mo").exists()
    assert not (source / "es" / "LC_MESSAGES" / "messages.mo").exists()


@pytest.mark.parametrize("accept, expected", [("es-PE,es;q=0.9", "es"), ("fr-FR,fr;q=0.9", "en"), ("", "en")])
def test_the_browser_language_decides_when_nothing_else_does(accept, expected):
    app = Flask(__name__)
    app.secret_key = "test"
    LoginManager(app).user_loader(lambda user_id: None)
    with app.test_request_context("/", headers={"Accept-Language": accept}):
        assert i18n.select_locale() == expected


def test_spanish_quotes_with_angle_quotes_as_the_rest_of_the_catalog():
    """Spanish pages quote «así» (the catalog's convention), never with the English “curly quotes”."""
    english_quotes = []
    for message in spanish():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and any("“" in s or "”" in s for s in strings):
            english_quotes.append(message.id)
    assert english_quotes == []
