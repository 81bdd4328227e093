"""What a long-running process (a gunicorn worker, the scheduler, a rebuild) does once its code is loaded.

CPython's garbage collector walks every container object it tracks on each full collection, and a request that
builds a compliance answer allocates enough objects (a forum's events, states, evidence) to trigger one now and
then. The application's own start-up leaves a few hundred thousand long-lived objects (modules, SQLAlchemy's and
marshmallow's structures, the app), so each such collection cost tens of milliseconds: the p95 of a computed
answer was twice its median (52 ms against 23 ms, 100 answers in one process). `gc.freeze()` moves the objects
alive at start-up into a permanent generation the collector no longer walks (the technique CPython added it for):
p95 28 ms. Nothing is leaked: those objects live as long as the process anyway.
"""
from __future__ import annotations

import gc


def settle_heap() -> None:
    """Collect what start-up left over, then exempt every object alive now from later collections."""
    gc.collect()
    gc.freeze()
