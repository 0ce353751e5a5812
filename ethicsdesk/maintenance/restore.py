"""`flask ethicsdesk restore`: back into an empty, migrated database, checked before committing.

Nothing is written unless the backup is intact, the schema revision matches and the target is
empty. Rows go in within one transaction; the stored files are written back and re-read; then
the archive is verified against the restored rows, and only a verified archive is committed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ethicsdesk.extensions import db
from ethicsdesk.maintenance.archive_files import read_backup, sha256
from ethicsdesk.maintenance.backup import alembic_revision
from ethicsdesk.maintenance.dump import FORMAT, read_lines
from ethicsdesk.storage import Storage

BATCH = 500


class RestoreRefusedError(Exception):
    """The backup or the target is not fit for a restore; nothing was changed."""


class RestoreFailedError(Exception):
    """The restored data did not verify; everything written was taken back."""


@dataclass
class RestoreSummary:
    """What was restored."""

    rows: dict[str, int] = field(default_factory=dict)
    objects: int = 0
    key_files: int = 0
    archive_entries: int = 0


def _members(members: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    return {
        name.removeprefix(prefix): data for name, data in members.items() if name.startswith(prefix)
    }


def _check_target(manifest: dict[str, Any], storage: Storage, objects: dict[str, bytes],
                  pki_path: Path, key_files: dict[str, bytes]) -> None:  # fmt: skip
    """Refuse unless the database is migrated to the backup's revision and holds no rows."""
    if manifest.get("format") != FORMAT:
        raise RestoreRefusedError("this file is not an EthicsDesk backup")
    connection = db.session.connection()
    try:
        revision = alembic_revision(connection)
    except sa.exc.DBAPIError:
        raise RestoreRefusedError(
            "the database is not migrated: run `flask db upgrade` first"
        ) from None
    if revision != manifest["alembic_revision"]:
        raise RestoreRefusedError(
            f"the database is at revision {revision or 'none'}, the backup at "
            f"{manifest['alembic_revision']}: migrate to the backup's revision first"
        )
    filled = [t.name for t in db.metadata.sorted_tables if t.name not in SEEDED
              and connection.scalar(sa.select(sa.func.count()).select_from(t))]  # fmt: skip
    if filled:
        raise RestoreRefusedError(
            f"the database is not empty ({', '.join(filled[:5])} hold rows): restore only "
            "into a freshly migrated database"
        )
    for key, data in objects.items():
        if storage.exists(key) and sha256(storage.get(key)) != sha256(data):
            raise RestoreRefusedError(f"storage already holds a different object under {key}")
    for name, data in key_files.items():
        path = pki_path / name
        if path.exists() and path.read_bytes() != data:
            raise RestoreRefusedError(
                f"{path} exists with other content: restore into an empty PKI folder"
            )


# Tables a migration fills with a starting row; a fresh database is still "empty" with them.
SEEDED = frozenset({"catalogue_state"})


def _insert_rows(manifest: dict[str, Any], tables: dict[str, bytes]) -> dict[str, int]:
    """Every table in dependency order, in the session's one transaction."""
    by_name = {name.split("-", 1)[1].removesuffix(".jsonl"): data for name, data in tables.items()}
    known = {table.name for table in db.metadata.sorted_tables}
    if set(by_name) - known:
        raise RestoreRefusedError(
            f"unknown tables in the backup: {', '.join(sorted(set(by_name) - known))}"
        )
    counts = {}
    for table in db.metadata.sorted_tables:
        try:
            rows = read_lines(table, by_name.get(table.name, b""))
        except ValueError as error:
            raise RestoreRefusedError(str(error)) from None
        if len(rows) != manifest["tables"].get(table.name, 0):
            raise RestoreRefusedError(f"table {table.name}: row count differs from the manifest")
        if table.name in SEEDED:
            db.session.execute(table.delete())  # the migration's row gives way to the backup's
        for start in range(0, len(rows), BATCH):
            db.session.execute(table.insert(), rows[start : start + BATCH])
        counts[table.name] = len(rows)
    return counts


def _after_insert() -> None:
    """What the database keeps beside the rows: PostgreSQL sequences, the SQLite search index."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        quote = connection.dialect.identifier_preparer.quote
        for table in db.metadata.sorted_tables:
            key = list(table.primary_key.columns)
            if len(key) == 1 and isinstance(key[0].type, sa.Integer) and key[0].autoincrement:
                highest = f"SELECT MAX({quote(key[0].name)}) FROM {quote(table.name)}"  # noqa: S608
                connection.execute(
                    sa.text(
                        "SELECT setval(pg_get_serial_sequence(:table, :column), "
                        f"COALESCE(({highest}), 0) + 1, false)"
                    ),
                    {"table": table.name, "column": key[0].name},
                )
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DELETE FROM publication_fts")
        connection.exec_driver_sql(
            "INSERT INTO publication_fts (rowid, document) SELECT id, search_text FROM publications"
        )


def _write_objects(storage: Storage, objects: dict[str, bytes], written: list[str]) -> None:
    for key, data in objects.items():
        if storage.exists(key):
            continue  # the same bytes (checked before): nothing to write
        storage.put(key, data, "application/octet-stream")
        written.append(key)
        if sha256(storage.get(key)) != sha256(data):
            raise RestoreFailedError(f"storage object {key} reads back different from the backup")


def _write_key_files(pki_path: Path, key_files: dict[str, bytes], written: list[Path]) -> None:
    for name, data in key_files.items():
        path = pki_path / name
        if path.exists():
            continue
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        written.append(path)


def restore_backup(
    source: Path,
    storage: Storage,
    pki_path: Path,
    verify_archive: Callable[[], tuple[int, list[str]]],
    commit: Callable[[], None],
) -> RestoreSummary:
    """Restore ``source``; ``verify_archive`` returns (entries checked, problems) on the new rows.

    The caller (the CLI command) owns the transaction and passes its ``commit``.
    """
    try:
        manifest, members = read_backup(source)
    except ValueError as error:
        raise RestoreRefusedError(f"the backup is damaged or incomplete: {error}") from None
    objects = _members(members, "storage/")
    key_files = _members(members, "pki/")
    written_objects: list[str] = []
    written_keys: list[Path] = []
    try:
        _check_target(manifest, storage, objects, pki_path, key_files)
        summary = RestoreSummary(rows=_insert_rows(manifest, _members(members, "tables/")))
        _after_insert()
        db.session.flush()
        _write_objects(storage, objects, written_objects)
        _write_key_files(pki_path, key_files, written_keys)
        checked, problems = verify_archive()
        if problems:
            raise RestoreFailedError(
                "the restored archive does not verify:\n" + "\n".join(problems)
            )
        commit()
    except BaseException:
        db.session.rollback()
        for key in written_objects:
            storage.delete(key)
        for path in written_keys:
            path.unlink(missing_ok=True)
        raise
    summary.objects = len(objects)
    summary.key_files = len(key_files)
    summary.archive_entries = checked
    return summary
