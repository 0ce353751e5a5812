"""User-written Markdown (and imported HTML) made safe to show: rendered, then sanitised by nh3."""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> Markup:
    """Keep only harmless structure: no scripts, no styles, no event handlers, safe links."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned)  # noqa: S704 - nh3 has just removed everything unsafe


def render_markdown(text: str | None) -> Markup:
    """Markdown as sanitised HTML; raw HTML inside the Markdown is sanitised as well."""
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return sanitise_html(html)


def render_text(text: str | None, text_format: str) -> Markup:
    """Show a stored text written in Markdown or imported as HTML."""
    if text_format == "html":
        return sanitise_html(text or "")
    return render_markdown(text)
