"""Decide what an upload really is from its bytes, and give it a safe name to be served under."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from typing import BinaryIO

from ethicsdesk.storage.formats import (
    FILE_TYPES,
    FileKind,
    FileType,
    RejectReason,
    UnsupportedFileType,
)
from ethicsdesk.storage.officefiles import ZipLimits, inspect_ole2, inspect_zip

__all__ = [
    "FILE_TYPES",
    "FileKind",
    "FileType",
    "RejectReason",
    "UnsupportedFileType",
    "ZipLimits",
    "detect_file_type",
    "safe_filename",
]

PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
PDF_TRAILER_WINDOW = 1024  # where Acrobat looks for %%EOF
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXECUTABLE_MAGICS = (
    b"MZ",  # Windows PE
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O, 32 and 64 bit, both byte orders
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary, Java class
    b"#!",  # script with an interpreter line
    b"\x00asm",  # WebAssembly
)


def detect_file_type(data: bytes | BinaryIO, limits: ZipLimits | None = None) -> FileType:
    """Trust the bytes, never the name or the browser's content type; keeps a stream's position."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    start = stream.tell()
    try:
        stream.seek(0)
        return FILE_TYPES[_detect_kind(stream, limits or ZipLimits())]
    finally:
        stream.seek(start)


def _detect_kind(stream: BinaryIO, limits: ZipLimits) -> FileKind:
    head = stream.read(16)
    stream.seek(0)
    if not head:
        raise UnsupportedFileType(RejectReason.EMPTY)
    if PDF_HEADER.match(head):
        return _check_pdf(stream)
    if head.startswith(ZIP_MAGIC):
        return inspect_zip(stream, limits)
    if head.startswith(OLE2_MAGIC):
        return inspect_ole2(stream)
    if head.startswith(EXECUTABLE_MAGICS):
        raise UnsupportedFileType(RejectReason.EXECUTABLE, "program or script")
    raise UnsupportedFileType(RejectReason.UNKNOWN, f"unrecognised header {head[:8]!r}")


def _check_pdf(stream: BinaryIO) -> FileKind:
    """A PDF without its end marker is truncated or something else wearing a PDF header."""
    size = stream.seek(0, os.SEEK_END)
    stream.seek(max(0, size - PDF_TRAILER_WINDOW))
    if b"%%EOF" not in stream.read():
        raise UnsupportedFileType(RejectReason.CORRUPT, "PDF without %%EOF (truncated?)")
    return FileKind.PDF


# Windows refuses these names whatever the extension, and downloads land on Windows desktops.
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)]
)
UNSAFE_CHARACTERS = re.compile(r'[<>:"/\\|?*]')
OLD_EXTENSION = re.compile(r"\.(?=[A-Za-z0-9]{0,4}[A-Za-z])[A-Za-z0-9]{1,5}$")  # not ".11"
MAX_STEM_BYTES = 150


def safe_filename(original: str, extension: str, fallback: str = "document") -> str:
    """Keep the uploader's readable name for the download, minus anything that could misbehave."""
    name = unicodedata.normalize("NFKC", original or "")  # folds fullwidth slash and dot
    name = " ".join(name.replace("\\", "/").rsplit("/", 1)[-1].split())
    # C*: control, format (U+202E turns "fdp.exe" into "exe.pdf" on screen), unassigned
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem = OLD_EXTENSION.sub("", UNSAFE_CHARACTERS.sub("_", name)).strip(" .")
    stem = stem.encode()[:MAX_STEM_BYTES].decode(errors="ignore").strip(" .")
    if not stem:
        stem = fallback
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem}{extension}"
