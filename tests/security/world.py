"""One realistic world for the URL-wide security tests, built once and cloned per test.

The demo data brings a case that went the whole way (DPIA, opened compass, decided meeting,
an advisory signed by secretary and chair); on top come a published copy of that advisory,
an internal publication, a vendor document, a draft second version of the advisory and one
account per role holding only that role. Each identity signs in once; its session cookie and
CSRF token stay valid in every clone because the clone holds the same accounts.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

from compass import load_question_set
from dpia_templates.dpia.templates import load_template
from ethicsdesk import create_app
from ethicsdesk.advisories.models import Advisory, AdvisoryStatus, Outcome
from ethicsdesk.advisories.operations import AdvisoryInput, create_draft
from ethicsdesk.assessments.queries import round_of_case
from ethicsdesk.attachments.operations import add_attachment
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.core.permissions import Role
from ethicsdesk.deliberation.models import Meeting
from ethicsdesk.demo.operations import ACCOUNTS, load_demo_data
from ethicsdesk.dpia.operations import RiskInput, save_risk
from ethicsdesk.dpia.queries import dpia_of_case
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Visibility
from ethicsdesk.publications.operations import publish
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from tests.conftest import PostgresDatabases, SqliteDatabases, app_config
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.storage.documents import pdf

ANONYMOUS = "anonymous"
STAFF = "staff"  # signed in, no role: any staff member of the association
OWNER = "owner"  # the requester who filed every case of the world
# every identity the matrix speaks about, in the order the matrix file lists them
IDENTITIES: tuple[str, ...] = (ANONYMOUS, STAFF, OWNER, *(role.value for role in Role))
COOKIE = "ethicsdesk_session"
OWNER_EMAIL = "aanvrager@voorbeeld.school"


def clone_database(databases: SqliteDatabases | PostgresDatabases, source: str, name: str) -> str:
    """A copy of a finished database (file copy on SQLite, TEMPLATE on PostgreSQL)."""
    if isinstance(databases, SqliteDatabases):
        target = databases.root / f"{name}.sqlite3"
        shutil.copyfile(source.removeprefix("sqlite:///"), target)
        return f"sqlite:///{target}"
    source_name = sa.engine.make_url(source).database
    database = f"{databases.prefix}_{name}"
    databases._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    databases._execute(f'CREATE DATABASE "{database}" TEMPLATE "{source_name}"')
    return databases._url(database)


@dataclass
class Identity:
    """A signed-in (or anonymous) visitor: the session cookie and a CSRF token it carries."""

    name: str
    cookie: str
    csrf_token: str


@dataclass
class World:
    """The objects URL arguments are filled from, per scenario, and who may visit."""

    instance_path: Path
    url: str = ""  # the finished world's database, cloned by every test
    scenarios: dict[str, dict[str, Any]] = field(default_factory=dict)
    identities: dict[str, Identity] = field(default_factory=dict)

    def app(self, database_url: str) -> Flask:
        """An app on a clone of the world, sharing its files and keys."""
        return create_app(app_config(database_url), instance_path=str(self.instance_path))

    def browser(self, app: Flask, identity: str) -> Browser:
        """A browser carrying this identity's session."""
        browser = Browser(app)
        browser.client.set_cookie(COOKIE, self.identities[identity].cookie)
        return browser


def _the(model: Any, *where: Any) -> Any:
    return db.session.scalars(sa.select(model).where(*where)).one()


def _draft_input() -> AdvisoryInput:
    return AdvisoryInput(
        title="Tweede versie", outcome=Outcome.FAVOURABLE, reasons="Herbeoordeling.",
        public_summary="Tweede versie.", re_evaluation_date=date.today() + timedelta(days=365),
        lang="nl", conditions=[],
    )  # fmt: skip


