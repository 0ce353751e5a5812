"""Backup and restore: demo data with a signed, archived advisory survives a round trip exactly.

The restore goes into a fresh, migrated database with fresh storage and PKI folders; the
archive must verify there, every archived PDF must be byte-identical and every table equal.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from ethicsdesk import create_app
from ethicsdesk.advisories import archive
from ethicsdesk.advisories.models import Advisory, ArchiveEntry
from ethicsdesk.auth.models import User
from ethicsdesk.extensions import db
from ethicsdesk.maintenance.dump import ordered_select, table_lines
from ethicsdesk.maintenance.restore import SEEDED
from ethicsdesk.publications.models import Visibility
from ethicsdesk.publications.operations import publish
from ethicsdesk.storage import current_storage
from tests.conftest import app_config, migrate_database

_numbers = itertools.count()  # short, unique database names (PostgreSQL keeps 63 bytes)


def snapshot() -> dict[str, list[bytes]]:
    """Every table's rows as the backup encodes them: equal snapshots mean equal data."""
    with db.engine.connect() as connection:
        return {
            table.name: list(
                table_lines(table, connection.execute(ordered_select(table)).mappings())
            )
            for table in db.metadata.sorted_tables
        }


def archived_pdfs() -> dict[str, str]:
    """Reference → SHA-256 of the archived PDF as read back (from the row or from storage)."""
    entries = db.session.scalars(sa.select(ArchiveEntry).order_by(ArchiveEntry.id))
    return {
        e.advisory.reference: archive.sha256(archive.pdf_of(e, current_storage())) for e in entries
    }


def fts_rows() -> int | None:
    if db.engine.dialect.name != "sqlite":
        return None
    return db.session.scalar(
        sa.text("SELECT count(*) FROM publication_fts WHERE publication_fts MATCH 'schrijfmaatje'")
    )


@pytest.fixture(params=["database", "storage"])
def source(request, app: Flask) -> Flask:
    """Demo data (one signed, archived advisory), published; PDFs in rows or in storage."""
    app.config["ARCHIVE_BACKEND"] = request.param
    runner = app.test_cli_runner()
    assert runner.invoke(args=["ethicsdesk", "demo-data"]).exit_code == 0
    advisory = db.session.scalars(sa.select(Advisory).where(Advisory.status == "signed")).one()
    publish(advisory, db.session.scalars(sa.select(User)).first(), Visibility.PUBLIC)
    db.session.commit()
    verified = runner.invoke(args=["ethicsdesk", "archive", "verify"])  # moves PDFs to storage
    assert verified.exit_code == 0, verified.output
    if request.param == "storage":
        assert db.session.scalar(
            sa.select(sa.func.count()).where(ArchiveEntry.storage_key.is_not(None))
        )
    return app


@pytest.fixture
def target(databases, tmp_path: Path) -> Iterator[Flask]:
    """A second app: its own freshly migrated, empty database, storage and PKI folders."""
    url = databases.create(f"restore{next(_numbers)}")
    app = create_app(app_config(url), instance_path=str(tmp_path / "target"))
    yield app
    with app.app_context():
        db.engine.dispose()
    databases.drop(url)


def run(app: Flask, *args: str) -> Any:
    with app.app_context():
        return app.test_cli_runner().invoke(args=["ethicsdesk", *args])


def test_restore_reproduces_every_table_and_the_archive_exactly(source, target, tmp_path) -> None:
    backup = tmp_path / "backup.tar.gz"
    result = run(source, "backup", str(backup))
    assert result.exit_code == 0, result.output
    expected, pdfs, fts = snapshot(), archived_pdfs(), fts_rows()
    assert pdfs
    target.config["ARCHIVE_BACKEND"] = source.config["ARCHIVE_BACKEND"]
    result = run(target, "restore", str(backup))
    assert result.exit_code == 0, result.output
    print(result.output)  # noqa: T201
    with target.app_context():
        restored = snapshot()
        assert {name: len(rows) for name, rows in restored.items()} == {
            name: len(rows) for name, rows in expected.items()
        }
        assert restored == expected  # every row, value for value
        assert archived_pdfs() == pdfs  # every archived PDF byte-identical
        assert fts_rows() == fts  # the SQLite search index was rebuilt
        verified = target.test_cli_runner().invoke(args=["ethicsdesk", "archive", "verify"])
        assert verified.exit_code == 0, verified.output
        # new rows get fresh ids after the restored ones (PostgreSQL sequences were reset)
        user = User(organisation_id=db.session.scalars(sa.select(User)).first().organisation_id,
                    email="new@voorbeeld.school", name="Nieuw", password_hash="x")  # fmt: skip
        db.session.add(user)
        db.session.flush()
        db.session.rollback()


