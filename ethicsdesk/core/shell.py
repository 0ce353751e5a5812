"""Signed-in pages kept per worker with holes where the reader's own details go.

A catalogue page looks the same to every staff member with the same roles and language except
for the content (kept by the views per catalogue version) and a few parts of the header and
footer: the reader's name, their unread notifications, the CSRF token of the sign-out and
language forms and the address the language form returns to. Rendering the page around the
content for every request cost more than everything else a signed-in page does (0.8 of
2.4 ms), so it is rendered once with unguessable placeholders in those places, kept, and each
request only fills them in.

Templates reach those parts through ``personal`` (see ``Personal``); a page that shows flashed
messages is never kept.
"""

from __future__ import annotations

import secrets
from collections.abc import Hashable

from flask import get_template_attribute, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from ethicsdesk.core.i18n import current_language
from ethicsdesk.core.memo import Memo

SHELLS: Memo[tuple[str, str]] = Memo(size=128)

# Random per process: no text a user typed can ever look like a hole.
_MARK = secrets.token_hex(12)
HOLES = {name: f"\x00{_MARK}:{name}\x00" for name in ("name", "unread_badge", "csrf_token", "path")}
BODY = f"\x00{_MARK}:body\x00"


class Personal:
    """What differs per reader and request in the page around the content, computed on use."""

    @property
    def name(self) -> str:
        return current_user.name if current_user.is_authenticated else ""

    @property
    def unread_badge(self) -> Markup:
        from ethicsdesk.notifications.queries import unread_count  # notifications build on core

        count = unread_count(current_user) if current_user.is_authenticated else 0
        badge = get_template_attribute("macros/personal.html", "unread_badge")
        return Markup(badge(count))  # noqa: S704 - a rendered macro, autoescaped

    @property
    def csrf_token(self) -> str:
        return generate_csrf()

    @property
    def path(self) -> str:
        """Where the language form returns to."""
        return request.full_path.rstrip("?")


class _Holes:
    """What the kept page is rendered with: a placeholder for each personal part."""

    def __getattr__(self, name: str) -> Markup:
        return Markup(HOLES[name])  # noqa: S704 - our own placeholder, no user text


def render_shared(template: str, body: Markup, **context: Hashable) -> str:
    """The page around ``body`` from the worker's memory when these roles and language saw it.

    The page is kept without its body (the views keep bodies themselves) and without the
    personal parts, so one entry serves every search of every reader with the same roles.
    ``context`` must be hashable: it is part of the key.
    """
    if not current_user.is_authenticated or "_flashes" in session:
        return render_template(template, body=body, **context)
    user = current_user._get_current_object()
    key = (
        template, tuple(sorted(context.items())), frozenset(user.roles), user.is_active,
        current_language(), request.endpoint, request.script_root,
    )  # fmt: skip
    head, tail = SHELLS.get(key, lambda: _shell(template, context))
    personal = Personal()
    for name, hole in HOLES.items():
        if hole in head or hole in tail:  # a page without a sign-out form needs no token
            value = str(escape(getattr(personal, name)))
            head, tail = head.replace(hole, value), tail.replace(hole, value)
    return "".join((head, str(body), tail))  # str + Markup would escape the str


def _shell(template: str, context: dict[str, Hashable]) -> tuple[str, str]:
    page = render_template(template, body=Markup(BODY), personal=_Holes(), **context)  # noqa: S704
    head, tail = page.split(BODY)
    return head, tail
