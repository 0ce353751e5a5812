"""In-process figures on the bench instance: the advisory pipeline against WeasyPrint, the
value-impact analysis of one case and the portfolio over every review.

Each figure is a list of seconds; the report takes medians and spreads. Database readings use
a fresh session per run, as the app has one per request.
"""

from __future__ import annotations

import importlib.util
import io
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Flask

from bench.advisory_pipeline import demo_signing_setup, one_round


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def weasyprint_missing() -> str | None:
    """Why the WeasyPrint figure cannot be measured, or None when it can."""
    if importlib.util.find_spec("weasyprint") is None:
        return "WeasyPrint is not installed (pip install -e '.[bench]')"
    try:
        import weasyprint  # noqa: F401
    except OSError as error:  # its Debian libraries (pango) are missing
        return f"WeasyPrint cannot load its libraries: {error}"
    return None


def pipeline_vs_weasyprint(app: Flask, rounds: int, warm: bool = True) -> dict[str, Any]:
    """Build + sign twice + archive, interleaved with WeasyPrint rendering the same content."""
    from bench.weasy import render_pdf
    from ethicsdesk.advisories.operations import latest_version, pdf_bytes
    from ethicsdesk.extensions import db

    result: dict[str, Any] = {
        "build": [],
        "sign_1": [],
        "sign_2_and_archive": [],
        "total": [],
        "weasyprint": [],
        "weasyprint_missing": weasyprint_missing(),
    }
    with app.app_context(), app.test_request_context():
        setup = demo_signing_setup()
        if warm:
            one_round(*setup)  # fonts, keys, imports
        advisory = latest_version(setup[0])
        content, lang = advisory.content, advisory.lang
        if result["weasyprint_missing"] is None and warm:
            render_pdf(content, lang)
        for _ in range(rounds):
            for name, seconds in one_round(*setup).items():
                result[name].append(seconds)
            if result["weasyprint_missing"] is None:
                start = time.perf_counter()
                pdf = render_pdf(content, lang)
                result["weasyprint"].append(time.perf_counter() - start)
                result["weasyprint_pages"] = _pages(pdf)
        result["pages"] = _pages(pdf_bytes(latest_version(setup[0])) or b"")
        db.session.remove()
    return result


def _pages(pdf: bytes) -> int | None:
    """Page count of a PDF (pypdf from the test extra when there; else unknown)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _largest_round(session: Any) -> Any:
    """The opened compass round with the most members' answers."""
    from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers

    return session.scalar(
        sa.select(AssessmentRound)
        .join(MemberAnswers, MemberAnswers.round_id == AssessmentRound.id)
        .where(AssessmentRound.comparison_opened_at.is_not(None))
        .group_by(AssessmentRound.id)
        .order_by(sa.func.count(MemberAnswers.id).desc(), AssessmentRound.id)
        .limit(1)
    )


def _analyse(case: Any, question_set: Any, rows: Any, dpia: Any) -> object:
    """What the comparison page computes: aggregation, value graph and its four analyses."""
    from compass.graph.analysis import (
        find_tensions,
        most_affected_vulnerable,
        net_impact_by_value,
        unmitigated_harms,
    )
    from ethicsdesk.assessments.graph import aggregation_of, value_graph

    graph = value_graph(case, question_set, aggregation_of(question_set, rows), dpia)
    return (
        net_impact_by_value(graph),
        find_tensions(graph),
        unmitigated_harms(graph),
        most_affected_vulnerable(graph),
    )


def value_impact(app: Flask, runs: int) -> dict[str, Any]:
    """One case's analysis read from the database as the app does, and the pure computation."""
    from ethicsdesk.assessments import queries
    from ethicsdesk.assessments.page import question_set_of
    from ethicsdesk.extensions import db

    result: dict[str, Any] = {"with_database": [], "computation": []}
    with app.app_context(), app.test_request_context():
        round_ = _largest_round(db.session)
        if round_ is None:
            result["missing"] = "no compass round with an opened comparison in the data set"
            return result
        round_id = round_.id

        def from_database() -> object:
            db.session.remove()
            current = db.session.get(type(round_), round_id)
            rows = queries.answers_for_comparison(current)
            return _analyse(
                current.case, question_set_of(current), rows, queries.dpia_of_case(current.case)
            )

        from_database()  # warm: question set, caches
        result["with_database"] = [_timed(from_database) for _ in range(runs)]
        current = db.session.get(type(round_), round_id)
        rows = queries.answers_for_comparison(current)
        for row in rows:
            _ = row.member.name, row.answers
        case, question_set = current.case, question_set_of(current)
        dpia = queries.dpia_of_case(case)
        if dpia is not None:
            _ = [(r.title, m.title) for r in dpia.risks for m in dpia.measures]
        result["computation"] = [
            _timed(lambda: _analyse(case, question_set, rows, dpia)) for _ in range(runs)
        ]
        result["members"] = len(rows)
        result["case_id"] = case.id
        db.session.remove()
    return result


def portfolio(app: Flask, runs: int) -> dict[str, Any]:
    """The portfolio over every review: read + analyse as the page does, and the analysis alone."""
    from compass import analyse_portfolio
    from ethicsdesk.assessments.portfolio import portfolio_context, technology_record
    from ethicsdesk.assessments.queries import portfolio_cases
    from ethicsdesk.extensions import db

    result: dict[str, Any] = {"with_database": [], "computation": []}
    with app.app_context(), app.test_request_context():

        def from_database() -> object:
            db.session.remove()
            cases, advised_only = portfolio_cases()
            return portfolio_context(cases, advised_only, "nl")

        from_database()
        result["with_database"] = [_timed(from_database) for _ in range(runs)]
        cases, advised_only = portfolio_cases()
        records = [technology_record(case) for case in cases]
        result["computation"] = [_timed(lambda: analyse_portfolio(records)) for _ in range(runs)]
        result["cases"] = len(cases)
        result["advised_only"] = advised_only

        def reviews() -> object:
            """The issue's figure: the portfolio over the reviews (cases with a compass round)."""
            db.session.remove()
            rows = _review_cases(REVIEWS_FOR_PORTFOLIO)
            result["reviews"] = len(rows)
            return portfolio_context(rows, True, "nl")

        reviews()
        result["reviews_with_database"] = [_timed(reviews) for _ in range(runs)]
        db.session.remove()
    return result


REVIEWS_FOR_PORTFOLIO = 10_000


def _review_cases(limit: int) -> list[Any]:
    """Up to `limit` cases that went through a compass round, read as the portfolio reads them."""
    import sqlalchemy as sa

    from ethicsdesk.assessments.models import AssessmentRound
    from ethicsdesk.assessments.queries import PortfolioCase
    from ethicsdesk.extensions import db
    from ethicsdesk.reviews.models import ReviewCase

    columns = (ReviewCase.id, ReviewCase.title, ReviewCase.vendor, ReviewCase.category,
               ReviewCase.status, ReviewCase.answers)  # fmt: skip
    query = (
        sa.select(*columns)
        .where(ReviewCase.id.in_(sa.select(AssessmentRound.case_id)))
        .order_by(ReviewCase.id)
        .limit(limit)
    )
    return [PortfolioCase(*row) for row in db.session.execute(query)]
