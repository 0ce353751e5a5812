"""Load the demo association, its schools, one account per role and example cases (idempotent)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from ethicsdesk.auth.models import User
from ethicsdesk.auth.operations import create_user
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.organisations.operations import ensure_organisation, ensure_school
from ethicsdesk.reviews.models import ReviewCase
from ethicsdesk.reviews.operations import submit_request

ORGANISATION = "Vereniging Voorbeeldscholen"
SCHOOLS = (
    ("Het Baken (vo)", "99XA"),
    ("Basisschool De Wilgenhoek", "99XB"),
    ("Noorderlicht College", "99XC"),
)


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

EXAMPLE_CASES = (
    (
        "ELO Leerplein",
        "Leerplein BV",
        "Een elektronische leeromgeving voor drie scholen: opdrachten, cijfers en feedback.",
    ),
    (
        "RekenRoute adaptief",
        "Adaptief Leren NL",
        "Adaptieve rekenoefeningen met leeranalyses die het niveau van de leerling voorspellen.",
    ),
    (
        "SchrijfMaatje AI",
        "WriteWell Inc.",
        "Generatieve AI-schrijfassistent die leerlingen feedback geeft op hun teksten.",
    ),
    (
        "ToetsWacht online proctoring",
        "ExamGuard Ltd.",
        "Online surveillance bij digitale toetsen thuis via webcam en schermopname.",
    ),
    (
        "Toegangspoort met gezichtsherkenning",
        "SecureGate Systems",
        "Camera's en gezichtsherkenning voor toegang tot het schoolgebouw.",
    ),
    (
        "OuderApp Contact",
        "SchoolConnect",
        "Een app voor berichten tussen school en ouders, met foto's van activiteiten.",
    ),
)


def load_demo_data() -> list[DemoAccount]:
    """Create what is missing and leave what exists alone; returns the demo logins."""
    organisation = ensure_organisation(ORGANISATION)
    schools = [ensure_school(organisation, name, brin) for name, brin in SCHOOLS]
    for index, account in enumerate(ACCOUNTS):
        if user_by_email(account.email) is None:
            create_user(
                organisation,
                account.email,
                account.name,
                account.password,
                roles=account.roles,
                school=schools[index % len(schools)],
            )
    requester = user_by_email(ACCOUNTS[0].email)
    assert isinstance(requester, User)
    for title, vendor, purpose in EXAMPLE_CASES:
        exists = db.session.scalar(sa.select(ReviewCase.id).where(ReviewCase.title == title))
        if exists is None:
            submit_request(requester, title, vendor, purpose)
    return list(ACCOUNTS)
