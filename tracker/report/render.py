"""The report in HTML (standalone, printable on A4; the PDF is made from it), and the inception template question
by question for the form view (`form_items`). The Markdown is `tracker.report.markdown`."""
from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime
from functools import cache, partial
from typing import Any

from babel.numbers import format_decimal
from jinja2 import Environment, PackageLoader, select_autoescape

from tracker.report.content import HEADINGS
from tracker.report.words import ANSWERS, moment, pick


def instant(text: str) -> str:
    """An ISO instant to the minute in UTC (kept for templates that need one; the report itself writes forum time)."""
    moment_ = datetime.fromisoformat(text).astimezone(UTC)
    return moment_.strftime("%Y-%m-%d %H:%M UTC")


#: Phrases the HTML report and the form view need that `HEADINGS` does not have (yet): HEADINGS wins when it has
#: the key, so adding them to `tracker/report/words.py` needs no change here.
EXTRA: dict[str, dict[str, str]] = {
    "en": {"question": "Question", "time_zone": "Time zone", "number": "No.", "not_assessed": "Not assessed yet",
           "record": "The record behind this report",
           "assessed": "Assessed on", "from_judgement": "as the evaluator judged it",
           "from_record": "as computed from the record"},
    "es": {"question": "Pregunta", "time_zone": "Zona horaria", "number": "N.º",
           "not_assessed": "Aún sin valoración del evaluador", "record": "El registro en que se basa este informe",
           "assessed": "Valorado el",
           "from_judgement": "según el juicio del evaluador", "from_record": "según el cálculo del registro"},
}


def words(lang: str) -> dict[str, Any]:
    """The headings and phrases of the report in `lang` (HEADINGS, and EXTRA where HEADINGS lacks a key)."""
    return {**EXTRA[lang], **HEADINGS[lang]}


def web_url(value: Any) -> str | None:
    """The address when it is an http(s) one (a link the report may print), else None (printed as text)."""
    text = str(value or "").strip()
    return text if re.match(r"(?i)^https?://", text) else None


def _known_at(report: dict[str, Any]) -> str:
    """When the record was read, in the forum's time zone and in words."""
    known = report.get("known_at")
    if not known:
        return words(report["language"])["now"]
    return moment(known, report["overview"]["time_zone"]["id"], report["language"])


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("tracker", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["instant"] = instant
    env.filters["web_url"] = web_url
    return env


def _yes_no(lang: str) -> dict[bool, str]:
    return {True: pick(ANSWERS["yes"], lang), False: pick(ANSWERS["no"], lang)}


def to_html(report: dict[str, Any]) -> str:
    """The report as a standalone HTML page (no external resources), styled to print on A4."""
    lang = report["language"]
    return _environment().get_template("report/inception.html").render(
        number=partial(format_decimal, locale=lang),
        report=report, h=words(lang), yes_no=_yes_no(lang), known_at=_known_at(report))


def form_items(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every question of the inception template in order (1.1-1.4, 2.1-2.6, then 3.n.1-3.n.5 per commitment),
    each with the option to choose and the text to paste into OGP's online form: the evaluator's judgement when
    there is one (its option, its explanation, then the record's), else the answer computed from the record."""
    h = words(report["language"])
    checks = [*report["sections"]["minimum_requirements"], *report["sections"]["recommended_practices"]]
    groups: list[tuple[dict[str, Any] | None, list[dict[str, Any]]]] = [(None, checks)]
    groups += [(c, c["checks"]) for c in report["commitments"]]
    items = []
    for commitment, group in groups:
        for check in group:
            judgement = check.get("judgement")
            texts = [judgement["explanation"]] if judgement and judgement.get("explanation") else []
            texts.append(check["explanation"])
            recommendations = check.get("recommendations") or (
                (commitment or {}).get("assessment") or {}).get("recommendations")
            if check["id"].endswith(".5") and check["id"].startswith("3.") and recommendations:
                texts.append(recommendations)
            items.append({
                "id": check["id"], "question": check["question"], "commitment": commitment,
                "option": judgement["answer_label"] if judgement else check["answer_label"],
                "answer": judgement["answer"] if judgement else check["answer"],
                "source": h["from_judgement"] if judgement else h["from_record"],
                "text": "\n\n".join(t.strip() for t in texts if t and t.strip())})
    return items
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def html_content_security_policy(html: str) -> str:
    """The Content-Security-Policy the standalone HTML report is served with: nothing loads, no script runs, and
    the only styles allowed are its own <style> blocks, named by their SHA-256 (no 'unsafe-inline')."""
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'"
              for block in _STYLE.findall(html)]
    styles = " ".join(hashes) or "'none'"
    return (f"default-src 'none'; style-src {styles}; img-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
