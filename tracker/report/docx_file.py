"""The inception report as a Word document (.docx, A4), read like an OGP Local inception report.

`to_docx(report)` prints the dict `tracker.report.content.build_report` makes, in its language, in the order
of the Markdown (`tracker.report.markdown`): overview, sections 1 and 2, section 3 per commitment (its text,
the text the forum endorsed when it changed since, each question's computed answer beside the evaluator's
assessment), the standards, the contributions, the evidence annex, and the log position and head hash. Headings
are Word's Heading styles, tables carry a header row, documents and references are hyperlinks (http and https
only) and each answer's evidence numbers link to their entry in the annex.
"""
from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from tracker.report.words import HEADINGS, evaluator_names, figure, in_stage_order, web_address

__all__ = ["Writer", "clean", "to_docx"]

#: Characters XML 1.0 does not allow (Word would refuse the file).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_LANGUAGES = {"es": "es-ES", "en": "en-US"}


def clean(text: Any) -> str:
    """Text from the record as one line Word accepts."""
    if text is None:
        return ""
    return _SPACES.sub(" ", _ILLEGAL.sub("", str(text))).strip()


class Writer:
    """The inception report written into a Word document; its building blocks serve the final report too."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.report = report
        self.lang: str = report["language"] if report.get("language") in HEADINGS else "en"
        self.h: dict[str, Any] = HEADINGS[self.lang]
        self.doc: DocumentObject = Document()
        self.bookmark = 0
        self.annexed = {int(e["number"]) for e in report.get("annex") or []}

    # -- building blocks -------------------------------------------------------------------------------------

    def heading(self, text: str, level: int) -> Paragraph:
        return self.doc.add_heading(clean(text), level)

    def paragraph(self, text: Any = "", label: str | None = None) -> Paragraph:
        p = self.doc.add_paragraph()
        if label:
            p.add_run(f"{clean(label)}: ").bold = True
        if text:
            p.add_run(clean(text))
        return p

    def link(self, paragraph: Paragraph, text: Any, url: Any) -> None:
        """A hyperlink to an http(s) address; other addresses as text."""
        label = clean(text) or clean(url)
        if not web_address(url):
            rest = clean(url)
            paragraph.add_run(f"{label} ({rest})" if rest and rest != label else label)
            return
        r_id = paragraph.part.relate_to(str(url).strip(), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        self._link_run(link, label)
        paragraph._p.append(link)

    def anchor_link(self, paragraph: Paragraph, text: str, anchor: str) -> None:
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor)
        self._link_run(link, text)
        paragraph._p.append(link)

    @staticmethod
    def _link_run(link: Any, text: str) -> None:
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        props.append(color)
        props.append(underline)
        run.append(props)
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)

    def mark(self, paragraph: Paragraph, name: str) -> None:
        """A bookmark around the paragraph's content, for internal links."""
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.bookmark))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self.bookmark))
        self.bookmark += 1
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def table(self, columns: list[Any], rows: list[list[Any]]) -> Table:
        table = self.doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        header = table.rows[0]
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        header._tr.get_or_add_trPr().append(flag)
        for cell, text in zip(header.cells, columns, strict=True):
            cell.paragraphs[0].add_run(clean(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, list(row) + [""] * (len(columns) - len(row)), strict=False):
                cell.paragraphs[0].add_run(clean(value))
        self.doc.add_paragraph()
        return table

    def evidence(self, paragraph: Paragraph, refs: list[Any]) -> None:
        """"Evidence (annex): 3, 7, 12", each number a link to its annex entry."""
        paragraph.add_run(f"{self.h['see_annex']}: ").bold = True
        if not refs:
            paragraph.add_run(self.h["none"])
        for i, ref in enumerate(refs):
            if i:
                paragraph.add_run(", ")
            n = int(ref)
            if n in self.annexed:
                self.anchor_link(paragraph, str(n), f"annex_{n}")
            else:
                paragraph.add_run(str(n))

    # -- the report ------------------------------------------------------------------------------------------

    def write(self) -> bytes:
        self.setup()
        h, report = self.h, self.report
        self.doc.add_heading(clean(h["title"]), 0)
        self.paragraph(report.get("title"))
        self.overview()
        for name in ("minimum_requirements", "recommended_practices"):
            self.heading(h[name], 1)
            for check in report["sections"][name]:
                self.check(check)
        self.heading(h["commitments"], 1)
        for commitment in report.get("commitments") or []:
            self.commitment(commitment)
        if not report.get("commitments"):
            self.paragraph(h["none"])
        self.previous_recommendations()
        self.heading(h["standards"], 1)
        for check in report["sections"].get("standards") or []:
            self.check(check)
        self.contributions()
        self.annex()
        return self.close()

    def close(self) -> bytes:
        """The log position and head hash the report was computed from, and the document's bytes."""
        log = self.report["log"]
        values = {"position": int(log["position"]), "head": str(log["head"])}
        self.paragraph(self.h["log"].format(**values))
        self.paragraph(self.h["verify"].format(**values))
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def setup(self) -> None:
        h, language = self.h, _LANGUAGES.get(str(self.lang), "en-US")
        for section in self.doc.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(20)
            section.top_margin = section.bottom_margin = Mm(20)
        props = self.doc.core_properties
        props.title = clean(f"{h['title']}: {self.report.get('title') or ''}")
        props.subject = clean(self.report["overview"].get("forum"))
        props.language = language
        props.author = ""
        props.comments = ""
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
            if r_pr is not None:
                for old in r_pr.findall(qn("w:lang")):
                    r_pr.remove(old)
                lang = OxmlElement("w:lang")
                lang.set(qn("w:val"), language)
                lang.set(qn("w:eastAsia"), language)
                lang.set(qn("w:bidi"), language)
                r_pr.append(lang)
        self.doc.styles["Normal"].font.size = Pt(10.5)

    def overview(self) -> None:
        h, o = self.h, self.report["overview"]
        self.heading(h["overview"], 1)
        evaluators = evaluator_names(o.get("evaluators") or [], h["no_evaluators"])
        for label, value in ((h["member"], o.get("member")), (h["forum"], o.get("forum")), (h["plan"], o.get("plan")),
                             (h["period"], (o.get("period") or {}).get("words")),
                             (h["window"], (o.get("window") or {}).get("words")), (h["submitted"], o.get("submitted")),
                             (h["evaluators"], evaluators),
                             (h["reference"], (o.get("reference") or {}).get("sentence")),
                             (h["time_zone"], (o.get("time_zone") or {}).get("words"))):
            self.paragraph(value or "—", label)
        self.heading(h["documents"], 2)
        documents = o.get("documents") or []
        for d in documents:
            p = self.doc.add_paragraph(style="List Bullet")
            p.add_run(f"{clean(d.get('kind_label'))}: ")
            self.link(p, d.get("title") or d.get("url"), d.get("url"))
            if d.get("date"):
                p.add_run(f" — {clean(d['date'])}")
        if not documents:
            self.paragraph(h["none"])

    def judgement(self, check: dict[str, Any]) -> None:
        judgement = check.get("judgement")
        if not judgement:
            return
        h = self.h
        text = clean(judgement.get("answer_label"))
        if judgement.get("explanation"):
            text += f" — {clean(judgement['explanation'])}"
        self.paragraph(text, h["judgement"])
        self.references(judgement.get("references") or [])

    def references(self, refs: list[Any]) -> None:
        """"References: a; b", each an http(s) address linked (others as text); nothing when there is none."""
        refs = [r for r in refs if r]
        if refs:
            p = self.doc.add_paragraph()
            p.add_run(f"{self.h['references']}: ").bold = True
            for i, ref in enumerate(refs):
                if i:
                    p.add_run("; ")
                self.link(p, ref, ref)

    def check(self, check: dict[str, Any]) -> None:
        h = self.h
        number_ = "" if str(check["id"]).startswith("S.") else f"{check['id']} "
        self.heading(f"{number_}{clean(check.get('question'))}", 2)
        self.paragraph(check.get("answer_label"), h["answer"])
        self.paragraph(check.get("explanation"), h["explanation"])
        for table in check.get("tables") or []:
            caption = self.doc.add_paragraph()
            caption.add_run(clean(table["caption"])).bold = True
            self.table(table["columns"], table["rows"])
        self.evidence(self.doc.add_paragraph(), check.get("evidence_refs") or [])
        if check.get("recommendations"):
            self.paragraph(check["recommendations"], h["recommendations"])
        self.judgement(check)

    def text(self, text: dict[str, Any]) -> None:
        h = self.h
        for key, field in (("problem", "problem"), ("description", "description"), ("lead", "lead_institution")):
            self.paragraph(text.get(field) or h["none"], h[key])
        self.paragraph(text.get("ogp_values_words") or h["none"], h["values"])
        milestones = text.get("milestones") or []
        self.doc.add_paragraph().add_run(clean(h["milestones"])).bold = True
        if milestones:
            self.table([h["milestone"], h["deliverable"], h["due"]],
                       [[m.get("title") or "—", m.get("deliverable") or "—", m.get("due") or h["no_due"]]
                        for m in milestones])
        else:
            self.paragraph(h["none"])

    def commitment(self, commitment: dict[str, Any]) -> None:
        h = self.h
        self.heading(f"{int(commitment['number'])}. {clean(commitment.get('title'))}", 2)
        if commitment.get("text"):
            self.text(commitment["text"])
        changed = commitment.get("changed_since_endorsement")
        if changed:
            self.paragraph(changed.get("sentence"), h["changed"])
            if changed.get("endorsed_text"):
                self.heading(h["endorsed_text"], 3)
                self.paragraph(changed["endorsed_text"].get("title"), h["field_names"]["title"].capitalize())
                self.text(changed["endorsed_text"])
        assessment = commitment.get("assessment")
        checks = commitment.get("checks") or []
        table = self.table([h["question"], h["computed"], h["assessment"]], [])
        for check in checks:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(f"{check['id']} {clean(check.get('question'))}")
            p = cells[1].paragraphs[0]
            p.add_run(clean(check.get("answer_label"))).bold = True
            if check.get("irm_label"):
                p.add_run(f" ({h['irm']}: {clean(check['irm_label'])})")
            if check.get("explanation"):
                p.add_run(f" — {clean(check['explanation'])}")
            self.evidence(cells[1].add_paragraph(), check.get("evidence_refs") or [])
            cells[2].paragraphs[0].add_run(clean(check.get("assessment_label") or "—"))
        for check in checks:
            if check.get("judgement"):
                self.doc.add_paragraph().add_run(str(check["id"])).bold = True
                self.judgement(check)
        if assessment:
            self.paragraph(assessment.get("explanation"), f"{h['assessment']} ({clean(assessment.get('assessed'))})")
            self.paragraph(assessment.get("recommendations") or h["none"], h["recommendations"])

    def previous_recommendations(self) -> None:
        """The earlier plans' recommendations with this plan's answers; nothing when there are none."""
        h, items = self.h, self.report.get("previous_recommendations") or []
        if not items:
            return
        self.heading(h["previous_recommendations"], 1)
        self.table([h["recommendation"], h["made_in"], h["this_answer"], h["taken_up_by"]],
                   [[r["text"], r["made_in"], r["answer"] or h["not_answered"], r["commitment"] or "—"]
                    for r in items])

    def contributions(self) -> None:
        h = self.h
        summary = self.report.get("contributions") or {}
        self.heading(h["contributions"], 1)
        self.table([h["status"], h["count"]],
                   [[h["statuses"].get(s, s), str(n)] for s, n in in_stage_order(summary.get("by_status") or {})])
        for key, field in (("days_response", "days_to_response"), ("days", "days_to_written_feedback")):
            spread = summary.get(field) or {}
            median, maximum = (figure(spread.get(k), self.lang, h["none"]) for k in ("median", "maximum"))
            self.doc.add_paragraph(f"{h[key]}: {h['median']} {median}, {h['maximum']} {maximum}", style="List Bullet")
        self.doc.add_paragraph(f"{h['waiting']}: {int(summary.get('waiting') or 0)}", style="List Bullet")
        self.doc.add_paragraph(f"{h['late_contributions']}: {int(summary.get('late') or 0)}", style="List Bullet")

    def annex(self) -> None:
        h = self.h
        zone = (self.report["overview"].get("time_zone") or {}).get("words") or ""
        self.heading(h["annex"], 1)
        self.paragraph(h["annex_intro"].format(zone=zone))
        entries = self.report.get("annex") or []
        table = self.table([h["number"], h["fact"], h["occurred"], h["recorded"],
                            h["position"]], [])
        for entry in entries:
            cells = table.add_row().cells
            n = int(entry["number"])
            first = cells[0].paragraphs[0]
            first.add_run(str(n))
            self.mark(first, f"annex_{n}")
            fact = cells[1].paragraphs[0]
            fact.add_run(clean(entry.get("described")))
            if entry.get("logged_late"):
                fact.add_run(f" ({h['logged_late']})").bold = True
            cells[2].paragraphs[0].add_run(clean(entry.get("occurred")))
            cells[3].paragraphs[0].add_run(clean(entry.get("recorded")))
            position = str(int(entry["position"]))
            if entry.get("link"):
                self.link(cells[4].paragraphs[0], position, entry["link"])
            else:
                cells[4].paragraphs[0].add_run(position)


def to_docx(report: dict[str, Any]) -> bytes:
    """The inception report as a .docx (A4, 20 mm margins), in the report's language."""
    return Writer(report).write()