def test_restore_into_a_database_with_rows_is_refused_and_changes_nothing(source, tmp_path) -> None:
    backup = tmp_path / "backup.tar.gz"
    assert run(source, "backup", str(backup)).exit_code == 0
    before = snapshot()
    result = run(source, "restore", str(backup))
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert snapshot() == before


def _rewrite(backup: Path, change: Any, fix_manifest: bool = False) -> None:
    """Rebuild the backup with one member changed (optionally with a manifest to match)."""
    with tarfile.open(backup, "r:gz") as tar:
        members = {info.name: tar.extractfile(info).read() for info in tar}
    name = change(members)
    if fix_manifest:
        manifest = json.loads(members["manifest.json"])
        manifest["files"][name] = archive.sha256(members[name])
        members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for member, data in members.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    backup.write_bytes(gzip.compress(buffer.getvalue()))


def _flip_archived_pdf(members: dict[str, bytes]) -> str:
    """Flip one byte inside the archived PDF, wherever the backend keeps it."""
    stored = [n for n in members if n.startswith("storage/archive/")]
    if stored:
        name = stored[0]
        data = bytearray(members[name])
        data[len(data) // 2] ^= 0x01
        members[name] = bytes(data)
        return name
    name = next(n for n in members if n.endswith("-archive_entries.jsonl"))
    rows = [json.loads(line) for line in members[name].splitlines()]
    import base64

    pdf = bytearray(base64.b64decode(rows[0]["content"]["$b64"]))
    pdf[len(pdf) // 2] ^= 0x01
    rows[0]["content"]["$b64"] = base64.b64encode(bytes(pdf)).decode()
    members[name] = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
    return name


def test_a_corrupted_backup_is_refused(source, target, tmp_path) -> None:
    backup = tmp_path / "backup.tar.gz"
    assert run(source, "backup", str(backup)).exit_code == 0
    _rewrite(backup, _flip_archived_pdf)
    target.config["ARCHIVE_BACKEND"] = source.config["ARCHIVE_BACKEND"]
    result = run(target, "restore", str(backup))
    assert result.exit_code == 2, result.output
    assert "damaged" in result.output
    with target.app_context():
        assert all(not rows for name, rows in snapshot().items() if name not in SEEDED)
    assert not (tmp_path / "target" / "files" / "archive").exists()


def test_a_changed_pdf_with_a_matching_manifest_fails_verification_and_is_undone(
    source, target, tmp_path
) -> None:
    backup = tmp_path / "backup.tar.gz"
    assert run(source, "backup", str(backup)).exit_code == 0
    _rewrite(backup, _flip_archived_pdf, fix_manifest=True)
    target.config["ARCHIVE_BACKEND"] = source.config["ARCHIVE_BACKEND"]
    result = run(target, "restore", str(backup))
    assert result.exit_code == 1, result.output
    assert "does not verify" in result.output
    with target.app_context():
        assert all(not rows for name, rows in snapshot().items() if name not in SEEDED)
    objects = tmp_path / "target" / "files" / "archive"
    assert not objects.exists() or not any(p.is_file() for p in objects.rglob("*"))
    assert not (tmp_path / "target" / "pki" / "ca.pem").exists()


def test_a_sqlite_backup_restores_on_postgresql_and_back(databases, tmp_path) -> None:
    if databases.backend != "postgresql":
        pytest.skip("needs ETHICSDESK_TEST_DATABASE_URL (a PostgreSQL server)")
    sqlite_url = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    migrate_database(sqlite_url, tmp_path / "migrate")
    sqlite_app = create_app(app_config(sqlite_url), instance_path=str(tmp_path / "sqlite"))
    assert run(sqlite_app, "demo-data").exit_code == 0
    first = tmp_path / "from-sqlite.tar.gz"
    assert run(sqlite_app, "backup", str(first)).exit_code == 0
    with sqlite_app.app_context():
        expected, pdfs = snapshot(), archived_pdfs()
    url = databases.create(f"cross{next(_numbers)}")
    postgres_app = create_app(app_config(url), instance_path=str(tmp_path / "postgres"))
    try:
        result = run(postgres_app, "restore", str(first))
        assert result.exit_code == 0, result.output
        with postgres_app.app_context():
            assert snapshot() == expected
            assert archived_pdfs() == pdfs
        second = tmp_path / "from-postgres.tar.gz"
        assert run(postgres_app, "backup", str(second)).exit_code == 0
    finally:
        with postgres_app.app_context():
            db.engine.dispose()
        databases.drop(url)
    back_url = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    migrate_database(back_url, tmp_path / "migrate")
    back_app = create_app(app_config(back_url), instance_path=str(tmp_path / "back"))
    result = run(back_app, "restore", str(second))
    assert result.exit_code == 0, result.output
    with back_app.app_context():
        assert snapshot() == expected
        db.engine.dispose()
    with sqlite_app.app_context():
        db.engine.dispose()
