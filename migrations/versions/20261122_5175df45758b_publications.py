"""publications: visibility, retraction, full-text search (FTS5 / PostgreSQL GIN), follow-up

Revision ID: 5175df45758b
Revises: 4f66709faeeb
Create Date: 2026-11-22 23:07:42.198781
"""

import sqlalchemy as sa
from alembic import op

revision = "5175df45758b"
down_revision = "4f66709faeeb"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advisory_id", sa.Integer(), nullable=False),
        sa.Column("visibility", sa.String(length=32), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.Column("retracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retracted_by_id", sa.Integer(), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["advisory_id"], ["advisories.id"], name=op.f("fk_publications_advisory_id_advisories")),
        sa.ForeignKeyConstraint(["published_by_id"], ["users.id"], name=op.f("fk_publications_published_by_id_users")),
        sa.ForeignKeyConstraint(["retracted_by_id"], ["users.id"], name=op.f("fk_publications_retracted_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
        sa.UniqueConstraint("advisory_id", name=op.f("uq_publications_advisory_id")),
    )  # fmt: skip
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publications_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_publications_visibility"), ["visibility"], unique=False)

    op.create_table(
        "advisory_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advisory_id", sa.Integer(), nullable=False),
        sa.Column("adherence", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["advisory_id"], ["advisories.id"], name=op.f("fk_advisory_follow_ups_advisory_id_advisories")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_advisory_follow_ups_recorded_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advisory_follow_ups")),
        sa.UniqueConstraint("advisory_id", name=op.f("uq_advisory_follow_ups_advisory_id")),
    )  # fmt: skip

    # Search index, not modelled by the ORM (the drift check skips it by name, see env.py).
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_publications_search_fts ON publications "
            "USING gin (to_tsvector('simple'::regconfig, search_text))"
        )
    else:
        # search_text is already folded, so the tokenizer only has to split on spaces
        op.execute(
            "CREATE VIRTUAL TABLE publication_fts USING fts5("
            "document, tokenize = 'unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_publications_search_fts")
    else:
        op.execute("DROP TABLE IF EXISTS publication_fts")
    op.drop_table("advisory_follow_ups")
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publications_visibility"))
        batch_op.drop_index(batch_op.f("ix_publications_published_at"))
    op.drop_table("publications")
