"""Bulk demo data: exact counts, search and filters over generated advisories, pages that render."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner

from compass import analyse_portfolio, answers_from_plain, load_question_set, validate_answers
from ethicsdesk.advisories.models import Advisory, AdvisoryStatus, Outcome
from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers
from ethicsdesk.assessments.portfolio import technology_record
from ethicsdesk.assessments.queries import portfolio_cases
from ethicsdesk.demo.bulk import BulkReport, generate, optional_table
from ethicsdesk.extensions import db
from ethicsdesk.publications import queries
from ethicsdesk.publications.models import Publication, Visibility
from ethicsdesk.publications.operations import search_document
from ethicsdesk.reviews.models import ReviewCase
from tests.helpers import Browser

WORD = "zwiebelkwartet"  # no phrase in bulk_texts starts with it
PLANTED = 7


def count(table: object) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(table))


def hits(**criteria: object) -> int:
    found = queries.catalogue(
        queries.Criteria(**criteria), include_internal=True, today=queries.today(), page_size=5000
    )
    assert not found.has_next
    return len(found.items)


def demo(app: Flask) -> FlaskCliRunner:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["ethicsdesk", "demo-data"])
    assert result.exit_code == 0, result.output
    return runner


def generated(app: Flask) -> BulkReport:
    demo(app)
    report = generate(200, 50, seed=5, plant=(WORD, PLANTED), checkpoint=db.session.commit)
    db.session.commit()
    return report


def test_the_command_adds_exact_counts_and_can_run_again(app: Flask) -> None:
    runner = demo(app)
    tables = (Advisory, Publication, ReviewCase, AssessmentRound)
    before = [count(table) for table in tables]
    args = ["ethicsdesk", "demo-data", "--advisories", "200", "--reviews", "50", "--seed", "3"]
    for run in (1, 2):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        changes = [count(t) - b for t, b in zip(tables, before, strict=True)]
        advisories, publications, cases, rounds = changes
        assert (advisories, publications, rounds) == (200 * run, 200 * run, 50 * run)
        superseded = db.session.scalar(
            sa.select(sa.func.count()).where(Advisory.status == AdvisoryStatus.SUPERSEDED)
        )
        assert cases == 200 * run - superseded + 50 * run
    numbers = db.session.execute(sa.select(Advisory.number, Advisory.version)).all()
    assert len(numbers) == len(set(numbers))


def test_search_and_filters_find_exactly_the_generated_advisories(app: Flask) -> None:
    report = generated(app)
    assert (report.advisories, report.publications, report.reviews) == (200, 200, 50)
    assert report.current + report.superseded == 200
    assert report.planted == PLANTED
    assert hits(q=WORD) == PLANTED
    assert hits(q=f"{WORD} {WORD[:5]}") == PLANTED
    assert hits() == report.current
    for outcome in Outcome:
        assert hits(outcome=outcome) == report.by_outcome[outcome.value], outcome
    for category, expected in report.by_category.items():
        assert hits(category=category) == expected, category
    if optional_table("publication_values") is not None:
        assert count(optional_table("publication_values")) == report.values > 0
        for value, expected in report.by_value.items():
            assert hits(value=value) == expected, value
    if optional_table("condition_checks") is not None:
        assert count(optional_table("condition_checks")) == report.condition_checks > 0
    superseded = db.session.scalar(
        sa.select(sa.func.count()).where(Publication.superseded.is_(True))
    )
    assert superseded == report.superseded
    retracted = sa.select(sa.func.count()).where(Publication.retracted_at.is_not(None))
    assert db.session.scalar(retracted) == report.retracted


def test_generated_rows_match_what_the_app_itself_writes(app: Flask) -> None:
    generated(app)
    for publication in db.session.scalars(sa.select(Publication)):
        assert publication.search_text == search_document(publication.advisory)
        advisory = publication.advisory
        if advisory.supersedes_id:
            assert advisory.supersedes.number == advisory.number
            assert advisory.supersedes.status is AdvisoryStatus.SUPERSEDED
    question_set = load_question_set("association")
    rows = db.session.scalars(sa.select(MemberAnswers)).all()
    assert len(rows) >= 150
    for row in rows:
        plain = answers_from_plain({str(row.member_id): row.answers})
        assert validate_answers(question_set, plain) == ()
    cases, _advised_only = portfolio_cases()
    analysis = analyse_portfolio([technology_record(case) for case in cases])
    assert analysis.technologies == len(cases) > 0


def test_catalogue_and_advisory_pages_render_generated_rows(app: Flask) -> None:
    generated(app)
    browser = Browser(app)
    assert browser.get("/advisories").status_code == 200
    search = browser.get(f"/advisories?q={WORD}&sort=relevance")
    assert search.status_code == 200
    assert "<mark>" in search.get_data(as_text=True)
    public = sa.select(Publication.id).where(Publication.visibility == Visibility.PUBLIC)
    shown = [
        db.session.scalar(public.where(Publication.superseded.is_(True)).limit(1)),
        db.session.scalar(public.where(Publication.retracted_at.is_not(None)).limit(1)),
        db.session.scalar(public.order_by(Publication.id.desc()).limit(1)),
    ]
    for publication_id in filter(None, shown):
        assert browser.get(f"/advisories/{publication_id}").status_code == 200
    internal = sa.select(Publication.id).where(Publication.visibility == Visibility.INTERNAL)
    internal_id = db.session.scalar(internal.limit(1))
    assert browser.get(f"/advisories/{internal_id}").status_code == 404
    browser.login("docent@voorbeeld.school", "demo-docent-2026")
    assert browser.get(f"/advisories/{internal_id}").status_code == 200