def _internal_publication(actor: Any, besides: ReviewCase) -> Any:
    """The other advised case gets a signed advisory inserted directly, published internally."""
    case = _the(ReviewCase, ReviewCase.status == CaseStatus.ADVISED, ReviewCase.id != besides.id)
    advisory = Advisory(
        case=case, number="EC-2026-900", version=1, status=AdvisoryStatus.SIGNED,
        title="Intern advies", outcome=Outcome.FAVOURABLE, public_summary="Alleen intern.",
        reasons="", re_evaluation_date=date(2030, 1, 1), issued_on=date(2026, 6, 1), content={},
    )  # fmt: skip
    db.session.add(advisory)
    db.session.flush()
    return publish(advisory, actor, Visibility.INTERNAL)


def build_world(app: Flask) -> dict[str, dict[str, Any]]:
    """Fill the app's database; returns the URL arguments of each scenario."""
    load_demo_data()
    db.session.commit()
    owner = user_by_email(OWNER_EMAIL)
    secretary = user_by_email("secretaris@voorbeeld.school")
    assert owner is not None
    assert secretary is not None
    assert owner.roles == {Role.REQUESTER}
    signed = _the(Advisory, Advisory.status == AdvisoryStatus.SIGNED)
    case = signed.case
    public = publish(signed, secretary, Visibility.PUBLIC)
    internal = _internal_publication(secretary, case)
    meeting = _the(Meeting)
    # a second version, as after a re-evaluation: the draft the editing routes work on
    draft = create_draft(case, secretary, _draft_input(), meeting.items[0])
    attachment = add_attachment(case, owner, io.BytesIO(pdf()), "DPA.pdf", 10**7)
    dpia = dpia_of_case(case)
    round_ = round_of_case(case)
    assert dpia is not None
    assert dpia.risks
    assert dpia.measures
    assert round_ is not None
    assert round_.comparison_open
    draft_case = _the(ReviewCase, ReviewCase.status == CaseStatus.DRAFT)
    # one risk per identity: deleting one in a test leaves the next identity its own
    risk = RiskInput("Risico", "", "", "", "other", 2, 2, None, None, [])
    risks = {f"risk_id@{name}": save_risk(dpia, None, risk).id for name in IDENTITIES}
    dpia_template = load_template(dpia.template_id)
    question_set = load_question_set(round_.set_id)
    db.session.commit()
    main = {
        "case_id": case.id,
        "advisory_id": draft.id,
        "attachment_id": attachment.id,
        "risk_id": dpia.risks[0].id,
        **risks,
        "measure_id": dpia.measures[0].id,
        "meeting_id": meeting.id,
        "item_id": meeting.items[0].id,
        "publication_id": public.id,
        "condition_id": signed.conditions[0].id,
        "user_id": secretary.id,
        "dpia.section_id": dpia_template.sections[0].id,
        "assessments.section_id": question_set.sections[0].id,
    }
    return {
        "main": main,
        # the signed first version: its PDF exists, it can be published and followed up
        "signed": {**main, "advisory_id": signed.id},
        "internal": {**main, "publication_id": internal.id},
        "draft": {**main, "case_id": draft_case.id},
    }


def sign_in_everyone(app: Flask) -> dict[str, Identity]:
    """One account per role holding only that role, plus staff without a role and the owner."""
    organisation = user_by_email(OWNER_EMAIL).organisation  # type: ignore[union-attr]
    users = {role.value: make_user(role, organisation=organisation) for role in Role}
    users[STAFF] = make_user(organisation=organisation)
    passwords = dict.fromkeys(users, DEFAULT_PASSWORD)
    users[OWNER] = user_by_email(OWNER_EMAIL)  # type: ignore[assignment]
    passwords[OWNER] = next(a.password for a in ACCOUNTS if a.email == OWNER_EMAIL)
    identities = {}
    for name in IDENTITIES:
        browser = Browser(app)
        if name != ANONYMOUS:
            browser.login(users[name].email, passwords[name])
        token = browser.csrf_token("/")
        cookie = browser.client.get_cookie(COOKIE)
        assert cookie is not None, name
        identities[name] = Identity(name, cookie.value, token)
    return identities
