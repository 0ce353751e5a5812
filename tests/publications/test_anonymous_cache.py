"""Visitors without a cookie get catalogue pages from the page cache: never stale or personal."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.publications.operations import retract
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser, IsolatedClient

PAGES = ("/advisories", "/advisories?q=leerlingen", "/api/v1/advisories?outcome=favourable")


def visitor(app: Flask) -> IsolatedClient:
    app.test_client_class = IsolatedClient
    return app.test_client(use_cookies=False)


def cache(app: Flask):
    return app.extensions["ethicsdesk.page_cache"]


@pytest.mark.parametrize("url", PAGES)
def test_a_visitor_gets_the_same_page_from_the_cache(app, corpus, url) -> None:
    client = visitor(app)
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert second.data == first.data
    assert "Set-Cookie" not in first.headers
    assert cache(app).hits == 1


def test_the_advisory_page_is_kept_too(app, corpus) -> None:
    client = visitor(app)
    url = f"/advisories/{corpus['reken'].id}"
    assert client.get(url).data == client.get(url).data
    assert cache(app).hits == 1


def test_a_retraction_shows_at_once(app, corpus) -> None:
    client = visitor(app)
    url = f"/advisories/{corpus['reken'].id}"
    before = client.get(url).get_data(as_text=True)
    listed = client.get("/advisories").get_data(as_text=True)
    retract(corpus["reken"], make_user(Role.CHAIR), "Leverancier gestopt")
    db.session.commit()
    after = client.get(url).get_data(as_text=True)
    assert "Leverancier gestopt" not in before
    assert "Leverancier gestopt" in after
    assert client.get("/advisories").get_data(as_text=True) != listed
    assert cache(app).hits == 0


def test_internal_publications_are_never_cached_for_visitors(app, corpus) -> None:
    client = visitor(app)
    url = f"/advisories/{corpus['volg'].id}"
    assert client.get(url).status_code == client.get(url).status_code == 404
    assert cache(app).stores == 0


def test_signed_in_pages_are_never_kept_nor_served_from_it(app, corpus) -> None:
    staff = Browser(app)
    staff.login(make_user(Role.SECRETARY, name="Iris Bakker").email, DEFAULT_PASSWORD)
    for _ in range(2):
        page = staff.get("/advisories").get_data(as_text=True)
        assert "Iris Bakker" in page  # the account menu
    assert (cache(app).stores, cache(app).hits) == (0, 0)
    anonymous = visitor(app).get("/advisories").get_data(as_text=True)
    assert "Iris Bakker" not in anonymous
    assert "Leerlingvolgsysteem" not in anonymous  # internal: staff only


def test_a_visitors_page_sets_no_cookie_and_switches_language_by_get(app, corpus) -> None:
    client = visitor(app)
    page = client.get("/advisories")
    html = page.get_data(as_text=True)
    assert "Set-Cookie" not in page.headers
    assert 'name="csrf_token"' not in html
    form = re.search(r'<form method="(\w+)" action="/language"', html)
    assert form
    assert form.group(1) == "get"
    switched = app.test_client().get("/language?locale=en&next=/advisories", follow_redirects=True)
    assert switched.request.path == "/advisories"
    assert '<html lang="en">' in switched.get_data(as_text=True)


def test_an_unknown_language_by_get_changes_nothing(app) -> None:
    client = app.test_client()
    response = client.get("/language?locale=xx&next=https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]
    assert "Set-Cookie" not in response.headers


def test_a_signed_in_user_still_switches_by_post_with_a_token(app) -> None:
    browser = Browser(app)
    browser.login(make_user(Role.REQUESTER).email, DEFAULT_PASSWORD)
    html = browser.get("/requests").get_data(as_text=True)
    assert re.search(r'<form method="post" action="/language"', html)
