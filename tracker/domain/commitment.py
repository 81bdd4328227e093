"""A commitment of an action plan: its text and milestones, each revision and amendment, and the evaluator's
assessment.

Each commitment has a stream of its own (tenant: the forum). The draft is revision 0; each revision, and each
amendment of an endorsed commitment (with the forum's approval), stores only the fields it changed and takes the
next revision number; the state applies them in order.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Final, Self

from events import NewEvent, RecordedEvent
from events.catalog.plans import (
    CommitmentAmended,
    CommitmentAssessed,
    CommitmentDrafted,
    CommitmentEndAssessed,
    CommitmentLeadContactNamed,
    CommitmentRevised,
    ProgressReported,
)
from tracker.domain.commands import Correction, FlatCommand, reason_of, strings
from tracker.domain.errors import Conflict, InvalidField
from tracker.domain.forum import ForumState, occurred
from tracker.domain.plan import PlanState
from tracker.domain.session import SessionState
from tracker.domain.time import local_day, not_future_day

#: The types of a commitment's stream (tracker.domain.streams.COMMITMENT).
EVENT_TYPES = tuple(cls.type_name() for cls in (CommitmentDrafted, CommitmentRevised, CommitmentAssessed,
                                                ProgressReported, CommitmentAmended, CommitmentEndAssessed,
                                                CommitmentLeadContactNamed))
#: The status a progress report gives a milestone (or the commitment, in a note without a milestone).
PROGRESS_STATUSES = ("not_started", "in_progress", "completed", "delayed", "cancelled")
#: A milestone's id: `mls_<the commitment id's hex part>_<n>`, n its 1-based position among the milestones the
#: commitment has ever had (the draft's in order, then each new one a revision adds).
MILESTONE_PREFIX = "mls"
#: The fields of a commitment's text, which a revision may change.
TEXT_FIELDS = ("title", "problem", "description", "ogp_values", "lead_institution", "milestones")


@dataclass
class Revision:
    """One revision: its number, why, the fields it changed (new values) and the contributions behind it."""

    revision: int
    reason: str
    changes: dict[str, Any]
    from_contributions: list[str]
    occurred_at: datetime
    recorded_at: datetime


@dataclass
class Amendment:
    """One amendment of the endorsed text: the revision number it took, why, the fields it changed (new values)
    and the session of the forum that approved it, if named."""

    revision: int
    reason: str
    changes: dict[str, Any]
    approved_in_session_id: str | None
    occurred_at: datetime
    recorded_at: datetime


@dataclass
class Assessment:
    """The evaluator's assessment; a correction supersedes the previous one."""

    verifiable: str
    relevance: str
    ogp_values: list[str] | None
    commitment_type: str
    potential: str
    explanation: str
    recommendations: str | None
    correction_reason: str | None
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str


@dataclass
class EndAssessment:
    """The evaluator's end-of-commitment assessment; a correction supersedes the previous one.

    `early_results` maps each OGP value to the IRM's rating of "did it open government?" (`worsened`,
    `did_not_change`, `marginal`, `major`, `outstanding`)."""

    completion: str
    early_results: dict[str, str]
    explanation: str
    references: list[str]
    recommendations: list[str]
    correction_reason: str | None
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str


@dataclass
class ProgressReport:
    """A progress report of a milestone (or, without `milestone_id`, a note on the whole commitment).

    A correction supersedes the report it names (`superseded` is then true on that one); both are kept.
    """

    milestone_id: str | None
    status: str
    reported_on: date
    summary: str
    evidence: list[str]
    reason: str | None
    reported_by_organization: str | None
    correction_reason: str | None
    version: int  # the stream version of its event, which a correction names
    occurred_at: datetime
    recorded_at: datetime
    superseded: bool = False


