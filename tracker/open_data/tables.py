"""The open data's tables: one row per thing the forum's public pages show, with a Table Schema for each table.

The rows come from the same read models the public pages read (`tracker.read_models.records`, brought up to the
log first) and the same compliance answers (`tracker.compliance.compute`); the choices of what the public may see
are those of the public pages (`tracker.queries.public_pages`, `tracker.queries.forums`): a representative's name
unless they are a minor, never an email, a phone or a gender; a contribution's author only as its kind and sector,
and its organization only when a representative wrote on behalf of a member organization; a hidden text withheld
with the reason shown instead; a response's reasoning only once communicated. Days are ISO dates, instants ISO 8601
with the forum's offset. The values are Python values (None for empty); `package` and `workbook` write them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from events import Head
from tracker.bootstrap import Services
from tracker.compliance import compute
from tracker.domain import vocabulary as v
from tracker.domain.commitment import PROGRESS_STATUSES, CommitmentState
from tracker.domain.consultation import ConsultationState
from tracker.domain.contribution import ContributionState
from tracker.domain.forum import ForumState, Representative
from tracker.domain.plan import PlanState
from tracker.domain.session import SessionState
from tracker.domain.time import today, zone
from tracker.queries.implementation import COMPLETION_LEVELS, completion_level, milestone_progress
from tracker.queries.public_pages import reference_of
from tracker.read_models.records import reading

#: What joins several values in one cell (a session's agenda, a commitment's OGP values, ...).
SEPARATOR = "; "


@dataclass(frozen=True)
class Field:
    """A column: its Table Schema name, type and description; `required` when it is never empty."""

    name: str
    type: str  # string, integer, boolean, date, datetime
    description: str
    required: bool = False
    format: str | None = None  # "uri" for a link
    enum: tuple[str, ...] = ()  # the closed list of codes it takes (tracker.domain.vocabulary)


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values are ids of another table's rows (an empty value refers to nothing)."""

    field: str
    resource: str
    reference: str = "id"


@dataclass(frozen=True)
class Table:
    """One table: its name (the CSV file's and the sheet's), title, description, columns and rows."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    rows: list[tuple[Any, ...]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    def schema(self) -> dict[str, Any]:
        """The table's Table Schema (frictionless specs v1)."""
        fields = []
        for f in self.fields:
            spec: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
            if f.format:
                spec["format"] = f.format
            constraints: dict[str, Any] = {"required": True} if f.required else {}
            if f.enum:
                constraints["enum"] = list(f.enum)
            if constraints:
                spec["constraints"] = constraints
            fields.append(spec)
        out: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if self.primary_key:
            out["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            out["foreignKeys"] = [{"fields": [k.field], "reference": {"resource": k.resource, "fields": [k.reference]}}
                                  for k in self.foreign_keys]
        return out


@dataclass(frozen=True)
class Source:
    """The forum's states as the public pages read them, read once, and the log's head when they were read."""

    forum: ForumState
    plans: list[PlanState]
    sessions: list[SessionState]
    contributions: list[ContributionState]
    commitments: list[CommitmentState]
    consultations: list[ConsultationState]
    head: Head
    now: datetime

    @property
    def today(self) -> date:
        return today(self.forum.timezone, self.now)

    def local(self, moment: datetime | None) -> str | None:
        """An instant as ISO 8601 in the forum's timezone, to the second."""
        return moment.astimezone(zone(self.forum.timezone)).isoformat(timespec="seconds") if moment else None


@dataclass(frozen=True)
class OpenData:
    """Every table of a forum's open data, and what they were read from."""

    source: Source
    tables: list[Table] = field(default_factory=list)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def read(services: Services, forum_id: str) -> Source:
    """The forum's states from the read models, brought up to the log first (NotFound for no such forum)."""
    now = services.clock()
    with reading(services.projector) as r:
        head = services.store.head()
        forum, _ = r.record("forum", forum_id)
        return Source(forum, r.records_of("plan", forum_id=forum_id), r.records_of("session", forum_id=forum_id),
                      r.records_of("contribution", forum_id=forum_id),
                      r.records_of("commitment", forum_id=forum_id),
                      r.records_of("consultation", forum_id=forum_id), head, now)


def public_name(rep: Representative | None) -> str | None:
    """A representative's name as the public pages show it: never a minor's."""
    return rep.name if rep is not None and not rep.is_minor else None


