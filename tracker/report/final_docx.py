"""The final report as a Word document (.docx, A4), in the order of its HTML and Markdown: the draft notice, the
overview, each commitment's implementation (completion computed and assessed, milestones, evidence of progress as
hyperlinks, the end-of-commitment assessment, the amendments beside the endorsed text), co-creation during
implementation, the final assessment, the recommendations with what became of them, the evidence annex and the log
position and head hash. Built with the inception report's `Writer` blocks (headings, tables, links, annex)."""
from __future__ import annotations

from typing import Any

from tracker.report.docx_file import Writer, clean
from tracker.report.final_words import FINAL_HEADINGS
from tracker.report.render import known_at_words
from tracker.report.words import evaluator_names

__all__ = ["to_final_docx"]


class _FinalWriter(Writer):
    def __init__(self, report: dict[str, Any]) -> None:
        super().__init__(report)
        self.h = FINAL_HEADINGS[self.lang]

    def write(self) -> bytes:
        self.setup()
        h, report = self.h, self.report
        self.doc.add_heading(clean(h["title"]), 0)
        self.paragraph(report.get("title"))
        if report.get("draft"):
            notice = self.doc.add_paragraph()
            notice.add_run(clean(report.get("draft_notice"))).bold = True
            self.paragraph(report.get("draft_detail"))
        self.final_overview()
        self.heading(h["implementation"], 1)
        for commitment in report.get("commitments") or []:
            self.implementation(commitment)
        if not report.get("commitments"):
            self.paragraph(h["none"])
        self.heading(h["cocreation"], 1)
        self.paragraph(h["cocreation_intro"])
        for check in report.get("cocreation") or []:
            self.check(check)
            self.bullets([f"{n}. {fact}" for n, fact in zip(check["evidence_refs"], check.get("facts") or [],
                                                            strict=False)])
        self.final_assessment()
        self.follow_up()
        self.annex()
        return self.close()

    def final_overview(self) -> None:
        h, o = self.h, self.report["overview"]
        self.heading(h["overview"], 1)
        evaluators = evaluator_names(o.get("evaluators") or [], h["no_evaluators"])
        for label, value in ((h["member"], o.get("member")), (h["forum"], o.get("forum")), (h["plan"], o.get("plan")),
                             (h["period"], o["period"]["words"]), (h["evaluators"], evaluators),
                             (h["reference"], o["reference"]["sentence"]),
                             (h["known_at"], known_at_words(self.report)), (h["time_zone"], o["time_zone"]["words"])):
            self.paragraph(value or "—", label)

    def links(self, items: list[dict[str, Any]]) -> None:
        for d in items:
            p = self.doc.add_paragraph(style="List Bullet")
            if d.get("kind") == "unknown":
                p.add_run(clean(d.get("kind_label")))
                continue
            p.add_run(f"{clean(d.get('kind_label'))}: ")
            self.link(p, d.get("title"), d.get("url"))
            if d.get("date"):
                p.add_run(f" ({clean(d['date'])})")

    def bullets(self, texts: list[Any]) -> None:
        for text in texts:
            self.doc.add_paragraph(clean(text), style="List Bullet")

    def implementation(self, c: dict[str, Any]) -> None:
        h = self.h
        self.heading(f"{int(c['number'])}. {clean(c.get('title'))}", 2)
        completion, a = c["completion"], c.get("end_assessment")
        self.paragraph(f"{completion['label']} — {completion['sentence']}", h["completion_computed"])
        self.paragraph(a["completion_label"] if a else h["not_end_assessed"], h["completion_assessed"])
        if c.get("milestones"):
            rows = []
            for m in c["milestones"]:
                last = m.get("last_report")
                rows.append([m.get("title"), m.get("due"),
                             m["status_label"] + (f" ({h['overdue']})" if m.get("overdue") else ""),
                             f"{last['summary']} ({last['reported']})" if last else "—"])
            self.table([h["milestone"], h["due"], h["status"], h["last_report"]], rows)
        if c.get("note"):
            note = c["note"]
            self.paragraph(f"{note['status_label']} — {note['summary']} ({note['reported']})", h["note"])
        self.heading(h["progress_evidence"], 3)
        self.links(c.get("evidence") or [])
        if not c.get("evidence"):
            self.paragraph(h["no_progress_evidence"])
        self.evidence(self.doc.add_paragraph(), c.get("progress_refs") or [])
        self.heading(h["end_assessment"], 3)
        if a:
            self.paragraph(f"{a['completion_label']} ({h['assessed']} {a['assessed']})", h["completion_assessed"])
            if a.get("early_results"):
                self.doc.add_paragraph().add_run(clean(h["early_results"])).bold = True
                self.table([h["value"], h["rating"]], [[r["value_label"], r["rating_label"]]
                                                      for r in a["early_results"]])
            self.paragraph(a.get("explanation"), h["explanation"])
            self.references(a.get("references") or [])
            if a.get("recommendations"):
                self.doc.add_paragraph().add_run(f"{clean(h['recommendations'])}:").bold = True
                self.bullets(a["recommendations"])
            self.evidence(self.doc.add_paragraph(), a.get("evidence_refs") or [])
        else:
            self.paragraph(h["not_end_assessed"])
        self.amendments(c)

    def amendments(self, c: dict[str, Any]) -> None:
        h = self.h
        self.heading(h["amendments"], 3)
        if c.get("endorsed_text"):
            self.paragraph(c["endorsed_text"].get("title"), h["endorsed_text"])
            self.text(c["endorsed_text"])
        for m in c.get("amendments") or []:
            self.doc.add_paragraph().add_run(clean(m["heading"])).bold = True
            self.paragraph(m.get("reason"), h["reason"])
            self.paragraph(m.get("approved_words"), h["approved_in"])
            self.doc.add_paragraph().add_run(f"{clean(h['what_changed'])}:").bold = True
            self.bullets([f"{ch['field_label']}: {ch['value']}" for ch in m.get("changes") or []])
            self.evidence(self.doc.add_paragraph(), m.get("evidence_refs") or [])
        if not c.get("amendments"):
            self.paragraph(h["no_amendments"])
        if c.get("endorsed_text"):
            self.paragraph(c["text"].get("title"), h["current_text"])
            self.text(c["text"])

    def final_assessment(self) -> None:
        h, f = self.h, self.report.get("final_assessment")
        self.heading(h["final_assessment"], 1)
        if not f:
            self.paragraph(h["no_final_assessment"])
            return
        self.paragraph(f["assessed"], h["assessed"])
        self.paragraph(f["summary"], h["summary"])
        if f.get("recommendations"):
            self.doc.add_paragraph().add_run(f"{clean(h['recommendations'])}:").bold = True
            self.bullets(f["recommendations"])
        self.evidence(self.doc.add_paragraph(), f.get("evidence_refs") or [])

    def follow_up(self) -> None:
        h = self.h
        self.heading(h["follow_up"], 1)
        self.paragraph(h["follow_up_intro"])
        for r in self.report.get("recommendations") or []:
            self.doc.add_paragraph().add_run(clean(r["text"])).bold = True
            self.paragraph(f"{r['source_label']}; {h['about']}: {r['about']}", h["made_in"])
            self.bullets([a["sentence"] for a in r.get("answers") or []] or [r.get("status")])
        if not self.report.get("recommendations"):
            self.paragraph(h["no_recommendations"])


def to_final_docx(report: dict[str, Any]) -> bytes:
    """The final report as a .docx (A4, 20 mm margins), in the report's language."""
    return _FinalWriter(report).write()
