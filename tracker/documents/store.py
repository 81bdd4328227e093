"""The documents' bytes: an operational table addressed by the SHA-256 the server computes, and the log's word on
them (`DocumentStored` per forum, `DocumentWithdrawn`).

    upload = accept(data, "Acta 3.pdf", limit)   # the type from the bytes; 415 / 413 refused, nothing written
    stored = store_document(ctx, "frm_…", upload)  # one row per bytes, one DocumentStored per forum, one transaction
    found = served(engine, sha256)                  # 404 unknown, 410 withdrawn
    withdraw(ctx, sha256, "Muestra el DNI de una persona")  # bytes gone, DocumentWithdrawn in each forum's log

Storing the same bytes again is the same row (and, for a forum that stored them already, nothing new in the log).
Migration 0010 creates exactly these tables; keep them in step.
"""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from events import NewEvent, RecordedEvent
from events.catalog.documents import DocumentStored
from events.hashing import format_instant
from tracker.commands.base import Context
from tracker.domain import document
from tracker.domain.errors import Conflict, DomainError, NotFound
from tracker.domain.streams import DOCUMENT, FORUM, document_stream
from tracker.domain.time import local_day

metadata = sa.MetaData()

documents = sa.Table(
    "documents", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=True),  # NULL once withdrawn
    sa.Column("stored_at", sa.String(32), nullable=False),  # UTC ISO text, as events store instants
    sa.Column("withdrawn_at", sa.String(32), nullable=True),
    sa.Column("withdrawal_reason", sa.Text, nullable=True),
)

#: Which forums stored each document (each has the document's stream in its log).
document_forums = sa.Table(
    "document_forums", metadata,
    sa.Column("sha256", sa.String(64), sa.ForeignKey("documents.sha256"), primary_key=True),
    sa.Column("forum_id", sa.String(200), primary_key=True),
    sa.Column("stored_at", sa.String(32), nullable=False),
)

#: Where a document is served, under the API's prefix.
SERVED_AT = "/api/v1/documents/{sha256}"
SHA256 = re.compile(r"[0-9a-f]{64}")
#: Types shown in the browser (inline); every other accepted type is served as an attachment.
INLINE = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})
#: The one sentence of a refused type.
ACCEPTED = ("The file must be a PDF, an image (PNG, JPEG, GIF, WebP) or an office document (.docx, .xlsx, .pptx, "
            ".odt, .ods, .odp); its type is read from its content, not its name. SVG and HTML are never accepted.")

_OOXML = {"word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
          "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
          "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")}
_ODF = {"application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/vnd.oasis.opendocument.presentation": "odp"}
#: Characters never kept in a file's name: controls, bidirectional marks, path and quoting characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"\\/:*?<>|;]')


class UnsupportedDocument(DomainError):
    """The bytes are of no accepted type (whatever their name or the Content-Type sent)."""

    status = 415


class TooLarge(DomainError):
    """The file is over TRACKER_MAX_UPLOAD_BYTES."""

    status = 413


class Gone(DomainError):
    """The document's bytes were withdrawn: only its hash and the withdrawal remain."""

    status = 410


@dataclass(frozen=True)
class Upload:
    """A file accepted for storing: its bytes, their hash, the type read from them, and its cleaned name."""

    content: bytes
    sha256: str
    media_type: str
    filename: str

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class Stored:
    """A document as stored (and what this upload appended: nothing when the forum had stored it already)."""

    sha256: str
    media_type: str
    size: int
    filename: str
    events: tuple[RecordedEvent, ...] = ()

    @property
    def path(self) -> str:
        return served_path(self.sha256)


@dataclass(frozen=True)
class Served:
    """What the server sends for a document."""

    sha256: str
    media_type: str
    filename: str
    content: bytes

    @property
    def inline(self) -> bool:
        return self.media_type in INLINE


def served_path(sha256: str) -> str:
    """The document's address on this server (without scheme and host)."""
    return SERVED_AT.format(sha256=sha256)


