"""A user's session version: every page session cookie carries the value it was signed in at, and a cookie whose
value is no longer the user's is signed out. Sign-out, a password change and deactivation raise it, which ends
every cookie of that user at once (on every device). Existing users start at 0.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer, nullable=False, server_default=sa.text("0")))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
