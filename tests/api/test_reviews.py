"""Reviews of progress with civil society (issue 19, third part): an agenda item presents the progress of
commitments of the forum's plans; the minutes record the comments collected; the final report reads the plan's
reviews (tracker.queries.reviews)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.api.conftest import event_count
from tests.support.builders import join, new_forum, open_plan
from tests.support.builders_contributions import contribute, resident
from tests.support.builders_plans import draft_commitment
from tests.support.builders_sessions import MINUTES_DOC, approve_minutes, forum_with_roster, hold_session
from tracker.queries.reviews import reviews_of_progress

ITEM = "Avance de los compromisos del plan"


def stream(app, stream_id: str) -> list:
    return app.extensions["tracker"].store.read_stream(stream_id)


def in_implementation(api):
    """A roster and a plan whose co-creation ended on 2025-06-30, with two commitments drafted in June 2025; and a
    commitment of another forum's plan."""
    r = forum_with_roster(api)
    r.plan = open_plan(api, r.forum_id, cocreation_starts_on="2025-02-10", cocreation_ends_on="2025-06-30")
    r.first = draft_commitment(api, r.plan, occurred_on="2025-06-10")
    r.second = draft_commitment(api, r.plan, title="Obras públicas en datos abiertos", occurred_on="2025-06-12")
    elsewhere = new_forum(api, name="Foro de Gobierno Abierto de Jaén")
    join(api, elsewhere, "Municipalidad Provincial de Jaén", "government")
    r.foreign = draft_commitment(api, open_plan(api, elsewhere), occurred_on="2025-06-10")
    return r


def schedule(api, r, agenda, expect=201):
    body = {"title": "Revisión de avances del plan", "kind": "forum_session",
            "scheduled_at": "2025-09-09T10:00:00-05:00", "venue": "Sala de sesiones", "modality": "hybrid",
            "agenda": agenda}
    return api.post(f"/forums/{r.forum_id}/sessions", body, expect=expect)


@pytest.mark.both_engines  # this area's smoke test on PostgreSQL
def test_a_session_presents_progress_and_its_minutes_record_the_comments_collected(api, app):
    r = in_implementation(api)
    session_id = schedule(api, r, [{"title": "Bienvenida"},
                                   {"title": ITEM, "presents_progress_of": [r.second, r.first]}])["id"]
    hold_session(api, session_id, held_at="2025-09-09T10:10:00-05:00",
                 attendance=[{"representative_id": r.ana}, {"representative_id": r.jorge}])
    approve_minutes(api, session_id, approved_on="2025-09-16", comments=[
        {"organization_id": r.ong, "text": "  Pedimos el cronograma de obras\npor distrito.  "},
        {"text": "Una vecina preguntó por los datos de Jaén."}])

    s = api.get(f"/sessions/{session_id}")
    assert s["agenda"] == [
        {"title": "Bienvenida", "proposed_by_organization": None, "presents_progress_of": []},
        {"title": ITEM, "proposed_by_organization": None, "presents_progress_of": [r.second, r.first]}]
    assert s["minutes"]["comments"] == [
        {"organization_id": r.ong, "organization": "Asociación Civil Transparencia Cajamarca",
         "text": "Pedimos el cronograma de obras\npor distrito."},
        {"organization_id": None, "organization": None, "text": "Una vecina preguntó por los datos de Jaén."}]
    scheduled, minuted = stream(app, session_id)[0], stream(app, session_id)[-1]
    # Only given when there is something to give: an item without progress keeps the bytes it always had.
    assert scheduled.data["agenda"] == [
        {"title": "Bienvenida", "proposed_by_organization": None},
        {"title": ITEM, "proposed_by_organization": None, "presents_progress_of": [r.second, r.first]}]
    assert minuted.data["comments"][0] == {"organization_id": r.ong,
                                           "text": "Pedimos el cronograma de obras\npor distrito."}


def test_minutes_without_comments_keep_the_bytes_they_always_had(api, app):
    r = in_implementation(api)
    session_id = schedule(api, r, [{"title": ITEM}])["id"]
    hold_session(api, session_id, held_at="2025-09-09T10:10:00-05:00")
    approve_minutes(api, session_id, approved_on="2025-09-16")
    minuted = stream(app, session_id)[-1]
    assert set(minuted.data) == {"session_id", "document", "approved_on", "signed_by", "correction_reason"}
    assert api.get(f"/sessions/{session_id}")["minutes"]["comments"] == []


