"""Check 2.6: is the forum inclusive and diverse? With its indicators (sectors, shares, attendance)."""
from __future__ import annotations

from collections import Counter
from typing import Any

from tracker.compliance.check import PRACTICES, Check, evidence, non_governmental, say, share
from tracker.compliance.snapshot import Snapshot
from tracker.domain.forum import ForumState
from tracker.domain.vocabulary import SECTORS

#: `very` needs this many sectors, this non-governmental share, and neither gender under this share.
VERY_SECTORS, VERY_NON_GOVERNMENTAL, GENDER_FLOOR = 4, 0.4, 0.3
SOMEWHAT_SECTORS = 2


def _current(forum: ForumState, snap: Snapshot) -> tuple[list, list]:
    """Member organizations and their representatives serving on the reference day."""
    day = snap.reference_day
    orgs = [o for o in forum.organizations.values() if o.member_on(day)]
    ids = {o.id for o in orgs}
    reps = [r for r in forum.representatives.values() if r.organization_id in ids and r.serves_on(day)]
    return orgs, reps


def _genders(reps: list) -> dict[str, Any]:
    """Shares of female and male among current representatives whose gender is recorded (not undisclosed)."""
    counted = Counter(r.gender for r in reps if r.gender in ("female", "male", "other"))
    total = sum(counted.values())
    return {"recorded": total, "unrecorded": len(reps) - total,
            "female": share(counted["female"], total), "male": share(counted["male"], total),
            "other": share(counted["other"], total)}


def _attendance(snap: Snapshot, forum: ForumState) -> dict[str, float | None]:
    """Per sector: the member organizations present over those that could be, across held sessions in W."""
    present: Counter[str] = Counter()
    possible: Counter[str] = Counter()
    for s in snap.held_in_window():
        day = snap.held_day(s)
        for org in forum.organizations.values():
            if org.member_on(day):
                possible[org.sector] += 1
        present.update(sector for _, sector in {(a["organization_id"], a["sector"]) for a in s.attendance
                                                if a.get("organization_id")})
    return {sector: share(present[sector], possible[sector]) for sector in SECTORS if possible[sector]}


def indicators(snap: Snapshot) -> dict[str, Any]:
    """The indicators 2.6 reports beside its answer."""
    members = snap.members_in_window()
    by_sector = Counter(o.sector for o in members)
    ngo = sum(n for sector, n in by_sector.items() if non_governmental(sector))
    body: dict[str, Any] = {
        "organizations": len(members), "sectors": dict(sorted(by_sector.items())), "sector_count": len(by_sector),
        "non_governmental_share": share(ngo, len(members)),
    }
    forum = snap.forum
    if forum is None:
        return {**body, "gender_shares": _genders([]), "youth": {"organizations": 0, "minor_representatives": 0},
                "organizations_with_alternate_share": None, "attendance_rate_by_sector": {}}
    orgs, reps = _current(forum, snap)
    with_alternate = {r.organization_id for r in reps if r.role == "alternate"}
    body.update(
        gender_shares=_genders(reps),
        youth={"organizations": by_sector.get("youth", 0), "minor_representatives": sum(r.is_minor for r in reps)},
        organizations_with_alternate_share=share(len(with_alternate), len(orgs)),
        attendance_rate_by_sector=_attendance(snap, forum),
    )
    return body


def inclusive(snap: Snapshot) -> Check:
    """2.6: `very` (4+ sectors, 40 %+ non-governmental, neither gender under 30 %), `somewhat` (2+ sectors and
    a non-governmental organization), else `not`."""
    found = indicators(snap)
    sectors, ngo_share, genders = found["sector_count"], found["non_governmental_share"] or 0, found["gender_shares"]
    gender_ok = genders["recorded"] > 0 and min(genders["female"], genders["male"]) >= GENDER_FLOOR
    ngo = sum(n for sector, n in found["sectors"].items() if non_governmental(sector))
    facts = say("2.6.facts", sectors=sectors, share=round(ngo_share * 100))
    gender = (say("2.6.gender", female=round(genders["female"] * 100), male=round(genders["male"] * 100))
              if genders["recorded"] else say("2.6.no_gender"))
    if sectors >= VERY_SECTORS and ngo_share >= VERY_NON_GOVERNMENTAL and gender_ok:
        answer = "very"
    elif sectors >= SOMEWHAT_SECTORS and ngo:
        answer = "somewhat"
    else:
        answer = "not"
    joined = [snap.last(snap.forum.id, "OrganizationJoined", organization_id=o.id)
              for o in snap.members_in_window()] if snap.forum else []
    return Check("2.6", PRACTICES, answer, [facts, gender, say(f"2.6.{answer}")], evidence(joined),
                 indicators=found)
