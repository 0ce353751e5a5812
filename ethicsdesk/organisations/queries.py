"""Lookups for organisations and schools."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation, School


def organisation_by_name(name: str) -> Organisation | None:
    """The organisation with this exact name, if any."""
    return db.session.scalar(sa.select(Organisation).where(Organisation.name == name))


def school_by_name(organisation: Organisation, name: str) -> School | None:
    """A school of this organisation by its exact name, if any."""
    return db.session.scalar(
        sa.select(School).where(School.organisation_id == organisation.id, School.name == name)
    )


def only_organisation() -> Organisation | None:
    """The installation's organisation; one installation serves one association."""
    return db.session.scalar(sa.select(Organisation).order_by(Organisation.id).limit(1))


def schools_of(organisation: Organisation) -> list[School]:
    """The organisation's schools by name."""
    return list(
        db.session.scalars(
            sa.select(School).where(School.organisation_id == organisation.id).order_by(School.name)
        )
    )
