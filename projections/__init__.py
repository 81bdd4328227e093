"""Read models built from the event log. Imports only `events`.

A projection declares a name, a version, the event types it handles, its tables (a MetaData of its
own) and `apply(conn, event)`. The Projector keeps each one's checkpoint in the same transaction as
its rows, so every event is applied exactly once, and rebuilds a projection whose version changed.
"""
from projections.base import Projection, Rows, StreamStates
from projections.projector import Projector

__all__ = ["Projection", "Projector", "Rows", "StreamStates"]
