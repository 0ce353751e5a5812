"""Real document files built in the test run: PDF with reportlab, Office packages with zipfile."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable

from reportlab.pdfgen import canvas

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OOXML = "application/vnd.openxmlformats-officedocument"
WORD_MAIN = f"{OOXML}.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = f"{OOXML}.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PPTX_MAIN = f"{OOXML}.presentationml.presentation.main+xml"
WORD_BODY = (
    f'{XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Verwerkersovereenkomst</w:t></w:r></w:p></w:body></w:document>"
)


def pdf(text: str = "Verwerkersovereenkomst") -> bytes:
    """A one-page PDF as reportlab writes it."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def zip_package(entries: Iterable[tuple[str, bytes | str]], stored: Iterable[str] = ()) -> bytes:
    """Write entries in the given order, deflated unless named in `stored`."""
    buffer = io.BytesIO()
    stored = set(stored)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, (2026, 11, 22, 9, 0, 0)), data, method)
    return buffer.getvalue()


def ooxml(
    main_part: str,
    main_type: str,
    main_xml: str = WORD_BODY,
    extra: Iterable[tuple[str, bytes | str]] = (),
    extra_types: str = "",
) -> bytes:
    """An OOXML package laid out the way Word, Excel and PowerPoint write one."""
    folder, _, name = main_part.rpartition("/")
    content_types = (
        f'{XML}<Types xmlns="{CT_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'{extra_types}<Override PartName="/{main_part}" ContentType="{main_type}"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/><Override PartName="/docProps/app.xml" '
        f'ContentType="{OOXML}.extended-properties+xml"/></Types>'
    )
    rels = (
        f'{XML}<Relationships xmlns="{REL_NS}">'
        f'<Relationship Id="rId3" Type="{OFFICE_REL}/extended-properties" '
        'Target="docProps/app.xml"/><Relationship Id="rId2" '
        f'Type="{REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId1" Type="{OFFICE_REL}/officeDocument" Target="{main_part}"/>'
        "</Relationships>"
    )
    return zip_package(
        [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            (main_part, main_xml),
            (f"{folder}/_rels/{name}.rels", f'{XML}<Relationships xmlns="{REL_NS}"/>'),
            *extra,
            ("docProps/core.xml", f"{XML}<cp:coreProperties/>"),
            ("docProps/app.xml", f"{XML}<Properties/>"),
        ]
    )


def entries(package: bytes) -> list[tuple[str, bytes]]:
    """The entries of a ZIP package, to rebuild it with a change."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def docx() -> bytes:
    return ooxml("word/document.xml", WORD_MAIN)


def xlsx() -> bytes:
    sheet = ("xl/worksheets/sheet1.xml", f"{XML}<worksheet/>")
    return ooxml("xl/workbook.xml", XLSX_MAIN, f"{XML}<workbook/>", [sheet])


def pptx() -> bytes:
    slide = ("ppt/slides/slide1.xml", f"{XML}<p:sld/>")
    return ooxml("ppt/presentation.xml", PPTX_MAIN, f"{XML}<p:presentation/>", [slide])


VBA = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'


def docm() -> bytes:
    return ooxml("word/document.xml", DOCM_MAIN, extra=[("word/vbaProject.bin", b"\xcc" * 64)])


def xlsm() -> bytes:
    return ooxml("xl/workbook.xml", XLSM_MAIN, f"{XML}<workbook/>", extra_types=VBA)


def docx_with_hidden_vba() -> bytes:
    """Declares itself a plain docx but carries a VBA project."""
    return ooxml("word/document.xml", WORD_MAIN, extra=[("word/vbaProject.bin", b"\xcc" * 64)])


ODF = "application/vnd.oasis.opendocument"


def opendocument(
    kind: str = "text", extra: Iterable[tuple[str, bytes | str]] = (), encrypted: bool = False
) -> bytes:
    """An ODF package in LibreOffice's order, the mimetype entry first and stored."""
    mimetype = f"{ODF}.{kind}"
    encryption = (
        '><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>'
        if encrypted
        else "/>"
    )
    manifest = (
        f'{XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        f'manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="{mimetype}"/><manifest:file-entry manifest:full-path='
        f'"content.xml" manifest:media-type="text/xml"{encryption}</manifest:manifest>'
    )
    return zip_package(
        [
            ("mimetype", mimetype),
            ("Configurations2/", b""),
            ("manifest.rdf", f"{XML}<rdf:RDF/>"),
            ("meta.xml", f"{XML}<office:document-meta/>"),
            ("settings.xml", f"{XML}<office:document-settings/>"),
            ("content.xml", f"{XML}<office:document-content/>"),
            *extra,
            ("Thumbnails/thumbnail.png", b"\x89PNG\r\n\x1a\n"),
            ("styles.xml", f"{XML}<office:document-styles/>"),
            ("META-INF/manifest.xml", manifest),
        ],
        stored=["mimetype", "Thumbnails/thumbnail.png"],
    )


# --- OLE2 / Compound File Binary (MS-CFB), version 3 with 512-byte sectors -----------------
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def _cfb_order(name: str) -> tuple[int, str]:
    """MS-CFB sorts siblings by name length first, then by upper-cased name."""
    return (len(name), name.upper())


def _dir_entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,  # black
        NO_STREAM,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def ole2(streams: Iterable[str], storages: Iterable[str] = ()) -> bytes:
    """A compound file with the given top-level streams (4 KiB each) and empty storages."""
    entries = sorted(
        [(n, 2) for n in streams] + [(n, 1) for n in storages], key=lambda e: _cfb_order(e[0])
    )
    directory_sectors = (len(entries) + 1 + 3) // 4
    sectors_per_stream = 4096 // SECTOR
    fat = [FAT_SECTOR] + [i + 2 for i in range(directory_sectors - 1)] + [END]
    directory = [_dir_entry("Root Entry", 5, NO_STREAM, 1 if entries else NO_STREAM, END, 0)]
    data = b""
    for index, (name, kind) in enumerate(entries, start=1):
        right = index + 1 if index < len(entries) else NO_STREAM
        if kind == 2:
            start = len(fat)
            fat += [start + i + 1 for i in range(sectors_per_stream - 1)] + [END]
            data += name.encode().ljust(4096, b"\0")
            directory.append(_dir_entry(name, 2, right, NO_STREAM, start, 4096))
        else:
            directory.append(_dir_entry(name, 1, right, NO_STREAM, 0, 0))
    while len(directory) % 4:
        directory.append(
            struct.pack("<64sHBBIII", b"", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM).ljust(
                128, b"\0"
            )
        )
    assert len(fat) <= SECTOR // 4
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        CFB_MAGIC,
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,  # one FAT sector
        1,  # the directory starts at sector 1
        0,
        4096,
        END,
        0,
        END,
        0,
    ) + struct.pack("<109I", 0, *[FREE] * 108)
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *fat, *[FREE] * (SECTOR // 4 - len(fat)))
    return header + fat_sector + b"".join(directory) + data
