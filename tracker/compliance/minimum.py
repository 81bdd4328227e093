"""Section 1 of the inception report: the minimum requirements (1.1 to 1.4)."""
from __future__ import annotations

from tracker.compliance.check import MINIMUM, Check, evidence, non_governmental, say
from tracker.compliance.snapshot import Snapshot
from tracker.domain.session import SessionState


def forum_exists(snap: Snapshot) -> Check:
    """1.1: a forum established on or before the end of W, with at least one member organization."""
    forum, ends = snap.forum, snap.plan.cocreation_ends_on
    if forum is None:
        return Check("1.1", MINIMUM, "no", [say("1.1.none")])
    established = snap.last(forum.id, "ForumEstablished")
    if forum.established_on > ends:
        return Check("1.1", MINIMUM, "no", [say("1.1.after", established_on=forum.established_on, ends=ends)],
                     evidence([established]))
    members = snap.members_in_window()
    if not members:
        return Check("1.1", MINIMUM, "unclear", [say("1.1.no_members", established_on=forum.established_on)],
                     evidence([established]))
    joined = [snap.last(forum.id, "OrganizationJoined", organization_id=o.id) for o in members]
    return Check("1.1", MINIMUM, "yes", [say("1.1.yes", established_on=forum.established_on, n=len(members))],
                 evidence([established], joined))


def multi_stakeholder(snap: Snapshot) -> Check:
    """1.2: during W the members include a governmental and a non-governmental organization."""
    members = snap.members_in_window()
    government = [o for o in members if not non_governmental(o.sector)]
    others = [o for o in members if non_governmental(o.sector)]
    joined = [snap.last(snap.forum.id, "OrganizationJoined", organization_id=o.id)
              for o in members] if snap.forum else []
    details = {"governmental": len(government), "non_governmental": len(others)}
    if government and others:
        return Check("1.2", MINIMUM, "yes", [say("1.2.yes", gov=len(government), ngo=len(others))],
                     evidence(joined), details)
    missing = "1.2.no_government" if others else "1.2.no_others" if government else "1.2.no_members"
    return Check("1.2", MINIMUM, "no", [say(missing)], evidence(joined), details)


def _non_governmental_attendance(s: SessionState) -> int:
    return sum(1 for a in s.attendance if non_governmental(a.get("sector")))


def met_with_civil_society(snap: Snapshot) -> Check:
    """1.3: a held session in W attended by someone of a non-governmental sector."""
    held = snap.held_in_window()
    attended = [s for s in held if _non_governmental_attendance(s)]
    unrecorded = [s for s in held if not s.attendance]
    details = {"held_in_window": len(held), "with_non_governmental_attendance": [s.id for s in attended],
               "without_attendance_recorded": [s.id for s in unrecorded]}

    def records(sessions: list[SessionState]) -> list:
        return evidence(snap.last(s.id, "SessionHeld") for s in sessions)

    if attended:
        return Check("1.3", MINIMUM, "yes", [say("1.3.yes", n=len(attended))], records(attended), details)
    if unrecorded:
        return Check("1.3", MINIMUM, "unclear", [say("1.3.unrecorded", n=len(unrecorded))], records(unrecorded),
                     details)
    reason = say("1.3.government_only", n=len(held)) if held else say("1.3.none")
    return Check("1.3", MINIMUM, "no", [reason], records(held), details)


def endorsed(snap: Snapshot) -> Check:
    """1.4: an endorsement that stands, signed by a governmental and a non-governmental representative."""
    plan = snap.plan
    withdrawn = [e for e in plan.endorsements if not e.standing]
    withdrawals = [snap.last(plan.id, "EndorsementWithdrawn", endorsement_id=e.id) for e in withdrawn]
    standing = plan.standing_endorsement()
    if standing is None:
        reasons = [say("1.4.none")] + ([say("1.4.withdrawn", n=len(withdrawn))] if withdrawn else [])
        given = [snap.last(plan.id, "PlanEndorsed", endorsement_id=e.id) for e in withdrawn]
        return Check("1.4", MINIMUM, "no", reasons, evidence(given, withdrawals))
    sectors = [snap.sector_of(rep) for rep in standing.signed_by]
    government = sum(1 for s in sectors if s == "government")
    others = sum(1 for s in sectors if non_governmental(s))
    details = {"endorsement_id": standing.id, "endorsed_on": standing.endorsed_on.isoformat(),
               "signers": len(sectors), "governmental_signers": government, "non_governmental_signers": others}
    proof = evidence([snap.last(plan.id, "PlanEndorsed", endorsement_id=standing.id)])
    if government and others:
        return Check("1.4", MINIMUM, "yes", [say("1.4.yes", on=standing.endorsed_on, gov=government,
                                                 ngo=others)], proof, details)
    side = "1.4.only_government" if government else "1.4.only_others"
    reason = say("1.4.unsigned") if not sectors else say(side, on=standing.endorsed_on)
    return Check("1.4", MINIMUM, "unclear", [reason], proof, details)


def checks(snap: Snapshot) -> list[Check]:
    """Section 1, in the template's order."""
    return [forum_exists(snap), multi_stakeholder(snap), met_with_civil_society(snap), endorsed(snap)]
