"""Errors the event store raises; callers translate them into their own terms."""


class EventStoreError(Exception):
    """Base class of every error raised by the event store."""


class ConcurrencyError(EventStoreError):
    """A writer's expected stream version is stale: someone appended first."""

    def __init__(self, stream_id: str, expected: int | None, actual: int) -> None:
        super().__init__(
            f"stream {stream_id!r} is at version {actual}, not at the expected version {expected}"
        )
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class UnknownEventType(EventStoreError):
    """A stored or appended event names a type, or a version of it, that no declaration knows."""


class TenantMismatch(EventStoreError):
    """An append names a tenant other than the one the stream already belongs to."""


class ImportRefused(EventStoreError):
    """An import file does not verify, or the target database is not empty."""


class PersonalDataInClear(EventStoreError):
    """An event type that carries personal data was appended through a store without a keyring to seal it."""
