"""Event types and the event store. Imports nothing else of the project's.

The public surface: EventStore (append, read_stream, read_all, head, transaction), NewEvent, Metadata,
RecordedEvent, Head, the registry (DomainEvent, EventRegistry), verify, export_events, import_events,
make_engine, and the errors.
"""
from events.database import make_engine, normalize_url
from events.envelope import Head, Metadata, NewEvent, RecordedEvent, Verification
from events.errors import (
    ConcurrencyError,
    EventStoreError,
    ImportRefused,
    PersonalDataInClear,
    TenantMismatch,
    UnknownEventType,
)
from events.integrity import Checked, IncrementalVerifier, verify
from events.registry import DomainEvent, EventRegistry
from events.store import AppendTransaction, EventStore, utc_now
from events.transfer import export_events, import_events

__all__ = [
    "Checked", "IncrementalVerifier",
    "AppendTransaction", "ConcurrencyError", "DomainEvent", "EventRegistry", "EventStore",
    "EventStoreError", "Head", "ImportRefused", "Metadata", "PersonalDataInClear", "NewEvent", "RecordedEvent",
    "TenantMismatch", "UnknownEventType", "Verification", "export_events", "import_events",
    "make_engine", "normalize_url", "utc_now", "verify",
]
