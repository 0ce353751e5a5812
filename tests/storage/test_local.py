"""LocalStorage: round trips, all-or-nothing writes and keys that cannot leave the root."""

from __future__ import annotations

import io
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ethicsdesk.storage import InvalidKeyError, ObjectNotFoundError, new_key, validate_key
from ethicsdesk.storage.local import LocalStorage

KEY = "attachments/2026/11/0f5e3c1a9b2d4e6f8a7b6c5d4e3f2a1b"


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "files")


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())


class FailingStream(io.RawIOBase):
    """Hands out some data, then fails the way a dropped upload does."""

    def __init__(self) -> None:
        self.calls = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        self.calls += 1
        if self.calls > 2:
            raise ConnectionResetError("client went away")
        buffer[:4] = b"%PDF"
        return 4


def test_round_trip_with_bytes_and_streams(storage: LocalStorage) -> None:
    storage.put(KEY, b"first", "application/pdf")
    assert storage.exists(KEY)
    assert storage.get(KEY) == b"first"
    storage.put(KEY, io.BytesIO(b"second" * 50_000), "application/pdf")
    assert storage.get(KEY) == b"second" * 50_000
    assert b"".join(storage.iter_chunks(KEY, chunk_size=1000)) == b"second" * 50_000
    with storage.open(KEY) as stream:
        assert stream.read(6) == b"second"
    assert files_under(storage.root) == [KEY]


def test_delete_is_idempotent(storage: LocalStorage) -> None:
    storage.put(KEY, b"x", "application/pdf")
    storage.delete(KEY)
    storage.delete(KEY)
    assert not storage.exists(KEY)


def test_missing_objects_raise_one_error_for_every_backend(storage: LocalStorage) -> None:
    with pytest.raises(ObjectNotFoundError):
        storage.open(KEY)
    with pytest.raises(ObjectNotFoundError):
        storage.iter_chunks(KEY)  # before the first chunk, so a view can still answer 404
    assert not storage.exists(KEY)


def test_a_failed_upload_leaves_no_file_and_no_temp_file(storage: LocalStorage) -> None:
    with pytest.raises(ConnectionResetError):
        storage.put(KEY, io.BufferedReader(FailingStream()), "application/pdf")
    assert files_under(storage.root) == []
    assert not storage.exists(KEY)


def test_a_failed_fsync_keeps_the_previous_version(
    storage: LocalStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.put(KEY, b"version 1", "application/pdf")

    def broken_fsync(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        storage.put(KEY, b"version 2", "application/pdf")
    monkeypatch.undo()
    assert storage.get(KEY) == b"version 1"
    assert files_under(storage.root) == [KEY]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_stored_files_are_private_to_the_app(storage: LocalStorage) -> None:
    storage.put(KEY, b"x", "application/pdf")
    assert stat.S_IMODE(storage.path(KEY).stat().st_mode) == 0o600


BAD_KEYS = [
    "",
    "/etc/passwd",
    "../secret",
    "attachments/../../secret",
    "attachments/..",
    "attachments//x",
    "attachments/x/",
    ".hidden",
    "attachments/.tmp-abc",
    "attachments\\x",
    "C:/windows",
    "attachments/a b",
    "attachments/é",
    "attachments/x\x00",
    "a/" * 16 + "a",
    "a" * 129,
]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_bad_keys_are_refused_by_every_operation(storage: LocalStorage, key: str) -> None:
    for operation in (
        lambda: storage.put(key, b"x", "application/pdf"),
        lambda: storage.open(key),
        lambda: storage.delete(key),
        lambda: storage.exists(key),
    ):
        with pytest.raises(InvalidKeyError):
            operation()
    assert not storage.root.exists()


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_a_symlink_inside_the_root_cannot_lead_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    storage = LocalStorage(tmp_path / "files")
    storage.root.mkdir()
    (storage.root / "attachments").symlink_to(outside)
    with pytest.raises(InvalidKeyError, match="outside"):
        storage.put(KEY, b"x", "application/pdf")
    assert list(outside.iterdir()) == []


def test_new_keys_are_valid_unique_and_spread_by_month() -> None:
    moment = datetime(2026, 11, 5, tzinfo=UTC)
    first, second = new_key(now=moment), new_key(now=moment)
    assert first != second
    assert first.startswith("attachments/2026/11/")
    assert len(first.rsplit("/", 1)[1]) == 32
    assert validate_key(first) == first
    assert new_key("reports").startswith("reports/")
    with pytest.raises(InvalidKeyError):
        new_key("../etc")
