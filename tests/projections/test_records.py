"""The `records` read model: a row per stream holding exactly the state the domain folds from it, and the API's
GETs answering from those rows (not from the streams), in the order the API lists them.

The record is built through the API (the year of co-creation in Cajamarca, contributions at every stage with their
corrections, an evaluator's assessment and judgements), on SQLite and PostgreSQL.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from events.catalog import registry
from tests.api import conftest as api_fixtures
from tests.api.test_story import test_a_year_of_co_creation_in_cajamarca as tell_the_story
from tests.projections.test_codec import typed
from tests.projections.test_read_models import contributions_at_every_stage
from tests.support.builders import new_forum
from tests.support.builders_contributions import cocreation, contribute, resident, schedule
from tests.support.builders_plans import assess, judge
from tracker.commands import contributions as commands
from tracker.commands.base import Context
from tracker.domain.document import EVENT_TYPES as DOCUMENT_TYPES
from tracker.domain.notices.deliveries import TYPES as DELIVERY_TYPES
from tracker.read_models import ReadModels
from tracker.read_models.codec import domain_classes, encode, loads
from tracker.read_models.records import KIND_OF_TYPE, KINDS, Reader, Records, record, records_of
from tracker.read_models.sealing import Opener, Sealer

app, tokens, api, clock = api_fixtures.app, api_fixtures.tokens, api_fixtures.api, api_fixtures.clock

MARK = "Según el modelo de lectura"


@pytest.fixture
def projector(app) -> ReadModels:
    return app.extensions["tracker"].projector


def rows(projector: ReadModels) -> dict[str, dict]:
    """Every row of `records` by id, its state as stored (JSON text)."""
    t = Records.table
    with projector.engine.connect() as conn:
        found = conn.execute(select(t, Reader.state.label("text"))).mappings().all()
    return {r["id"]: dict(r) for r in found}


def the_whole_record(api, tokens) -> dict[str, str]:
    """The story, contributions at every stage, and an evaluator's assessment (corrected) and judgements."""
    tell_the_story(api)
    ids = contributions_at_every_stage(api)
    evaluator = api.as_(tokens.evaluator)
    commitment = api.post(f"/action-plans/{ids['plan']}/commitments", {
        "title": "Presupuesto participativo abierto", "ogp_values": ["transparency"],
        "milestones": [{"title": "Portal publicado", "due_on": "2026-06-30"}]})["id"]
    assess(evaluator, commitment)
    assess(evaluator, commitment, potential="binding_or_institutionalized",
           correction={"reason": "La ordenanza obliga a publicar"})
    judge(evaluator, ids["plan"], "2.4", "unclear")
    judge(evaluator, ids["plan"], "2.4", "yes")
    return {**ids, "commitment": commitment}


def test_does_each_stream_have_a_row_holding_exactly_what_its_fold_says_at_its_version(api, tokens, app, projector):
    the_whole_record(api, tokens)
    store = app.extensions["tracker"].store
    streams: dict[str, list] = {}
    for event in store.read_all():
        streams.setdefault(event.stream_id, []).append(event)
    stored = rows(projector)
    assert set(stored) == set(streams)
    for stream_id, events in streams.items():
        row, kind = stored[stream_id], KIND_OF_TYPE[events[0].type]
        state = KINDS[kind].fold(store.read_stream(stream_id))
        assert (row["kind"], row["version"], row["position"]) == (
            kind, events[-1].stream_version, events[-1].position)
        plan_of = None if kind in ("forum", "plan") else state.action_plan_id
        assert (row["forum_id"], row["action_plan_id"]) == (events[0].tenant_id, plan_of)
        opener = Opener(store, (row["text"],))
        assert typed(loads(row["text"], opener)) == typed(state)
        # As stored: the state's own encoding, each personal value sealed in its place, the same way each time
        assert json.loads(row["text"], object_hook=lambda d, o=opener: o(d) if "$sealed" in d else d) == encode(state)
        assert json.loads(row["text"]) == Sealer(store).seal_state(state, encode(state))
    assert {row["kind"] for row in stored.values()} == set(KINDS)


def test_does_every_event_type_of_the_catalog_belong_to_one_kind():
    """Every type but the scheduler's deliveries, which are no aggregate's (tracker.domain.notices), the
    documents' (their bytes are an operational table, not a record: tracker.documents), and a person's
    forgetting, which re-folds the rows that name them instead of being a row of its own."""
    assert Records.handles == set(registry.names()) - set(DELIVERY_TYPES) - set(DOCUMENT_TYPES)
    assert sum(len(kind.types) for kind in KINDS.values()) == len(Records.handles - {"PersonForgotten"})


