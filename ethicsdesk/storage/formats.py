"""The document formats attachments may have, and why a file was refused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class FileKind(StrEnum):
    """What a file really is, decided from its bytes."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODT = "odt"
    ODS = "ods"
    ODP = "odp"
    DOC = "doc"
    XLS = "xls"
    PPT = "ppt"


@dataclass(frozen=True)
class FileType:
    """How to store and serve a file of one kind, whatever name it was uploaded under."""

    kind: FileKind
    mime_type: str
    extension: str


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"
FILE_TYPES: Mapping[FileKind, FileType] = MappingProxyType(
    {
        ft.kind: ft
        for ft in (
            FileType(FileKind.PDF, "application/pdf", ".pdf"),
            FileType(FileKind.DOCX, f"{_OOXML}.wordprocessingml.document", ".docx"),
            FileType(FileKind.XLSX, f"{_OOXML}.spreadsheetml.sheet", ".xlsx"),
            FileType(FileKind.PPTX, f"{_OOXML}.presentationml.presentation", ".pptx"),
            FileType(FileKind.ODT, f"{_ODF}.text", ".odt"),
            FileType(FileKind.ODS, f"{_ODF}.spreadsheet", ".ods"),
            FileType(FileKind.ODP, f"{_ODF}.presentation", ".odp"),
            FileType(FileKind.DOC, "application/msword", ".doc"),
            FileType(FileKind.XLS, "application/vnd.ms-excel", ".xls"),
            FileType(FileKind.PPT, "application/vnd.ms-powerpoint", ".ppt"),
        )
    }
)


class RejectReason(StrEnum):
    """Stable codes the UI translates into a message for the uploader."""

    EMPTY = "empty"
    EXECUTABLE = "executable"
    UNKNOWN = "unknown_type"
    CORRUPT = "corrupt"
    MACROS = "macros"
    ENCRYPTED = "encrypted"
    TOO_LARGE = "too_large"


class UnsupportedFileType(Exception):  # noqa: N818 - the name the callers expect
    """The upload is not an accepted document; `reason` says why in a translatable code."""

    def __init__(self, reason: RejectReason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail
