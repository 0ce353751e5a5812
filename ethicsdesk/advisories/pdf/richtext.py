"""User Markdown → HTML (python-markdown) → nh3 → reportlab flowables, never reportlab markup.

reportlab's Paragraph reads its own XML-like markup (<font>, <img>, <a>, <onDraw>…), so user
text must never reach it raw: the sanitised HTML is parsed here and rebuilt tag by tag from a
fixed list, every text run escaped. Tags outside the list are reduced to their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.sax.saxutils import escape

import markdown
import nh3
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, ListFlowable, ListItem, Paragraph, Table

from ethicsdesk.advisories.pdf.styles import FONT, RULE, styles, table_style

BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "pre", "table", "hr"} | {
    f"h{level}" for level in range(1, 7)
}
INLINE_TAGS = {"strong", "em", "b", "i", "u", "s", "code", "br", "a"}
TABLE_TAGS = {"thead", "tbody", "tr", "th", "td"}
INLINE_MARKUP = {"strong": "b", "b": "b", "em": "i", "i": "i", "u": "u", "s": "strike"}
HEADING_STYLE = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Drop control characters and lone surrogates, which no PDF text can carry."""
    return CONTROL.sub("", text)


def plain(text: object) -> str:
    """Plain user text made safe for a reportlab Paragraph (no markup, newlines kept)."""
    return escape(clean_text(str(text))).replace("\n", "<br/>")


@dataclass
class Node:
    """One element of the sanitised HTML; children are Nodes or text."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """Builds a Node tree from nh3's output (well nested; void elements closed at once)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in ("br", "hr"):
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "hr"):
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def sanitised_html(text: str, converter: markdown.Markdown) -> str:
    """Markdown rendered and cleaned: only basic structure survives, scripts lose their text."""
    html = converter.reset().convert(clean_text(text))
    return nh3.clean(
        html,
        tags=BLOCK_TAGS | INLINE_TAGS | TABLE_TAGS,
        attributes={"a": {"href"}, "ol": {"start"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def new_converter() -> markdown.Markdown:
    """A Markdown converter (one per render: instances are not thread-safe)."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def _text_of(node: Node | str) -> str:
    """All text below a node."""
    if isinstance(node, str):
        return node
    return "".join(_text_of(child) for child in node.children)


def inline(nodes: Iterable[Node | str]) -> str:
    """Inline content as escaped reportlab markup built only from known tags."""
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(escape(node))
        elif node.tag == "br":
            parts.append("<br/>")
        elif node.tag in INLINE_MARKUP:
            tag = INLINE_MARKUP[node.tag]
            parts.append(f"<{tag}>{inline(node.children)}</{tag}>")
        elif node.tag == "a":
            label, href = inline(node.children), node.attrs.get("href", "")
            shown = _text_of(node).strip()
            parts.append(label if not href or href == shown else f"{label} ({escape(href)})")
        else:
            parts.append(inline(node.children))
    return "".join(parts)


def _paragraph(nodes: Iterable[Node | str], style: ParagraphStyle) -> list[Flowable]:
    """A paragraph, or nothing when the content is only whitespace."""
    markup = inline(nodes).strip()
    return [Paragraph(markup, style)] if markup else []


def _list(node: Node, width: float, body: str) -> Flowable:
    """A bulleted or numbered list; nested lists come through the items' own blocks."""
    items = [
        ListItem(blocks(child.children, width - 14, body) or [Paragraph("", styles()[body])])
        for child in node.children
        if isinstance(child, Node) and child.tag == "li"
    ]
    numbered = node.tag == "ol"
    start = node.attrs.get("start", "1")
    return ListFlowable(
        items,
        bulletType="1" if numbered else "bullet",
        start=int(start) if numbered and start.isdigit() else None,
        bulletFontName=FONT,
        bulletFontSize=8 if not numbered else 9,
        leftIndent=14,
        spaceAfter=4,
    )


def _table(node: Node, width: float) -> Flowable:
    """A simple table: every cell one paragraph, header cells bold."""
    rows = []
    for row in (n for n in _descendants(node) if n.tag == "tr"):
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]
        style = [styles()["cell_bold" if c.tag == "th" else "cell"] for c in cells]
        rows.append([Paragraph(inline(c.children), s) for c, s in zip(cells, style, strict=True)])
    columns = max((len(row) for row in rows), default=1)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    has_header = any(c.tag == "thead" for c in node.children if isinstance(c, Node))
    return Table(
        rows or [[""]],
        colWidths=[width / columns] * columns,
        repeatRows=1 if has_header else 0,
        style=table_style(header=has_header),
        hAlign="LEFT",
        splitInRow=1,
    )


def _descendants(node: Node) -> Iterable[Node]:
    """Every element below a node, in document order."""
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from _descendants(child)


def _block(node: Node, width: float, body: str) -> list[Flowable]:
    """One block element as flowables."""
    sheet = styles()
    if node.tag in HEADING_STYLE:
        return _paragraph(node.children, sheet[HEADING_STYLE[node.tag]])
    if node.tag in ("ul", "ol"):
        return [_list(node, width, body)]
    if node.tag == "table":
        return [_table(node, width)]
    if node.tag == "hr":
        return [HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=4, spaceAfter=4)]
    if node.tag == "pre":
        code = escape(_text_of(node).rstrip("\n")).replace(" ", "&nbsp;").replace("\n", "<br/>")
        return [Paragraph(code, sheet["cell"])]
    if node.tag == "blockquote":
        return blocks(node.children, width - 12, "quote")
    if node.tag in ("p", "li"):
        return _paragraph(node.children, sheet[body])
    return blocks(node.children, width, body)


def blocks(nodes: Iterable[Node | str], width: float, body: str = "body") -> list[Flowable]:
    """Block-level flowables; loose inline runs between blocks become paragraphs."""
    result: list[Flowable] = []
    run: list[Node | str] = []
    for node in nodes:
        if isinstance(node, str) or node.tag not in BLOCK_TAGS:
            run.append(node)
            continue
        result += _paragraph(run, styles()[body])
        run = []
        result += _block(node, width, body)
    return result + _paragraph(run, styles()[body])


def markdown_flowables(text: str, width: float, converter: markdown.Markdown) -> list[Flowable]:
    """User Markdown as flowables that fit `width` points."""
    builder = _TreeBuilder()
    builder.feed(sanitised_html(text, converter))
    builder.close()
    return blocks(builder.root.children, width)