def test_is_the_version_raised_whenever_a_domain_state_changes_shape():
    """A row stored by other code must not be read as if it were today's state: a changed state fails this test
    until `Records.version` is raised (the table is then rebuilt) and the fingerprint below updated."""
    shapes = {name: [(f.name, str(f.type)) for f in dataclasses.fields(cls)]
              for name, cls in sorted(domain_classes().items())}
    fingerprint = hashlib.sha256(json.dumps(shapes).encode()).hexdigest()[:16]
    # bf68a27a...: the typed commands (EstablishForum, RecordSession, ...) joined the domain's dataclasses; no
    # stored state changed shape (without them the fingerprint is still 6db65a88087ffa84), so version 2 stood.
    # fed76ec6...: RecordMinutes took `published_on`, and the session's fold keeps it in its minutes: version 3.
    # bf49765d...: ForumState keeps its policy amendments (PolicyAmendment, AmendPolicy): version 4.
    # Version 5: the same shapes, each personal value sealed (tracker.read_models.sealing).
    # cabddd03...: ContributionState keeps a hidden text (TextHiding, HideContributionText): version 6.
    # 31f6da72...: CommitmentState keeps milestone ids and progress reports (ProgressReport, ReportProgress): 7.
    # 9ff122d5...: CommitmentState keeps amendments and its drafted text (Amendment, AmendCommitment): 8.
    # Version 10: RecordMinutes takes comments (MinutesComment) and the session's fold keeps them in its minutes;
    # an agenda item may present progress (AgendaItem.presents_progress_of). a7e59422...: the commands of
    # tracker.domain.results (AssessEnd, AssessPlan, AnswerRecommendation, NameLeadContact) and DraftCommitment's
    # lead contact joined too; no stored state changed shape with them.
    # e92ef70b...: ForumState keeps its country, a representative the channels they agreed to (opt_in), and
    # RecordChannelConsent joined the commands: version 11. 5736b35d...: the scheduler's FeedbackCandidate and the
    # public author (PublicAuthor) take a phone's channels; no stored state changed shape with them.
    # ad3b8509...: ContributionState keeps the channels a public author withdrew by replying "BAJA"
    # (ContributorChannelWithdrawn): version 12.
    assert (Records.version, fingerprint) == (12, "ad3b8509ba1df8e9")


def tamper(projector: ReadModels, stream_id: str, change) -> None:
    """Rewrite a row's state behind the projector's back (its checkpoint stays where it is)."""
    t = Records.table
    with projector.engine.begin() as conn:
        stored = conn.execute(select(Reader.state).where(t.c.id == stream_id)).scalar_one()
        state = loads(stored, Opener(projector.store, (stored,)))
        change(state)
        sealed = Sealer(projector.store).seal_state(state, encode(state))
        conn.execute(t.update().where(t.c.id == stream_id).values(state=sealed))


def one_plan_of_each(api) -> dict[str, str]:
    """A plan with a contribution at every stage, a session, a consultation, a commitment and an endorsement."""
    ids = contributions_at_every_stage(api)
    plan = ids["plan"]
    ids["session"] = schedule(api, ids["forum"])
    ids["consultation"] = api.post(f"/action-plans/{plan}/consultations", {
        "opens_on": "2025-06-01", "closes_on": "2025-06-30", "channel": "web_form"})["id"]
    ids["commitment"] = api.post(f"/action-plans/{plan}/commitments", {
        "title": "Presupuesto participativo abierto", "ogp_values": ["transparency"]})["id"]
    ids["endorsement"] = api.post(f"/action-plans/{plan}/endorsements", {"endorsed_on": "2025-06-20"})["id"]
    return ids


