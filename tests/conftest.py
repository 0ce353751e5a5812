"""Test fixtures: every test gets its own real database, built once by the Alembic migrations.

SQLite by default; PostgreSQL when ETHICSDESK_TEST_DATABASE_URL points at a server. The
migrated template is copied per test (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
PostgreSQL), so tests never share state and the schema never comes from create_all.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from ethicsdesk import create_app
from ethicsdesk.config import normalise_database_url
from ethicsdesk.extensions import db
from tests.helpers import Browser

POSTGRES_URL = os.environ.get("ETHICSDESK_TEST_DATABASE_URL", "")
TEST_SECRET_KEY = "test-secret-key-that-is-long-enough-for-production-checks"
FAST_ARGON2 = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1}
_counter = itertools.count()


def app_config(database_url: str, **overrides: Any) -> dict[str, Any]:
    """The configuration every test app starts from."""
    return {
        "ETHICSDESK_ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PAGE_CACHE_SECONDS": 0,  # every cached page is checked against the current state
        **FAST_ARGON2,
        **overrides,
    }


def migrate_database(database_url: str, instance_path: Path) -> None:
    """Build a schema the way production does: alembic upgrade head."""
    app = create_app(app_config(database_url), instance_path=str(instance_path))
    with app.app_context():
        upgrade()
        db.engine.dispose()


class SqliteDatabases:
    """Per-test SQLite files copied from one migrated template."""

    backend = "sqlite"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.template = root / "template.sqlite3"
        migrate_database(f"sqlite:///{self.template}", root / "instance")

    def create(self, name: str) -> str:
        target = self.root / f"{name}.sqlite3"
        shutil.copyfile(self.template, target)
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        """Nothing to release: the files live in pytest's temporary folder."""


class PostgresDatabases:
    """Per-test PostgreSQL databases cloned from one migrated template database."""

    backend = "postgresql"

    def __init__(self, server_url: str, worker: str, root: Path) -> None:
        self.server_url = sa.engine.make_url(normalise_database_url(server_url))
        # unique per process: concurrent runs on one server must never drop each other's data
        self.prefix = f"ethicsdesk_test_{worker}_{os.getpid()}"
        self.admin = sa.create_engine(self.server_url, isolation_level="AUTOCOMMIT")
        try:
            with self.admin.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        except sa.exc.OperationalError as error:
            pytest.exit(f"PostgreSQL at {server_url} cannot be reached: {error}", returncode=3)
        self._drop_leftovers()
        self.template_name = f"{self.prefix}_template"
        self._execute(f'DROP DATABASE IF EXISTS "{self.template_name}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{self.template_name}"')
        migrate_database(self._url(self.template_name), root / "instance")

    def _drop_leftovers(self) -> None:
        """Remove databases of earlier runs that died before cleaning up (their process is gone)."""
        with self.admin.connect() as connection:
            names = connection.scalars(
                sa.text("SELECT datname FROM pg_database WHERE datname LIKE 'ethicsdesk_test_%'")
            ).all()
        for name in names:
            parts = name.split("_")
            pid = int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else None
            if pid is not None and not _process_alive(pid):
                self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _url(self, name: str) -> str:
        return self.server_url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(sa.text(statement))

    def create(self, name: str) -> str:
        database = f"{self.prefix}_{name}"
        self._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{database}" TEMPLATE "{self.template_name}"')
        return self._url(database)

    def drop(self, url: str) -> None:
        database = sa.engine.make_url(url).database
        self._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def close(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.template_name}" WITH (FORCE)')
        self.admin.dispose()


def _process_alive(pid: int) -> bool:
    """Whether a process with this id still runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture(scope="session")
def databases(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str
) -> Iterator[SqliteDatabases | PostgresDatabases]:
    """The database server for this run, with a migrated template ready to clone."""
    root = tmp_path_factory.mktemp("databases")
    if POSTGRES_URL:
        manager: SqliteDatabases | PostgresDatabases = PostgresDatabases(
            POSTGRES_URL, worker_id, root
        )
    else:
        manager = SqliteDatabases(root)
    yield manager
    manager.close()


@pytest.fixture
def database_url(databases: SqliteDatabases | PostgresDatabases) -> Iterator[str]:
    """A fresh, migrated database of its own for this test."""
    url = databases.create(f"t{next(_counter)}")
    yield url
    databases.drop(url)


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The app bound to this test's own database, with an app context pushed."""
    app = create_app(app_config(database_url), instance_path=str(tmp_path / "instance"))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def browser(app: Flask) -> Browser:
    """A test client that fills in CSRF tokens the way a real form does."""
    return Browser(app)


@pytest.fixture
def organisation(app: Flask) -> Any:
    """The association every test user belongs to."""
    from tests.factories import make_organisation

    return make_organisation()