def _joined(values: Any) -> str | None:
    items = [str(v) for v in values if v not in (None, "")]
    return SEPARATOR.join(items) if items else None


# -- the tables -----------------------------------------------------------------------------------------------


def _plans(s: Source) -> Table:
    return Table("action_plans", "Action plans", "The forum's action plans and their co-creation windows.", (
        Field("id", "string", "The action plan's id", True),
        Field("title", "string", "Its title", True),
        Field("period_start", "date", "First day of the plan's implementation period", True),
        Field("period_end", "date", "Last day of the implementation period", True),
        Field("cocreation_starts_on", "date", "First day of co-creation", True),
        Field("cocreation_ends_on", "date", "Last day of co-creation", True),
        Field("submitted_on", "date", "The day the plan was submitted to OGP, if it was"),
    ), [(p.id, p.title, p.period_start, p.period_end, p.cocreation_starts_on, p.cocreation_ends_on, p.submitted_on)
        for p in s.plans], ("id",))


def _organizations(s: Source) -> Table:
    day = s.today
    return Table("organizations", "Member organizations", "Every organization that is or was a member of the forum.", (
        Field("id", "string", "The organization's id", True),
        Field("name", "string", "Its name", True),
        Field("sector", "string", "Its sector", True, enum=v.SECTORS),
        Field("joined_on", "date", "The day it joined the forum", True),
        Field("left_on", "date", "The day it left the forum, if it did"),
        Field("current", "boolean", "Is it a member on the day the data was read?", True),
    ), [(o.id, o.name, o.sector, o.joined_on, o.left_on, o.member_on(day)) for o in s.forum.organizations.values()],
        ("id",))


def _memberships(s: Source) -> Table:
    day, orgs = s.today, s.forum.organizations
    return Table("memberships", "Representatives' memberships",
                 "Each designation of a person to represent a member organization (a minor's name is never given).", (
        Field("id", "string", "The representative's id", True),
        Field("organization_id", "string", "The organization represented", True),
        Field("organization", "string", "Its name", True),
        Field("sector", "string", "Its sector", True, enum=v.SECTORS),
        Field("role", "string", "primary or alternate", True, enum=v.REPRESENTATIVE_ROLES),
        Field("start_date", "date", "The day the representative was designated", True),
        Field("end_date", "date", "The day the representative was withdrawn, if they were"),
        Field("current", "boolean", "Does the representative serve on the day the data was read?", True),
        Field("representative_name", "string", "The representative's name; empty for a minor"),
    ), [(r.id, r.organization_id, orgs[r.organization_id].name, orgs[r.organization_id].sector, r.role,
         r.designated_on, r.withdrawn_on, r.serves_on(day), public_name(r))
        for r in s.forum.representatives.values()], ("id",), (ForeignKey("organization_id", "organizations"),))


def _attendees(session: SessionState) -> tuple[int, int]:
    guests = sum(1 for a in session.attendance if a.get("representative_id") is None)
    return len(session.attendance) - guests, guests


def _sessions(s: Source) -> Table:
    rows = []
    for x in s.sessions:
        announcement = x.announcement or {}
        minutes = x.minutes or {}
        document = minutes.get("document") or {}
        representatives, guests = _attendees(x)
        rows.append((
            x.id, x.action_plan_id, x.number, x.title, x.kind, x.modality, x.venue, x.status, s.local(x.scheduled_at),
            s.local(x.held_at), announcement.get("announced_on"), _joined(announcement.get("channels") or ()),
            x.cancellation_reason, _joined(item["title"] for item in x.agenda),
            _joined(m.get("url") for m in announcement.get("materials") or ()), document.get("title"),
            document.get("url"), minutes.get("approved_on"), minutes.get("published_on"),
            representatives if x.held_at else None, guests if x.held_at else None, x.public_attendees))
    return Table("sessions", "Sessions", "The forum's sessions: scheduled, held or cancelled.", (
        Field("id", "string", "The session's id", True),
        Field("action_plan_id", "string", "The action plan it is about, if any"),
        Field("number", "integer", "Its number in the forum's series, if given"),
        Field("title", "string", "Its title", True),
        Field("kind", "string", "What kind of session", True, enum=v.SESSION_KINDS),
        Field("modality", "string", "in_person, virtual or hybrid", True, enum=v.MODALITIES),
        Field("venue", "string", "Where it is held (an address or a link)", True),
        Field("status", "string", "scheduled, held or cancelled", True,
              enum=("scheduled", "held", "cancelled")),
        Field("scheduled_at", "datetime", "When it is (or was) scheduled, with the forum's offset", True),
        Field("held_at", "datetime", "When it was held, if it was"),
        Field("announced_on", "date", "The day it was announced, if it was"),
        Field("announcement_channels", "string", f"How it was announced, separated by '{SEPARATOR}'"),
        Field("cancellation_reason", "string", "Why it was cancelled, if it was"),
        Field("agenda", "string", f"The agenda items' titles, in order, separated by '{SEPARATOR}'"),
        Field("materials", "string", f"Links to the materials announced with it, separated by '{SEPARATOR}'"),
        Field("minutes_title", "string", "The minutes' title, once recorded"),
        Field("minutes_url", "string", "Where the minutes are published"),
        Field("minutes_approved_on", "date", "The day the minutes were approved"),
        Field("minutes_published_on", "date", "The day the minutes were published, if given"),
        Field("representatives_attending", "integer", "How many representatives attended (held sessions)"),
        Field("guests_attending", "integer", "How many named guests attended (held sessions)"),
        Field("public_attendees", "integer", "How many members of the public attended, if counted"),
    ), rows, ("id",), (ForeignKey("action_plan_id", "action_plans"),))


