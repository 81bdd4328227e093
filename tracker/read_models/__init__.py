"""The application's read models: projections of the log into tables that answer listings quickly.

They live here, not in `projections/`, because they reuse the domain's folds (`tracker.domain`), so a read
model can never disagree with the state the commands decide on. `build_projector` gives the one projector
the composition root hands to every entry point.
"""
from __future__ import annotations

from sqlalchemy import Engine

from events import EventStore
from projections import Projection
from tracker.domain.streams import DOCUMENT
from tracker.read_models.forum_directory import ForumDirectory
from tracker.read_models.projector import ReadModels
from tracker.read_models.records import Records
from tracker.read_models.reminder_queue import ReminderQueue


def read_models(store: EventStore) -> list[Projection]:
    """Every read model of the application, each a fresh instance."""
    return [ForumDirectory(), Records(store), ReminderQueue(store)]


def build_projector(engine: Engine, store: EventStore) -> ReadModels:
    """The projector over every read model; it touches the database only when first used."""
    return ReadModels(engine, store, read_models(store), unfolded=DOCUMENT.types)


__all__ = ["ForumDirectory", "ReadModels", "Records", "ReminderQueue", "build_projector", "read_models"]
