"""Public pages for cookie-less visitors, answered from memory while what they show holds.

A visitor without a cookie has no session, no account and no language choice: every such
visitor gets the same bytes for the same URL. Views that render such a page say so with
``offer_to_cache(state)``, naming what the page depends on (for the catalogue: its version, the
day and the trust anchors); this WSGI layer keeps the finished response per worker and answers
the next identical request without running the app, as long as ``state()`` still returns the
same value. It is Django's anonymous-only cache middleware or an nginx micro-cache, kept inside
the app so the version check stays exact across instances. Nothing with a cookie, an
Authorization header or a conditional/range header is ever served from, or stored in, it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import request

from ethicsdesk.core.memo import Memo

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

STATE_KEY = "ethicsdesk.page_cache.state"
# Request headers that make a request personal, conditional or partial: never from the cache.
BYPASS = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE",
          "HTTP_RANGE", "HTTP_IF_RANGE")  # fmt: skip
# What else in the environment a page may depend on (links, language, content negotiation).
KEYED = ("SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "wsgi.url_scheme", "HTTP_HOST",
         "SERVER_NAME", "SERVER_PORT", "HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE")  # fmt: skip


@dataclass(frozen=True)
class CachedPage:
    """A finished response and the state it was rendered under."""

    state: Hashable
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def offer_to_cache(state: Hashable) -> None:
    """Called by a view: this response may be reused for cookie-less visitors while state holds."""
    request.environ[STATE_KEY] = state


class StateProbe:
    """``read()`` at most every ``max_age`` seconds: the price of the check, bounded."""

    def __init__(
        self,
        read: Callable[[], Hashable],
        max_age: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.read, self.max_age, self.clock = read, max_age, clock
        self._value: Hashable | None = None
        self._read_at = float("-inf")

    def __call__(self) -> Hashable:
        moment = self.clock()
        if moment - self._read_at >= self.max_age:  # the first call always reads (-inf)
            self._value, self._read_at = self.read(), moment
        return self._value


class AnonymousPageCache:
    """WSGI middleware: identical cookie-less GETs of offered pages skip the app."""

    def __init__(self, app: WSGIApplication, state: Callable[[], Hashable], size: int) -> None:
        self.app, self.state = app, state
        self.pages: Memo[CachedPage] = Memo(size=size)
        self.hits = self.stores = 0

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET" or any(name in environ for name in BYPASS):
            return self.app(environ, start_response)
        key = tuple(environ.get(name) for name in KEYED)
        page = self.pages.peek(key)
        if page is not None and page.state == self._current_state():
            self.hits += 1
            start_response(page.status, list(page.headers))
            return [page.body]
        return self._fill(key, environ, start_response)

    def _current_state(self) -> Hashable | None:
        try:
            return self.state()
        except Exception as error:  # the database is away: the app answers (its 503 page)
            log.warning("page cache: state unavailable (%s), answering from the app", error)
            return None

    def _fill(
        self, key: Hashable, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        sent: dict[str, Any] = {}

        def record(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            sent.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.app(environ, record)
        state = environ.get(STATE_KEY)
        headers = sent.get("headers", [])
        if (
            state is None
            or not str(sent.get("status", "")).startswith("200")
            or any(name.lower() == "set-cookie" for name, _value in headers)
        ):
            return body  # not offered, not a plain success, or personal: streamed as it is
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self.pages.put(key, CachedPage(state, sent["status"], tuple(headers), content))
        self.stores += 1
        return [content]


def init_page_cache(app: Any, read_state: Callable[[], Hashable]) -> AnonymousPageCache | None:
    """Wrap the app when PAGE_CACHE_ENTRIES > 0; PAGE_CACHE_SECONDS bounds how stale a page gets."""
    size = app.config["PAGE_CACHE_ENTRIES"]
    if not size:
        return None
    probe = StateProbe(read_state, app.config["PAGE_CACHE_SECONDS"])
    cache = AnonymousPageCache(app.wsgi_app, probe, size)
    app.wsgi_app = cache
    app.extensions["ethicsdesk.page_cache"] = cache
    return cache
