"""Section 3 of the inception report: each commitment (3.n.1 to 3.n.5)."""
from __future__ import annotations

from typing import Any

from events import RecordedEvent
from tracker.compliance.check import Check, evidence, say
from tracker.compliance.snapshot import Snapshot
from tracker.domain.commitment import CommitmentState

SECTION = "commitments"
#: The OGP values that justify relevance; technology and innovation counts only on top of one of them.
CORE_VALUES = ("transparency", "civic_participation", "public_accountability")
#: The IRM's reading of the potential for results.
IRM = {"binding_or_institutionalized": "substantial", "positive_change_not_binding": "modest",
       "unclear": "unclear"}


def _set_by(snap: Snapshot, c: CommitmentState, field_name: str) -> RecordedEvent | None:
    """The event that gave a field its current value: the last revision or amendment that changed it, else the
    draft."""
    changes = snap.events(c.id, "CommitmentRevised") + snap.events(c.id, "CommitmentAmended")
    revised = sorted((e for e in changes if field_name in e.data["changes"]), key=lambda e: e.position)
    return revised[-1] if revised else snap.last(c.id, "CommitmentDrafted")


def verifiable(snap: Snapshot, n: int, c: CommitmentState) -> Check:
    """3.n.1: milestones, each with a deliverable and a due date inside the plan's period."""
    plan, check_id = snap.plan, f"3.{n}.1"
    proof = evidence([_set_by(snap, c, "milestones")])
    if not c.milestones:
        return Check(check_id, SECTION, "no", [say("3.1.none")], proof, {"milestones": 0, "incomplete": []})
    incomplete = []
    for m in c.milestones:
        due = m.get("due_on")
        problems = ([] if (m.get("deliverable") or "").strip() else ["deliverable"]) + (
            ["due_on"] if due is None else [] if plan.period_start <= due <= plan.period_end else ["due_on_outside"])
        if problems:
            incomplete.append({"title": m["title"], "due_on": due.isoformat() if due else None,
                               "problems": problems})
    details = {"milestones": len(c.milestones), "incomplete": incomplete,
               "period": {"start": plan.period_start.isoformat(), "end": plan.period_end.isoformat()}}
    if c.assessment is not None:
        details["evaluator_assessment"] = c.assessment.verifiable
    if incomplete:
        return Check(check_id, SECTION, "unclear", [say("3.1.unclear", n=len(incomplete), of=len(c.milestones),
                                                        start=plan.period_start, end=plan.period_end)],
                     proof, details)
    return Check(check_id, SECTION, "yes", [say("3.1.yes", n=len(c.milestones), start=plan.period_start,
                                                end=plan.period_end)], proof, details)


def relevant(snap: Snapshot, n: int, c: CommitmentState) -> Check:
    """3.n.2: at least one of transparency, civic participation, public accountability."""
    core = [v for v in c.ogp_values if v in CORE_VALUES]
    proof = evidence([_set_by(snap, c, "ogp_values")])
    details: dict[str, Any] = {"ogp_values": list(c.ogp_values)}
    if c.assessment is not None:
        details["evaluator_assessment"] = c.assessment.relevance
    if core:
        return Check(f"3.{n}.2", SECTION, "yes", [say("3.2.yes", values=core)], proof, details)
    reason = say("3.2.technology_only") if c.ogp_values else say("3.2.none")
    return Check(f"3.{n}.2", SECTION, "no", [reason], proof, details)


def _assessed(snap: Snapshot, c: CommitmentState) -> list[RecordedEvent]:
    return evidence([snap.last(c.id, "CommitmentAssessed")])


def kind(snap: Snapshot, n: int, c: CommitmentState) -> Check:
    """3.n.3: the type of commitment, from the evaluator's latest assessment (`unclear` until assessed)."""
    a = c.assessment
    if a is None:
        return Check(f"3.{n}.3", SECTION, "unclear", [say("3.unassessed")])
    return Check(f"3.{n}.3", SECTION, a.commitment_type, [say(f"3.3.{a.commitment_type}")], _assessed(snap, c))


def potential(snap: Snapshot, n: int, c: CommitmentState) -> Check:
    """3.n.4: the potential for results, from the latest assessment, with the IRM's reading; a warning when the
    type and the potential disagree."""
    a = c.assessment
    if a is None:
        return Check(f"3.{n}.4", SECTION, "unclear", [say("3.unassessed")], details={"irm": "unclear"})
    continuation = a.commitment_type == "continuation_of_ongoing_practice"
    irm = "unclear" if continuation else IRM.get(a.potential, "unclear")
    reasons = [say(f"3.4.{a.potential}"), say("3.4.irm", irm=irm)]
    warnings = []
    if continuation and a.potential != "unclear":
        warnings.append("type_potential_disagree")
        reasons.append(say("3.4.disagree"))
    return Check(f"3.{n}.4", SECTION, a.potential, reasons, _assessed(snap, c),
                 {"irm": irm, "commitment_type": a.commitment_type}, extra={"warnings": warnings})


def recommendations(snap: Snapshot, n: int, c: CommitmentState) -> Check:
    """3.n.5: the recommended changes to the commitment's design, from the latest assessment."""
    a = c.assessment
    if a is None:
        return Check(f"3.{n}.5", SECTION, "unclear", [say("3.unassessed")], extra={"recommendations": None})
    text = (a.recommendations or "").strip() or None
    return Check(f"3.{n}.5", SECTION, "yes" if text else "no", [say("3.5.yes" if text else "3.5.no")],
                 _assessed(snap, c), extra={"recommendations": text})


def checks(snap: Snapshot, n: int, c: CommitmentState) -> list[Check]:
    """The five checks of the n-th commitment."""
    return [rule(snap, n, c) for rule in (verifiable, relevant, kind, potential, recommendations)]
