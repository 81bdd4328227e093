"""The staged store an import decides on: the handlers read what earlier rows staged, nothing reaches the log
until `commit`, which appends every staged command in one transaction, or none when a writer changed one of those
streams meanwhile."""
from __future__ import annotations

import pytest

from events import ConcurrencyError
from tests.api.conftest import event_count
from tests.support.builders import join
from tests.support.builders_sessions import forum_with_roster
from tracker.commands import forums
from tracker.commands.base import Context
from tracker.contract.forums import OrganizationCreateSchema, RepresentativeCreateSchema
from tracker.imports.staging import StagedStore


def staged_context(app, clock) -> tuple[StagedStore, Context]:
    staged = StagedStore(app.extensions["tracker"].store)
    return staged, Context(store=staged, now=clock(), actor="import", correlation_id="imp-" + "a" * 24 + "-2")


def stage_a_member(ctx: Context, forum_id: str) -> str:
    org = forums.join_organization(ctx, forum_id, OrganizationCreateSchema().load(
        {"name": "Cámara de Comercio de Cajamarca", "sector": "private_sector", "joined_on": "2025-03-01"})).id
    forums.designate_representative(ctx, forum_id, org, RepresentativeCreateSchema().load(
        {"name": "Elsa Mori", "role": "primary", "designated_on": "2025-03-02"}))
    return org


def test_later_commands_see_what_was_staged_and_commit_writes_it_all_tagged(api, app, clock):
    forum_id = forum_with_roster(api).forum_id
    staged, ctx = staged_context(app, clock)
    before = event_count(app)
    org = stage_a_member(ctx, forum_id)
    assert event_count(app) == before  # the designation decided on the staged joining; nothing written yet
    recorded = staged.commit()
    assert [e.type for e in recorded] == ["OrganizationJoined", "RepresentativeDesignated"]
    assert {e.correlation_id for e in recorded} == {"imp-" + "a" * 24 + "-2"}
    assert org in {o["id"] for o in api.get(f"/forums/{forum_id}")["organizations"]}


def test_a_writer_in_between_makes_the_commit_write_nothing(api, app, clock):
    forum_id = forum_with_roster(api).forum_id
    staged, ctx = staged_context(app, clock)
    stage_a_member(ctx, forum_id)
    join(api, forum_id, "Colegio de Ingenieros de Cajamarca", "academia")
    before = event_count(app)
    with pytest.raises(ConcurrencyError):
        staged.commit()
    assert event_count(app) == before
