"""publications: catalogue version for reusing rendered catalogue pages

Revision ID: 6d1e0c2b9a7f
Revises: 3f7c495df42a
Create Date: 2026-11-23 01:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "6d1e0c2b9a7f"
down_revision = "3f7c495df42a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    state = op.create_table(
        "catalogue_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_state")),
    )
    op.bulk_insert(state, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("catalogue_state")
