"""advisories: signature verdicts recorded when a signed PDF is archived

Revision ID: b7d2e94f1c08
Revises: 8c3e5a1f9d27
Create Date: 2026-11-24 10:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "b7d2e94f1c08"
down_revision = "8c3e5a1f9d27"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signature_verdicts",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("trust_digest", sa.String(length=64), nullable=False),
        sa.Column(
            "report",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "trust_digest", name=op.f("pk_signature_verdicts")),
    )


def downgrade() -> None:
    op.drop_table("signature_verdicts")
