"""The application behind a real HTTP server, for tests that need what only a server does (chunked bodies undone,
cookies over the wire)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.serving import make_server


@contextmanager
def serving(app) -> Iterator[str]:
    """The application behind werkzeug's server (the one `tracker run` uses; like gunicorn, it undoes chunked
    bodies) on a free loopback port: yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