def _attendance(s: Source) -> Table:
    rows = []
    orgs = s.forum.organizations
    for x in s.sessions:
        counts = Counter((a.get("organization_id") if a.get("representative_id") else None, a["sector"])
                         for a in x.attendance)
        for (org_id, sector), n in sorted(counts.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or "", kv[0][1])):
            org = orgs.get(org_id) if org_id else None
            rows.append((x.id, "representative" if org_id else "guest", org_id, org.name if org else None, sector, n))
    return Table("attendance", "Attendance by organization and sector",
                 "How many attended each held session, per member organization (its representatives) and, for "
                 "guests, per sector; counts, never people.", (
        Field("session_id", "string", "The session", True),
        Field("attendee_kind", "string", "representative (of a member organization) or guest", True,
              enum=("representative", "guest")),
        Field("organization_id", "string", "The member organization (representatives only)"),
        Field("organization", "string", "Its name (representatives only)"),
        Field("sector", "string", "The sector", True, enum=v.SECTORS),
        Field("attendees", "integer", "How many attended", True),
    ), rows, (), (ForeignKey("session_id", "sessions"), ForeignKey("organization_id", "organizations")))


def _publications(s: Source) -> Table:
    return Table("publications", "Publications", "What the forum published about each plan (pages, documents).", (
        Field("id", "string", "The publication's id", True),
        Field("action_plan_id", "string", "The action plan", True),
        Field("kind", "string", "What was published", True, enum=v.PUBLICATION_KINDS),
        Field("title", "string", "Its title", True),
        Field("url", "string", "Where it is", True, "uri"),
        Field("published_on", "date", "The day it was published", True),
        Field("session_id", "string", "The session it came from, if any"),
    ), [(p.id, plan.id, p.kind, p.title, p.url, p.published_on, p.session_id)
        for plan in s.plans for p in plan.publications], ("id",),
        (ForeignKey("action_plan_id", "action_plans"), ForeignKey("session_id", "sessions")))


def _consultations(s: Source) -> Table:
    return Table("consultations", "Consultations", "The public consultations on each plan, with their extensions.", (
        Field("id", "string", "The consultation's id", True),
        Field("action_plan_id", "string", "The action plan", True),
        Field("opens_on", "date", "First day", True),
        Field("closes_on", "date", "Last day, extensions counted", True),
        Field("original_closes_on", "date", "Last day as first announced", True),
        Field("channel", "string", "How contributions are received", True, enum=v.CONTRIBUTION_CHANNELS),
        Field("url", "string", "Where to take part, if online"),
        Field("extensions", "integer", "How many times it was extended", True),
    ), [(c.id, c.action_plan_id, c.opens_on, c.closes_on, c.original_closes_on, c.channel, c.url, len(c.extensions))
        for c in s.consultations], ("id",), (ForeignKey("action_plan_id", "action_plans"),))


def _on_behalf_of(c: ContributionState, forum: ForumState) -> tuple[str | None, str | None]:
    """(id, name) of the member organization a representative wrote for; (None, None) for anyone else."""
    org_id = c.author.get("organization_id") if c.author.get("kind") == "representative" else None
    org = forum.organizations.get(org_id) if org_id else None
    return (org.id, org.name) if org else (None, None)


