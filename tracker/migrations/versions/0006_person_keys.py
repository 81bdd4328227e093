"""Person keys: one key per person whose personal data the log holds, wrapped by the master key; NULL once forgotten.

Mirrors events/schema.py's person_keys_table exactly.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_keys",
        sa.Column("person_id", sa.String(100), primary_key=True),
        sa.Column("tenant_id", sa.String(200), nullable=False),
        sa.Column("wrapped_key", sa.Text, nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("forgotten_at", sa.String(32), nullable=True),
    )
    op.create_index("ix_person_keys_tenant", "person_keys", ["tenant_id"])


def downgrade() -> None:
    op.drop_index("ix_person_keys_tenant", "person_keys")
    op.drop_table("person_keys")
