"""The same queries give the same hits on SQLite FTS5 and PostgreSQL; no input breaks search."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ethicsdesk.advisories.models import Outcome
from ethicsdesk.core.permissions import Role
from ethicsdesk.publications import search
from ethicsdesk.publications.queries import Criteria, catalogue
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser


def hits(corpus, staff: bool = True, **criteria) -> set[str]:
    ids = {p.id: key for key, p in corpus.items()}
    page = catalogue(Criteria(**criteria), include_internal=staff, today=date(2026, 11, 22))
    return {ids[p.id] for p in page.items}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gezichtsherkenning", {"camera"}),  # rare
        ("leerling", {"reken", "schrijf", "volg", "taal", "quiz"}),  # common, as a prefix
        ("leerlingen", {"reken", "quiz"}),
        ("coöperatie", {"volg"}),  # diacritics either way
        ("cooperatie", {"volg"}),
        ("FRANCAIS", {"taal"}),
        ("één", {"taal"}),
        ("generatieve AI", {"schrijf"}),  # two words, both required
        ('"generatieve AI"', {"schrijf"}),
        ("Numera", {"reken", "volg"}),  # vendor
        ("tracking", {"reken"}),  # condition text
        ("bestaatniet", set()),
    ],
)
def test_search_hits_are_exact(corpus, query, expected) -> None:
    assert hits(corpus, q=query) == expected


def test_anonymous_visitors_never_find_internal_advisories(corpus) -> None:
    assert hits(corpus, staff=False, q="leerling") == {"reken", "schrijf", "taal", "quiz"}
    assert hits(corpus, staff=False, q="cooperatie") == set()


def test_filters_combine_with_search(corpus) -> None:
    assert hits(corpus, vendor="numera bv", outcome=Outcome.FAVOURABLE) == {"reken", "volg"}
    assert hits(corpus, q="leerling", vendor="Numera BV") == {"reken", "volg"}
    assert hits(corpus, staff=False, vendor="Numera BV") == {"reken"}
    assert hits(corpus, year=2025) == {"quiz"}
    assert hits(corpus, validity="due") == {"taal"}
    assert hits(corpus, outcome=Outcome.UNFAVOURABLE, q="ingang") == {"camera"}


def test_relevance_and_re_evaluation_sorting_work(corpus) -> None:
    ordered = catalogue(Criteria(q="leerling", sort="relevance"), True, date(2026, 11, 22))
    assert len(ordered.items) == 5
    by_date = catalogue(Criteria(sort="re_evaluation"), True, date(2026, 11, 22))
    assert by_date.items[0].id == corpus["taal"].id


def test_user_input_is_reduced_to_plain_terms() -> None:
    assert search.terms('a* OR "b" NEAR(c) -d ^e \x00 f\'; DROP TABLE x;--') == [
        "a", "or", "b", "near", "c", "d", "e", "f", "drop", "table", "x"
    ][: search.MAX_TERMS]  # fmt: skip
    assert search.terms("Één coöperatie") == ["een", "cooperatie"]
    assert search.terms("x" * 5000) == ["x" * search.MAX_TERM_LENGTH]


def test_highlighting_escapes_html_first() -> None:
    marked = search.highlight("<b>Coöperatie</b> & meer", ["cooperatie"])
    assert str(marked) == "&lt;b&gt;<mark>Coöperatie</mark>&lt;/b&gt; &amp; meer"


def test_catalogue_page_shows_highlighted_hits(app, corpus) -> None:
    page = Browser(app).get("/advisories?q=gezichtsherkenning&sort=relevance&page=x&year=abc")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<mark>Gezichtsherkenning</mark>" in html
    assert "Leerlingvolgsysteem" not in Browser(app).get("/advisories").get_data(as_text=True)
    staff = Browser(app)
    staff.login(make_user(Role.REQUESTER).email, DEFAULT_PASSWORD)
    assert "Leerlingvolgsysteem" in staff.get("/advisories").get_data(as_text=True)


OPERATORS = [*list("\"*^-():'\\%_;\x00 "), "AND", "OR", "NOT", "NEAR", "x", "é"]
ANY_TEXT = st.one_of(
    st.text(),
    st.lists(st.sampled_from(OPERATORS), max_size=30).map("".join),
    st.just("€" * 5000),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=ANY_TEXT)
def test_no_search_input_causes_a_server_error(app, corpus, query) -> None:
    client = app.test_client()
    args = {"q": query, "sort": "relevance", "vendor": query[:50]}
    assert client.get("/advisories", query_string=args).status_code == 200
    assert client.get("/api/v1/advisories", query_string=args).status_code == 200
