"""The Cajamarca story (tests/api/test_story.py) as the evaluator reads it at the end of co-creation."""
from __future__ import annotations

from tests.api.test_story import test_a_year_of_co_creation_in_cajamarca as tell_the_story
from tests.compliance.support import compliance
from tests.support.api import ApiClient


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
                       "S.response_time": "no"}
    alternates = next(c for c in body["checks"] if c["id"] == "S.alternates")
    assert len(alternates["details"]["missing"]) == 5
    assert [[k["answer"] for k in c["checks"]] for c in body["commitments"]] == [
        ["yes", "yes", "unclear", "unclear", "unclear"]] * 5
