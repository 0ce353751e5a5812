"""The portfolio: vendors, the pupils' data they hold, concentration and non-EU dependency."""

from __future__ import annotations

import re

from ethicsdesk.assessments.portfolio import technology_record
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.operations import apply_transition
from tests.assessments.conftest import signed_in
from tests.factories import make_case, make_user

ADVICE_STEPS = ("start_triage", "start_review", "start_deliberation", "advise")


def learning_cases() -> list:
    """Two products of one vendor holding most pupils' learning data, and a small third one."""
    return [
        make_case(vendor="LeerData BV", title="Rekentuin Plus", answers={
            "data_categories": ["learning_results", "contact"], "pupil_count": 1200,
            "hosting": "netherlands"}),
        make_case(vendor="LeerData BV", title="Taalmeter", answers={
            "data_categories": ["learning_results", "behaviour_attention"], "pupil_count": 900,
            "hosting": "eea"}),
        make_case(vendor="Toetsbureau", title="Toetsweb", answers={
            "data_categories": ["learning_results"], "pupil_count": 300}),
    ]  # fmt: skip


def test_the_request_answers_become_portfolio_records(app, ai_case) -> None:
    record = technology_record(ai_case)
    assert record.vendor == "WriteWell Inc."
    assert record.vendor_in_eu is False  # hosted outside the EEA
    assert record.pupil_count == 850
    assert record.data_categories == ("contact", "communication")
    assert record.category == "generative_ai"


def test_the_coordinator_sees_concentration_and_dependency(app, ai_case) -> None:
    learning_cases()
    make_case(vendor="Geheim BV", title="Nog een concept", submit=False)
    coordinator = signed_in(app, Role.COORDINATOR)
    home = coordinator.get("/").get_data(as_text=True)
    assert 'href="/portfolio"' in home
    response = coordinator.get("/portfolio")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Er is nog geen zaak geadviseerd" in html
    assert "alle ingediende zaken, zonder concepten (4)" in html
    assert "Nog een concept" not in html  # drafts never count
    figures = re.search(r'<dl class="facts">.*?</dl>', html, re.S).group(0)
    assert "LeerData BV (88%)" in figures  # 2,100 of 2,400 pupils' learning data
    assert "sterk geconcentreerd" in figures
    assert "WriteWell Inc." in figures  # the non-EU provider
    concerns = re.search(r'id="concerns-title".*?</section>', html, re.S).group(0)
    assert concerns.count("<li>") <= 10
    assert "LeerData BV" in concerns
    assert "<caption" in html
    assert 'scope="col"' in html


def test_with_advised_cases_only_those_count(app, ai_case) -> None:
    cases = learning_cases()
    secretary = make_user(Role.SECRETARY)
    for step in ADVICE_STEPS:
        apply_transition(cases[2], secretary, step)
    db.session.commit()
    html = signed_in(app, Role.CHAIR).get("/portfolio").get_data(as_text=True)
    assert "technologieën waarover de commissie heeft geadviseerd (1)" in html
    assert "Toetsweb" in html
    assert "Rekentuin Plus" not in html
    assert "SchrijfMaatje" not in html


def test_requesters_and_members_may_not_see_the_portfolio(app, ai_case) -> None:
    for role in (Role.REQUESTER, Role.MEMBER, Role.DPO):
        browser = signed_in(app, role)
        assert browser.get("/portfolio").status_code == 403, role
        assert 'href="/portfolio"' not in browser.get("/").get_data(as_text=True)


def test_a_large_portfolio_lists_the_most_used_technologies(app, ai_case, monkeypatch) -> None:
    """The table stays readable at 100,000 cases; the figures still cover every case."""
    monkeypatch.setattr("ethicsdesk.assessments.portfolio.TABLE_ROWS", 2)
    learning_cases()
    html = signed_in(app, Role.COORDINATOR).get("/portfolio").get_data(as_text=True)
    table = re.search(r'id="technologies-title".*?</section>', html, re.S).group(0)
    assert "Rekentuin Plus" in table
    assert "Taalmeter" in table
    assert "Toetsweb" not in table
    assert "SchrijfMaatje" not in table
    assert "alle ingediende zaken, zonder concepten (4)" in html
