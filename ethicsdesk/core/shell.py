"""Signed-in pages kept per worker with holes where the reader's own details go.

A catalogue page looks the same to every staff member with the same roles and language except
for a few personal parts of the header: their name, their unread notifications and the CSRF
token of the sign-out and language forms. Rendering the whole page for every request costs
more than everything else a signed-in page does (0.8 of 2.4 ms), so the page is rendered once
with unguessable placeholders in those places, kept, and each request only fills them in.

Templates reach the personal parts through ``personal`` (see ``Personal``); a page that shows
flashed messages is never kept, and the key holds everything else the page depends on.
"""

from __future__ import annotations

import secrets
from collections.abc import Hashable
from typing import Any

from flask import get_template_attribute, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from ethicsdesk.core.i18n import current_language
from ethicsdesk.core.memo import Memo

SHELLS: Memo[str] = Memo(size=256)

# Random per process: no text a user typed can ever look like a hole.
_MARK = secrets.token_hex(12)
HOLES = {name: f"\x00{_MARK}:{name}\x00" for name in ("name", "unread_badge", "csrf_token")}


class Personal:
    """The reader's own parts of the page header, computed only when a template shows them."""

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


class _Holes:
    """What the kept page is rendered with: a placeholder for each personal part."""

    def __getattr__(self, name: str) -> Markup:
        return Markup(HOLES[name])  # noqa: S704 - our own placeholder, no user text


def render_shared(template: str, key: Hashable, **context: Any) -> str:
    """The page from the worker's memory when this reader's roles and language saw it before.

    ``key`` must hold everything the page's own content depends on (as the catalogue's key
    does); the roles, language, address and endpoint are added here.
    """
    if not current_user.is_authenticated or "_flashes" in session:
        return render_template(template, **context)
    user = current_user._get_current_object()
    shell_key = (
        template, key, frozenset(user.roles), user.is_active, current_language(),
        request.endpoint, request.script_root, request.full_path,
    )  # fmt: skip
    page = SHELLS.get(shell_key, lambda: render_template(template, personal=_Holes(), **context))
    personal = Personal()
    for name, hole in HOLES.items():
        if hole in page:
            page = page.replace(hole, str(escape(getattr(personal, name))))
    return page
