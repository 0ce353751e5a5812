"""tests/live_server.py serves from the test database server in use and leaves nothing behind."""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from ethicsdesk.config import normalise_database_url
from tests.live_server import live_server

pytestmark = pytest.mark.browser

POSTGRES_URL = os.environ.get("ETHICSDESK_TEST_DATABASE_URL", "")


def live_databases() -> set[str]:
    """Names of the live servers' databases on the PostgreSQL test server."""
    engine = sa.create_engine(normalise_database_url(POSTGRES_URL))
    try:
        with engine.connect() as connection:
            return set(
                connection.scalars(
                    sa.text("SELECT datname FROM pg_database WHERE datname LIKE 'ethicsdesk_live%'")
                )
            )
    finally:
        engine.dispose()


def test_live_server_uses_the_test_database_and_cleans_up(tmp_path: Path) -> None:
    with live_server(
        tmp_path, workers=1, demo=False, extra_env={"ETHICSDESK_SESSION_HOURS": "1"}
    ) as server:
        with urllib.request.urlopen(f"{server.base_url}/healthz", timeout=10) as answer:  # noqa: S310
            assert answer.status == 200
        assert server.env["ETHICSDESK_SESSION_HOURS"] == "1"
        assert "ETHICSDESK_TEST_DATABASE_URL" not in server.env
        assert server.instance_path == tmp_path / "instance"
        if POSTGRES_URL:
            assert server.backend == "postgresql"
            name = sa.engine.make_url(server.database_url).database
            assert name in live_databases()
        else:
            assert server.backend == "sqlite"
            assert (server.instance_path / "ethicsdesk.sqlite3").exists()
        assert "(head)" in server.flask("db", "current").stdout  # migrated by Alembic
        process = server.process
    assert process.poll() is not None, "gunicorn still runs"
    if POSTGRES_URL:
        assert name not in live_databases(), "the live database was not dropped"
