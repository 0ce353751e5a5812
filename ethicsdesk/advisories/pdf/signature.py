"""Empty, clearly delimited signature areas whose page rectangles the signing code will need."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Flowable

from ethicsdesk.advisories.pdf.styles import FONT, MUTED, RULE

CAPTION_SIZE, CAPTION_GAP = 7.0, 4.0


@dataclass(frozen=True, slots=True)
class SignatureBox:
    """Where one signer's visible signature goes, so the signing code need not guess.

    `page` is the 0-based page index; `rect` is (x1, y1, x2, y2) in PDF points with the origin
    at the bottom left of the page (pyHanko's SigFieldSpec box). `field_name` is the suggested
    AcroForm field name: the PDF itself has no AcroForm yet.
    """

    signer: int
    name: str
    role: str
    field_name: str
    page: int
    rect: tuple[float, float, float, float]


class SignatureArea(Flowable):
    """A dashed frame with a caption above it; the inside stays empty for the signature stamp."""

    def __init__(
        self,
        width: float,
        height: float,
        caption: str,
        record: Callable[[int, tuple[float, float, float, float]], None],
    ) -> None:
        super().__init__()
        self.box_width, self.box_height = width, height
        self.caption = caption
        self.record = record

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """The frame plus the caption line above it."""
        return self.box_width, self.box_height + CAPTION_SIZE + CAPTION_GAP

    def draw(self) -> None:
        """Draw the frame and report its absolute rectangle on this page."""
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(FONT, CAPTION_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, self.box_height + CAPTION_GAP, self.caption)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.setDash(4, 3)
        canvas.rect(0, 0, self.box_width, self.box_height, stroke=1, fill=0)
        canvas.restoreState()
        x1, y1 = canvas.absolutePosition(0, 0)
        x2, y2 = canvas.absolutePosition(self.box_width, self.box_height)
        rect = (round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2))
        self.record(canvas.getPageNumber() - 1, rect)
