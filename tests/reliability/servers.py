"""Real `tracker run` server processes on loopback, and a plain HTTP client that records every answer."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.support.smtp import free_port

TRACKER = str(Path(sys.executable).with_name("tracker"))
STARTUP_TIMEOUT = 90  # seconds: generous, the machine may be loaded


class Server:
    """One `tracker run` process on a free loopback port, serving the database at `database_url`."""

    def __init__(self, database_url: str, log_dir: Path) -> None:
        self.database_url = database_url
        self.log_dir = log_dir
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self) -> Server:
        """Start the process and wait until it answers /api/v1/health."""
        return self.launch().ready()

    def launch(self) -> Server:
        """Start the process without waiting for it (start several, then wait for each with `ready`)."""
        self.starts += 1
        env = {**os.environ, "TRACKER_DATABASE_URL": self.database_url}
        env.pop("FLASK_DEBUG", None)
        with open(self.log_dir / f"server-{self.port}-{self.starts}.log", "w") as log:  # the child keeps its copy
            self.process = subprocess.Popen(
                [TRACKER, "run", "--host", "127.0.0.1", "--port", str(self.port), "--no-reload", "--no-debugger"],
                env=env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def ready(self) -> Server:
        """Wait until the process answers /api/v1/health; fail with its output if it exits or never answers."""
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited with {self.process.returncode}: {self.log()}")
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the server did not answer within {STARTUP_TIMEOUT} s: {self.log()}")

    def kill(self) -> None:
        """kill -9: no chance to finish anything."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def log(self) -> str:
        """Everything the last start of the process wrote."""
        return (self.log_dir / f"server-{self.port}-{self.starts}.log").read_text()


@dataclass
class Answer:
    """One request sent and what came back: `status` None when no answer arrived (connection reset)."""

    kind: str
    correlation_id: str
    status: int | None
    body: dict[str, Any] | None = None
    key: str = ""  # groups requests meant to conflict


@dataclass
class Client:
    """Sends JSON writes with a bearer token and an X-Correlation-Id, and keeps every answer."""

    token: str
    answers: list[Answer] = field(default_factory=list)

    def post(self, base: str, path: str, body: dict[str, Any], kind: str, *, key: str = "",
             headers: dict[str, str] | None = None, timeout: float = 60) -> Answer:
        """POST, recording the answer (a dropped connection is recorded with status None, never raised)."""
        correlation = str(uuid.uuid4())
        sent = {"Authorization": f"Bearer {self.token}", "X-Correlation-Id": correlation, **(headers or {})}
        try:
            response = requests.post(base + path, json=body, headers=sent, timeout=timeout)
            answer = Answer(kind, correlation, response.status_code, _json(response), key)
        except requests.RequestException:
            answer = Answer(kind, correlation, None, None, key)
        self.answers.append(answer)
        return answer


def _json(response: requests.Response) -> dict[str, Any] | None:
    try:
        return response.json()
    except ValueError:
        return None


def verify_with_cli(database_url: str) -> subprocess.CompletedProcess:
    """`tracker events verify` on the database, as an operator runs it."""
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url}
    return subprocess.run([TRACKER, "events", "verify"], env=env, capture_output=True, text=True, timeout=120)
