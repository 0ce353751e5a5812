"""Rows as JSON lines that any supported database reads back with the same values and types."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import enum
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import sqlalchemy as sa

FORMAT = "ethicsdesk-backup"
FORMAT_VERSION = 1


def _encode(value: Any) -> Any:
    """Tag the values JSON cannot hold, so they come back as the same type."""
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, enum.Enum):
        return value.value  # enums are stored as their value
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, text),) = value.items()
        if tag == "$b64":
            return base64.b64decode(text)
        if tag == "$datetime":
            return dt.datetime.fromisoformat(text)
        if tag == "$date":
            return dt.date.fromisoformat(text)
        if tag == "$time":
            return dt.time.fromisoformat(text)
        if tag == "$decimal":
            return decimal.Decimal(text)
    return value


def _is_json(column: sa.Column[Any]) -> bool:
    """JSON columns keep their document as it is (no tags inside)."""
    return isinstance(column.type, sa.JSON)


def table_lines(table: sa.Table, rows: Iterable[Mapping[str, Any]]) -> Iterator[bytes]:
    """One JSON object per row, keyed by column name."""
    columns = list(table.columns)
    for row in rows:
        record = {c.name: (row[c.name] if _is_json(c) else _encode(row[c.name])) for c in columns}
        yield json.dumps(record, ensure_ascii=False, sort_keys=True).encode() + b"\n"


def read_lines(table: sa.Table, data: bytes) -> list[dict[str, Any]]:
    """The rows of one table file, ready for ``table.insert()``; unknown columns are refused."""
    names = {c.name: c for c in table.columns}
    rows = []
    for line in data.splitlines():
        record = json.loads(line)
        unknown = set(record) - set(names)
        if unknown:
            raise ValueError(f"table {table.name}: unknown columns {', '.join(sorted(unknown))}")
        rows.append({k: (v if _is_json(names[k]) else _decode(v)) for k, v in record.items()})
    return rows


def ordered_select(table: sa.Table) -> sa.Select[Any]:
    """Rows by primary key, so a row referring to an older row of its table comes after it."""
    return sa.select(table).order_by(*table.primary_key.columns)
