"""Section 2 of the inception report: the recommended practices (2.1 to 2.5; 2.6 in `inclusion`)."""
from __future__ import annotations

from tracker.compliance.check import PRACTICES, Check, evidence, non_governmental, say
from tracker.compliance.inclusion import inclusive
from tracker.compliance.snapshot import Snapshot
from tracker.domain.forum import DEFAULT_POLICY
from tracker.domain.time import add_months, local_day

#: The form's "at least every four months".
PUBLICATION_MONTHS = 4


def webpage(snap: Snapshot) -> Check:
    """2.1: an OGP webpage, and from it to the end of W (or as_of) no gap over 4 months between publications."""
    plan = snap.plan
    published = sorted(plan.publications, key=lambda p: (p.published_on, p.id))
    pages = [p for p in published if p.kind == "ogp_webpage"]
    if not pages:
        return Check("2.1", PRACTICES, "no", [say("2.1.none")])
    start = pages[0].published_on
    end = max(snap.window_end, start)
    chain = [p for p in published if start <= p.published_on <= end]
    days = [p.published_on for p in chain] + [end]
    gaps = [{"from": a.isoformat(), "to": b.isoformat(), "days": (b - a).days}
            for a, b in zip(days, days[1:], strict=False) if b > add_months(a, PUBLICATION_MONTHS)]
    proof = evidence(snap.last(plan.id, "PublicationMade", publication_id=p.id) for p in chain)
    details = {"first_published_on": start.isoformat(), "until": end.isoformat(), "publications": len(chain),
               "gaps": gaps}
    if gaps:
        return Check("2.1", PRACTICES, "unclear", [say("2.1.gap", on=start, n=len(gaps), until=end)], proof,
                     details)
    return Check("2.1", PRACTICES, "yes", [say("2.1.yes", on=start, n=len(chain), until=end)], proof, details)


def advance_notice(snap: Snapshot) -> Check:
    """2.2: every held session in W announced at least N days (policy; default 7) before, with a material then:
    on the announcement, or a `materials` publication naming the session published at least N days before.

    N is the `advance_notice_days` in force on the day the session was held (the forum as known: its amendments
    included); the details and the explanation name the value in force on the reference day, and a late session
    judged by another value names its own."""
    rules = snap.settings  # the forum as known: policy_on merges our defaults under its policy
    days = int(rules.policy_on(snap.reference_day)["advance_notice_days"])
    policy = say("policy.notice", days=days, default=DEFAULT_POLICY["advance_notice_days"])
    held = snap.held_in_window()
    if not held:
        return Check("2.2", PRACTICES, "no", [say("2.2.no_sessions")], details={"advance_notice_days": days})
    timely, late, proof = 0, [], []
    for s in held:
        day, notice = snap.held_day(s), s.announcement
        needed = int(rules.policy_on(day)["advance_notice_days"])
        before = (day - notice["announced_on"]).days if notice else None
        proof.append(snap.last(s.id, "SessionAnnounced") if notice else snap.last(s.id, "SessionHeld"))
        announced = notice["materials"] if notice else []
        published = [p for p in snap.plan.publications if p.kind == "materials" and p.session_id == s.id
                     and (day - p.published_on).days >= needed]
        if notice is not None and (announced or published) and before is not None and before >= needed:
            timely += 1
            if not announced:
                proof.append(snap.last(snap.plan.id, "PublicationMade", publication_id=published[0].id))
            continue
        row = {"session_id": s.id, "title": s.title, "held_on": day.isoformat(),
               "announced_on": notice["announced_on"].isoformat() if notice else None,
               "days_before": before, "materials": len(announced) + len(published)}
        if needed != days:  # judged by the rule in force on its day, not the reference day's
            row["advance_notice_days"] = needed
        late.append(row)
    details = {"advance_notice_days": days, "held_in_window": len(held), "not_announced_in_time": late}
    if not late:
        return Check("2.2", PRACTICES, "yes", [say("2.2.yes", n=len(held)), policy], evidence(proof), details)
    answer = "unclear" if timely else "no"
    return Check("2.2", PRACTICES, answer, [say(f"2.2.{answer}", n=len(late), of=len(held)), policy],
                 evidence(proof), details)


def public_input(snap: Snapshot) -> Check:
    """2.3: public input in W (a consultation open, or a contribution from outside the forum) and every held
    session in W with its minutes published."""
    plan, ref = snap.plan, snap.reference_day
    consultations = [c for c in snap.consultations if c.opens_on <= min(plan.cocreation_ends_on, ref)
                     and c.closes_on >= plan.cocreation_starts_on]
    public = [c for c in snap.contributions if c.author.get("kind") == "public" and snap.in_window(c.received_on)]
    held = snap.held_in_window()
    by_then = min(plan.cocreation_ends_on, ref)  # minutes count when published during co-creation
    minutes = {p.session_id: p for p in plan.publications if p.kind == "minutes" and p.session_id
               and p.published_on <= by_then}
    on_record = {s.id for s in held if s.id not in minutes and s.minutes and s.minutes.get("published_on")
                 and s.minutes["published_on"] <= by_then}
    unminuted = [s for s in held if s.id not in minutes and s.id not in on_record]
    open_input = bool(consultations or public)
    minuted = "all" if held and not unminuted else "some" if len(unminuted) < len(held) else "none"
    proof = evidence(
        (snap.last(c.id, "ConsultationOpened") for c in consultations),
        (snap.last(c.id, "ContributionReceived") for c in public),
        (snap.last(plan.id, "PublicationMade", publication_id=minutes[s.id].id) for s in held if s.id in minutes),
        (snap.last(s.id, "MinutesRecorded") for s in held if s.id in on_record),
        (snap.last(s.id, "SessionHeld") for s in unminuted))
    details = {"consultations": [c.id for c in consultations], "public_contributions": [c.id for c in public],
               "held_in_window": len(held),
               "sessions_without_published_minutes": [
                   {"session_id": s.id, "title": s.title, "held_on": snap.held_day(s).isoformat()}
                   for s in unminuted]}
    reasons = [say("2.3.input", consultations=len(consultations), public=len(public)) if open_input
               else say("2.3.no_input"),
               say(f"2.3.minutes_{minuted}", n=len(held) - len(unminuted), of=len(held))]
    if open_input and minuted == "all":
        answer = "yes"
    elif open_input or minuted != "none":
        answer = "unclear"
    else:
        answer = "no"
    return Check("2.3", PRACTICES, answer, reasons, proof, details)