def _contributions(s: Source) -> Table:
    rows = []
    for c in s.contributions:
        org_id, org_name = _on_behalf_of(c, s.forum)
        response, hidden = c.response, c.hidden
        communicated = bool(c.communications)
        rows.append((
            c.id, reference_of(c.id), c.action_plan_id, c.consultation_id, c.session_id,
            (response.commitment_id if response else None) or c.commitment_id, c.received_on, c.channel,
            "representative" if c.author.get("kind") == "representative" else "public", c.author.get("sector"),
            org_id, org_name, None if hidden else c.text, hidden is not None, hidden.reason if hidden else None,
            hidden.hidden_on if hidden else None, c.status, response.decision if response else None,
            response.responded_on if response else None, response.reasoning if response and communicated else None,
            c.days_to_response, c.days_to_written_communication))
    return Table("contributions", "Contributions", "What was proposed for each plan and what became of it: the "
                 "decision, and the reasoning once communicated. No author's name or contact data.", (
        Field("id", "string", "The contribution's id", True),
        Field("reference", "string", "The short reference the public form gives (the id's end)", True),
        Field("action_plan_id", "string", "The action plan", True),
        Field("consultation_id", "string", "The consultation it answered, if any"),
        Field("session_id", "string", "The session it was made at, if any"),
        Field("commitment_id", "string", "The commitment it shaped (from the response, else as received)"),
        Field("received_on", "date", "The day it was received", True),
        Field("channel", "string", "How it was received", True, enum=v.CONTRIBUTION_CHANNELS),
        Field("author_kind", "string", "representative (of a member organization) or public", True,
              enum=("representative", "public")),
        Field("sector", "string", "The author's sector, if known", enum=v.SECTORS),
        Field("organization_id", "string", "The member organization it was made on behalf of (representatives only)"),
        Field("organization", "string", "That organization's name"),
        Field("text", "string", "Its text; empty when the secretariat hid it from the public"),
        Field("text_hidden", "boolean", "Did the secretariat hide the text from the public?", True),
        Field("hidden_reason", "string", "Why the text is hidden"),
        Field("hidden_on", "date", "The day it was hidden"),
        Field("status", "string", "The furthest stage reached", True, enum=v.CONTRIBUTION_STATUSES),
        Field("decision", "string", "The decision, once responded", enum=v.DECISIONS),
        Field("responded_on", "date", "The day of the response"),
        Field("reasoning", "string", "The response's reasoning, once communicated"),
        Field("days_to_response", "integer", "Days from receipt to response"),
        Field("days_to_written_communication", "integer", "Days from receipt to the first written communication"),
    ), rows, ("id",), (ForeignKey("action_plan_id", "action_plans"), ForeignKey("consultation_id", "consultations"),
                        ForeignKey("session_id", "sessions"), ForeignKey("commitment_id", "commitments"),
                        ForeignKey("organization_id", "organizations")))


def _communications(s: Source) -> Table:
    return Table("communications", "Communications of responses",
                 "How and when each response was made known to its author (corrections applied).", (
        Field("contribution_id", "string", "The contribution", True),
        Field("communicated_on", "date", "The day", True),
        Field("channel", "string", "How", True, enum=v.COMMUNICATION_CHANNELS),
        Field("written", "boolean", "Does it count as written feedback (OGP 2.4)?", True),
        Field("url", "string", "Where it was published, if it was"),
    ), [(c.id, m.communicated_on, m.channel, m.written, m.url) for c in s.contributions for m in c.communications],
        (), (ForeignKey("contribution_id", "contributions"),))


def _commitments(s: Source) -> Table:
    rows = []
    for c in s.commitments:
        rows.append((c.id, c.action_plan_id, c.title, c.problem, c.description, _joined(c.ogp_values),
                     c.lead_institution, c.revision, s.local(c.drafted_at),
                     completion_level(milestone_progress(c, s.today))))
    return Table("commitments", "Commitments", "Each plan's commitments, as their current text says.", (
        Field("id", "string", "The commitment's id", True),
        Field("action_plan_id", "string", "The action plan", True),
        Field("title", "string", "Its title", True),
        Field("problem", "string", "The problem it addresses"),
        Field("description", "string", "What it will do"),
        Field("ogp_values", "string", f"The OGP values it advances, separated by '{SEPARATOR}'"),
        Field("lead_institution", "string", "The institution that leads it"),
        Field("revision", "integer", "How many times its text was revised or amended", True),
        Field("drafted_at", "datetime", "When it was drafted, with the forum's offset", True),
        Field("completion", "string", "Its completion level on the day the data was read", True,
              enum=COMPLETION_LEVELS),
    ), rows, ("id",), (ForeignKey("action_plan_id", "action_plans"),))


