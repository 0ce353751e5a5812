"""The gzip'd tar a backup lives in: written atomically, every member checked by SHA-256."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BackupWriter:
    """Collect members into a temp file next to the target; `finish()` renames it into place."""

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        self.temp = Path(name)
        self.file = os.fdopen(descriptor, "wb")
        self.tar = tarfile.open(fileobj=self.file, mode="w:gz")  # noqa: SIM115
        self.hashes: dict[str, str] = {}

    def add(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = int(time.time())
        info.mode = 0o600
        self.tar.addfile(info, io.BytesIO(data))
        self.hashes[name] = sha256(data)

    def finish(self, manifest: dict[str, Any]) -> None:
        """Write the manifest last, flush to disk, then rename: readers see all or nothing."""
        manifest = {**manifest, "files": dict(sorted(self.hashes.items()))}
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(time.time())
        info.mode = 0o600
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.temp, self.target)

    def abort(self) -> None:
        for closing in (self.tar.close, self.file.close):
            with suppress(OSError):
                closing()
        self.temp.unlink(missing_ok=True)


def read_backup(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and every member, after checking each member against its SHA-256."""
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            members = {}
            for info in tar:
                if not info.isfile():
                    raise ValueError(f"unexpected entry {info.name!r}")
                stream = tar.extractfile(info)
                members[info.name] = stream.read() if stream else b""
    except (tarfile.TarError, OSError, EOFError) as error:
        raise ValueError(f"not a readable backup: {error}") from None
    if MANIFEST not in members:
        raise ValueError("no manifest: not an EthicsDesk backup, or it was cut short")
    manifest = json.loads(members.pop(MANIFEST))
    expected = manifest.get("files", {})
    if set(expected) != set(members):
        missing = sorted(set(expected) - set(members)) + sorted(set(members) - set(expected))
        raise ValueError(f"the file list does not match the manifest: {', '.join(missing[:5])}")
    for name, data in members.items():
        if sha256(data) != expected[name]:
            raise ValueError(f"{name} is damaged (SHA-256 differs from the manifest)")
    return manifest, members
