"""Writes for organisations and schools."""

from __future__ import annotations

from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation, School
from ethicsdesk.organisations.queries import organisation_by_name, school_by_name


def ensure_organisation(name: str) -> Organisation:
    """Return the organisation with this name, creating it when missing (idempotent)."""
    organisation = organisation_by_name(name)
    if organisation is None:
        organisation = Organisation(name=name)
        db.session.add(organisation)
        db.session.flush()
    return organisation


def ensure_school(organisation: Organisation, name: str, brin: str | None = None) -> School:
    """Return the school with this name, creating it when missing (idempotent)."""
    school = school_by_name(organisation, name)
    if school is None:
        school = School(organisation=organisation, name=name, brin=brin)
        db.session.add(school)
        db.session.flush()
    return school