def _milestones(s: Source) -> Table:
    rows = []
    for c in s.commitments:
        for order, m in enumerate(milestone_progress(c, s.today), start=1):
            last = m["last_report"]
            rows.append((m["id"], c.id, order, m["title"], m["deliverable"], m["due_on"], m["status"], m["overdue"],
                         last["reported_on"] if last else None))
    return Table("milestones", "Milestones and their progress",
                 "Each commitment's current milestones, with the status the standing progress report gives.", (
        Field("id", "string", "The milestone's id", True),
        Field("commitment_id", "string", "The commitment", True),
        Field("order", "integer", "Its place among the commitment's milestones", True),
        Field("title", "string", "Its title", True),
        Field("deliverable", "string", "What it delivers"),
        Field("due_on", "date", "When it is due"),
        Field("status", "string", "The standing report's status; empty when never reported", enum=PROGRESS_STATUSES),
        Field("overdue", "boolean", "Is it overdue on the day the data was read?", True),
        Field("last_reported_on", "date", "The day of the standing report"),
    ), rows, ("id",), (ForeignKey("commitment_id", "commitments"),))


def _progress(s: Source) -> Table:
    rows = [(c.id, r.milestone_id, r.status, r.reported_on, r.summary, _joined(r.evidence), r.reason,
             r.reported_by_organization, r.superseded, r.correction_reason) for c in s.commitments for r in c.progress]
    return Table("progress_reports", "Progress reports", "Every progress report as logged; superseded ones marked.", (
        Field("commitment_id", "string", "The commitment", True),
        Field("milestone_id", "string", "The milestone; empty for a note on the whole commitment"),
        Field("status", "string", "The status reported", True, enum=PROGRESS_STATUSES),
        Field("reported_on", "date", "The day it reports on", True),
        Field("summary", "string", "What it says", True),
        Field("evidence", "string", f"Links or document ids, separated by '{SEPARATOR}'"),
        Field("reason", "string", "The reason given (a delay's, a cancellation's)"),
        Field("reported_by_organization", "string", "The organization that reported it, if named"),
        Field("superseded", "boolean", "Was it corrected by a later report?", True),
        Field("correction_reason", "string", "Why it corrects an earlier report, if it does"),
    ), rows, (), (ForeignKey("commitment_id", "commitments"),))


def _compliance(services: Services, s: Source) -> Table:
    rows = []
    for plan in s.plans:
        body = compute(services.store, plan.id, lang="en", now=s.now)
        position, head = body["log"]["position"], body["log"]["head"]
        rows += [(plan.id, None, c["id"], c["question"], c["answer"], position, head) for c in body["checks"]]
        rows += [(plan.id, commitment["id"], c["id"], c["question"], c["answer"], position, head)
                 for commitment in body["commitments"] for c in commitment["checks"]]
    return Table("compliance", "Compliance answers", "Each plan's inception-report checks as computed from the log, "
                 "with the log position and head hash they were computed from (tracker events verify --against).", (
        Field("action_plan_id", "string", "The action plan", True),
        Field("commitment_id", "string", "The commitment, for a commitment's check"),
        Field("check_id", "string", "The check (1.1 to 3.n.5, S.*)", True),
        Field("question", "string", "What it asks", True),
        Field("answer", "string", "The answer computed (or judged by the evaluator)", True),
        Field("log_position", "integer", "The log position it was computed at", True),
        Field("log_head", "string", "The chain hash at that position", True),
    ), rows, (), (ForeignKey("action_plan_id", "action_plans"), ForeignKey("commitment_id", "commitments")))


def open_data(services: Services, forum_id: str) -> OpenData:
    """Every table of the forum's open data (NotFound for no such forum)."""
    s = read(services, forum_id)
    return OpenData(s, [_plans(s), _organizations(s), _memberships(s), _sessions(s), _attendance(s),
                        _publications(s), _consultations(s), _contributions(s), _communications(s),
                        _commitments(s), _milestones(s), _progress(s), _compliance(services, s)])
