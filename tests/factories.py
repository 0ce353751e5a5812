"""Factories that build real rows through the domain operations (no ORM mocks)."""

from __future__ import annotations

import itertools
from typing import Any

from ethicsdesk.auth.models import User
from ethicsdesk.auth.operations import create_user
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation
from ethicsdesk.organisations.operations import ensure_organisation
from ethicsdesk.reviews.models import ReviewCase
from ethicsdesk.reviews.operations import RequestData, save_request

DEFAULT_PASSWORD = "correct horse battery staple"
_sequence = itertools.count(1)


def make_organisation(name: str = "Testvereniging") -> Organisation:
    organisation = ensure_organisation(name)
    db.session.commit()
    return organisation


def make_user(
    *roles: Role,
    email: str | None = None,
    name: str | None = None,
    password: str = DEFAULT_PASSWORD,
    locale: str = "nl",
    organisation: Organisation | None = None,
) -> User:
    number = next(_sequence)
    user = create_user(
        organisation or make_organisation(),
        email or f"user{number}@school.example.nl",
        name or f"Test User {number}",
        password,
        roles=roles,
        locale=locale,
    )
    db.session.commit()
    return user


def make_case(requester: User | None = None, **fields: Any) -> ReviewCase:
    requester = requester or make_user(Role.REQUESTER)
    number = next(_sequence)
    submit = fields.pop("submit", True)
    data = RequestData(
        title=fields.pop("title", f"Technologie {number}"),
        vendor=fields.pop("vendor", "Leverancier BV"),
        purpose=fields.pop("purpose", "Leerlingen oefenen thuis met rekenen."),
        **fields,
    )
    case = save_request(None, requester, data, submit=submit)
    db.session.commit()
    return case
