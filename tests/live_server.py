"""The app served by real gunicorn on 127.0.0.1, for browser journeys and reliability tests.

SQLite in the instance folder by default; when ETHICSDESK_TEST_DATABASE_URL points at a
PostgreSQL server, a fresh database of its own (``ethicsdesk_live_<pid>_<n>``) is created,
migrated, filled with the demo data and dropped afterwards, so the journeys run on both.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from ethicsdesk.config import normalise_database_url

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECRET = "browser-test-secret-key-that-is-long-enough-0123456789"
LIVE_PREFIX = "ethicsdesk_live_"
_counter = itertools.count()


class LiveServerError(RuntimeError):
    """The server could not be prepared or did not come up; the message carries its log."""


@dataclass
class LiveServer:
    """A running gunicorn: where to reach it, which database it uses, where its files live."""

    base_url: str
    database_url: str
    instance_path: Path
    log_path: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes] = field(repr=False)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return "postgresql" if self.database_url.startswith("postgresql") else "sqlite"

    def flask(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run ``flask --app wsgi …`` against the same instance and database as the server."""
        return subprocess.run(
            [str(BIN / "flask"), "--app", "wsgi", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def log(self) -> str:
        """What gunicorn has written so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(instance: Path, database_url: str, extra: dict[str, str] | None) -> dict[str, str]:
    """The environment the app reads (ethicsdesk/config.py), without the caller's own settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ETHICSDESK_", "DATABASE_"))}
    env.update(
        ETHICSDESK_ENV="development",
        ETHICSDESK_INSTANCE_PATH=str(instance),
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET,
        ETHICSDESK_SECURE_COOKIES="0",
        ETHICSDESK_PAGE_CACHE_SECONDS="0",  # a page published a moment ago shows at once
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


class _PostgresLiveDatabase:
    """One throw-away PostgreSQL database on the test server, dropped on close."""

    def __init__(self, server_url: str) -> None:
        self.server_url = sa.engine.make_url(normalise_database_url(server_url))
        self.admin = sa.create_engine(self.server_url, isolation_level="AUTOCOMMIT")
        self._drop_leftovers()
        self.name = f"{LIVE_PREFIX}{os.getpid()}_{next(_counter)}"
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._execute(f'CREATE DATABASE "{self.name}"')
        self.url = self.server_url.set(database=self.name).render_as_string(hide_password=False)

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(sa.text(statement))

    def _drop_leftovers(self) -> None:
        """Remove live databases of earlier runs whose process has died without cleaning up."""
        with self.admin.connect() as connection:
            names = connection.scalars(
                sa.text("SELECT datname FROM pg_database WHERE datname LIKE :pattern"),
                {"pattern": LIVE_PREFIX.replace("_", r"\_") + "%"},
            ).all()
        for name in names:
            pid = name.removeprefix(LIVE_PREFIX).split("_")[0]
            if pid.isdigit() and not _process_alive(int(pid)):
                self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
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


def _wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll /healthz until it answers 200; fail with gunicorn's log if it never does."""
    deadline = time.monotonic() + 60
    health = f"{base_url}/healthz"
    while True:
        with suppress(OSError), urllib.request.urlopen(health, timeout=2) as answer:  # noqa: S310
            if answer.status == 200:
                return
        if process.poll() is not None or time.monotonic() > deadline:
            _stop(process)
            raise LiveServerError("gunicorn did not start:\n" + log.read_text(errors="replace"))
        time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask gunicorn to stop gracefully, then insist."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@contextmanager
def live_server(
    tmp_dir: Path,
    *,
    workers: int = 2,
    demo: bool = True,
    extra_env: dict[str, str] | None = None,
) -> Iterator[LiveServer]:
    """Migrate a fresh database (plus demo data), serve it with gunicorn, clean up afterwards."""
    instance = Path(tmp_dir) / "instance"
    instance.mkdir(parents=True, exist_ok=True)
    postgres_url = os.environ.get("ETHICSDESK_TEST_DATABASE_URL", "")
    database = _PostgresLiveDatabase(postgres_url) if postgres_url else None
    database_url = database.url if database else f"sqlite:///{instance / 'ethicsdesk.sqlite3'}"
    env = server_env(instance, database_url, extra_env)
    log_path = instance / "gunicorn.log"
    process: subprocess.Popen[bytes] | None = None
    try:
        for command in (["db", "upgrade"], *([["ethicsdesk", "demo-data"]] if demo else [])):
            done = subprocess.run(
                [str(BIN / "flask"), "--app", "wsgi", *command],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode != 0:
                raise LiveServerError(f"flask {' '.join(command)} failed:\n{done.stderr}")
        port = free_port()
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "--config",
                    str(ROOT / "gunicorn.conf.py"),
                    "--workers",
                    str(workers),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    "120",
                    "wsgi:app",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_healthy(base_url, process, log_path)
        yield LiveServer(base_url, database_url, instance, log_path, env, process)
    finally:
        if process is not None:
            _stop(process)
        if database is not None:
            database.close()
