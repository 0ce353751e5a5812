"""Building blocks the sections share: the render context, headings, facts tables, dates."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ethicsdesk.advisories.pdf.richtext import markdown_flowables, new_converter, plain
from ethicsdesk.advisories.pdf.styles import HEADER_FILL, styles, table_style
from ethicsdesk.advisories.pdf.texts import say


@dataclass
class Context:
    """What every section needs: the input, the language, the frame width and the outputs."""

    advisory: Mapping[str, Any]
    lang: str
    width: float
    height: float
    landscape_width: float
    landscape_height: float
    converter: markdown.Markdown = field(default_factory=new_converter)
    signature_boxes: list[Any] = field(default_factory=list)

    def say(self, key: str, **values: object) -> str:
        """A fixed text in the advisory's language."""
        return say(key, self.lang, **values)

    def markdown(self, text: str, width: float | None = None) -> list[Flowable]:
        """User Markdown as flowables (sanitised, never read as reportlab markup)."""
        return markdown_flowables(text, width or self.width, self.converter)


def para(text: object, style: str = "body") -> Paragraph:
    """A paragraph of plain user text (escaped)."""
    return Paragraph(plain(text), styles()[style])


def heading(ctx: Context, key: str, level: int = 0) -> Paragraph:
    """A section (level 0) or sub-section heading that also becomes a PDF bookmark."""
    title = ctx.say(key)
    paragraph = Paragraph(plain(title), styles()["h1" if level == 0 else "h2"])
    paragraph.outline = (key, title, level)  # type: ignore[attr-defined]
    return paragraph


def format_date(value: str | None, lang: str) -> str:
    """An ISO date as '1 december 2026' / '1 December 2026'."""
    if value is None:
        return say("document.no_date", lang)
    day = datetime.date.fromisoformat(value)
    month = say("document.months", lang).split()[day.month - 1]
    return f"{day.day} {month} {day.year}"


def facts_table(rows: Sequence[tuple[str, object]], width: float) -> Table:
    """Label | value rows, labels bold on a light band (values are plain user text)."""
    data = [[para(name, "cell_bold"), para(value, "cell")] for name, value in rows]
    label_width = min(150.0, width * 0.32)
    return Table(
        data,
        colWidths=[label_width, width - label_width],
        style=table_style(("BACKGROUND", (0, 0), (0, -1), HEADER_FILL), header=False),
        hAlign="LEFT",
        splitInRow=1,
    )


def grid(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]) -> Table:
    """A table with a bold repeated header; cells are plain text or ready flowables."""
    cells = [[para(text, "cell_bold") for text in header]]
    cells += [
        [cell if isinstance(cell, Flowable | list) else para(cell, "cell") for cell in row]
        for row in rows
    ]
    return Table(
        cells,
        colWidths=list(widths),
        repeatRows=1,
        style=table_style(),
        hAlign="LEFT",
        splitInRow=1,  # a cell longer than a page continues on the next
    )


def gap(height: float = 6) -> Spacer:
    """Vertical space between blocks."""
    return Spacer(1, height)