def sniff(content: bytes) -> tuple[str, str] | None:
    """The media type and usual extension of `content`, read from its first bytes (and, for a zip container, its
    manifest); None for anything else (SVG, HTML, scripts, plain text, other archives)."""
    if content.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif", "gif"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", "webp"
    if content.startswith(b"PK\x03\x04"):
        return _office(content)
    return None


def _office(content: bytes) -> tuple[str, str] | None:
    """An OOXML (.docx, .xlsx, .pptx) or ODF (.odt, .ods, .odp) container; nothing is decompressed but ODF's
    `mimetype` entry (a few dozen bytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                declared = archive.read(info).decode("ascii", "replace").strip()
                return (declared, _ODF[declared]) if declared in _ODF else None
            if "[Content_Types].xml" in names:
                for folder, kind in _OOXML.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, ValueError, NotImplementedError, RuntimeError, OSError):
        return None
    return None


def clean_filename(given: str | None, extension: str) -> str:
    """The name a file was uploaded under, safe to store and to send back: its last path segment, NFC, without
    control, bidirectional or quoting characters, spaces collapsed, at most 200 characters with its extension
    kept; "document.<extension>" when nothing is left."""
    name = unicodedata.normalize("NFC", given or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(_UNSAFE.sub(" ", name).split()).strip(" .")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:200 - len(ext) - 1].rstrip() + dot + ext) if dot and len(ext) <= 10 else name[:200]
    return name or f"document.{extension}"


def accept(content: bytes, filename: str | None, limit: int) -> Upload:
    """The file as it would be stored: TooLarge over `limit` bytes, UnsupportedDocument unless its bytes are of
    an accepted type (the name and the client's Content-Type are never trusted). Writes nothing."""
    if len(content) > limit:
        raise TooLarge(f"The file is {len(content):,} bytes; the largest accepted is {limit:,} bytes.",
                       {"file": [f"at most {limit:,} bytes"]})
    if not content:
        raise UnsupportedDocument("The file is empty.", {"file": ["the file is empty"]})
    kind = sniff(content)
    if kind is None:
        raise UnsupportedDocument(ACCEPTED, {"file": [ACCEPTED]})
    media_type, extension = kind
    return Upload(content, hashlib.sha256(content).hexdigest(), media_type, clean_filename(filename, extension))


def refuse_withdrawn(engine: Engine, sha256: str) -> None:
    """Gone when these bytes were withdrawn: they are never stored again."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(documents.c.withdrawn_at).where(documents.c.sha256 == sha256)).first()
    if row is not None and row.withdrawn_at is not None:
        raise Gone(f"The document {sha256} was withdrawn on {row.withdrawn_at[:10]}; it can not be stored again.",
                   {"file": ["this file was withdrawn by an admin"]})


def store_document(ctx: Context, forum_id: str, upload: Upload) -> Stored:
    """Store `upload` for the forum: its row (once for the same bytes, whichever forum) and, the first time this
    forum stores it, `DocumentStored` in the forum's log, in one transaction. NotFound for an unknown forum,
    Gone for bytes an admin withdrew."""
    store = ctx.store
    if not FORUM.matches(forum_id) or FORUM.fold(store.read_stream(forum_id)) is None:
        raise NotFound(f"no forum has the id {forum_id}")
    stream = document_stream(forum_id, upload.sha256)
    now_text = format_instant(ctx.now)
    with store.transaction() as tx:
        conn = tx.connection
        row = conn.execute(sa.select(documents).where(documents.c.sha256 == upload.sha256)).first()
        if row is not None and row.withdrawn_at is not None:
            raise Gone(f"The document {upload.sha256} was withdrawn on {row.withdrawn_at[:10]}; it can not be "
                       "stored again.", {"file": ["this file was withdrawn by an admin"]})
        if row is None:
            conn.execute(documents.insert().values(
                sha256=upload.sha256, media_type=upload.media_type, size=upload.size, filename=upload.filename,
                content=upload.content, stored_at=now_text))
            media_type, filename = upload.media_type, upload.filename
        else:
            media_type, filename = row.media_type, row.filename
        known = conn.execute(sa.select(document_forums.c.forum_id).where(
            document_forums.c.sha256 == upload.sha256, document_forums.c.forum_id == forum_id)).first()
        appended: list[RecordedEvent] = []
        if known is None:
            conn.execute(document_forums.insert().values(sha256=upload.sha256, forum_id=forum_id,
                                                         stored_at=now_text))
            event = DocumentStored(upload.sha256, media_type, upload.size, filename, forum_id)
            appended = tx.append(stream, [NewEvent(event, ctx.now)], 0, ctx.metadata(), tenant_id=forum_id)
    return Stored(upload.sha256, media_type, upload.size, filename, tuple(appended))


def served(engine: Engine, sha256: str) -> Served:
    """The document's bytes, type and name: NotFound when none has this hash, Gone when they were withdrawn."""
    if not SHA256.fullmatch(sha256):
        raise NotFound(f"no document has the SHA-256 {sha256[:80]}")
    with engine.connect() as conn:
        row = conn.execute(sa.select(documents).where(documents.c.sha256 == sha256)).first()
    if row is None:
        raise NotFound(f"no document has the SHA-256 {sha256}")
    if row.content is None:
        raise Gone(f"This document was withdrawn on {(row.withdrawn_at or '')[:10]} by an admin "
                   f"({row.withdrawal_reason}); its SHA-256 ({sha256}) and the withdrawal stay in the log.")
    return Served(sha256, row.media_type, row.filename, bytes(row.content))


def forums_of(conn: Connection | Engine, sha256: str) -> list[str]:
    """The forums that stored the document, in the order they did."""
    query = sa.select(document_forums.c.forum_id).where(document_forums.c.sha256 == sha256).order_by(
        document_forums.c.stored_at, document_forums.c.forum_id)
    if isinstance(conn, Engine):
        with conn.connect() as c:
            return list(c.scalars(query))
    return list(conn.scalars(query))


def withdraw(ctx: Context, sha256: str, reason: str) -> list[RecordedEvent]:
    """Delete the document's bytes and log `DocumentWithdrawn` (dated in each forum's own day) in every forum
    that stored it, in one transaction; the row keeps the hash, type, size and name, and when and why.
    NotFound for an unknown hash, Conflict when already withdrawn. On SQLite the freed pages are zeroed and the
    write-ahead log truncated afterwards (as when a person is forgotten)."""
    store = ctx.store
    if not SHA256.fullmatch(sha256):
        raise NotFound(f"no document has the SHA-256 {sha256[:80]}")
    appended: list[RecordedEvent] = []
    with store.transaction() as tx:
        conn = tx.connection
        row = conn.execute(sa.select(documents.c.withdrawn_at).where(documents.c.sha256 == sha256)).first()
        if row is None:
            raise NotFound(f"no document has the SHA-256 {sha256}")
        if row.withdrawn_at is not None:
            raise Conflict(f"the document {sha256} was withdrawn on {row.withdrawn_at[:10]} already")
        for forum_id in forums_of(conn, sha256):
            stream = document_stream(forum_id, sha256)
            events = store.read_stream(stream)
            state = DOCUMENT.fold(events)
            forum = FORUM.fold(store.read_stream(forum_id))
            if state is None or forum is None:  # a row without its event: nothing to log in this forum
                continue
            event = document.withdraw(state, reason, local_day(ctx.now, forum.timezone), ctx.now)
            appended += tx.append(stream, [event], len(events), ctx.metadata(), tenant_id=forum_id)
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
        conn.execute(documents.update().where(documents.c.sha256 == sha256).values(
            content=None, withdrawn_at=format_instant(ctx.now), withdrawal_reason=reason))
    store.shred()
    return appended


# -- backups -----------------------------------------------------------------------------------------------


def stored_documents(engine: Engine) -> Iterator[Served]:
    """Every document whose bytes are held (withdrawn ones never), by hash."""
    with engine.connect() as conn:
        hashes = list(conn.scalars(sa.select(documents.c.sha256).where(documents.c.content.is_not(None))
                                   .order_by(documents.c.sha256)))
    for sha256 in hashes:
        yield served(engine, sha256)
