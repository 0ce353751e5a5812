"""The audit trail is append-only in the ORM and in the database, and reads oldest first."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from ethicsdesk.audit.models import AppendOnlyError, AuditAction, AuditEntry
from ethicsdesk.audit.queries import entries_for_case
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.operations import apply_transition
from tests.factories import DEFAULT_PASSWORD, make_case, make_user
from tests.helpers import Browser

REASON = "De leverancier levert eerst de verwerkersovereenkomst aan."


def first_entry() -> AuditEntry:
    """The oldest entry of a freshly submitted case (its "created" line)."""
    make_case()
    return db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id))


def stored(entry_id: int) -> tuple:
    """The entry's columns as the database holds them, bypassing the session's identity map."""
    row = db.session.execute(
        sa.text(
            "SELECT case_id, actor_id, action, from_status, to_status, reason, created_at "
            "FROM audit_entries WHERE id = :id"
        ),
        {"id": entry_id},
    ).one_or_none()
    return tuple(row) if row is not None else None


def entry_count() -> int:
    """All audit entries in the database."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))


# --- the ORM layer -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [("reason", "achteraf verzonnen"), ("to_status", "advised"), ("actor_id", None)],
)
def test_orm_refuses_to_change_an_entry(app, column, value) -> None:
    """Nobody rewrites history through the models, whichever column they try."""
    entry = first_entry()
    original = stored(entry.id)
    setattr(entry, column, value)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    assert stored(entry.id) == original


def test_orm_refuses_to_delete_an_entry(app) -> None:
    """Deleting an entry through the session fails at flush and leaves the row."""
    entry = first_entry()
    original = stored(entry.id)
    db.session.delete(entry)
    with pytest.raises(AppendOnlyError):
        db.session.flush()
    db.session.rollback()
    assert stored(entry.id) == original


def test_orm_still_appends(app) -> None:
    """The guard refuses changes only: recording a new entry keeps working."""
    entry = first_entry()
    count = entry_count()
    db.session.add(AuditEntry(case_id=entry.case_id, action=AuditAction.EDITED, details={}))
    db.session.commit()
    assert entry_count() == count + 1


# --- the database layer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entries SET reason = 'achteraf verzonnen' WHERE id = :id",
        "UPDATE audit_entries SET created_at = created_at WHERE id = :id",
        "DELETE FROM audit_entries WHERE id = :id",
        "DELETE FROM audit_entries",
    ],
)
def test_database_refuses_raw_update_and_delete(app, statement) -> None:
    """Code that goes around the ORM meets the trigger; the row is unchanged afterwards."""
    entry = first_entry()
    original, count = stored(entry.id), entry_count()
    db.session.commit()
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        db.session.execute(sa.text(statement), {"id": entry.id})
    db.session.rollback()
    assert stored(entry.id) == original
    assert entry_count() == count


@pytest.mark.parametrize(
    "statement",
    [
        sa.update(AuditEntry).values(reason="achteraf verzonnen"),
        sa.delete(AuditEntry),
    ],
    ids=["update", "delete"],
)
def test_database_refuses_orm_bulk_statements(app, statement) -> None:
    """Bulk UPDATE/DELETE skip the flush hook, so the trigger is what stops them."""
    entry = first_entry()
    original, count = stored(entry.id), entry_count()
    db.session.commit()
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        db.session.execute(statement, execution_options={"synchronize_session": False})
    db.session.rollback()
    assert stored(entry.id) == original
    assert entry_count() == count


def test_database_refuses_truncate(app) -> None:
    """PostgreSQL only: TRUNCATE must not be a way around the row triggers."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE without WHERE is tested above")
    entry = first_entry()
    count = entry_count()
    db.session.commit()
    with contextlib.suppress(sa.exc.DBAPIError):  # a refusal is the fix; TRUNCATE is transactional
        db.session.execute(sa.text("TRUNCATE audit_entries"))
        db.session.commit()
    db.session.rollback()
    assert entry_count() == count
    assert stored(entry.id) is not None


# --- reading -------------------------------------------------------------------------------------


def test_entries_for_case_are_oldest_first(app) -> None:
    """The history reads chronologically, by time and then by insertion, whatever the ids say."""
    secretary = make_user(Role.SECRETARY)
    case = make_case()
    apply_transition(case, secretary, "start_triage")
    apply_transition(case, secretary, "postpone", REASON)
    backdated = AuditEntry(
        case_id=case.id,
        action=AuditAction.EDITED,
        details={"imported": True},
        created_at=case.created_at - timedelta(days=1),
    )
    db.session.add(backdated)
    other = make_case()
    db.session.commit()

    entries = entries_for_case(case)

    assert entries[0].id == backdated.id
    assert [(e.action, e.from_status, e.to_status) for e in entries[1:]] == [
        (AuditAction.CREATED, None, "draft"),
        (AuditAction.TRANSITION, "draft", "submitted"),
        (AuditAction.TRANSITION, "submitted", "triage"),
        (AuditAction.TRANSITION, "triage", "postponed"),
    ]
    times = [(e.created_at, e.id) for e in entries]
    assert times == sorted(times)
    assert all(e.case_id == case.id for e in entries)
    assert other.id not in {e.case_id for e in entries}


def test_entries_with_the_same_time_keep_insertion_order(app) -> None:
    """Entries written within one clock tick still read in the order they were written."""
    case = make_case()
    moment = case.created_at + timedelta(hours=1)
    for n in range(3):
        entry = AuditEntry(case_id=case.id, action=AuditAction.EDITED, created_at=moment)
        entry.details = {"n": n}
        db.session.add(entry)
        db.session.flush()
    db.session.commit()
    tail = entries_for_case(case)[-3:]
    assert [e.details["n"] for e in tail] == [0, 1, 2]


def test_entries_for_case_filters_by_action(app) -> None:
    """Asking for status changes leaves out creation and edits."""
    case = make_case()
    actions = {e.action for e in entries_for_case(case, (AuditAction.TRANSITION,))}
    assert actions == {AuditAction.TRANSITION}


# --- the case page -------------------------------------------------------------------------------


def test_case_page_shows_history_in_dutch(app) -> None:
    """The committee reads who moved the case where and why, with Dutch status names."""
    secretary = make_user(Role.SECRETARY, name="Sanne Secretaris")
    case = make_case()
    for name, reason in (("start_triage", None), ("start_review", None), ("postpone", REASON)):
        apply_transition(case, secretary, name, reason)
    db.session.commit()
    browser = Browser(app)
    browser.login(secretary.email, DEFAULT_PASSWORD)

    html = browser.get(f"/reviews/{case.id}").get_data(as_text=True)
    history = html[html.index('id="timeline"') :]

    assert "Geschiedenis" in history
    assert "Aanvraag aangemaakt" in history
    for move in (
        "Concept → Ingediend",
        "Ingediend → Triage",
        "Triage → In beoordeling",
        "In beoordeling → Aangehouden",
    ):
        assert f"Status gewijzigd: {move}" in history
    assert f"Reden: {REASON}" in history
    assert "Sanne Secretaris" in history
    for english in ("Submitted", "In review", "Postponed", "Status changed"):
        assert english not in history
    assert history.index("Concept → Ingediend") < history.index("In beoordeling → Aangehouden")
