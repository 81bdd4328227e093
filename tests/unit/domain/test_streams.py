"""What a stream means (tracker.domain.streams): each kind's prefix, name, event types and fold, said once; and the
rules that read another stream reading it through that stream's fold, so they agree on what it says.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from events.catalog import registry
from events.catalog.plans import CommitmentDrafted, ConsultationExtended
from events.catalog.sessions import SessionRescheduled
from tests.unit import given
from tests.unit.given import NOW, SESSION_AT
from tracker.domain import contribution, plan, streams
from tracker.domain.errors import Conflict
from tracker.domain.streams import CONSULTATION, FORUM, KINDS, PLAN, SESSION, STREAMS, kind_of, kind_of_type, new_id

#: Moved after it was cancelled: the commands refuse that move today, yet a log imported from elsewhere, or
#: written before that rule, may hold it.
MOVED = SessionRescheduled("ses_1", SESSION_AT, "2026-01-22T20:00:00+00:00", "another hall")
HELD = given.session_held("2026-01-22T20:00:00+00:00")

# -- the kinds ---------------------------------------------------------------------------------------------


def test_does_each_kind_have_a_prefix_and_a_name_of_its_own():
    """Is no prefix, and no name, shared by two kinds of id?"""
    assert len({k.prefix for k in KINDS}) == len({k.name for k in KINDS}) == len(KINDS)
    assert (PLAN.name, PLAN.prefix, PLAN.what) == ("plan", "pln", "action plan")


@pytest.mark.parametrize("kind", STREAMS, ids=lambda k: k.name)
def test_does_a_new_id_name_its_kind_of_stream(kind):
    """Is a new id the kind's prefix and 20 hex digits, recognized as that kind's and no other's?"""
    made = new_id(kind)
    assert re.fullmatch(rf"{kind.prefix}_[0-9a-f]{{20}}", made)
    assert kind_of(made) is kind and kind.matches(made)
    assert [k.name for k in STREAMS if k.matches(made)] == [kind.name]


@pytest.mark.parametrize("some_id", ["org_1", "end_1_1", "per_ctb_1", "forgotten-per_ctb_1", "ses", "sesion_1", ""])
def test_is_an_id_of_no_kind_of_stream_told_apart(some_id):
    """Do the ids of what lives inside a stream, of people, of a forgetting, or of nothing name no kind of stream?"""
    assert kind_of(some_id) is None


def test_does_every_event_type_belong_to_exactly_one_kind_of_stream():
    """Every type of the catalog but a person's forgetting (a stream `forgotten-<person id>` that no fold reads)."""
    declared = [name for kind in STREAMS for name in kind.types]
    assert len(declared) == len(set(declared))
    assert set(declared) == set(registry.names()) - {"PersonForgotten"}
    assert kind_of_type("SessionCancelled") is SESSION and kind_of_type("ConsultationExtended") is CONSULTATION
    assert kind_of_type("PersonForgotten") is None


def test_does_each_fold_read_its_own_kind_of_stream_and_no_other():
    """Does each kind's fold make a state of a stream it opens, and none of another kind's stream?"""
    openers = {FORUM: given.forum_established(), PLAN: given.plan_opened(), SESSION: given.session_scheduled(),
               CONSULTATION: given.consultation_opened(), streams.CONTRIBUTION: given.contribution_received(),
               streams.COMMITMENT: CommitmentDrafted("cmt_1", "pln_1", "Presupuesto abierto", [], [], [])}
    for kind, opener in openers.items():
        assert kind.fold(given.recorded(opener)) is not None, kind.name
        for other in openers.values():
            if other is not opener:
                assert kind.fold(given.recorded(other)) is None, (kind.name, type(other).__name__)


def test_what_ids_name_an_endorsement_and_a_person():
    """Does an endorsement's id name its plan, and a person's id the stream that names them?"""
    assert streams.endorsement_id("pln_abc", 2) == "end_abc_2"
    assert streams.plan_of_endorsement("end_abc_2") == "pln_abc"
    assert streams.PERSON.id_from("ses_1", 2) == "per_ses_1_2"


