"""The schema comes only from migrations, and migrations and models never drift apart."""

from __future__ import annotations

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade

from ethicsdesk.extensions import db
from ethicsdesk.publications.search import include_name


def schema_differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": include_name},  # skip search index objects
        )
        return compare_metadata(context, db.metadata)


def test_migrations_produce_exactly_the_models(app: Flask) -> None:
    assert schema_differences() == []


def test_migrations_go_down_and_up_again(app: Flask) -> None:
    downgrade(revision="base")
    with db.engine.connect() as connection:
        tables = set(db.inspect(connection).get_table_names()) - {"alembic_version"}
    assert tables == set()
    upgrade()
    assert schema_differences() == []


def test_suite_runs_on_the_requested_database(app: Flask) -> None:
    """A PostgreSQL run must really talk to PostgreSQL: nothing falls back silently."""
    expected = "postgresql" if os.environ.get("ETHICSDESK_TEST_DATABASE_URL") else "sqlite"
    assert db.engine.dialect.name == expected
