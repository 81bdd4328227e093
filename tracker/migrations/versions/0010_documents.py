"""Documents: the files the record cites (minutes, materials, resolutions, publications), uploaded to the tracker
and addressed by the SHA-256 the server computed of their bytes; and which forums stored each one.

An operational table, not the log: the log holds a `DocumentStored` event per forum and document, and a
`DocumentWithdrawn` when an admin withdraws the bytes (then `content` is NULL). Mirrors tracker/documents/store.py
exactly.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=True),
        sa.Column("stored_at", sa.String(32), nullable=False),
        sa.Column("withdrawn_at", sa.String(32), nullable=True),
        sa.Column("withdrawal_reason", sa.Text, nullable=True),
    )
    op.create_table(
        "document_forums",
        sa.Column("sha256", sa.String(64), sa.ForeignKey("documents.sha256"), primary_key=True),
        sa.Column("forum_id", sa.String(200), primary_key=True),
        sa.Column("stored_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("document_forums")
    op.drop_table("documents")
