"""Demo data: one association, three schools, one login per role, example cases; idempotent."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from ethicsdesk.advisories.models import Advisory
from ethicsdesk.auth.models import User
from ethicsdesk.core.permissions import Role
from ethicsdesk.demo.operations import ACCOUNTS
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation, School
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from tests.helpers import Browser


def counts() -> tuple[int, ...]:
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (Organisation, School, User, ReviewCase)
    )


def test_demo_data_is_idempotent_and_every_login_works(app: Flask) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["ethicsdesk", "demo-data"])
    assert first.exit_code == 0, first.output
    after_first = counts()
    second = runner.invoke(args=["ethicsdesk", "demo-data"])
    assert second.exit_code == 0
    assert counts() == after_first == (1, 3, len(ACCOUNTS), 6)
    assert {role for account in ACCOUNTS for role in account.roles} == set(Role)
    statuses = set(db.session.scalars(sa.select(ReviewCase.status)))
    assert statuses == {
        CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW,
        CaseStatus.POSTPONED, CaseStatus.ADVISED,
    }  # fmt: skip
    # one case went the whole way: a signed, archived advisory that verifies
    signed = db.session.scalars(sa.select(Advisory).where(Advisory.status == "signed")).all()
    assert [a.case.title for a in signed] == ["SchrijfMaatje AI"]
    verified = runner.invoke(args=["ethicsdesk", "archive", "verify"])
    assert verified.exit_code == 0, verified.output
    for account in ACCOUNTS:
        assert account.email in first.output
        assert account.password in first.output
        browser = Browser(app)
        browser.login(account.email, account.password)
        assert browser.get("/").status_code == 200
