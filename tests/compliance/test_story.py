"""The Cajamarca story (tests/api/test_story.py) as the evaluator reads it at the end of co-creation."""
from __future__ import annotations

from datetime import date

import pytest

from tests.api.test_story import test_a_year_of_co_creation_in_cajamarca as tell_the_story
from tests.compliance.support import compliance
from tests.support.api import ApiClient

#: The engine matters here: every test runs on SQLite and PostgreSQL.
pytestmark = pytest.mark.both_engines


class Recorder(ApiClient):
    """The admin's client, remembering the id of every action plan it opens."""

    plans: list[str]

    def post(self, path, body, expect=201, **kw):
        created = super().post(path, body, expect, **kw)
        if path.endswith("/action-plans"):
            self.plans = [*getattr(self, "plans", []), created["id"]]
        return created


def test_a_year_of_co_creation_meets_every_requirement_but_alternates(api):
    """As of the end of W: every minimum requirement and practice is met, the forum is very inclusive, and five
    organizations lack an alternate; every commitment is verifiable and relevant, and awaits its assessment."""
    recorder = Recorder(api.client, api.token)
    tell_the_story(recorder)
    body = compliance(api, recorder.plans[0], as_of="2025-11-30", lang="en")
    answers = {c["id"]: c["answer"] for c in body["checks"]}
    assert answers == {"1.1": "yes", "1.2": "yes", "1.3": "yes", "1.4": "yes", "2.1": "yes", "2.2": "yes",
                       "2.3": "yes", "2.4": "yes", "2.5": "yes", "2.6": "very", "S.cadence": "unclear",
                       "S.six_months": "yes", "S.alternates": "no", "S.implementation": "unclear",
                       "S.response_time": "no", "S.end_assessment": "unclear"}
    alternates = next(c for c in body["checks"] if c["id"] == "S.alternates")
    assert len(alternates["details"]["missing"]) == 5
    assert [[k["answer"] for k in c["checks"]] for c in body["commitments"]] == [
        ["yes", "yes", "unclear", "unclear", "unclear"]] * 5


def test_answers_from_the_kept_forum_log_are_the_answers_from_the_log(api, app):
    """The forum's decoded events are kept between answers (events/tenant_cache.py): answers computed from them,
    as of several days and as known at several moments, equal those of a store that keeps nothing, and computing
    them leaves the kept events as the log reads them."""
    import copy

    from events import EventStore
    from tracker import extension
    from tracker.compliance import compute

    recorder = Recorder(api.client, api.token)
    tell_the_story(recorder)
    services = extension.services(app)
    kept = services.store
    uncached = EventStore(kept.engine, kept.registry, clock=kept.clock, keyring=kept.keyring, tenant_cache_events=0)
    plan = recorder.plans[0]
    forum = kept.tenant_of(plan)
    log = kept.read_tenant(forum)
    before = copy.deepcopy([e.data for e in log])
    midway = log[len(log) * 3 // 4].recorded_at
    for query in ({}, {"as_of": date(2025, 6, 30)}, {"as_of": date(2025, 11, 30), "lang": "es"},
                  {"known_at": midway}):
        assert compute(kept, plan, now=services.clock(), **query) == compute(uncached, plan, now=services.clock(),
                                                                             **query)
    assert [e.data for e in kept.read_tenant(forum)] == before == [e.data for e in uncached.read_all(tenant_id=forum)]
    assert kept.tenant_cache.hits >= 4 and uncached.tenant_cache.hits == 0


def test_the_answers_at_a_glance_are_the_computed_answers(api, app):
    """The forum's public page shows each check's answer without its explanation and evidence
    (`tracker.compliance.glance`): the same answers, questions and order as `compute`'s, for the plan and for
    each commitment."""
    from tracker.compliance import compute, glance

    recorder = Recorder(api.client, api.token)
    tell_the_story(recorder)
    store = app.extensions["tracker"].store
    for lang in ("en", "es"):
        full = compute(store, recorder.plans[0], lang=lang)
        seen = glance(store, recorder.plans[0], lang=lang)
        brief = lambda checks: [(c["id"], c["question"], c["answer"]) for c in checks]  # noqa: E731
        assert brief(seen["checks"]) == brief(full["checks"]) and len(seen["checks"]) == 16
        assert [(c["title"], brief(c["checks"])) for c in seen["commitments"]] == [
            (c["title"], brief(c["checks"])) for c in full["commitments"]]
        assert seen["log"] == full["log"] and seen["title"] == full["title"]
