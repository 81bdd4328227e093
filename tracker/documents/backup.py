"""The documents' bytes in a backup: the event export (`tracker events export`) carries the log and the person
keys, not the `documents` table, so `tracker documents export DIR` writes each held document's bytes to
`DIR/<sha256>`, and `tracker documents import DIR` loads them into a database whose log was imported, checking
each file against its name and against the log's `DocumentStored` events. Withdrawn documents are never exported,
and never imported (the log says they were withdrawn: their row comes back without bytes, so they answer 410).
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine

from events import EventStore
from events.hashing import format_instant
from tracker.documents.store import document_forums, documents, sniff, stored_documents

_NAME = re.compile(r"[0-9a-f]{64}")


class DocumentImportRefused(Exception):
    """A file of the directory is not what the log says was stored; nothing was imported."""


@dataclass
class Logged:
    """What a database's log says of one document: its type, size, name, the forums and when each stored it."""

    media_type: str
    size: int
    filename: str
    forums: dict[str, str] = field(default_factory=dict)  # forum id -> recorded_at (UTC text)
    withdrawn: tuple[str, str] | None = None  # (recorded_at, reason)


def logged_documents(store: EventStore) -> dict[str, Logged]:
    """Every document the log names, by hash."""
    found: dict[str, Logged] = {}
    for event in store.read_all(types=("DocumentStored", "DocumentWithdrawn")):
        data = event.data
        if event.type == "DocumentStored":
            item = found.setdefault(data["sha256"], Logged(data["media_type"], data["size"], data["filename"]))
            item.forums.setdefault(event.tenant_id, format_instant(event.recorded_at))
        elif data["sha256"] in found and found[data["sha256"]].withdrawn is None:
            found[data["sha256"]].withdrawn = (format_instant(event.recorded_at), data["reason"])
    return found


def export_documents(engine: Engine, directory: Path) -> int:
    """Write every held document's bytes to `directory/<sha256>` (made if missing; a file already there with
    the right bytes is kept); the count written or kept."""
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for doc in stored_documents(engine):
        target = directory / doc.sha256
        if not (target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == doc.sha256):
            partial = directory / f".{doc.sha256}.partial"
            with open(partial, "wb") as out:
                out.write(doc.content)
                out.flush()
                os.fsync(out.fileno())
            partial.replace(target)
        count += 1
    return count


@dataclass(frozen=True)
class Imported:
    """What an import did: documents loaded, withdrawn rows made, and the logged documents still without bytes."""

    loaded: int
    withdrawn: int
    missing: tuple[str, ...]


def import_documents(store: EventStore, directory: Path) -> Imported:
    """Load the files of `directory` named by a SHA-256 into the `documents` table, all or none: each file's bytes
    must hash to its name, be of the type and size its `DocumentStored` events say, and not be withdrawn in the
    log (DocumentImportRefused otherwise, naming every bad file). Documents the log says were withdrawn get their
    row back without bytes; documents already held are kept."""
    logged = logged_documents(store)
    problems: list[str] = []
    files: dict[str, bytes] = {}
    for path in sorted(directory.iterdir()):
        if not _NAME.fullmatch(path.name):
            continue
        content = path.read_bytes()
        sha256, item = path.name, logged.get(path.name)
        if hashlib.sha256(content).hexdigest() != sha256:
            problems.append(f"{sha256}: its bytes do not hash to its name")
        elif item is None:
            problems.append(f"{sha256}: no DocumentStored event of the log names it")
        elif item.withdrawn is not None:
            problems.append(f"{sha256}: the log says it was withdrawn; it is never restored")
        elif len(content) != item.size or (sniff(content) or ("", ""))[0] != item.media_type:
            problems.append(f"{sha256}: not the type and size the log recorded ({item.media_type}, {item.size})")
        else:
            files[sha256] = content
    if problems:
        raise DocumentImportRefused("; ".join(problems))
    loaded = withdrawn = 0
    with store.engine.begin() as conn:
        held = {row.sha256: row.content is not None for row in conn.execute(
            sa.select(documents.c.sha256, documents.c.content.is_not(None).label("content")))}
        for sha256, item in logged.items():
            first = min(item.forums.values())
            if item.withdrawn is not None and sha256 not in held:
                conn.execute(documents.insert().values(
                    sha256=sha256, media_type=item.media_type, size=item.size, filename=item.filename, content=None,
                    stored_at=first, withdrawn_at=item.withdrawn[0], withdrawal_reason=item.withdrawn[1]))
                withdrawn += 1
            elif sha256 in files and sha256 not in held:
                conn.execute(documents.insert().values(
                    sha256=sha256, media_type=item.media_type, size=item.size, filename=item.filename,
                    content=files[sha256], stored_at=first))
                loaded += 1
            else:
                continue
            conn.execute(document_forums.insert(), [{"sha256": sha256, "forum_id": forum_id, "stored_at": at}
                                                    for forum_id, at in item.forums.items()])
    missing = tuple(sha256 for sha256, item in sorted(logged.items())
                    if item.withdrawn is None and sha256 not in files and not held.get(sha256, False))
    return Imported(loaded, withdrawn, missing)
