"""`tracker projections rebuild [NAME]` and `tracker projections status`, run as a user runs them: a real process."""
from __future__ import annotations

from datetime import UTC, datetime

from events import Metadata, NewEvent
from events.catalog.forums import ForumEstablished
from tests.api import conftest as api_fixtures
from tests.projections.test_read_models import tables
from tests.support.builders_contributions import cocreation, communicate, consider, contribute, resident, respond
from tests.support.cli import tracker

# The API tests' fixtures: an app on each engine, a token per role, an admin's client, the server's clock.
app, tokens, api, clock = api_fixtures.app, api_fixtures.tokens, api_fixtures.api, api_fixtures.clock


def establish_directly(store, forum_id: str) -> None:
    """A forum logged straight into the store, as an import would: no read model hears of it."""
    forum = ForumEstablished(forum_id, "Foro de Jaén", "Jaén, Peru", "2025-03-01", "America/Lima",
                             {"frequency": "monthly", "reminder_days_before": 3}, "es", {})
    store.append(forum_id, [NewEvent(forum, datetime(2025, 3, 1, 5, tzinfo=UTC))], 0,
                 Metadata(actor="admin@example.org"), tenant_id=forum_id)


def test_does_rebuild_replay_every_read_model_with_a_progress_bar_into_the_same_tables(api, app, database_url):
    c = cocreation(api)
    for day in ("2025-05-12", "2025-05-13", "2025-05-14"):
        contribution = contribute(api, c.plan, resident(), received_on=day)
        consider(api, contribution)
        respond(api, contribution)
        communicate(api, contribution)
    projector = app.extensions["tracker"].projector
    before = tables(projector)

    result = tracker(database_url, "projections", "rebuild")
    assert result.returncode == 0, result.stderr
    assert "rebuilding forum_directory, records, reminder_queue" in result.stdout
    head = projector.store.head().position  # one pass over the log: every checkpoint at its end
    assert f"forum_directory: rebuilt from 1 event (version 1, checkpoint {head})" in result.stdout
    assert f"records: rebuilt from {head} events (version 12, checkpoint {head})" in result.stdout
    assert f"reminder_queue: rebuilt from 13 events (version 5, checkpoint {head})" in result.stdout
    assert tables(projector) == before


def test_does_rebuild_name_rebuild_only_that_read_model(api, app, database_url):
    cocreation(api)
    result = tracker(database_url, "projections", "rebuild", "forum_directory")
    assert result.returncode == 0, result.stderr
    assert "forum_directory: rebuilt from 1 event" in result.stdout
    assert "records" not in result.stdout and "reminder_queue" not in result.stdout


def test_is_an_unknown_name_refused_with_the_names_there_are(app, database_url):
    result = tracker(database_url, "projections", "rebuild", "contributions")
    assert result.returncode == 1
    assert "unknown projection 'contributions'" in result.stderr
    assert all(name in result.stderr for name in ("forum_directory", "records", "reminder_queue"))


def test_does_status_show_each_read_models_version_checkpoint_and_what_it_has_yet_to_apply(app, database_url):
    store = app.extensions["tracker"].store
    establish_directly(store, "frm_jaen00000000000000001")
    never = tracker(database_url, "projections", "status")
    assert never.returncode == 0, never.stderr
    assert never.stdout.splitlines() == [
        "forum_directory: version 1, never built (built on first use)",
        "records: version 12, never built (built on first use)",
        "reminder_queue: version 5, never built (built on first use)"]

    assert tracker(database_url, "projections", "rebuild").returncode == 0
    establish_directly(store, "frm_jaen00000000000000002")
    assert tracker(database_url, "projections", "status").stdout.splitlines() == [
        "forum_directory: version 1, checkpoint 1, 1 event pending",
        "records: version 12, checkpoint 1, 1 event pending",
        "reminder_queue: version 5, checkpoint 1, 0 events pending"]


def test_does_it_ask_for_the_schema_first_on_a_database_never_upgraded(tmp_path):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    for args in (("status",), ("rebuild",)):
        result = tracker(empty, "projections", *args)
        assert result.returncode == 1 and "tracker db upgrade" in result.stderr


def test_does_db_upgrade_bring_every_read_model_up_to_the_log_before_the_app_serves(app, database_url):
    establish_directly(app.extensions["tracker"].store, "frm_jaen00000000000000001")
    result = tracker(database_url, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "read models are up to date with the log at position 1" in result.stdout
    status = tracker(database_url, "projections", "status").stdout
    assert "forum_directory: version 1, checkpoint 1, 0 events pending" in status
    assert "never built" not in status
