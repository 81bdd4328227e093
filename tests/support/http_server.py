"""Real HTTP servers on loopback for tests: the application behind one, for tests that need what only a server
does (chunked bodies undone, cookies over the wire); and a provider's stand-in (a handler answering JSON in the
provider's documented shapes) behind another."""
from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from typing import Any

from werkzeug.serving import make_server


@contextmanager
def serving(app) -> Iterator[str]:
    """The application behind werkzeug's server (the one `tracker run` uses; like gunicorn, it undoes chunked
    bodies) on a free loopback port: yields its base URL."""
    with _running(make_server("127.0.0.1", 0, app, threaded=True)) as url:
        yield url


class JsonHandler(BaseHTTPRequestHandler):
    """A request handler that answers JSON (`_answer`) and logs nothing: the base of the providers' stand-ins."""

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def listening(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` behind a threading HTTP server on a free loopback port, for the block: yields its base URL."""
    with _running(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as url:
        yield url


@contextmanager
def stand_in(api: Any, handler_for: Callable[[Any], type[BaseHTTPRequestHandler]]) -> Iterator[Any]:
    """A provider's stand-in for the block: `api` (which records what the server was sent and sets how it
    answers) served by `handler_for(api)` on a free loopback port, its base URL set as `api.url`."""
    with listening(handler_for(api)) as url:
        api.url = url
        yield api


@contextmanager
def _running(server: HTTPServer) -> Iterator[str]:
    """`server` answering in a thread for the block: yields its base URL; shut down and closed after it."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
