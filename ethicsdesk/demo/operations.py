"""Load the demo association, its schools, one account per role and example cases (idempotent)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from ethicsdesk.auth.models import User
from ethicsdesk.auth.operations import create_user
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.core.permissions import Role
from ethicsdesk.demo.advisory import load_demo_advisory
from ethicsdesk.demo.compass import load_demo_compass
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import School
from ethicsdesk.organisations.operations import ensure_organisation, ensure_school
from ethicsdesk.reviews.models import ReviewCase
from ethicsdesk.reviews.operations import RequestData, apply_transition, post_message, save_request

ORGANISATION = "Vereniging Voorbeeldscholen"
SCHOOLS = (
    ("Het Baken (vo)", "99XA"),
    ("Basisschool De Wilgenhoek", "99XB"),
    ("Noorderlicht College", "99XC"),
)
CASES_DIRECTORY = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class DemoAccount:
    """A demo login, printed for the person trying the app."""

    email: str
    name: str
    roles: tuple[Role, ...]
    password: str


ACCOUNTS = (
    DemoAccount(
        "aanvrager@voorbeeld.school", "Ria Jansen", (Role.REQUESTER,), "demo-aanvrager-2026"
    ),
    DemoAccount("lid@voorbeeld.school", "Mehmet Yilmaz", (Role.MEMBER,), "demo-lid-2026"),
    DemoAccount("lid2@voorbeeld.school", "Priya Sharma", (Role.MEMBER,), "demo-lid2-2026"),
    DemoAccount("lid3@voorbeeld.school", "Johan de Boer", (Role.MEMBER,), "demo-lid3-2026"),
    DemoAccount(
        "secretaris@voorbeeld.school",
        "Sanne de Vries",
        (Role.SECRETARY, Role.MEMBER),
        "demo-secretaris-2026",
    ),
    DemoAccount(
        "voorzitter@voorbeeld.school",
        "Karel Bos",
        (Role.CHAIR, Role.MEMBER),
        "demo-voorzitter-2026",
    ),
    DemoAccount("fg@voorbeeld.school", "Fatima El Amrani", (Role.DPO,), "demo-fg-2026"),
    DemoAccount(
        "coordinator@voorbeeld.school", "Dirk Visser", (Role.COORDINATOR,), "demo-coordinator-2026"
    ),
    DemoAccount("beheer@voorbeeld.school", "Ada Smit", (Role.ADMIN,), "demo-beheer-2026"),
    DemoAccount("docent@voorbeeld.school", "Tom Bakker", (), "demo-docent-2026"),
)

# (case file, schools by index, workflow steps as (transition, reason), committee question)
EXAMPLE_CASES: tuple[tuple[str, tuple[int, ...], tuple[tuple[str, str | None], ...], str], ...] = (
    ("1_lms.json", (0, 1, 2),
     (("submit", None), ("start_triage", None), ("start_review", None),
      ("start_deliberation", None), ("advise", None)), ""),
    ("2_adaptive_maths.json", (1,),
     (("submit", None), ("start_triage", None), ("start_review", None)), ""),
    ("3_generative_writing.json", (0, 2), (("submit", None), ("start_triage", None)),
     "Waar worden de teksten van leerlingen verwerkt, en traint de leverancier er zijn model mee?"),
    ("4_proctoring.json", (2,),
     (("submit", None), ("start_triage", None),
      ("postpone", "Wachten op de verwerkersovereenkomst en een toelichting van de leverancier.")),
     ""),
    ("5_face_access.json", (0,), (("submit", None),), ""),
    ("6_parent_app.json", (1,), (), ""),
)  # fmt: skip


def _ensure_accounts(organisation: object, schools: list[School]) -> None:
    for index, account in enumerate(ACCOUNTS):
        if user_by_email(account.email) is None:
            create_user(
                organisation,  # type: ignore[arg-type]
                account.email,
                account.name,
                account.password,
                roles=account.roles,
                school=schools[index % len(schools)],
            )


def _account(email: str) -> User:
    user = user_by_email(email)
    assert user is not None
    return user


def load_demo_data() -> list[DemoAccount]:
    """Create what is missing and leave what exists alone; returns the demo logins."""
    organisation = ensure_organisation(ORGANISATION)
    schools = [ensure_school(organisation, name, brin) for name, brin in SCHOOLS]
    _ensure_accounts(organisation, schools)
    requester = _account("aanvrager@voorbeeld.school")
    secretary = _account("secretaris@voorbeeld.school")
    for filename, school_indexes, steps, question in EXAMPLE_CASES:
        document = json.loads((CASES_DIRECTORY / filename).read_text(encoding="utf-8"))
        title = document["technology"]
        if db.session.scalar(sa.select(ReviewCase.id).where(ReviewCase.title == title)):
            continue
        data = RequestData.from_document(document, [schools[i] for i in school_indexes])
        case = save_request(None, requester, data)
        for name, reason in steps:
            actor = requester if name == "submit" else secretary
            apply_transition(case, actor, name, reason)
        if question:
            post_message(case, secretary, question)
    load_demo_compass()
    load_demo_advisory()
    return list(ACCOUNTS)
