"""Events about the files a forum's record cites: minutes, materials, resolutions and publications uploaded to the
tracker (stream: `doc_<forum id's digits>_<sha256>`, one per document and forum; tenant: the forum).

The bytes themselves live in the operational table `documents` (tracker/documents/store.py), addressed by the
SHA-256 the server computed; the log proves which bytes existed when, and, once an admin withdrew them, that they
did and why.
"""
from __future__ import annotations

from dataclasses import dataclass

from events.catalog import registry
from events.registry import DomainEvent


@registry.register
@dataclass(frozen=True)
class DocumentStored(DomainEvent):
    """A file was uploaded for the forum and stored under the SHA-256 the server computed of its bytes."""

    sha256: str
    #: The type decided from the bytes themselves (never the client's word), e.g. "application/pdf".
    media_type: str
    size: int
    #: The name it was uploaded under, cleaned (no folders, no control characters).
    filename: str
    forum_id: str


@registry.register
@dataclass(frozen=True)
class DocumentWithdrawn(DomainEvent):
    """An admin withdrew a stored file's bytes (e.g. a scan showing a person's data): it is no longer served,
    its hash stays verifiable against the documents that cite it."""

    sha256: str
    #: Why, in a sentence; never personal data itself.
    reason: str
    withdrawn_on: str
