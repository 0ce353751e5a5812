"""PDF/A-3b structure on reportlab's own objects: XMP, sRGB output intent, JSON attachments.

Open-source reportlab has no PDF/A switch, so the catalog entries are added to its document
model just before it writes the file (no re-parse, no second pass, deterministic): an
uncompressed XMP stream matching the Info dictionary, /OutputIntents with the shipped ICC v2
sRGB profile (icc/sRGB.icc), and each attachment as /EmbeddedFile + /Filespec with
/AFRelationship /Data, listed in Names/EmbeddedFiles and the catalog's /AF. This gives the
structure PDF/A-3b asks for; it has not been through a PDF/A validator.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFDocument,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
    PDFText,
    PDFZCompress,
)

ICC_PROFILE = Path(__file__).resolve().parent / "icc" / "sRGB.icc"
CREATOR = "EthicsDesk"
PRODUCER = "EthicsDesk advisory renderer (ReportLab)"
SRGB = "sRGB IEC61966-2.1"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file carried inside the PDF (machine-readable data for whoever checks the advisory)."""

    name: str
    data: bytes
    description: str
    mime: str = "application/json"


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Metadata written twice (Info dictionary and XMP), identically, plus the attachments."""

    title: str
    author: str
    subject: str
    keywords: str
    lang: str
    issued: datetime.date
    document_id: bytes
    attachments: tuple[Attachment, ...]

    @property
    def pdf_date(self) -> str:
        """The issue date at midnight UTC in PDF date syntax."""
        return f"D:{self.issued:%Y%m%d}000000+00'00'"

    @property
    def xmp_date(self) -> str:
        """The same moment in XMP (ISO 8601) syntax."""
        return f"{self.issued:%Y-%m-%d}T00:00:00+00:00"


class _Info(PDFInfo):
    """The Info dictionary with exactly the entries the XMP repeats (no Trapped, fixed dates)."""

    def __init__(self, info: DocumentInfo) -> None:
        super().__init__()
        self.meta = info

    def format(self, document: PDFDocument) -> bytes:
        meta = self.meta
        entries = {
            "Title": PDFString(meta.title),
            "Author": PDFString(meta.author),
            "Subject": PDFString(meta.subject),
            "Keywords": PDFString(meta.keywords),
            "Creator": PDFString(CREATOR),
            "Producer": PDFString(PRODUCER),
            "CreationDate": PDFString(meta.pdf_date),
            "ModDate": PDFString(meta.pdf_date),
        }
        return PDFDictionary(entries).format(document)


class _Catalog(PDFCatalog):
    """reportlab's catalog, allowed to carry /OutputIntents and /AF as well."""

    __NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents", "AF"]
    __Refs__ = __NoDefault__


def xmp_packet(info: DocumentInfo) -> bytes:
    """The XMP metadata: Dublin Core, XMP basic, Adobe PDF and PDF/A identification (3, B)."""

    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt>
    <rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li>
   </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(info.lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>
   <pdf:Producer>{PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
   <xmp:CreateDate>{info.xmp_date}</xmp:CreateDate>
   <xmp:ModifyDate>{info.xmp_date}</xmp:ModifyDate>
   <xmp:MetadataDate>{info.xmp_date}</xmp:MetadataDate>
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


def _metadata(info: DocumentInfo) -> PDFStream:
    """The XMP stream, left uncompressed so any tool can read it."""
    kind = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
    return PDFStream(kind, xmp_packet(info), filters=None)


def _output_intent(doc: PDFDocument) -> PDFDictionary:
    """GTS_PDFA1 output intent with the shipped ICC v2 sRGB profile."""
    profile = PDFStream(PDFDictionary({"N": 3}), ICC_PROFILE.read_bytes(), filters=[PDFZCompress])
    return PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(SRGB),
            "Info": PDFString(SRGB),
            "RegistryName": PDFString("http://www.color.org"),
            "DestOutputProfile": doc.Reference(profile),
        }
    )


def mime_name(mime: str) -> str:
    """A MIME type as a PDF name (/application#2Fjson): reportlab's PDFName leaves '/' as is."""
    return "/" + "".join(c if c.isalnum() or c in "-+._" else f"#{ord(c):02X}" for c in mime)


def _filespec(doc: PDFDocument, attachment: Attachment, date: str) -> PDFDictionary:
    """An /EmbeddedFile stream and its /Filespec (AFRelationship Data)."""
    params = {
        "Size": len(attachment.data),
        "ModDate": PDFString(date),
        "CheckSum": PDFText(
            hashlib.md5(attachment.data, usedforsecurity=False).digest(), enc="raw"
        ),
    }
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": PDFName("EmbeddedFile"),
                "Subtype": mime_name(attachment.mime),
                "Params": PDFDictionary(params),
            }
        ),
        attachment.data,
        filters=[PDFZCompress],
    )
    reference = doc.Reference(stream)
    return PDFDictionary(
        {
            "Type": PDFName("Filespec"),
            "F": PDFString(attachment.name),
            "UF": PDFString(attachment.name),
            "Desc": PDFString(attachment.description),
            "AFRelationship": PDFName("Data"),
            "EF": PDFDictionary({"F": reference, "UF": reference}),
        }
    )


def install_pdfa(doc: PDFDocument, info: DocumentInfo) -> None:
    """Put the PDF/A-3b entries, fixed dates and the fixed document id on reportlab's document."""
    doc.info = _Info(info)
    doc._ID = (
        b"[<" + info.document_id.hex().encode() + b"><" + info.document_id.hex().encode() + b">]"
    )
    catalog = doc.Catalog
    catalog.__class__ = _Catalog
    catalog.Metadata = doc.Reference(_metadata(info))
    catalog.OutputIntents = PDFArray([_output_intent(doc)])
    names: list[object] = []
    specs = []
    for attachment in sorted(info.attachments, key=lambda item: item.name):
        spec = doc.Reference(_filespec(doc, attachment, info.pdf_date))
        names += [PDFString(attachment.name), spec]
        specs.append(spec)
    catalog.AF = PDFArray(specs)
    catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(names)})})