AGENDA_REFUSALS = [
    ([{"title": ITEM, "presents_progress_of": ["{foreign}"]}], "agenda.0.presents_progress_of"),
    ([{"title": "x"}, {"title": ITEM, "presents_progress_of": ["{plan}"]}], "agenda.1.presents_progress_of"),
    ([{"title": ITEM, "presents_progress_of": ["cmt_0000000000000000"]}], "agenda.0.presents_progress_of"),
    ([{"title": ITEM, "presents_progress_of": ["{first}", "{first}"]}], "agenda.0.presents_progress_of"),
    ([{"title": ITEM, "presents_progress_of": [""]}], "agenda.0.presents_progress_of.0"),
]


@pytest.mark.parametrize("agenda, field", AGENDA_REFUSALS)
def test_an_agenda_presents_only_commitments_of_the_forums_plans(api, app, agenda, field):
    r = in_implementation(api)
    ids = vars(r)
    agenda = [{**item, **({"presents_progress_of": [c.format(**ids) if c.startswith("{") else c
                                                    for c in item["presents_progress_of"]]}
                          if "presents_progress_of" in item else {})} for item in agenda]
    before = event_count(app)
    error = schedule(api, r, agenda, expect=422)
    assert field in error["errors"], error
    assert event_count(app) == before


@pytest.mark.parametrize("comment, field", [
    ({"organization_id": "org_0000000000000000", "text": "Bien"}, "comments.0.organization_id"),
    ({"text": "   \n  "}, "comments.0.text"),
    ({"text": ""}, "comments.0.text"),
    ({"organization_id": "{ong}"}, "comments.0.text"),
])
def test_comments_are_text_perhaps_of_an_organization_of_the_forum(api, app, comment, field):
    r = in_implementation(api)
    session_id = schedule(api, r, [{"title": ITEM}])["id"]
    hold_session(api, session_id, held_at="2025-09-09T10:10:00-05:00")
    if comment.get("organization_id") == "{ong}":
        comment = {**comment, "organization_id": r.ong}
    before = event_count(app)
    error = api.post(f"/sessions/{session_id}/minutes", {"document": MINUTES_DOC, "approved_on": "2025-09-16",
                                                         "comments": [comment]}, expect=422)
    assert field in error["errors"], error
    assert event_count(app) == before


def test_the_final_report_reads_each_review_of_progress_as_of_a_day_and_as_known(api, app, clock):
    """reviews_of_progress: the sessions held after W that presented the plan's progress (not a session that
    presented none, nor one in W), with civil society's presence, the comments (organization named), the
    contributions logged with it, and whether it counts; a comment recorded after known_at, or a contribution
    received after as_of, is not there yet."""
    r = in_implementation(api)
    store = app.extensions["tracker"].store

    def session(day, agenda, attendance):
        session_id = schedule(api, r, agenda)["id"]
        hold_session(api, session_id, held_at=f"{day}T10:10:00-05:00",
                     attendance=[{"representative_id": rep} for rep in attendance])
        return session_id

    in_window = session("2025-06-20", [{"title": ITEM, "presents_progress_of": [r.first]}], [r.jorge])
    review = session("2025-09-09", [{"title": ITEM, "presents_progress_of": [r.first]}], [r.ana, r.jorge])
    approve_minutes(api, review, approved_on="2025-09-09")
    session("2025-10-14", [{"title": "Bienvenida"}], [r.jorge])
    officials = session("2025-11-11", [{"title": ITEM, "presents_progress_of": [r.second]}], [r.ana])
    contribution = contribute(api, r.plan, resident(), received_on="2025-11-20", session_id=officials)
    clock.advance(days=1)
    approve_minutes(api, review, approved_on="2025-09-09", comments=[{"organization_id": r.ong, "text": "Bien."}],
                    correction={"reason": "Faltaban los comentarios"})

    found = reviews_of_progress(store, r.plan)
    assert in_window not in [f["session_id"] for f in found]
    assert found == [
        {"session_id": review, "title": "Revisión de avances del plan", "held_on": found[0]["held_on"],
         "presents_progress_of": [r.first], "civil_society_present": True,
         "comments": [{"organization_id": r.ong, "organization": "Asociación Civil Transparencia Cajamarca",
                       "text": "Bien."}], "contributions": [], "counts": True},
        {"session_id": officials, "title": "Revisión de avances del plan", "held_on": found[1]["held_on"],
         "presents_progress_of": [r.second], "civil_society_present": False, "comments": [],
         "contributions": [contribution], "counts": False}]
    assert [f["held_on"].isoformat() for f in found] == ["2025-09-09", "2025-11-11"]
    known_before = reviews_of_progress(store, r.plan, known_at=date(2026, 11, 20))
    assert (known_before[0]["comments"], known_before[0]["counts"]) == ([], False)
    assert reviews_of_progress(store, r.plan, as_of=date(2025, 11, 15))[1]["contributions"] == []
