"""The co-creation process's event types, all declared in one registry.

Each module of this package declares the events of one part of the process; importing the package
registers them all.
"""
from events.registry import EventRegistry

registry = EventRegistry()

# Importing the modules registers their types (after `registry` exists, which they import).
from events.catalog import contributions, deliveries, documents, forums, people, plans, sessions  # noqa: E402,F401
