"""The secretary and coordinator dashboard: counts, filters, sorting, waiting on requester."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.operations import apply_transition, post_message
from tests.factories import DEFAULT_PASSWORD, make_case, make_user


@pytest.fixture
def committee(browser):
    secretary = make_user(Role.SECRETARY)
    browser.login(secretary.email, DEFAULT_PASSWORD)
    return secretary, browser


def rows(html: str, *titles: str) -> list[str]:
    """The titles in the order the table shows them."""
    return sorted((t for t in titles if t in html), key=html.index)


def test_filters_and_sorting(committee) -> None:
    secretary, browser = committee
    soon = make_case(title="Alpha ELO", category="lms",
                     desired_decision_date=date.today() + timedelta(days=5))  # fmt: skip
    later = make_case(title="Beta Chat", category="generative_ai",
                      desired_decision_date=date.today() + timedelta(days=50))  # fmt: skip
    make_case(title="Gamma Draft", submit=False)
    apply_transition(later, secretary, "start_triage")
    post_message(later, secretary, "Graag de verwerkersovereenkomst.")
    db.session.commit()

    html = browser.get("/reviews/queue").get_data(as_text=True)
    assert "Alpha ELO" in html
    assert "Beta Chat" in html
    assert "Gamma Draft" not in html  # drafts stay private to the requester
    assert rows(html, "Alpha ELO", "Beta Chat") == ["Alpha ELO", "Beta Chat"]

    by_status = browser.get("/reviews/queue?status=triage").get_data(as_text=True)
    assert "Beta Chat" in by_status
    assert "Alpha ELO" not in by_status
    waiting = browser.get("/reviews/queue?waiting=yes").get_data(as_text=True)
    assert "Beta Chat" in waiting
    assert "Alpha ELO" not in waiting
    category = browser.get("/reviews/queue?category=lms").get_data(as_text=True)
    assert "Alpha ELO" in category
    assert "Beta Chat" not in category
    searched = browser.get("/reviews/queue?q=chat").get_data(as_text=True)
    assert "Beta Chat" in searched
    assert "Alpha ELO" not in searched
    assert soon.id != later.id


@pytest.mark.parametrize(
    "query",
    ["status=bogus", "sort=DROP TABLE", "school=abc", "q=%25%27%22;--", "q=" + "x" * 5000,
     "waiting=maybe", "category=../../etc"],
)  # fmt: skip
def test_odd_filter_input_never_breaks_the_page(committee, query: str) -> None:
    _, browser = committee
    assert browser.get(f"/reviews/queue?{query}").status_code == 200


def test_status_counts_are_shown(committee) -> None:
    _, browser = committee
    make_case()
    make_case()
    html = browser.get("/reviews/queue").get_data(as_text=True)
    assert "Ingediend</span> 2" in html
