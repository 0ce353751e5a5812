"""The anonymous page cache as a WSGI layer: what it serves, what it never keeps, how it checks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

from ethicsdesk.core.pagecache import STATE_KEY, AnonymousPageCache, StateProbe


class Origin:
    """A WSGI app that counts its calls and offers its page under the current state."""

    def __init__(self) -> None:
        self.calls = 0
        self.state: Any = 1
        self.offer = True
        self.cookie = False
        self.status = 200

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        self.calls += 1
        request = Request(environ)
        path = request.full_path.rstrip("?")
        response = Response(f"page {self.calls} for {path}", status=self.status)
        if self.offer:
            environ[STATE_KEY] = self.state
        if self.cookie:
            response.set_cookie("session", "x")
        return response(environ, start_response)


@pytest.fixture
def origin() -> Origin:
    return Origin()


@pytest.fixture
def cache(origin: Origin) -> AnonymousPageCache:
    return AnonymousPageCache(origin, lambda: origin.state, size=2)


def test_an_identical_cookie_less_request_is_answered_without_the_app(origin, cache) -> None:
    client = Client(cache)
    first, second = client.get("/advisories?q=x").data, client.get("/advisories?q=x").data
    assert first == second == b"page 1 for /advisories?q=x"
    assert (origin.calls, cache.hits) == (1, 1)
    assert client.get("/advisories?q=y").data == b"page 2 for /advisories?q=y"


def test_a_changed_state_renders_the_page_again(origin, cache) -> None:
    client = Client(cache)
    client.get("/advisories")
    origin.state = 2
    assert client.get("/advisories").data == b"page 2 for /advisories"
    assert client.get("/advisories").data == b"page 2 for /advisories"
    assert cache.hits == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "ethicsdesk_session=abc"},
        {"Authorization": "Bearer x"},
        {"If-None-Match": '"x"'},
        {"Range": "bytes=0-10"},
    ],
)
def test_personal_conditional_or_partial_requests_never_use_it(origin, cache, headers) -> None:
    client = Client(cache, use_cookies=False)
    client.get("/advisories")
    client.get("/advisories", headers=headers)
    client.get("/advisories", headers=headers)
    assert (origin.calls, cache.hits, cache.stores) == (3, 0, 1)


def test_only_get_is_served(origin, cache) -> None:
    client = Client(cache)
    client.get("/advisories")
    client.head("/advisories")
    client.post("/advisories")
    assert (origin.calls, cache.hits) == (3, 0)


def test_pages_not_offered_failed_or_setting_a_cookie_are_never_kept(origin, cache) -> None:
    client = Client(cache, use_cookies=False)
    origin.offer = False
    client.get("/a")
    client.get("/a")
    origin.offer, origin.status = True, 404
    client.get("/b")
    client.get("/b")
    origin.status, origin.cookie = 200, True
    client.get("/c")
    client.get("/c")
    assert (origin.calls, cache.hits, cache.stores) == (6, 0, 0)


def test_the_host_and_scheme_are_part_of_the_key(origin, cache) -> None:
    client = Client(cache)
    client.get("/api", base_url="http://one.example")
    client.get("/api", base_url="https://one.example")
    client.get("/api", base_url="http://two.example")
    assert (origin.calls, cache.hits) == (3, 0)


def test_a_state_that_cannot_be_read_hands_the_request_to_the_app(origin) -> None:
    def unavailable() -> Any:
        raise ConnectionError("database away")

    cache = AnonymousPageCache(origin, unavailable, size=2)
    client = Client(cache)
    client.get("/advisories")
    assert client.get("/advisories").data == b"page 2 for /advisories"
    assert cache.hits == 0


def test_the_cache_holds_at_most_its_size(origin, cache) -> None:
    client = Client(cache)
    for path in ("/a", "/b", "/c"):
        client.get(path)
    assert len(cache.pages) == 2
    client.get("/a")
    assert origin.calls == 4


def test_the_probe_reads_the_state_at_most_once_per_max_age() -> None:
    reads, moment = [], [0.0]

    def read() -> int:
        reads.append(moment[0])
        return len(reads)

    probe = StateProbe(read, max_age=1.0, clock=lambda: moment[0])
    assert probe() == 1
    moment[0] = 0.9
    assert probe() == 1
    moment[0] = 1.0
    assert probe() == 2
    assert reads == [0.0, 1.0]
    assert StateProbe(read, max_age=0)() == 3  # 0: read every time
