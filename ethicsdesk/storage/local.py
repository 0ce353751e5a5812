"""Files on the local disk, for single-server installs (the default)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from ethicsdesk.storage.base import (
    CHUNK_SIZE,
    InvalidKeyError,
    ObjectNotFoundError,
    Storage,
    validate_key,
)

TEMP_PREFIX = ".tmp-"  # keys never start with a dot, so a temp file can never be read as one


class LocalStorage(Storage):
    """Keep objects as files under one root folder outside the static folder."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    def path(self, key: str) -> Path:
        """Map a key to its file, refusing anything that would land outside the root."""
        path = self.root / validate_key(key)
        if not path.resolve().is_relative_to(self.root):  # a symlink planted inside the root
            raise InvalidKeyError(f"storage key {key!r} resolves outside {self.root}")
        return path

    def put(self, key: str, data: BinaryIO | bytes, content_type: str) -> None:
        """Write to a temp file, fsync, then rename, so readers see all or nothing."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temp_name = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX)
        try:
            with os.fdopen(descriptor, "wb") as temp:
                if isinstance(data, bytes | bytearray | memoryview):
                    temp.write(data)
                else:
                    shutil.copyfileobj(data, temp, CHUNK_SIZE)
                temp.flush()
                os.fsync(temp.fileno())
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _fsync_directory(path.parent)

    def open(self, key: str) -> BinaryIO:
        """Open the file for reading."""
        try:
            return self.path(key).open("rb")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            raise ObjectNotFoundError(key) from None

    def delete(self, key: str) -> None:
        """Remove the file; a missing file is fine."""
        self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        """Tell whether the file is there."""
        return self.path(key).is_file()


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself, so a power cut cannot lose a file the app already recorded."""
    if os.name != "posix":  # Windows cannot open a directory; its rename is durable enough
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
