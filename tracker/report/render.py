"""The report in HTML (standalone, printable on A4; the PDF is made from it), and the inception template question
by question for the form view (`form_items`). The Markdown is `tracker.report.markdown`."""
from __future__ import annotations

import base64
import hashlib
import re
from functools import cache, partial
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from tracker.report.words import HEADINGS, figure, moment, web_address


def known_at_words(report: dict[str, Any]) -> str:
    """When the record was read, in the forum's time zone and in words."""
    known = report.get("known_at")
    if not known:
        return HEADINGS[report["language"]]["now"]
    return moment(known, report["overview"]["time_zone"]["id"], report["language"])


@cache
def environment() -> Environment:
    """The reports' templates (tracker/templates/report/), autoescaped, with the `web_url` filter."""
    env = Environment(loader=PackageLoader("tracker", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["web_url"] = web_address
    return env


def to_html(report: dict[str, Any]) -> str:
    """The report as a standalone HTML page (no external resources), styled to print on A4."""
    lang = report["language"]
    return environment().get_template("report/inception.html").render(
        number=partial(figure, lang=lang), report=report, h=HEADINGS[lang], known_at=known_at_words(report))


def form_items(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every question of the inception template in order (1.1-1.4, 2.1-2.6, then 3.n.1-3.n.5 per commitment),
    each with the option to choose and the text to paste into OGP's online form: the evaluator's judgement when
    there is one (its option, its explanation, then the record's), else the answer computed from the record."""
    h = HEADINGS[report["language"]]
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
