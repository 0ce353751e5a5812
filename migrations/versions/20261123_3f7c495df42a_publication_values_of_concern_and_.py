"""publications: values of concern per publication, condition checks

Revision ID: 3f7c495df42a
Revises: a2b4b6acb6c0
Create Date: 2026-11-23 00:21:07.680291
"""

import sqlalchemy as sa
from alembic import op

revision = "3f7c495df42a"
down_revision = "a2b4b6acb6c0"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "condition_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("condition_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["condition_id"], ["advisory_conditions.id"], name=op.f("fk_condition_checks_condition_id_advisory_conditions")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_condition_checks_recorded_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_condition_checks")),
        sa.UniqueConstraint("condition_id", name=op.f("uq_condition_checks_condition_id")),
    )  # fmt: skip
    op.create_table(
        "publication_values",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("value_id", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(["publication_id"], ["publications.id"], name=op.f("fk_publication_values_publication_id_publications"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("publication_id", "value_id", name=op.f("pk_publication_values")),
    )  # fmt: skip
    with op.batch_alter_table("publication_values", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publication_values_value_id"), ["value_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("publication_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publication_values_value_id"))
    op.drop_table("publication_values")
    op.drop_table("condition_checks")
