"""The detector trusts bytes, not names: real documents pass, disguised or risky files do not."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from ethicsdesk.storage.filetypes import (
    FILE_TYPES,
    FileKind,
    RejectReason,
    UnsupportedFileType,
    ZipLimits,
    detect_file_type,
)
from tests.storage import documents as d

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\0" * 56
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 56 + b"This program cannot be run in DOS mode."
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 32


def garbled_zip() -> bytes:
    """A docx whose content types are stored, with one flipped byte that only the CRC reveals."""
    data = bytearray(d.zip_package(d.entries(d.docx()), stored=["[Content_Types].xml"]))
    data[data.index(b"<Types") + 10] ^= 0x20
    return bytes(data)


def encrypted_zip() -> bytes:
    """A docx whose entries are flagged as encrypted (zipfile cannot write encrypted entries)."""
    data = bytearray(d.docx())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flag_offset] |= 0x1  # traditional PKWARE encryption
            start = data.find(signature, start + 4)
    return bytes(data)


def zip_bomb_docx() -> bytes:
    """A real docx carrying 300 MiB of zeros that deflate to a few hundred KiB."""
    buffer = io.BytesIO(d.docx())
    with (
        zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.bin", "w") as entry,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(300):
            entry.write(chunk)
    return buffer.getvalue()


def duplicate_entries() -> bytes:
    """Two [Content_Types].xml: readers disagree on which one counts."""
    with pytest.warns(UserWarning, match="Duplicate name"):
        return d.zip_package([*d.entries(d.docx()), ("[Content_Types].xml", "<Types/>")])


def entity_expansion() -> bytes:
    dtd = '<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
    return d.zip_package([("[Content_Types].xml", f"{dtd}<Types>&b;</Types>"), ("_rels/.rels", "")])


def without_main_part() -> bytes:
    return d.zip_package([e for e in d.entries(d.docx()) if e[0] != "word/document.xml"])


ACCEPTED: dict[str, tuple[Callable[[], bytes], FileKind, str, str]] = {
    "pdf": (d.pdf, FileKind.PDF, "application/pdf", ".pdf"),
    "docx": (d.docx, FileKind.DOCX, f"{d.OOXML}.wordprocessingml.document", ".docx"),
    "xlsx": (d.xlsx, FileKind.XLSX, f"{d.OOXML}.spreadsheetml.sheet", ".xlsx"),
    "pptx": (d.pptx, FileKind.PPTX, f"{d.OOXML}.presentationml.presentation", ".pptx"),
    "odt": (lambda: d.opendocument("text"), FileKind.ODT, f"{d.ODF}.text", ".odt"),
    "ods": (lambda: d.opendocument("spreadsheet"), FileKind.ODS, f"{d.ODF}.spreadsheet", ".ods"),
    "odp": (lambda: d.opendocument("presentation"), FileKind.ODP, f"{d.ODF}.presentation", ".odp"),
    "odt with empty basic library index": (
        lambda: d.opendocument(extra=[("Basic/script-lc.xml", "<library:libraries/>")]),
        FileKind.ODT,
        f"{d.ODF}.text",
        ".odt",
    ),
    "doc": (
        lambda: d.ole2(["WordDocument", "1Table", "\x05SummaryInformation"]),
        FileKind.DOC,
        "application/msword",
        ".doc",
    ),
    "xls": (lambda: d.ole2(["Workbook"]), FileKind.XLS, "application/vnd.ms-excel", ".xls"),
    "ppt": (
        lambda: d.ole2(["PowerPoint Document", "Current User"]),
        FileKind.PPT,
        "application/vnd.ms-powerpoint",
        ".ppt",
    ),
}

REJECTED: dict[str, tuple[Callable[[], bytes], RejectReason]] = {
    "empty": (lambda: b"", RejectReason.EMPTY),
    "elf renamed .pdf": (lambda: ELF, RejectReason.EXECUTABLE),
    "windows exe renamed .pdf": (lambda: PE, RejectReason.EXECUTABLE),
    "shell script": (lambda: b"#!/bin/sh\nrm -rf ~\n", RejectReason.EXECUTABLE),
    "html renamed .docx": (lambda: HTML, RejectReason.UNKNOWN),
    "svg": (lambda: SVG, RejectReason.UNKNOWN),
    "png": (lambda: PNG, RejectReason.UNKNOWN),
    "plain text": (lambda: "Beste commissie, zie bijlage €".encode(), RejectReason.UNKNOWN),
    "plain zip": (lambda: d.zip_package([("notes.txt", "hello")]), RejectReason.UNKNOWN),
    "docm": (d.docm, RejectReason.MACROS),
    "xlsm": (d.xlsm, RejectReason.MACROS),
    "docx hiding a vba project": (d.docx_with_hidden_vba, RejectReason.MACROS),
    "odt with basic macros": (
        lambda: d.opendocument(extra=[("Basic/Standard/Module1.xml", "<script:module/>")]),
        RejectReason.MACROS,
    ),
    "odt with embedded python": (
        lambda: d.opendocument(extra=[("Scripts/python/run.py", "import os")]),
        RejectReason.MACROS,
    ),
    "password-protected odt": (lambda: d.opendocument(encrypted=True), RejectReason.ENCRYPTED),
    "odf mimetype compressed": (
        lambda: d.zip_package([("mimetype", f"{d.ODF}.text"), ("META-INF/manifest.xml", "")]),
        RejectReason.UNKNOWN,
    ),
    "odf drawing (not allowed)": (lambda: d.opendocument("graphics"), RejectReason.UNKNOWN),
    "dotx template (not allowed)": (
        lambda: d.ooxml("word/document.xml", f"{d.OOXML}.wordprocessingml.template.main+xml"),
        RejectReason.UNKNOWN,
    ),
    "ooxml main part missing": (without_main_part, RejectReason.CORRUPT),
    "encrypted zip entries": (encrypted_zip, RejectReason.ENCRYPTED),
    "garbled zip (bad crc)": (garbled_zip, RejectReason.CORRUPT),
    "truncated zip": (lambda: d.docx()[:300], RejectReason.CORRUPT),
    "duplicate zip entries": (duplicate_entries, RejectReason.CORRUPT),
    "xml entity expansion": (entity_expansion, RejectReason.CORRUPT),
    "zip bomb": (zip_bomb_docx, RejectReason.TOO_LARGE),
    "truncated pdf": (lambda: d.pdf()[:-200], RejectReason.CORRUPT),
    "pdf header on html": (lambda: b"%PDF-1.7\n" + HTML, RejectReason.CORRUPT),
    "ole2 header only": (lambda: d.ole2(["WordDocument"])[:512], RejectReason.CORRUPT),
    "truncated doc": (lambda: d.ole2(["WordDocument"])[:3000], RejectReason.CORRUPT),
    "msi installer (ole2)": (
        lambda: d.ole2(["\u4840\u3b3f\u4577", "\x05SummaryInformation"]),
        RejectReason.UNKNOWN,
    ),
    "password-protected docx (ole2)": (
        lambda: d.ole2(["EncryptionInfo", "EncryptedPackage"]),
        RejectReason.ENCRYPTED,
    ),
    "doc with vba macros": (
        lambda: d.ole2(["WordDocument", "1Table"], storages=["Macros"]),
        RejectReason.MACROS,
    ),
    "xls with vba macros": (
        lambda: d.ole2(["Workbook"], storages=["_VBA_PROJECT_CUR"]),
        RejectReason.MACROS,
    ),
}


@pytest.mark.parametrize(
    ("make", "kind", "mime_type", "extension"), ACCEPTED.values(), ids=ACCEPTED
)
def test_real_documents_are_recognised(
    make: Callable[[], bytes], kind: FileKind, mime_type: str, extension: str
) -> None:
    detected = detect_file_type(make())
    assert (detected.kind, detected.mime_type, detected.extension) == (kind, mime_type, extension)
    assert detected is FILE_TYPES[kind]


@pytest.mark.parametrize(("make", "reason"), REJECTED.values(), ids=REJECTED)
def test_other_files_are_refused_with_a_reason(
    make: Callable[[], bytes], reason: RejectReason
) -> None:
    with pytest.raises(UnsupportedFileType) as refused:
        detect_file_type(make())
    assert refused.value.reason is reason


def test_a_stream_is_read_from_the_start_and_left_where_it_was() -> None:
    stream = io.BytesIO(d.docx())
    stream.seek(17)
    assert detect_file_type(stream).kind is FileKind.DOCX
    assert stream.tell() == 17


def test_the_stream_position_is_kept_when_a_file_is_refused() -> None:
    stream = io.BytesIO(ELF)
    with pytest.raises(UnsupportedFileType):
        detect_file_type(stream)
    assert stream.tell() == 0


def test_too_many_entries_is_refused_before_anything_is_read() -> None:
    with pytest.raises(UnsupportedFileType) as refused:
        detect_file_type(d.xlsx(), ZipLimits(max_entries=5))
    assert refused.value.reason is RejectReason.TOO_LARGE
    assert "entries" in refused.value.detail


def test_an_oversized_package_part_is_not_read() -> None:
    with pytest.raises(UnsupportedFileType) as refused:
        detect_file_type(d.docx(), ZipLimits(max_part_size=100))
    assert refused.value.reason is RejectReason.TOO_LARGE


def test_reason_codes_are_stable_strings_for_the_ui() -> None:
    assert {reason.value for reason in RejectReason} == {
        "empty",
        "executable",
        "unknown_type",
        "corrupt",
        "macros",
        "encrypted",
        "too_large",
    }
    assert str(UnsupportedFileType(RejectReason.MACROS, "docm")) == "macros: docm"
