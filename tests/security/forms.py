"""Parse a page's forms with html.parser so tests can fill every free-text field generically."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    text_fields: list[str] = field(default_factory=list)
    submits: list[tuple[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.textarea: str | None = None
        self.select: str | None = None
        self.first_option: str | None = None
        self.selected = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("action", ""))
            self.forms.append(self.current)
            return
        form = self.current
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image"):
                form.submits.append((name, a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.setdefault(name, []).append(a.get("value", "on"))
            elif kind != "file":
                form.fields.setdefault(name, []).append(a.get("value", ""))
                if kind in ("text", "search", "url") and name not in ("next", "product_url"):
                    form.text_fields.append(name)
        elif tag == "textarea" and name:
            self.textarea = name
            form.fields[name] = [""]
            form.text_fields.append(name)
        elif tag == "select" and name:
            self.select, self.first_option, self.selected = name, None, False
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.first_option is None and value:
                self.first_option = value
            if "selected" in a:
                form.fields[self.select] = [value]
                self.selected = True

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.textarea:
            self.current.fields[self.textarea] = [self.current.fields[self.textarea][0] + data]

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select and self.current is not None:
            if not self.selected and self.first_option is not None:
                self.current.fields[self.select] = [self.first_option]
            self.select = None
        elif tag == "form":
            self.current = None


def forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_with(html: str, action_part: str) -> Form:
    found = [f for f in forms(html) if action_part in f.action or f.action in ("", "#")]
    candidates = [f for f in found if f.text_fields] + found
    if candidates:
        return candidates[0]
    raise AssertionError(f"no form posting to *{action_part}*")
