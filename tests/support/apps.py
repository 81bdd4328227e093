"""The application on a given database, for tests that open one the way a process would."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask

from config import Config
from tracker import create_app, extension


@contextmanager
def app_on(database_url: str) -> Iterator[Flask]:
    """The application on that database, its connections closed afterwards."""
    app = create_app(Config(DATABASE_URL=database_url, TESTING=True))
    try:
        yield app
    finally:
        extension.services(app).engine.dispose()