def test_do_the_gets_answer_from_the_rows_not_from_the_streams(api, projector):
    ids = one_plan_of_each(api)
    forum, plan, contribution = ids["forum"], ids["plan"], ids["responded"]

    def say(name: str):
        return lambda state: setattr(state, name, MARK)

    def endorse_with_mark(state):
        state.endorsements[0].document = {"title": MARK, "url": "https://example.org/acta", "sha256": None}

    changes = {forum: say("name"), plan: say("title"), ids["session"]: say("title"),
               ids["commitment"]: say("title"), ids["consultation"]: say("url"), contribution: say("text")}
    for stream_id, change in changes.items():
        tamper(projector, stream_id, change)
    tamper(projector, plan, endorse_with_mark)
    paths = ["/forums", f"/forums/{forum}", f"/forums/{forum}/sessions", f"/sessions/{ids['session']}",
             f"/action-plans/{plan}", f"/commitments/{ids['commitment']}", f"/consultations/{ids['consultation']}",
             f"/contributions/{contribution}", f"/action-plans/{plan}/contributions",
             f"/endorsements/{ids['endorsement']}"]
    assert {p: MARK in json.dumps(api.get(p), ensure_ascii=False) for p in paths} == dict.fromkeys(paths, True)

    with projector.engine.begin() as conn:  # a row lost: the GET says what the read model says
        conn.execute(Records.table.delete().where(Records.table.c.id == contribution))
    missing = api.call("GET", f"/contributions/{contribution}")
    assert (missing.status_code, missing.get_json()["message"]) == (404, f"no contribution has the id {contribution}")
    assert contribution not in {c["id"] for c in api.get(f"/action-plans/{plan}/contributions")}

    projector.rebuild(Records.name)  # the log is the truth: a rebuild brings every row back as it was
    assert not any(MARK in json.dumps(api.get(p), ensure_ascii=False) for p in paths)
    assert api.get(f"/contributions/{contribution}")["status"] == "responded"


def test_does_a_get_bring_the_rows_up_to_the_log_first(api, app, projector, clock):
    """A write whose read models never caught up (the process died after the append) shows on the next GET."""
    ids = contributions_at_every_stage(api)
    no_projector = Context(store=app.extensions["tracker"].store, now=clock(), actor="secretaria@cajamarca.gob.pe")
    commands.respond_to_contribution(no_projector, ids["considered"], {
        "decision": "rejected", "reasoning": "Excede las competencias del gobierno regional.",
        "responded_on": date(2025, 6, 10)})
    seen = api.call("GET", f"/contributions/{ids['considered']}")
    assert seen.get_json()["status"] == "responded"
    assert seen.headers["ETag"] == f'"{ids["considered"]}.3"'
    state, version = record(projector, "contribution", ids["considered"])
    assert (state.status, version) == ("responded", 3)


def test_are_many_sessions_listed_by_when_they_are_scheduled_the_id_breaking_ties(api, projector):
    forum = new_forum(api)
    rng = random.Random(2025)
    start = datetime(2025, 3, 3, 20, 0, tzinfo=UTC)
    when = [start + timedelta(days=rng.randrange(300), hours=rng.choice([0, 0, 3])) for _ in range(60)]
    made = {}
    for moment in when:  # the same instant written with other offsets too
        offset = timedelta(hours=rng.choice([-5, 0, 1]))
        made[schedule(api, forum, moment.astimezone(timezone(offset)).isoformat())] = moment
    assert len(set(when)) < len(when)  # some share their instant: the id decides
    moved = rng.choice(sorted(made))
    api.post(f"/sessions/{moved}/rescheduling", {"scheduled_at": "2025-03-01T09:00:00-05:00"})
    made[moved] = datetime(2025, 3, 1, 14, 0, tzinfo=UTC)
    expected = sorted(made, key=lambda s: (made[s], s))
    assert [s["id"] for s in api.get(f"/forums/{forum}/sessions")] == expected
    assert [s.id for s in records_of(projector, "session", forum_id=forum)] == expected
    assert expected[0] == moved


def test_are_contributions_listed_by_the_day_received_then_by_when_logged(api, projector):
    c = cocreation(api)
    rng = random.Random(7)
    days = [date(2025, 5, 1) + timedelta(days=rng.randrange(5)) for _ in range(25)]
    logged = [(day, contribute(api, c.plan, resident(), received_on=day.isoformat())) for day in days]
    expected = [ctb for _, ctb in sorted(logged, key=lambda pair: pair[0])]  # a stable sort: logged order kept
    assert [x["id"] for x in api.get(f"/action-plans/{c.plan}/contributions")] == expected
    assert [x.id for x in records_of(projector, "contribution", action_plan_id=c.plan)] == expected


def test_does_every_event_type_belong_to_a_read_model_or_to_streams_none_folds(projector):
    """Else a rebuild, missing a type, cannot trust its batches to hold whole histories and reads the log twice."""
    handled = frozenset().union(*(p.handles for p in projector.projections.values()))
    assert handled | projector.unfolded == set(registry.names())
    assert not handled & projector.unfolded
