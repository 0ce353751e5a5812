"""Look inside ZIP and OLE2 containers to tell an office document from anything else."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree import ElementTree

import olefile

from ethicsdesk.storage.formats import FileKind, RejectReason, UnsupportedFileType

CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OOXML = "application/vnd.openxmlformats-officedocument"
OOXML_MAIN_TYPES = {
    f"{_OOXML}.wordprocessingml.document.main+xml": FileKind.DOCX,
    f"{_OOXML}.spreadsheetml.sheet.main+xml": FileKind.XLSX,
    f"{_OOXML}.presentationml.presentation.main+xml": FileKind.PPTX,
}
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaProject"
ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": FileKind.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileKind.ODS,
    b"application/vnd.oasis.opendocument.presentation": FileKind.ODP,
}
ODF_MANIFEST = "META-INF/manifest.xml"
# top-level OLE2 stream -> kind; MSI installers, Outlook .msg and the like have none of these
OLE2_STREAMS = {
    "worddocument": FileKind.DOC,
    "workbook": FileKind.XLS,
    "book": FileKind.XLS,
    "powerpoint document": FileKind.PPT,
}
OLE2_MACRO_STORAGES = ("macros", "_vba_project_cur")


@dataclass(frozen=True)
class ZipLimits:
    """Bounds that keep a crafted archive from costing memory or CPU before it is refused."""

    max_entries: int = 5_000
    max_total_size: int = 256 * 1024 * 1024
    max_part_size: int = 1024 * 1024


def inspect_zip(stream: BinaryIO, limits: ZipLimits) -> FileKind:
    """Accept OOXML and OpenDocument packages; refuse other, odd or oversized archives."""
    try:
        with zipfile.ZipFile(stream) as archive:
            return _inspect_archive(archive, limits)
    except UnsupportedFileType:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as error:
        raise UnsupportedFileType(RejectReason.CORRUPT, f"broken ZIP: {error}") from None


def _inspect_archive(archive: zipfile.ZipFile, limits: ZipLimits) -> FileKind:
    """Check the cheap things (central directory only) before reading any entry."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise UnsupportedFileType(RejectReason.TOO_LARGE, f"{len(infos)} entries")
    if sum(info.file_size for info in infos) > limits.max_total_size:
        raise UnsupportedFileType(RejectReason.TOO_LARGE, "uncompressed size over the limit")
    names = {info.filename for info in infos}
    if len(names) != len(infos):  # readers disagree on which duplicate wins
        raise UnsupportedFileType(RejectReason.CORRUPT, "duplicate entry names")
    if any(info.flag_bits & 0x1 for info in infos):
        raise UnsupportedFileType(RejectReason.ENCRYPTED, "encrypted ZIP entries")
    if infos and infos[0].filename == "mimetype":
        return _opendocument(archive, infos[0], names, limits)
    if CONTENT_TYPES in names:
        return _ooxml(archive, names, limits)
    raise UnsupportedFileType(RejectReason.UNKNOWN, "ZIP archive that is no office document")


def _read_part(archive: zipfile.ZipFile, name: str, limits: ZipLimits) -> bytes:
    """Read one small package part whole, so its CRC is checked, but never more than the cap."""
    info = archive.getinfo(name)
    if info.file_size > limits.max_part_size:
        raise UnsupportedFileType(RejectReason.TOO_LARGE, f"{name} is too large")
    with archive.open(info) as part:
        return part.read(limits.max_part_size + 1)


