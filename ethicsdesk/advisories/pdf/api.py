"""render_advisory: the advisory's plain input in, deterministic PDF bytes (PDF/A-3b structure) out.

A pure function: no Flask, no database, no clock, no randomness. The same input and language
give byte-identical output in any process (fixed dates from issued_on, a document id derived
from the input, reportlab's invariant mode, explicitly ordered layouts).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
from collections.abc import Mapping
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ethicsdesk.advisories.pdf import sections_case, sections_committee
from ethicsdesk.advisories.pdf.canvas import AdvisoryCanvas
from ethicsdesk.advisories.pdf.drawings.common import fit_lines
from ethicsdesk.advisories.pdf.parts import Context
from ethicsdesk.advisories.pdf.pdfa import Attachment, DocumentInfo
from ethicsdesk.advisories.pdf.richtext import clean_text
from ethicsdesk.advisories.pdf.schema import canonical_json, validate_advisory
from ethicsdesk.advisories.pdf.signature import SignatureBox
from ethicsdesk.advisories.pdf.styles import BODY_SIZE, FONT, PAGE_MARGIN, register_fonts
from ethicsdesk.advisories.pdf.texts import check_lang, say

RENDERER = "ethicsdesk-advisory-pdf/1"
LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}
ADVISORY_FILE, GRAPH_FILE = "advisory.json", "value-graph.json"
FOOTER_ROOM = 6.0
SECTIONS = (
    sections_case.cover,
    sections_case.summary,
    sections_case.conditions,
    sections_case.screening,
    sections_case.dpia,
    sections_committee.compass,
    sections_committee.graph,
    sections_committee.deliberation,
    sections_committee.minority,
    sections_committee.signatures,
)


class _AdvisoryDocument(BaseDocTemplate):
    """Portrait pages plus a landscape page template for the value graph; headings bookmarked."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        """Turn each section heading into a PDF outline entry."""
        outline = getattr(flowable, "outline", None)
        if outline:
            key, title, level = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level, closed=False)


def _text_area(size: tuple[float, float]) -> tuple[float, float]:
    """Width and height of a page's text frame, leaving room for the footer."""
    return size[0] - 2 * PAGE_MARGIN, size[1] - 2 * PAGE_MARGIN - FOOTER_ROOM


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    """A page template with one padding-free frame."""
    width, height = _text_area(size)
    frame = Frame(
        PAGE_MARGIN,
        PAGE_MARGIN + FOOTER_ROOM,
        width,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )
    return PageTemplate(name, [frame], pagesize=size)


def _document_info(advisory: Mapping[str, Any], lang: str, data: bytes) -> DocumentInfo:
    """Info/XMP metadata, the fixed id (a digest of the input) and the two attachments."""
    number, version = advisory["number"], advisory["version"]
    attachments = [Attachment(ADVISORY_FILE, data, say("document.advisory_json", lang))]
    if advisory["graph"] is not None:
        graph = advisory["graph"].encode("utf-8")
        attachments.append(Attachment(GRAPH_FILE, graph, say("document.graph_json", lang)))
    digest = hashlib.sha256(f"{RENDERER}\n{lang}\n".encode() + data).digest()
    return DocumentInfo(
        title=clean_text(advisory["title"]),
        author=clean_text(advisory["organisation"]),
        subject=say("document.subject", lang, number=number, version=version),
        keywords=f"{number}; {say('document.kind', lang)}",
        lang=LANG_TAGS[lang],
        issued=datetime.date.fromisoformat(advisory["issued_on"]),
        document_id=digest[:16],
        attachments=tuple(attachments),
    )


def render_advisory_with_layout(
    advisory: Mapping[str, Any], *, lang: str = "nl"
) -> tuple[bytes, list[SignatureBox]]:
    """The PDF bytes and, per signer, the empty signature area's page and rectangle."""
    check_lang(lang)
    validate_advisory(advisory)
    data = canonical_json(advisory).encode("utf-8")
    register_fonts()
    ctx = Context(advisory, lang, *_text_area(A4), *_text_area(landscape(A4)))
    story = [flowable for section in SECTIONS for flowable in section(ctx)]
    info = _document_info(advisory, lang, data)
    title = fit_lines(clean_text(advisory["title"]), 7.5, 260, 1)[0]
    footer = say(
        "document.footer", lang, number=advisory["number"], version=advisory["version"], title=title
    )
    buffer = io.BytesIO()
    document = _AdvisoryDocument(
        buffer,
        pagesize=A4,
        pageTemplates=[_template("portrait", A4), _template("landscape", landscape(A4))],
        invariant=1,
        pageCompression=1,
        lang=LANG_TAGS[lang],
        initialFontName=FONT,
        initialFontSize=BODY_SIZE,
        displayDocTitle=1,
        title=info.title,
        author=info.author,
        subject=info.subject,
        creator="EthicsDesk",
    )
    document.build(
        story,
        canvasmaker=functools.partial(
            AdvisoryCanvas, info=info, footer_left=footer, page_label=say("document.page", lang)
        ),
    )
    boxes = sorted(ctx.signature_boxes, key=lambda box: box.signer)
    return buffer.getvalue(), boxes


def render_advisory(advisory: Mapping[str, Any], *, lang: str = "nl") -> bytes:
    """The advisory as PDF bytes (see render_advisory_with_layout for the signature areas)."""
    return render_advisory_with_layout(advisory, lang=lang)[0]
