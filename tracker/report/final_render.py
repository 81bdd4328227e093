"""The final report in HTML (standalone, printable on A4, the inception report's styles) and as a PDF made from
that HTML."""
from __future__ import annotations

from functools import partial
from typing import Any

from tracker.report.final_words import FINAL_HEADINGS
from tracker.report.pdf import html_to_pdf
from tracker.report.render import environment, known_at_words
from tracker.report.words import figure


def to_final_html(report: dict[str, Any]) -> str:
    """The final report as a standalone HTML page (no external resources), styled to print on A4."""
    lang = report["language"]
    h = FINAL_HEADINGS[lang]
    return environment().get_template("report/final.html").render(
        number=partial(figure, lang=lang), report=report, h=h, known_at=known_at_words(report),
        page_footer=f"{h['title']} ({h['draft_short']})" if report.get("draft") else h["title"])


def to_final_pdf(report: dict[str, Any]) -> bytes:
    """The final report as PDF bytes, from `to_final_html` (raises `PdfUnavailable` where it cannot be made)."""
    return html_to_pdf(to_final_html(report))