def _parse_xml(data: bytes, name: str) -> ElementTree.Element:
    """Parse package XML without DTDs, the way defusedxml would, so no entity tricks apply."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnsupportedFileType(RejectReason.CORRUPT, f"{name} has a DTD")
    try:
        return ElementTree.fromstring(data)  # noqa: S314 - DTDs are refused above
    except ElementTree.ParseError as error:
        raise UnsupportedFileType(RejectReason.CORRUPT, f"{name}: {error}") from None


def _ooxml(archive: zipfile.ZipFile, names: set[str], limits: ZipLimits) -> FileKind:
    """Word, Excel and PowerPoint: the main part's declared content type decides."""
    root = _parse_xml(_read_part(archive, CONTENT_TYPES, limits), CONTENT_TYPES)
    declared = {
        (element.get("PartName") or element.get("Extension") or ""): element.get("ContentType", "")
        for element in root
        if element.tag in (f"{CONTENT_TYPES_NS}Override", f"{CONTENT_TYPES_NS}Default")
    }
    macro_parts = [name for name in names if name.rsplit("/", 1)[-1].lower() == "vbaproject.bin"]
    if macro_parts or any(
        "macroenabled" in ctype.lower() or ctype == VBA_PROJECT_TYPE for ctype in declared.values()
    ):
        raise UnsupportedFileType(RejectReason.MACROS, "macro-enabled Office document")
    main = [
        (part, OOXML_MAIN_TYPES[ctype])
        for part, ctype in declared.items()
        if ctype in OOXML_MAIN_TYPES
    ]
    if len(main) != 1 or "_rels/.rels" not in names:
        raise UnsupportedFileType(
            RejectReason.UNKNOWN, "no single Word, Excel or PowerPoint main part"
        )
    part, kind = main[0]
    if part.lstrip("/") not in names:
        raise UnsupportedFileType(RejectReason.CORRUPT, f"main part {part} is missing")
    return kind


def _opendocument(
    archive: zipfile.ZipFile, first: zipfile.ZipInfo, names: set[str], limits: ZipLimits
) -> FileKind:
    """OpenDocument: a stored `mimetype` first entry names the type (ODF 1.2, section 3.3)."""
    mimetype = _read_part(archive, first.filename, limits).strip()
    kind = ODF_TYPES.get(mimetype)
    if first.compress_type != zipfile.ZIP_STORED or kind is None:
        raise UnsupportedFileType(
            RejectReason.UNKNOWN, "not an OpenDocument text, sheet or presentation"
        )
    if ODF_MANIFEST not in names:
        raise UnsupportedFileType(RejectReason.CORRUPT, "OpenDocument without a manifest")
    if b"encryption-data" in _read_part(archive, ODF_MANIFEST, limits):
        raise UnsupportedFileType(RejectReason.ENCRYPTED, "password-protected OpenDocument")
    if any(_is_odf_macro(name) for name in names):
        raise UnsupportedFileType(RejectReason.MACROS, "OpenDocument with macros or scripts")
    return kind


def _is_odf_macro(name: str) -> bool:
    """Basic/<library>/<module>.xml holds macro code; script-*/dialog-* files are only indexes."""
    parts = name.split("/")
    if parts[0] == "Scripts" and len(parts) > 1 and parts[-1]:
        return True
    return (
        parts[0] == "Basic"
        and len(parts) >= 3
        and bool(parts[-1])
        and not parts[-1].startswith(("script-", "dialog-"))
    )


def inspect_ole2(stream: BinaryIO) -> FileKind:
    """Legacy Word, Excel and PowerPoint; other compound files (MSI, .msg) are refused."""
    try:
        with olefile.OleFileIO(stream, raise_defects=olefile.DEFECT_INCORRECT) as ole:
            entries = {"/".join(path).lower() for path in ole.listdir(streams=True, storages=True)}
            main = _ole2_main_stream(entries)
            ole.openstream(main).close()  # loads every sector of it: a truncated file fails here
    except UnsupportedFileType:
        raise
    except Exception as error:  # a parser fed hostile bytes may fail in any way
        raise UnsupportedFileType(RejectReason.CORRUPT, f"broken OLE2 file: {error}") from None
    return OLE2_STREAMS[main]


def _ole2_main_stream(entries: set[str]) -> str:
    """Name the one stream that makes this Word, Excel or PowerPoint, refusing risky extras."""
    if "encryptedpackage" in entries:  # a password-protected docx/xlsx/pptx
        raise UnsupportedFileType(RejectReason.ENCRYPTED, "password-protected Office document")
    if any(storage in entries for storage in OLE2_MACRO_STORAGES):
        raise UnsupportedFileType(RejectReason.MACROS, "Office document with VBA macros")
    found = [name for name in OLE2_STREAMS if name in entries]
    if len({OLE2_STREAMS[name] for name in found}) != 1:
        raise UnsupportedFileType(
            RejectReason.UNKNOWN, "OLE2 file that is no Word, Excel or PowerPoint file"
        )
    return found[0]