@dataclass
class CommitmentState:
    """The commitment as its stream says it is now (the latest text, every revision, every assessment)."""

    id: str
    forum_id: str
    action_plan_id: str
    title: str
    problem: str | None
    description: str | None
    ogp_values: list[str]
    lead_institution: str | None
    milestones: list[dict[str, Any]]
    from_contributions: list[str]
    drafted_at: datetime
    revisions: list[Revision] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    version: int = 0
    #: The id of each current milestone, in the order of `milestones`.
    milestone_ids: list[str] = field(default_factory=list)
    #: How many milestone ids were ever issued (a new milestone takes the next position).
    milestones_issued: int = 0
    #: Every progress report, in log order (superseded ones included).
    progress: list[ProgressReport] = field(default_factory=list)
    #: Every amendment of the endorsed text, in log order (their numbers interleave with the revisions').
    amendments: list[Amendment] = field(default_factory=list)
    #: The text as drafted (revision 0), as events store it: what `text_at` starts from.
    drafted_text: dict[str, Any] = field(default_factory=dict)
    #: Every end-of-commitment assessment, in log order (the last stands).
    end_assessments: list[EndAssessment] = field(default_factory=list)
    #: The representative of the forum's roster who is the lead contact, if named.
    lead_representative_id: str | None = None

    @property
    def revision(self) -> int:
        """The current revision number (0: as drafted); revisions and amendments share the numbering."""
        return max((c.revision for c in self.changes()), default=0)

    def changes(self) -> list[Revision | Amendment]:
        """Every revision and amendment, by revision number."""
        return sorted([*self.revisions, *self.amendments], key=lambda c: c.revision)

    def text_at(self, revision: int) -> dict[str, Any]:
        """The text as it stood at a revision number (0: as drafted), as `text()` gives it."""
        text = dict(self.drafted_text)
        for c in self.changes():
            if c.revision <= revision:
                text.update(c.changes)
        return text

    @property
    def assessment(self) -> Assessment | None:
        """The assessment that stands (the latest), if any."""
        return self.assessments[-1] if self.assessments else None

    @property
    def end_assessment(self) -> EndAssessment | None:
        """The end-of-commitment assessment that stands (the latest), if any."""
        return self.end_assessments[-1] if self.end_assessments else None

    def text_changed_since(self, revision: int) -> bool:
        """Did a revision or amendment after `revision` change the text (not merely cite contributions)?"""
        return any(c.changes for c in self.changes() if c.revision > revision)

    def fields_changed_since(self, revision: int) -> list[str]:
        """The fields of the text the revisions and amendments after `revision` changed, sorted."""
        return sorted({f for c in self.changes() if c.revision > revision for f in c.changes})

    def differs_from_endorsed(self, endorsed_revision: int | None) -> bool:
        """Does the text differ from what an endorsement held? `endorsed_revision` is the revision it recorded
        for this commitment; None when the endorsed plan did not hold the commitment (drafted after it)."""
        return endorsed_revision is None or self.text_changed_since(endorsed_revision)

    def milestone(self, milestone_id: str) -> dict[str, Any] | None:
        """The current milestone with this id, if any."""
        if milestone_id in self.milestone_ids:
            return self.milestones[self.milestone_ids.index(milestone_id)]
        return None

    def standing_reports(self, milestone_id: str | None) -> list[ProgressReport]:
        """The reports of a milestone (None: the commitment-level notes) not superseded, oldest first by day."""
        found = [p for p in self.progress if p.milestone_id == milestone_id and not p.superseded]
        return sorted(found, key=lambda p: (p.reported_on, p.version))

    def last_report(self, milestone_id: str | None) -> ProgressReport | None:
        """The report that stands for a milestone (None: for the commitment as a whole): the latest by day."""
        standing = self.standing_reports(milestone_id)
        return standing[-1] if standing else None

    def text(self) -> dict[str, Any]:
        """The current text as stored in events (milestone due dates as ISO strings)."""
        return {
            "title": self.title, "problem": self.problem, "description": self.description,
            "ogp_values": list(self.ogp_values), "lead_institution": self.lead_institution,
            "milestones": [_stored_milestone(m) for m in self.milestones],
        }


def _stored_milestone(m: dict[str, Any]) -> dict[str, Any]:
    due = m.get("due_on")
    return {"title": m["title"], "deliverable": m.get("deliverable"),
            "due_on": due.isoformat() if isinstance(due, date) else due}


def _read_milestone(m: dict[str, Any]) -> dict[str, Any]:
    return {"title": m["title"], "deliverable": m.get("deliverable"),
            "due_on": date.fromisoformat(m["due_on"]) if m.get("due_on") else None}


