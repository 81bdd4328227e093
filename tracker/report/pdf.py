"""The report as a PDF: the HTML report (`to_html`) laid out on A4 by WeasyPrint.

The document's language comes from the page's `lang` (WeasyPrint writes it as the catalog's /Lang), its title from
<title>, and the fonts used are embedded as subsets. WeasyPrint needs Pango on the system: when it cannot be
imported, `to_pdf` raises `PdfUnavailable`, which the API answers with 503 and a sentence.
"""
from __future__ import annotations

from typing import Any

from tracker.report.render import to_html


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here (WeasyPrint or the system libraries it needs are missing)."""


def to_pdf(report: dict[str, Any]) -> bytes:
    """The report as PDF bytes, from the same HTML as `to_html` (links to http(s) addresses kept)."""
    return html_to_pdf(to_html(report))


def html_to_pdf(html: str) -> bytes:
    """A report's standalone HTML laid out on A4 as PDF bytes (what every report's PDF is made with)."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # OSError: WeasyPrint is installed but Pango is not
        raise PdfUnavailable("The PDF report cannot be made on this server (WeasyPrint or the Pango library it "
                             "needs is not installed); download the HTML report and print it to PDF instead."
                             ) from error
    return weasyprint.HTML(string=html).write_pdf()
