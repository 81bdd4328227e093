"""The report in Markdown and in HTML (printable on A4)."""
from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from tracker.report.content import HEADINGS


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _none(value: Any, h: dict[str, Any]) -> str:
    return h["none"] if value is None else str(value)


def _evidence_lines(check: dict[str, Any], h: dict[str, Any]) -> list[str]:
    lines = []
    for e in check.get("evidence", []):
        late = f" ({h['logged_late']})" if e.get("logged_late") else ""
        lines.append(f"  - #{e['position']} {e['type']}, {h['occurred']} {instant(e['occurred_at'])}, "
                     f"{h['recorded']} {instant(e['recorded_at'])}{late}: {_cell(e.get('summary'))}")
    return lines or [f"  - {h['none']}"]


def _check_md(check: dict[str, Any], h: dict[str, Any]) -> list[str]:
    out = [f"### {check['id']} {check['question']}", "",
           f"**{h['answer']}:** {check['answer']}", "", f"**{h['explanation']}:** {check['explanation']}", ""]
    if check.get("indicators"):
        out += [f"**{h['indicators']}:** `{check['indicators']}`", ""]
    out += [f"**{h['evidence']}:**", *_evidence_lines(check, h), ""]
    judgement = check.get("judgement")
    if judgement:
        out += [f"**{h['judgement']}:** {judgement['answer']} — {judgement['explanation']}", ""]
    return out


def to_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown."""
    h = HEADINGS[report["language"]]
    log = report["log"]
    out = [f"# {h['title']}: {report['title']}", "",
           f"- {h['as_of']}: {report['as_of'] or h['now']}", f"- {h['known_at']}: {report['known_at'] or h['now']}",
           f"- {h['log'].format(**log)}", f"- {h['verify'].format(**log)}", ""]
    for name in ("minimum_requirements", "recommended_practices"):
        out += [f"## {h[name]}", ""]
        for check in report["sections"][name]:
            out += _check_md(check, h)
    out += [f"## {h['commitments']}", ""]
    for commitment in report["commitments"]:
        out += [f"### {commitment.get('number', '')}. {commitment['title']}", ""]
        for check in commitment["checks"]:
            out += _check_md(check, h)
    out += [f"## {h['standards']}", ""]
    for check in report["sections"]["standards"]:
        out += _check_md(check, h)
    summary = report["contributions"]
    out += [f"## {h['contributions']}", "", f"| {h['status']} | {h['count']} |", "| --- | --- |"]
    out += [f"| {h['statuses'][status]} | {count} |" for status, count in summary["by_status"].items()]
    out += [""] + [f"- {h[key]}: {h['median']} {_none(summary[field]['median'], h)}, "
                   f"{h['maximum']} {_none(summary[field]['maximum'], h)}"
                   for key, field in (("days_response", "days_to_response"), ("days", "days_to_written_feedback"))]
    out += [f"- {h['waiting']}: {summary['waiting']}", ""]
    return "\n".join(out)


def instant(text: str) -> str:
    """An ISO instant as the report prints it: minutes, in UTC (the JSON keeps the full instant)."""
    moment = datetime.fromisoformat(text).astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("tracker", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["instant"] = instant
    return env


def to_html(report: dict[str, Any]) -> str:
    """The report as a standalone HTML page (no external resources), styled to print on A4."""
    return _environment().get_template("report/inception.html").render(report=report, h=HEADINGS[report["language"]])


_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def html_content_security_policy(html: str) -> str:
    """The Content-Security-Policy the standalone HTML report is served with: nothing loads, no script runs, and
    the only styles allowed are its own <style> blocks, named by their SHA-256 (no 'unsafe-inline')."""
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'"
              for block in _STYLE.findall(html)]
    styles = " ".join(hashes) or "'none'"
    return (f"default-src 'none'; style-src {styles}; img-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