def milestone_id(commitment_id: str, position: int) -> str:
    """The id of the milestone at 1-based `position` among those the commitment ever had."""
    return f"{MILESTONE_PREFIX}_{commitment_id.partition('_')[2]}_{position}"


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _set_milestones(state: CommitmentState, stored: list[dict[str, Any]]) -> None:
    """The milestones a draft or revision sets, with their ids: a milestone whose title is that of a current one
    keeps its id (the first unclaimed one with that title); any other takes the next position."""
    previous = list(zip(state.milestone_ids, (_title_key(m["title"]) for m in state.milestones), strict=True))
    ids = []
    for m in stored:
        key = _title_key(m["title"])
        kept = next((i for i, (_, k) in enumerate(previous) if k == key), None)
        if kept is not None:
            ids.append(previous.pop(kept)[0])
        else:
            state.milestones_issued += 1
            ids.append(milestone_id(state.id, state.milestones_issued))
    state.milestones = [_read_milestone(m) for m in stored]
    state.milestone_ids = ids


def _apply(state: CommitmentState, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        if name == "milestones":
            _set_milestones(state, value)
        else:
            setattr(state, name, value)


def fold(events: Iterable[RecordedEvent]) -> CommitmentState | None:
    """The commitment's state from its stream (None when the stream is not a commitment's)."""
    state: CommitmentState | None = None
    for e in events:
        d = e.data
        if e.type == "CommitmentDrafted":
            state = CommitmentState(
                d["commitment_id"], e.tenant_id, d["action_plan_id"], d["title"], d["problem"],
                d["description"], list(d["ogp_values"]), d["lead_institution"],
                [], list(d["from_contributions"]), e.occurred_at,
            )
            _set_milestones(state, d["milestones"])
            state.drafted_text = state.text()
            state.lead_representative_id = d.get("lead_representative_id")
        elif state is None:
            continue
        elif e.type == "CommitmentRevised":
            _apply(state, d["changes"])
            known = state.from_contributions
            known += [c for c in d["from_contributions"] if c not in known]
            state.revisions.append(Revision(d["revision"], d["reason"], d["changes"], d["from_contributions"],
                                            e.occurred_at, e.recorded_at))
        elif e.type == "CommitmentAmended":
            _apply(state, d["changes"])
            state.amendments.append(Amendment(d["revision"], d["reason"], d["changes"], d["approved_in_session_id"],
                                              e.occurred_at, e.recorded_at))
        elif e.type == "CommitmentAssessed":
            state.assessments.append(Assessment(
                d["verifiable"], d["relevance"], d["ogp_values"], d["commitment_type"], d["potential"],
                d["explanation"], d["recommendations"], d["correction_reason"], e.occurred_at, e.recorded_at,
                e.recorded_by))
        elif e.type == "CommitmentEndAssessed":
            state.end_assessments.append(EndAssessment(
                d["completion"], dict(d["early_results"]), d["explanation"], list(d["references"]),
                list(d["recommendations"]), d["correction_reason"], e.occurred_at, e.recorded_at, e.recorded_by))
        elif e.type == "CommitmentLeadContactNamed":
            state.lead_representative_id = d["lead_representative_id"]
        elif e.type == "ProgressReported":
            for report in state.progress:
                if report.version == d["corrects_version"]:
                    report.superseded = True
            state.progress.append(ProgressReport(
                d["milestone_id"], d["status"], date.fromisoformat(d["reported_on"]), d["summary"],
                list(d["evidence"]), d["reason"], d["reported_by_organization"], d["correction_reason"],
                e.stream_version, e.occurred_at, e.recorded_at))
        if state is not None:
            state.version = e.stream_version
    return state


# -- commands ----------------------------------------------------------------------------------------


class Unset(Enum):
    """A field a revision does not send (unchanged), as opposed to one it sets, perhaps to None."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


@dataclass(frozen=True, slots=True)
class Milestone(FlatCommand):
    """A milestone of a commitment: what, the deliverable, and by when (which may be future)."""

    title: str
    deliverable: str | None = None
    due_on: date | None = None

    def to_data(self) -> dict[str, Any]:
        """As events store it: its title trimmed, its day as an ISO day."""
        return {"title": self.title.strip(), "deliverable": self.deliverable,
                "due_on": self.due_on.isoformat() if self.due_on is not None else None}


def _milestones(data: Any) -> tuple[Milestone, ...]:
    return tuple(Milestone.of(m) for m in data or ())


@dataclass(frozen=True, slots=True)
class DraftCommitment:
    """Draft a commitment of a plan (revision 0), perhaps from contributions."""

    title: str
    ogp_values: tuple[str, ...]
    problem: str | None = None
    description: str | None = None
    lead_institution: str | None = None
    milestones: tuple[Milestone, ...] = ()
    from_contributions: tuple[str, ...] = ()
    occurred_on: date | None = None
    occurred_at: datetime | None = None
    lead_representative_id: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["title"], strings(data["ogp_values"]), data.get("problem"), data.get("description"),
                   data.get("lead_institution"), _milestones(data.get("milestones")),
                   strings(data.get("from_contributions")), data.get("occurred_on"), data.get("occurred_at"),
                   data.get("lead_representative_id"))

    def text(self) -> dict[str, Any]:
        """Its text fields, by name."""
        return {"title": self.title, "problem": self.problem, "description": self.description,
                "ogp_values": self.ogp_values, "lead_institution": self.lead_institution,
                "milestones": self.milestones}


@dataclass(frozen=True, slots=True)
class ReviseCommitment:
    """Revise a commitment, saying why: each text field is UNSET (unchanged) unless sent."""

    reason: str
    title: str | Unset = UNSET
    problem: str | None | Unset = UNSET
    description: str | None | Unset = UNSET
    ogp_values: tuple[str, ...] | Unset = UNSET
    lead_institution: str | None | Unset = UNSET
    milestones: tuple[Milestone, ...] | Unset = UNSET
    from_contributions: tuple[str, ...] = ()
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        def sent(name: str) -> Any:
            return data.get(name, UNSET)

        ogp_values, milestones = sent("ogp_values"), sent("milestones")
        return cls(data["reason"], sent("title"), sent("problem"), sent("description"),
                   ogp_values if ogp_values is UNSET else strings(ogp_values), sent("lead_institution"),
                   milestones if milestones is UNSET else _milestones(milestones),
                   strings(data.get("from_contributions")), data.get("occurred_on"), data.get("occurred_at"))

    def text(self) -> dict[str, Any]:
        """The text fields it sends, by name."""
        fields = {"title": self.title, "problem": self.problem, "description": self.description,
                  "ogp_values": self.ogp_values, "lead_institution": self.lead_institution,
                  "milestones": self.milestones}
        return {name: value for name, value in fields.items() if value is not UNSET}


@dataclass(frozen=True, slots=True)
class AmendCommitment:
    """Amend an endorsed commitment during implementation: the changes (as a revision sends them), why, and the
    held session of the forum that approved the amendment, if any."""

    reason: str
    changes: ReviseCommitment
    approved_in_session_id: str | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["reason"], ReviseCommitment.of({**data["changes"], "reason": data["reason"]}),
                   data.get("approved_in_session_id"), data.get("occurred_on"), data.get("occurred_at"))


@dataclass(frozen=True, slots=True)
class AssessCommitment:
    """The evaluator assesses (or reassesses, as a correction) a commitment."""

    verifiable: str
    relevance: str
    commitment_type: str
    potential: str
    explanation: str
    ogp_values: tuple[str, ...] | None = None
    recommendations: str | None = None
    correction: Correction | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        ogp_values = data.get("ogp_values")
        return cls(data["verifiable"], data["relevance"], data["commitment_type"], data["potential"],
                   data["explanation"], strings(ogp_values) if ogp_values is not None else None,
                   data.get("recommendations"), Correction.maybe(data.get("correction")), data.get("occurred_on"),
                   data.get("occurred_at"))


# -- decisions ---------------------------------------------------------------------------------------


def _text(sent: Mapping[str, Any]) -> dict[str, Any]:
    """The text fields a command sends, normalized as events store them."""
    out: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name not in sent:
            continue
        value = sent[name]
        if name == "milestones":
            value = [m.to_data() for m in value]
        elif isinstance(value, str):
            value = value.strip()
        out[name] = list(value) if name == "ogp_values" else value
    return out


def require_lead_contact(forum: ForumState, representative_id: str, day: date) -> None:
    """A commitment's lead contact is a current representative of the forum's roster on `day` (422 on
    `lead_representative_id`)."""
    field_name = "lead_representative_id"
    try:
        forum.require_current_representative(representative_id, day, field_name)
    except Conflict as refused:
        raise InvalidField(field_name, refused.errors[field_name][0]) from None


def draft(forum: ForumState, plan: PlanState, commitment_id: str, cmd: DraftCommitment,
          now: datetime) -> list[NewEvent]:
    """A commitment of the plan is drafted (revision 0), perhaps naming its lead contact: a current representative
    of the forum's roster (422)."""
    text = _text(cmd.text())
    at = occurred(forum, cmd, now)
    if cmd.lead_representative_id is not None:
        require_lead_contact(forum, cmd.lead_representative_id, local_day(at, forum.timezone))
    event = CommitmentDrafted(
        commitment_id, plan.id, text["title"], text["ogp_values"], text.get("milestones", []),
        list(cmd.from_contributions), text.get("problem"), text.get("description"),
        text.get("lead_institution"), cmd.lead_representative_id,
    )
    return [NewEvent(event, at)]


def revise(state: CommitmentState, forum: ForumState, cmd: ReviseCommitment, now: datetime) -> list[NewEvent]:
    """The commitment is revised: the fields that differ from the current text are stored, with the reason.

    A revision that changes no field may still record the contributions it answers; with neither, it is
    refused.
    """
    current = state.text()
    changes = {name: value for name, value in _text(cmd.text()).items() if value != current[name]}
    contributions = list(cmd.from_contributions)
    if not changes and not contributions:
        raise Conflict("the revision changes nothing: every field sent equals the current text")
    at = occurred(forum, cmd, now)
    drafted_on = local_day(state.drafted_at, forum.timezone)
    if local_day(at, forum.timezone) < drafted_on:
        raise Conflict(f"the commitment was drafted on {drafted_on}; a revision cannot precede it",
                       {"occurred_on": [f"before the commitment was drafted on {drafted_on}"]})
    event = CommitmentRevised(state.id, state.revision + 1, cmd.reason, changes, contributions)
    return [NewEvent(event, at)]


def amend(state: CommitmentState, forum: ForumState, plan: PlanState, cmd: AmendCommitment,
          session: SessionState | None, now: datetime) -> list[NewEvent]:
    """The endorsed commitment is amended: the fields that differ from the current text are stored, with the reason
    and the session that approved it. Only a commitment the plan's standing endorsement holds is amended (else a
    revision is the way, 409); an amendment changes something, is not dated before the endorsement, and its
    session was held (not cancelled, not only scheduled) on or before the amendment's day (409)."""
    standing = plan.standing_endorsement()
    if standing is None:
        raise Conflict("the plan has no standing endorsement: an amendment changes an endorsed commitment; "
                       "revise the commitment instead (POST /commitments/{id}/revision)")
    if state.id not in standing.commitment_revisions:
        raise Conflict(f"the endorsement {standing.id} does not hold this commitment (drafted after it): "
                       "revise it instead (POST /commitments/{id}/revision)")
    current = state.text()
    changes = {name: value for name, value in _text(cmd.changes.text()).items() if value != current[name]}
    if not changes:
        raise Conflict("the amendment changes nothing: every field sent equals the current text",
                       {"changes": ["every field equals the current text"]})
    at = occurred(forum, cmd, now)
    day = local_day(at, forum.timezone)
    if day < standing.endorsed_on:
        raise Conflict(f"the plan was endorsed on {standing.endorsed_on}; an amendment cannot precede it",
                       {"occurred_on": [f"before the endorsement of {standing.endorsed_on}"]})
    if session is not None:
        held_on = session.held_day(forum.timezone)
        why = ("was cancelled" if session.cancelled else "is not recorded as held" if held_on is None
               else f"was held on {held_on}, after the amendment's day {day}" if held_on > day else None)
        if why:
            raise Conflict(f"approved_in_session_id: the session {session.id} {why}",
                           {"approved_in_session_id": [f"it {why}"]})
    event = CommitmentAmended(state.id, state.revision + 1, cmd.reason.strip(), changes,
                              cmd.approved_in_session_id)
    return [NewEvent(event, at)]


def assess(state: CommitmentState, forum: ForumState, cmd: AssessCommitment, now: datetime) -> list[NewEvent]:
    """The evaluator assesses the commitment; a second assessment must be a correction with a reason."""
    correction = cmd.correction
    if state.assessments and not correction:
        raise Conflict("already recorded; send a correction with a reason")
    if correction and not state.assessments:
        raise Conflict("nothing to correct: the commitment has not been assessed yet")
    event = CommitmentAssessed(
        state.id, cmd.verifiable, cmd.relevance, cmd.commitment_type, cmd.potential,
        cmd.explanation, list(cmd.ogp_values) if cmd.ogp_values is not None else None,
        cmd.recommendations, reason_of(correction),
    )
    return [NewEvent(event, occurred(forum, cmd, now))]


# -- progress ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportProgress:
    """Progress of one milestone (`milestone_id`) or, without it, a note on the whole commitment."""

    status: str
    reported_on: date
    summary: str
    milestone_id: str | None = None
    evidence: tuple[str, ...] = ()
    reason: str | None = None
    reported_by_organization: str | None = None
    correction: Correction | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        evidence = (e.lower() if is_document_id(e) else e for e in strings(data.get("evidence")))
        return cls(data["status"], data["reported_on"], data["summary"], data.get("milestone_id"),
                   tuple(dict.fromkeys(evidence)), data.get("reason"), data.get("reported_by_organization"),
                   Correction.maybe(data.get("correction")))


def is_document_id(evidence_id: str) -> bool:
    """Does an evidence id name a document (its sha256) rather than a publication?"""
    return len(evidence_id) == 64 and all(c in "0123456789abcdefABCDEF" for c in evidence_id)


def report_progress(state: CommitmentState, forum: ForumState, plan: PlanState, cmd: ReportProgress,
                    documents: Mapping[str, bool], now: datetime) -> list[NewEvent]:
    """Progress is reported on a day, not in the forum's future (422) nor before the plan's period starts (409).

    `documents` says, for each evidence id that is a sha256, whether the forum stored that document (and it was not
    withdrawn). Completing needs evidence or a reason why none can be published; cancelling needs a reason (422).
    A report of a milestone on a day it was reported already is a duplicate (409) unless it is a correction, which
    supersedes the report that stands for that milestone (or the commitment-level note).
    """
    if cmd.milestone_id is not None and state.milestone(cmd.milestone_id) is None:
        raise InvalidField("milestone_id", f"no milestone of this commitment has the id {cmd.milestone_id}")
    day = not_future_day("reported_on", cmd.reported_on, forum.timezone, now)
    forum.require_open_on(day, "reported_on")
    if day < plan.period_start:
        raise Conflict(f"reported_on: {day} is before the plan's period starts on {plan.period_start}",
                       {"reported_on": [f"before the plan's period starts on {plan.period_start}"]})
    publications = {p.id for p in plan.publications}
    for evidence_id in cmd.evidence:
        known = documents.get(evidence_id, False) if is_document_id(evidence_id) else evidence_id in publications
        if not known:
            raise InvalidField("evidence", f"no publication of this plan nor document of this forum has the id "
                                           f"{evidence_id}")
    organization = cmd.reported_by_organization
    if organization is not None and organization not in forum.organizations:
        raise InvalidField("reported_by_organization", f"no organization of this forum has the id {organization}")
    reason = cmd.reason.strip() if cmd.reason is not None else None
    if cmd.status == "completed" and not cmd.evidence and not reason:
        raise InvalidField("evidence", "completing needs evidence, or a reason why none can be published")
    if cmd.status == "cancelled" and not reason:
        raise InvalidField("reason", "cancelling needs a reason (the summary is not one)")
    correction = cmd.correction
    standing = state.last_report(cmd.milestone_id)
    what = f"milestone {cmd.milestone_id}" if cmd.milestone_id else "the commitment as a whole"
    corrects: int | None = None
    if correction:
        if standing is None:
            raise Conflict(f"nothing to correct: no progress of {what} was reported yet")
        corrects = standing.version
    elif any(p.reported_on == day for p in state.standing_reports(cmd.milestone_id)):
        raise Conflict(f"progress of {what} on {day} was already reported; send a correction with a reason")
    event = ProgressReported(state.id, cmd.status, day.isoformat(), cmd.summary.strip(), list(cmd.evidence),
                             cmd.milestone_id, reason, organization, reason_of(correction), corrects)
    return [NewEvent(event, forum.at(day))]


def overdue(milestone: Mapping[str, Any], last: ProgressReport | None, day: date) -> bool:
    """A milestone past its due day on `day` and neither completed nor cancelled."""
    due = milestone.get("due_on")
    return due is not None and due < day and (last is None or last.status not in ("completed", "cancelled"))
