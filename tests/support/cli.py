"""The `tracker` command line run in this process, as `main` runs in the console script: the same click group,
the same application factory reading TRACKER_DATABASE_URL from the environment, a fresh application (and so a
fresh store, key ring and caches) for every call, its connections closed afterwards.

In-process, a call costs a fraction of a second instead of a new interpreter's three; what only a real process
shows (the installed console script, signals, a server in another process) is tested with `TRACKER`, the script
itself (tests/test_cli_errors.py, tests/web/test_first_admin.py, tests/reliability/)."""
from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from flask.cli import ScriptInfo

from tracker.cli import main

#: The installed console script, for the tests that need a process of its own.
TRACKER = str(Path(sys.executable).with_name("tracker"))


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and what it printed, as subprocess.CompletedProcess has them."""

    returncode: int
    stdout: str
    stderr: str


def tracker(database_url: str, *args: str, stdin: str | None = None) -> Ran:
    """`tracker ARGS` on `database_url`, with `stdin` as standard input (empty when None: never a terminal).

    An exception escaping the command exits 1 with its traceback on stderr, as the console script would."""
    apps: list[Flask] = []

    def create_app() -> Flask:
        apps.append(main.create_app())
        return apps[-1]

    try:
        result = CliRunner().invoke(main, list(args), obj=ScriptInfo(create_app=create_app), input=stdin or "",
                                    env={"TRACKER_DATABASE_URL": database_url}, prog_name="tracker")
    finally:
        for app in apps:
            services = app.extensions.get("tracker")
            if services is not None:
                services.engine.dispose()
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Ran(result.exit_code, result.stdout, stderr)
