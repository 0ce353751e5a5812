"""`flask ethicsdesk backup`: every table, the stored files and the signing keys in one file.

Logical rather than a database dump, so a backup taken on SQLite restores on PostgreSQL and
back, and restore can check it row by row. Rows are read in one consistent snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from ethicsdesk.maintenance.archive_files import BackupWriter
from ethicsdesk.maintenance.dump import FORMAT, FORMAT_VERSION, ordered_select, table_lines
from ethicsdesk.storage import Storage

STORAGE_KEY_COLUMN = "storage_key"  # every table naming a stored object uses this column


@dataclass
class BackupSummary:
    """What went into the backup."""

    revision: str
    rows: dict[str, int] = field(default_factory=dict)
    objects: int = 0
    key_files: int = 0


def alembic_revision(connection: sa.Connection) -> str:
    """The schema revision the rows belong to (several heads joined by commas)."""
    versions = connection.scalars(sa.text("SELECT version_num FROM alembic_version")).all()
    return ",".join(sorted(versions))


def storage_keys(connection: sa.Connection) -> list[str]:
    """Every object a row refers to (attachments, archived PDFs moved to storage)."""
    keys: set[str] = set()
    for table in db.metadata.sorted_tables:
        if STORAGE_KEY_COLUMN in table.c:
            column = table.c[STORAGE_KEY_COLUMN]
            keys.update(connection.scalars(sa.select(column).where(column.is_not(None))))
    return sorted(keys)


def _snapshot(connection: sa.Connection) -> None:
    """Read every table as of one moment, while the app keeps running."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")  # a read transaction: one WAL snapshot


def write_backup(target: Path, storage: Storage, pki_path: Path) -> BackupSummary:
    """Dump every table, every referenced object and the PKI folder into ``target``."""
    writer = BackupWriter(target)
    try:
        with db.engine.connect() as connection:
            _snapshot(connection)
            summary = BackupSummary(revision=alembic_revision(connection))
            for number, table in enumerate(db.metadata.sorted_tables):
                rows = connection.execute(ordered_select(table)).mappings()
                data = b"".join(table_lines(table, rows))
                writer.add(f"tables/{number:03d}-{table.name}.jsonl", data)
                summary.rows[table.name] = data.count(b"\n")
            for key in storage_keys(connection):
                writer.add(f"storage/{key}", storage.get(key))
                summary.objects += 1
            connection.rollback()
        for path in sorted(pki_path.rglob("*")) if pki_path.is_dir() else []:
            if path.is_file():
                writer.add(f"pki/{path.relative_to(pki_path).as_posix()}", path.read_bytes())
                summary.key_files += 1
        writer.finish(_manifest(summary, connection.dialect.name))
    except BaseException:
        writer.abort()
        raise
    return summary


def _manifest(summary: BackupSummary, dialect: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": utcnow().isoformat(),
        "source_database": dialect,
        "alembic_revision": summary.revision,
        "tables": summary.rows,
        "archive_backend": current_app.config["ARCHIVE_BACKEND"],
    }