def feedback(snap: Snapshot) -> Check:
    """2.4: every contribution received in W has a reasoned response and a written communication of it, both
    during co-creation (feedback sent after W ends did not report back during the creation of the plan)."""
    received = sorted((c for c in snap.contributions if snap.in_window(c.received_on)),
                      key=lambda c: (c.received_on, c.received_position))
    if not received:
        return Check("2.4", PRACTICES, "no", [say("2.4.none")], details={"contributions": 0, "waiting": []})
    ends = snap.plan.cocreation_ends_on
    answered = [c for c in received if c.response is not None and c.response.responded_on <= ends]
    waiting, proof = [], []
    for c in received:
        responded = c.response is not None and c.response.responded_on <= ends
        written = {m.version for m in c.communications if m.written and m.communicated_on <= ends}
        if responded:
            proof += [snap.last(c.id, "ContributionResponded")]
        proof += [e for e in snap.events(c.id, "ResponseCommunicated") if e.stream_version in written]
        if not responded or not written:
            missing = "response" if not responded else "written_communication"
            waiting.append({"contribution_id": c.id, "received_on": c.received_on.isoformat(), "missing": missing})
            proof.append(snap.last(c.id, "ContributionReceived"))
    details = {"contributions": len(received), "responded": len(answered), "waiting": waiting}
    later = [c for c in received if any(m.written and m.communicated_on > ends for m in c.communications)
             and not any(m.written and m.communicated_on <= ends for m in c.communications)]
    after = [say("2.4.after_window", n=len(later), ends=ends)] if later else []
    if not answered:
        return Check("2.4", PRACTICES, "no", [say("2.4.no_response", n=len(received)), *after], evidence(proof),
                     details)
    if waiting:
        return Check("2.4", PRACTICES, "unclear", [say("2.4.unclear", n=len(waiting), of=len(received)), *after],
                     evidence(proof), details)
    return Check("2.4", PRACTICES, "yes", [say("2.4.yes", n=len(received))], evidence(proof), details)


def shared_ownership(snap: Snapshot) -> Check:
    """2.5: two held sessions in W with non-governmental attendance, an agenda item proposed by a
    non-governmental organization, and a commitment drafted or revised from a contribution."""
    held = snap.held_in_window()
    attended = [s for s in held if any(non_governmental(a.get("sector")) for a in s.attendance)]
    roster = snap.forum or snap.settings
    proposals = [(s, item) for s in held for item in s.agenda
                 if item.get("proposed_by_organization") in roster.organizations
                 and non_governmental(roster.organizations[item["proposed_by_organization"]].sector)]
    from_input = []  # drafts and revisions during co-creation that name the contributions behind them
    for _, c in snap.commitments:
        shaped = snap.events(c.id, "CommitmentDrafted") + snap.events(c.id, "CommitmentRevised")
        from_input += [e for e in shaped if e.data["from_contributions"] and snap.in_window(local_day(
            e.occurred_at, snap.tz))]
    parts = {"sessions": len(attended) >= 2, "agenda": bool(proposals), "contributions": bool(from_input)}
    met = sum(parts.values())
    answer = "yes" if met == 3 else "unclear" if met else "no"
    reasons = [say(f"2.5.sessions_{'yes' if parts['sessions'] else 'no'}", n=len(attended)),
               say(f"2.5.agenda_{'yes' if parts['agenda'] else 'no'}", n=len(proposals)),
               say(f"2.5.contributions_{'yes' if parts['contributions'] else 'no'}", n=len(from_input))]
    proof = evidence((snap.last(s.id, "SessionHeld") for s in attended),
                     (snap.last(s.id, "SessionScheduled") for s, _ in proposals), from_input)
    details = {"sessions_with_non_governmental_attendance": [s.id for s in attended],
               "agenda_items_proposed_by_non_governmental": [
                   {"session_id": s.id, "title": item["title"],
                    "organization": roster.organizations[item["proposed_by_organization"]].name}
                   for s, item in proposals],
               "commitments_from_contributions": sorted({e.stream_id for e in from_input})}
    return Check("2.5", PRACTICES, answer, reasons, proof, details)


def checks(snap: Snapshot) -> list[Check]:
    """Section 2, in the template's order."""
    return [webpage(snap), advance_notice(snap), public_input(snap), feedback(snap), shared_ownership(snap),
            inclusive(snap)]