# -- one meaning for every rule that reads another stream -----------------------------------------------------


@pytest.mark.parametrize("after", [[MOVED], [HELD], [MOVED, HELD]], ids=["moved", "held", "moved_and_held"])
def test_does_a_cancelled_session_stay_cancelled_whatever_its_stream_says_next(after):
    """A session once cancelled stays cancelled in its fold. Before, the plan's rules read the stream themselves
    and took a later move or record as undoing the cancellation (so the plan could be endorsed at it), while the
    contribution's rules, reading it their own way, kept it cancelled. Now both take the folded state."""
    session = given.session(given.session_cancelled(), *after)
    assert (session.cancelled, session.status) == (True, "cancelled")
    cmd = contribution.ReceiveContribution("Publicar el presupuesto.", date(2026, 1, 22), "in_session",
                                           contribution.RepresentativeAuthor("rep_ana"), "ses_1")
    with pytest.raises(Conflict, match="session_id: session ses_1 was cancelled"):
        contribution.receive(given.forum(), "pln_1", "ctb_9", cmd, session, None, NOW)
    consider = contribution.ConsiderContribution(date(2026, 1, 22), "ses_1")
    with pytest.raises(Conflict, match="session_id: session ses_1 was cancelled"):
        contribution.consider(given.contribution(), given.forum(), consider, session, NOW)
    endorse = plan.EndorsePlan(date(2026, 1, 22), "ses_1", ("rep_ana",))
    with pytest.raises(Conflict, match="session_id: the session ses_1 was cancelled"):
        plan.endorse(given.plan(), given.forum(), endorse, session, {}, NOW)


def test_do_both_rules_read_the_day_a_session_was_held_in_the_forums_timezone():
    """Is a session held at 21:00 in Lima (02:00 UTC the next day) held on the Lima day for a contribution and for
    an endorsement alike, the last record (a correction) standing?"""
    session = given.session(given.session_held("2025-12-09T15:00:00-05:00"),
                            given.session_held("2025-12-11T02:00:00+00:00"))
    assert session.held_day(given.TZ) == date(2025, 12, 10)
    cmd = contribution.ReceiveContribution("Publicar el presupuesto.", date(2025, 12, 10), "in_session",
                                           contribution.RepresentativeAuthor("rep_ana"), "ses_1")
    assert given.only(contribution.receive(given.forum(), "pln_1", "ctb_9", cmd, session, None, NOW))
    endorse = plan.EndorsePlan(date(2025, 12, 10), "ses_1", ("rep_ana",))
    assert given.only(plan.endorse(given.plan(), given.forum(), endorse, session, {}, NOW))
    with pytest.raises(Conflict, match="received_on: 2025-12-09 is before session ses_1 was held on 2025-12-10"):
        contribution.receive(given.forum(), "pln_1", "ctb_9", replace(cmd, received_on=date(2025, 12, 9)), session,
                             None, NOW)


def test_is_a_contribution_late_only_after_the_consultations_current_closing_day():
    """Is lateness judged against the consultation's state: its closing day as extended, its opening day kept?"""
    consultation = given.consultation(ConsultationExtended("cns_1", "2025-08-15", "2025-07-31", "more time"))
    cmd = contribution.ReceiveContribution("Publicar el presupuesto.", date(2025, 8, 15), "public_consultation",
                                           contribution.PublicAuthor("Luz Mamani", sector="youth"),
                                           consultation_id="cns_1")
    assert not given.only(contribution.receive(given.forum(), "pln_1", "ctb_9", cmd, None, consultation,
                                               NOW)).payload.late
    late = replace(cmd, received_on=date(2025, 8, 16))
    assert given.only(contribution.receive(given.forum(), "pln_1", "ctb_9", late, None, consultation, NOW)).payload.late
    with pytest.raises(Conflict, match="before consultation cns_1 opened on 2025-07-01"):
        contribution.receive(given.forum(), "pln_1", "ctb_9", replace(cmd, received_on=date(2025, 6, 30)), None,
                             consultation, NOW)
