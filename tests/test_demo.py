"""`tracker demo`: a sample forum loaded through the command handlers, run as a user runs it, on both engines."""
from __future__ import annotations

import re

from tests.support.apps import app_on
from tests.support.cli import tracker
from tests.web.conftest import sign_in
from tracker.demo import data
from tracker.domain.vocabulary import COMMITMENT_TYPES, POTENTIALS

#: A check's answers: yes/no/unclear, 2.6's degrees, and (3.n.3, 3.n.4, once assessed) a type and a potential.
ANSWERS = {"yes", "no", "unclear", "very", "somewhat", "not", *COMMITMENT_TYPES, *POTENTIALS}


def loaded(result) -> dict[str, str]:
    """The ids and the secretariat's password the command printed."""
    assert result.returncode == 0, result.stderr
    out = result.stdout
    return {"forum": re.search(r"forum (frm_\w+)", out).group(1), "plan": re.search(r"plan (pln_\w+)", out).group(1),
            "password": re.search(r"secretariat\s+secretaria@altomaranon.example\s+(\S+)", out).group(1)}


def test_the_demo_loads_a_forum_whose_log_verifies_and_whose_pages_show_it(database_url):
    made = loaded(tracker(database_url, "demo"))
    verified = tracker(database_url, "events", "verify")
    assert verified.returncode == 0 and "intact: " in verified.stdout

    with app_on(database_url) as app:
        pages_show_the_demo(app.test_client(), made)


def pages_show_the_demo(client, made: dict[str, str]) -> None:
    forum = client.get(f"/api/v1/forums/{made['forum']}").get_json()
    assert forum["member"] == data.PROVINCE and len(forum["organizations"]) == len(data.ORGANIZATIONS)
    sessions = client.get(f"/api/v1/forums/{made['forum']}/sessions").get_json()
    assert {s["status"] for s in sessions} == {"held", "cancelled", "scheduled"}
    compliance = client.get(f"/api/v1/action-plans/{made['plan']}/compliance").get_json()
    checks = compliance["checks"] + [k for c in compliance["commitments"] for k in c["checks"]]
    assert len(compliance["commitments"]) == len(data.COMMITMENTS)
    assert checks and all(c["answer"] in ANSWERS for c in checks), [c for c in checks if c["answer"] not in ANSWERS]
    by_id = {k["id"]: k for k in checks}
    n = len(data.COMMITMENTS)  # all verifiable but the last (one milestone with no due date); all assessed
    assert [by_id[f"3.{i}.1"]["answer"] for i in range(1, n + 1)] == ["yes"] * (n - 1) + ["unclear"]
    assert all(by_id[f"3.{i}.5"]["answer"] == "yes" and by_id[f"3.{i}.5"]["recommendations"] for i in range(1, n + 1))
    assert [by_id[f"3.{i}.3"]["answer"] for i in range(1, n + 1)] == [a["commitment_type"] for a in data.ASSESSMENTS]
    assert by_id["2.6"]["judgement"]["answer"] == "somewhat"
    evidence = [e for c in checks for e in c["evidence"]]
    assert evidence and not [e for e in evidence if e["logged_late"]]  # logged when it happened, as it should be
    statuses = {c["status"] for c in client.get(f"/api/v1/action-plans/{made['plan']}/contributions").get_json()}
    assert statuses == {"received", "considered", "responded", "communicated"}

    implementation_year_shows(client, made)

    public = client.get(f"/forums/{made['forum']}").get_data(as_text=True)
    assert public.count('class="chart"') == 4 and data.MINOR not in public
    report = client.get(f"/api/v1/action-plans/{made['plan']}/report?format=html").get_data(as_text=True)
    assert report.count('class="chart"') == 4
    sign_in(client, "secretaria@altomaranon.example", made["password"])
    board = client.get(f"/forums/{made['forum']}/dashboard")
    assert board.status_code == 200 and board.get_data(as_text=True).count('class="chart"') == 4


def test_a_second_run_refuses_and_reset_starts_again_only_on_a_sqlite_file(database_url):
    first = loaded(tracker(database_url, "demo"))
    again = tracker(database_url, "demo")
    assert again.returncode == 1 and "already holds events" in again.stderr
    reset = tracker(database_url, "demo", "--reset")
    if database_url.startswith("sqlite"):
        assert loaded(reset)["forum"] != first["forum"]
        assert "intact: " in tracker(database_url, "events", "verify").stdout
    else:
        assert reset.returncode == 1 and "never dropped" in reset.stderr
        with app_on(database_url) as app:  # nothing was dropped: the first forum is still there
            assert app.test_client().get(f"/api/v1/forums/{first['forum']}").status_code == 200


def implementation_year_shows(client, made: dict[str, str]) -> None:
    """A year into the plan's period: progress on every commitment (the quechua one complete and assessed at its
    end on time, the map delayed and overdue), an amendment approved in session, two reviews of progress that count,
    and each commitment's lead contact."""
    plan = made["plan"]
    implementation = client.get(f"/api/v1/action-plans/{plan}/implementation").get_json()
    assert [c["completion"] for c in implementation["commitments"]] == ["limited", "substantial", "complete"]
    assert implementation["milestones"]["overdue"] == 1
    statuses = [m["status"] for c in implementation["commitments"] for m in c["milestones"]]
    assert "delayed" in statuses
    today = implementation["as_of"]
    compliance = client.get(f"/api/v1/action-plans/{plan}/compliance?as_of={today}").get_json()
    by_id = {c["id"]: c for c in compliance["checks"]}
    assert by_id["S.implementation"]["answer"] == "yes"
    assert by_id["S.end_assessment"]["answer"] == "yes"
    commitments = [client.get(f"/api/v1/commitments/{c['id']}").get_json() for c in implementation["commitments"]]
    assert [len(c["amendments"]) for c in commitments] == [0, 1, 0]
    assert commitments[1]["amendments"][0]["approved_in_session_title"].startswith("Sesión ordinaria")
    assert commitments[2]["end_assessment"]["completion"] == "complete"
    assert all(c["lead_representative_id"] for c in commitments)
    final = client.get(f"/api/v1/action-plans/{plan}/final-report?format=html").get_data(as_text=True)
    assert "Borrador" in final and data.END_ASSESSMENT["explanation"] in final
