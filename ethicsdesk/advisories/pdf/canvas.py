"""The canvas the advisory is drawn on: page footers with "page n of N", then PDF/A on save."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ethicsdesk.advisories.pdf.pdfa import DocumentInfo, install_pdfa
from ethicsdesk.advisories.pdf.styles import FONT, MUTED, PAGE_MARGIN

PAGE_COUNT_FORM = "advisoryPageCount"
FOOTER_SIZE, FOOTER_Y, COUNT_WIDTH = 7.5, 10 * mm, 14.0


class AdvisoryCanvas(Canvas):
    """Draws each page's footer as the page ends; the total page count is one shared form.

    Pages are written as they end (not held back), so bookmarks and page references stay
    right; the total is a form XObject every footer shows and that is filled in on save().
    """

    def __init__(
        self, *args: Any, info: DocumentInfo, footer_left: str, page_label: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, pdfVersion=(1, 7), **kwargs)
        self._info = info
        self._footer_left = footer_left
        self._page_label = page_label

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        """Finish the page with its footer."""
        width = self._pagesize[0]
        self.saveState()
        self.setFont(FONT, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawString(PAGE_MARGIN, FOOTER_Y, self._footer_left)
        right = width - PAGE_MARGIN - COUNT_WIDTH
        self.drawRightString(right - 2, FOOTER_Y, self._page_label.format(page=self._pageNumber))
        self.translate(right, FOOTER_Y)
        self.doForm(PAGE_COUNT_FORM)
        self.restoreState()
        super().showPage()

    def save(self) -> None:
        """Fill in the page count, add the PDF/A-3b structure, write the file."""
        pages = self._pageNumber - 1
        self.beginForm(PAGE_COUNT_FORM, 0, -3, COUNT_WIDTH, FOOTER_SIZE + 2)
        self.setFont(FONT, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(pages))
        self.endForm()
        install_pdfa(self._doc, self._info)
        super().save()
