"""Retire the `contribution_status` read model: drop its table (with its indexes) and its checkpoint.

Every write kept it up to date and nothing read it. A database may never have built it (read models are built on
first use), so both steps are no-ops where there is nothing to remove.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TABLE IF EXISTS contribution_status")
    op.execute(sa.text("DELETE FROM projection_checkpoints WHERE name = :name")
               .bindparams(name="contribution_status"))


def downgrade() -> None:
    # Nothing to restore: a read model is rebuilt from the log, so code that brings `contribution_status` back
    # finds no checkpoint and builds its table on first use.
    pass
