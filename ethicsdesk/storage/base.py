"""The storage interface and the key rules both backends share."""

from __future__ import annotations

import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

CHUNK_SIZE = 64 * 1024
MAX_KEY_LENGTH = 512
# Segments start with a letter or digit, so "..", ".hidden" and "" can never occur; no "/" lead.
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}"
KEY_PATTERN = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT}){{0,15}}")
AREA_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,31}")


class InvalidKeyError(ValueError):
    """A key that could escape the storage root or is not one the app generates."""


class ObjectNotFoundError(LookupError):
    """Raised by both backends alike, so callers need not know which one is configured."""


def validate_key(key: str) -> str:
    """Refuse anything but app-made keys before it reaches a path or an S3 request."""
    if (
        not isinstance(key, str)
        or len(key) > MAX_KEY_LENGTH
        or ".." in key
        or KEY_PATTERN.fullmatch(key) is None
    ):
        raise InvalidKeyError(f"invalid storage key: {key!r}")
    return key


def new_key(area: str = "attachments", now: datetime | None = None) -> str:
    """Make an unguessable key that spreads files over year/month folders."""
    if AREA_PATTERN.fullmatch(area) is None:
        raise InvalidKeyError(f"invalid storage area: {area!r}")
    now = now or datetime.now(UTC)
    return f"{area}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}"


class Storage(ABC):
    """What the app needs from a file store; the backend is a deployment choice."""

    @abstractmethod
    def put(self, key: str, data: BinaryIO | bytes, content_type: str) -> None:
        """Store the whole object or nothing, replacing an object with the same key."""

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """Open the object for streaming reads; the caller closes it (send_file does)."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; deleting a missing object is not an error, so retries are safe."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Tell whether the object is there without reading it."""

    def get(self, key: str) -> bytes:
        """Read a small object whole, e.g. to re-check its type."""
        with self.open(key) as stream:
            return stream.read()

    def iter_chunks(self, key: str, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """Stream a download without holding it in memory; a missing object raises here, early."""
        return _read_chunks(self.open(key), chunk_size)


def _read_chunks(stream: BinaryIO, chunk_size: int) -> Iterator[bytes]:
    """Yield the stream's chunks and close it even when the client goes away mid-download."""
    with stream:
        while chunk := stream.read(chunk_size):
            yield chunk
