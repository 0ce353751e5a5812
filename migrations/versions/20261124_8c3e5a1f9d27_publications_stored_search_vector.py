"""publications: stored tsvector for PostgreSQL search, so ranking reads it instead of re-parsing

Revision ID: 8c3e5a1f9d27
Revises: 6d1e0c2b9a7f
Create Date: 2026-11-24 09:00:00
"""

from alembic import op

revision = "8c3e5a1f9d27"
down_revision = "6d1e0c2b9a7f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # PostgreSQL only: SQLite searches its FTS5 table. Not modelled by the ORM (include_name in
    # search.py skips the column and its index), so inserts and backups never name the column.
    if op.get_bind().dialect.name != "postgresql":
        return
    # search_text is already folded (lower case, no diacritics), so 'simple' is the right parser
    op.execute(
        "ALTER TABLE publications ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    op.execute(
        "CREATE INDEX ix_publications_search_vector ON publications USING gin (search_vector)"
    )
    op.execute("DROP INDEX IF EXISTS ix_publications_search_fts")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX ix_publications_search_fts ON publications "
        "USING gin (to_tsvector('simple'::regconfig, search_text))"
    )
    op.execute("DROP INDEX IF EXISTS ix_publications_search_vector")
    op.execute("ALTER TABLE publications DROP COLUMN search_vector")
