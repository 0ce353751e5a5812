"""audit trail: refuse TRUNCATE on PostgreSQL

Revision ID: 189d87347a34
Revises: 4bcf804dadbe
Create Date: 2026-11-22 22:03:19.200228
"""

from alembic import op


revision = '189d87347a34'
down_revision = '4bcf804dadbe'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # row triggers do not fire on TRUNCATE; a statement trigger closes that gap (SQLite has none)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries")
