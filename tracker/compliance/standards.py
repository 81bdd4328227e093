"""Beyond the template: the standards a forum lives by (S.cadence, S.six_months, S.alternates,
S.implementation, S.response_time, S.end_assessment), so the secretariat sees trouble coming."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NotRequired, TypedDict

from events import RecordedEvent
from tracker.compliance import reviews
from tracker.compliance.check import STANDARDS, Check, evidence, median, say
from tracker.compliance.snapshot import Snapshot
from tracker.domain.forum import DEFAULT_IMPLEMENTATION_MEETINGS, DEFAULT_RESPONSE_DAYS
from tracker.domain.results import completing_report, end_assessment_due_on
from tracker.domain.time import add_months, local_day
from tracker.domain.vocabulary import FREQUENCIES, REPRESENTATIVE_ROLES

#: OGP standards, minimum requirement 1.1: meet at least every six months.
SIX_MONTHS_DAYS = 183
ONE_DAY = timedelta(days=1)


#: A year of implementation in S.implementation's details (functional form: `from` is a keyword).
_Year = TypedDict("_Year", {"from": str, "to": str, "sessions": int, "complete": bool, "required": int,
                             "counted": list[str], "not_counted": list[dict[str, Any]]})


class _Answered(TypedDict):
    contribution_id: str
    days: int
    response_days: NotRequired[int]  # only when the limit in force on its day differs from the reference day's


class _Waiting(TypedDict):
    contribution_id: str
    received_on: str
    days_waiting: int
    status: str
    response_days: NotRequired[int]


def _no_forum(check_id: str) -> Check:
    return Check(check_id, STANDARDS, "unclear", [say("S.no_forum")])


def cadence(snap: Snapshot) -> Check:
    """S.cadence: a session held in every period of the meeting rule from establishment to as_of.

    Each period is as long as the rule in force on the day it starts says (the forum as known, its amendments
    included): a forum moving from monthly to bimonthly on 1 July is judged month by month before, by pairs of
    months after. `frequency` (details, explanation) is the rule in force on the reference day; a missed or
    pending period judged by another rule names its own."""
    forum = snap.forum
    if forum is None:
        return _no_forum("S.cadence")
    rules, ref = snap.settings, snap.reference_day
    frequency = rules.meeting_rule_on(ref).get("frequency", "monthly")
    held = [(snap.held_day(s), s) for s in snap.held_sessions()]
    start, missed, met, pending = forum.established_on.replace(day=1), [], [], None
    while start <= ref:
        in_force = rules.meeting_rule_on(start).get("frequency", "monthly")
        end = add_months(start, FREQUENCIES.get(in_force, 1)) - ONE_DAY
        inside = [s for day, s in held if start <= day <= end]
        period = {"from": start.isoformat(), "to": end.isoformat()}
        if in_force != frequency:
            period["frequency"] = in_force
        if inside:
            met += inside[:1]
        elif end <= ref:
            missed.append(period)
        else:
            pending = period
        start = end + ONE_DAY
    details = {"frequency": frequency, "periods": len(missed) + len(met) + (pending is not None),
               "missed": missed, "current_period_without_session": pending}
    answer = "yes" if not missed else "unclear" if len(missed) == 1 else "no"
    reasons = [say(f"S.cadence.{answer}", frequency=frequency, n=len(missed), since=forum.established_on)]
    if pending:
        reasons.append(say("S.cadence.pending", since=pending["from"]))
    return Check("S.cadence", STANDARDS, answer, reasons, evidence(snap.last(s.id, "SessionHeld") for s in met),
                 details)


def six_months(snap: Snapshot) -> Check:
    """S.six_months: no gap over 183 days between held sessions, nor from the last one to as_of."""
    forum = snap.forum
    if forum is None:
        return _no_forum("S.six_months")
    held = snap.held_sessions()
    days = [snap.held_day(s) for s in held] or [forum.established_on]
    days.append(max(snap.reference_day, days[-1]))
    spans = [(a, b) for a, b in zip(days, days[1:], strict=False)]
    gaps = [{"from": a.isoformat(), "to": b.isoformat(), "days": (b - a).days} for a, b in spans
            if (b - a).days > SIX_MONTHS_DAYS]
    longest = max(((b - a).days for a, b in spans), default=0)
    details = {"held_sessions": len(held), "longest_gap_days": longest, "gaps": gaps}
    proof = evidence(snap.last(s.id, "SessionHeld") for s in held)
    if gaps:
        return Check("S.six_months", STANDARDS, "no", [say("S.six_months.no", n=len(gaps), days=longest)],
                     proof, details)
    reason = say("S.six_months.yes", days=longest) if held else say("S.six_months.young", days=longest)
    return Check("S.six_months", STANDARDS, "yes", [reason], proof, details)


def alternates(snap: Snapshot) -> Check:
    """S.alternates: every current member organization has a primary and an alternate representative."""
    forum = snap.forum
    if forum is None:
        return _no_forum("S.alternates")
    day = snap.reference_day
    orgs = [o for o in forum.organizations.values() if o.member_on(day)]
    missing = []
    for org in orgs:
        roles = {r.role for r in forum.representatives.values() if r.organization_id == org.id and r.serves_on(day)}
        lacking = [role for role in REPRESENTATIVE_ROLES if role not in roles]
        if lacking:
            missing.append({"organization_id": org.id, "name": org.name, "sector": org.sector, "missing": lacking})
    details = {"organizations": len(orgs), "missing": missing}
    if not orgs:
        return Check("S.alternates", STANDARDS, "unclear", [say("S.alternates.no_members")], details=details)
    if missing:
        proof = evidence(snap.last(forum.id, "OrganizationJoined", organization_id=m["organization_id"])
                         for m in missing)
        return Check("S.alternates", STANDARDS, "no", [say("S.alternates.no", n=len(missing), of=len(orgs))],
                     proof, details)
    proof = evidence(snap.last(forum.id, "RepresentativeDesignated", representative_id=r.id)
                     for r in forum.representatives.values() if r.serves_on(day) and r.organization_id
                     in {o.id for o in orgs})
    return Check("S.alternates", STANDARDS, "yes", [say("S.alternates.yes", n=len(orgs))], proof, details)


def implementation(snap: Snapshot) -> Check:
    """S.implementation: in every 12 months after W, at least `implementation_meetings` (policy; default 2) reviews
    of progress with civil society (tracker.compliance.reviews): held sessions that presented the progress of the
    plan's commitments, had non-governmental attendance and have comments recorded.

    Each year is judged by the policy in force on its first day. `no` once a year ended with fewer; `unclear` while
    the first year runs with fewer (or before it starts). Each year lists the sessions counted and those held that
    did not count, with what they lacked."""
    if snap.forum is None:
        return _no_forum("S.implementation")
    ref, start = snap.reference_day, snap.plan.cocreation_ends_on + ONE_DAY
    held = reviews.during_implementation(snap)
    years: list[_Year] = []
    while start <= ref:
        end = add_months(start, 12) - ONE_DAY
        counted, not_counted = [], []
        for s in held:
            if start <= snap.held_day(s) <= end:
                lacking = reviews.gaps(snap, s)
                if lacking:
                    not_counted.append({"session_id": s.id, "reasons": lacking})
                else:
                    counted.append(s.id)
        years.append({"from": start.isoformat(), "to": end.isoformat(), "sessions": len(counted),
                      "complete": end <= ref, "required": _meetings_on(snap, start), "counted": counted,
                      "not_counted": not_counted})
        start = end + ONE_DAY
    required = _meetings_on(snap, ref)
    details = {"meetings_per_year": required, "years": years}
    proof = evidence(*(reviews.proof(snap, s) for s in held if snap.held_day(s) <= ref))
    policy = (say("policy.meetings_default", n=required) if required == DEFAULT_IMPLEMENTATION_MEETINGS
              else say("policy.meetings", n=required, default=DEFAULT_IMPLEMENTATION_MEETINGS))
    missed = [m for y in years for m in y["not_counted"]]
    misses = [say("S.implementation.not_counted", n=len(missed),
                  **{gap: sum(gap in m["reasons"] for m in missed) for gap in reviews.GAPS})] if missed else []
    failed = [y for y in years if y["complete"] and y["sessions"] < y["required"]]
    if not years:
        return Check("S.implementation", STANDARDS, "unclear",
                     [say("S.implementation.not_started", since=start), policy], details=details)
    if failed:
        failure = say("S.implementation.no", n=len(failed), required=failed[0]["required"])
        return Check("S.implementation", STANDARDS, "no", [failure, *misses, policy], proof, details)
    complete = [y for y in years if y["complete"]]
    if not complete and years[-1]["sessions"] < years[-1]["required"]:
        running = say("S.implementation.running", n=years[-1]["sessions"], required=years[-1]["required"],
                      until=years[-1]["to"])
        return Check("S.implementation", STANDARDS, "unclear", [running, *misses, policy], proof, details)
    met = say("S.implementation.yes", n=len(complete) or 1, required=required)
    return Check("S.implementation", STANDARDS, "yes", [met, *misses, policy], proof, details)


def _meetings_on(snap: Snapshot, day: date) -> int:
    """The reviews of progress required in a year of implementation starting on `day` (policy in force then)."""
    return int(snap.settings.policy_on(day).get("implementation_meetings", DEFAULT_IMPLEMENTATION_MEETINGS))


def response_time(snap: Snapshot) -> Check:
    """S.response_time: median and maximum days from received to written communication; those waiting.
    `no` when one took or has waited longer than the policy's `response_days` (our default: 30, also for a
    forum whose stored policy lacks the key); the explanation names the limit and whether it is the default."""
    # The limit in force on a day, by the forum as known (its amendments included); our default when its policy
    # lacks the key (a forum established before the key existed). Each contribution is judged by the limit in
    # force on the day it was received; the details and the explanation name the reference day's.
    def limit_on(day: date) -> int:
        return int(snap.settings.policy_on(day).get("response_days", DEFAULT_RESPONSE_DAYS))

    ref = snap.reference_day
    limit = limit_on(ref)
    done: list[_Answered] = []
    waiting: list[_Waiting] = []
    proof: list[RecordedEvent | None] = []
    for c in sorted(snap.contributions, key=lambda c: (c.received_on, c.received_position)):
        days, own = c.days_to_written_communication, limit_on(c.received_on)
        if days is None:
            waits: _Waiting = {"contribution_id": c.id, "received_on": c.received_on.isoformat(),
                               "days_waiting": (ref - c.received_on).days, "status": c.status}
            if own != limit:
                waits["response_days"] = own
            waiting.append(waits)
            proof.append(snap.last(c.id, "ContributionReceived"))
            continue
        took: _Answered = {"contribution_id": c.id, "days": days}
        if own != limit:
            took["response_days"] = own
        done.append(took)
        first = min((m for m in c.communications if m.written), key=lambda m: (m.communicated_on, m.version))
        proof.append(next((e for e in snap.events(c.id, "ResponseCommunicated") if e.stream_version == first.version),
                          None))
    durations = [d["days"] for d in done]
    slow = [d for d in done if d["days"] > d.get("response_days", limit)]
    overdue = [w for w in waiting if w["days_waiting"] > w.get("response_days", limit)]
    details = {"response_days": limit, "answered": len(done), "median_days": median(durations),
               "max_days": max(durations, default=None), "slow": slow, "waiting": waiting}
    policy = (say("policy.response_default", days=limit) if limit == DEFAULT_RESPONSE_DAYS
              else say("policy.response", days=limit, default=DEFAULT_RESPONSE_DAYS))
    if not done and not waiting:
        return Check("S.response_time", STANDARDS, "unclear", [say("S.response_time.none")], details=details)
    figures = say("S.response_time.figures", n=len(done), median=details["median_days"], max=details["max_days"],
                  waiting=len(waiting))
    if slow or overdue:
        return Check("S.response_time", STANDARDS, "no",
                     [figures, say("S.response_time.no", slow=len(slow), overdue=len(overdue)), policy],
                     evidence(proof), details)
    return Check("S.response_time", STANDARDS, "yes", [figures, say("S.response_time.yes"), policy],
                 evidence(proof), details)


#: How each commitment stands in S.end_assessment's details.
ON_TIME, LATE, MISSING, NOT_DUE = "on_time", "late", "missing", "not_due"


def end_assessment(snap: Snapshot) -> Check:
    """S.end_assessment: each commitment the standing endorsement holds is assessed at its end within a month of its
    complete implementation (the `reported_on` of the report that completed its last milestone), or, never
    completed, within a month of the plan's period end (`tracker.domain.results.end_assessment_due_on`).

    The first end assessment decides (a correction does not make it late). `no` when one is missing past its due
    day on the reference day, or was made after it; `unclear` without a standing endorsement, or while none is
    due nor made; else `yes`."""
    if snap.forum is None:
        return _no_forum("S.end_assessment")
    standing = snap.plan.standing_endorsement()
    if standing is None:
        return Check("S.end_assessment", STANDARDS, "unclear", [say("S.end_assessment.not_endorsed")],
                     details={"commitments": []})
    ref, rows, proof, dues = snap.reference_day, [], [], []
    for n, c in snap.commitments:
        if c.id not in standing.commitment_revisions:
            continue
        completing = completing_report(c)
        due = end_assessment_due_on(c, snap.plan)
        dues.append(due)
        first = c.end_assessments[0] if c.end_assessments else None
        assessed = local_day(first.occurred_at, snap.tz) if first else None
        status = (NOT_DUE if assessed is None and due >= ref else MISSING if assessed is None
                  else LATE if assessed > due else ON_TIME)
        rows.append({"commitment_id": c.id, "number": n, "completed_on": completing.reported_on.isoformat()
                     if completing else None, "due_on": due.isoformat(),
                     "assessed_on": assessed.isoformat() if assessed else None, "status": status})
        if completing is not None:
            proof.append(next((e for e in snap.events(c.id, "ProgressReported")
                               if e.stream_version == completing.version), None))
        proof += snap.events(c.id, "CommitmentEndAssessed")[:1]
    details = {"commitments": rows}
    counted = {key: sum(r["status"] == key for r in rows) for key in (ON_TIME, LATE, MISSING, NOT_DUE)}
    if counted[LATE] or counted[MISSING]:
        return Check("S.end_assessment", STANDARDS, "no",
                     [say("S.end_assessment.no", missing=counted[MISSING], late=counted[LATE])], evidence(proof),
                     details)
    if not counted[ON_TIME]:
        reason = (say("S.end_assessment.not_due", due=min(dues)) if dues
                  else say("S.end_assessment.no_commitments"))
        return Check("S.end_assessment", STANDARDS, "unclear", [reason], evidence(proof), details)
    return Check("S.end_assessment", STANDARDS, "yes",
                 [say("S.end_assessment.yes", n=counted[ON_TIME], pending=counted[NOT_DUE])], evidence(proof),
                 details)


def checks(snap: Snapshot) -> list[Check]:
    """The standards, in docs/compliance.md's order."""
    return [cadence(snap), six_months(snap), alternates(snap), implementation(snap), response_time(snap),
            end_assessment(snap)]

