"""Section 1 of the inception report: the minimum requirements (1.1 to 1.4)."""
from __future__ import annotations

from typing import Any

from events import RecordedEvent
from tracker.compliance.check import MINIMUM, Check, Message, evidence, non_governmental, say
from tracker.compliance.snapshot import Snapshot
from tracker.domain.plan import Endorsement
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
    signatories, signatures = _signatories(snap, standing)
    changed, revisions = _changed_since(snap, standing)
    details = {"endorsement_id": standing.id, "endorsed_on": standing.endorsed_on.isoformat(),
               "signers": len(sectors), "governmental_signers": government, "non_governmental_signers": others,
               **signatures, "changed_since_endorsement": changed}
    proof = evidence([snap.last(plan.id, "PlanEndorsed", endorsement_id=standing.id)], revisions)
    after = _after_reasons(changed)
    if government and others:
        return Check("1.4", MINIMUM, "yes", [say("1.4.yes", on=standing.endorsed_on, gov=government,
                                                 ngo=others), *signatories, *after], proof, details)
    side = "1.4.only_government" if government else "1.4.only_others"
    reason = say("1.4.unsigned") if not sectors else say(side, on=standing.endorsed_on)
    return Check("1.4", MINIMUM, "unclear", [reason, *signatories, *after], proof, details)


def _signatories(snap: Snapshot, standing: Endorsement) -> tuple[list[Message], dict[str, Any]]:
    """The signers' organizations against the members on the day of the endorsement and, when it names a
    session, against the organizations present at it."""
    roster, day = snap.forum or snap.settings, standing.endorsed_on
    signing = {roster.representatives[r].organization_id for r in standing.signed_by if r in roster.representatives}
    members = sorted((o for o in roster.organizations.values() if o.member_on(day)), key=lambda o: o.name)
    unsigned = [o.name for o in members if o.id not in signing]
    found: dict[str, Any] = {"member_organizations": len(members),
                             "signing_organizations": len([o for o in members if o.id in signing]),
                             "members_not_signing": unsigned}
    reasons = [say("1.4.members", signed=found["signing_organizations"], of=len(members))] if members else []
    if unsigned:
        reasons.append(say("1.4.unsigned_members", names=unsigned))
    session = next((s for s in snap.sessions if s.id == standing.session_id), None)
    if session is not None and session.attendance:
        present = {a["organization_id"] for a in session.attendance if a.get("organization_id")}
        absent = sorted(roster.organizations[o].name for o in present - signing if o in roster.organizations)
        found.update(session_id=session.id, organizations_present=len(present),
                     present_not_signing=absent)
        reasons.append(say("1.4.present", session=session.title, n=len(present),
                           signed=len(present & signing)))
        if absent:
            reasons.append(say("1.4.present_unsigned", names=absent))
    return reasons, found


def _changed_since(snap: Snapshot, standing: Endorsement) -> tuple[list[dict[str, Any]], list[RecordedEvent]]:
    """The plan's commitments whose text changed since the forum endorsed it, or that it did not hold, with the
    revisions and amendments (or drafts) that did it."""
    changed, proof = [], []
    for n, c in snap.commitments:
        endorsed = standing.commitment_revisions.get(c.id)
        if not c.differs_from_endorsed(endorsed):
            continue
        proof += (snap.events(c.id, "CommitmentDrafted") if endorsed is None else
                  [e for e in snap.events(c.id, "CommitmentRevised") + snap.events(c.id, "CommitmentAmended")
                   if e.data["revision"] > endorsed and e.data["changes"]])
        changed.append({"commitment_id": c.id, "number": n, "title": c.title, "endorsed_revision": endorsed,
                        "revision": c.revision,
                        "fields": c.fields_changed_since(endorsed) if endorsed is not None else []})
    return changed, proof


def _after_reasons(changed: list[dict[str, Any]]) -> list[Message]:
    if not changed:
        return []
    names = [f"{c['number']}. {c['title']}" for c in changed]
    return [say("1.4.changed", n=len(changed), commitments=names)]


def checks(snap: Snapshot) -> list[Check]:
    """Section 1, in the template's order."""
    return [forum_exists(snap), multi_stakeholder(snap), met_with_civil_society(snap), endorsed(snap)]
