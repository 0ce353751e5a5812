"""Optimistic locking: two people editing one section never silently overwrite each other."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.dpia.models import Dpia, DpiaAnswer
from ethicsdesk.dpia.operations import AnswerInput, SectionConflictError, save_section
from ethicsdesk.extensions import db
from tests.dpia.conftest import signed_in
from tests.dpia.test_editor import section_form, start
from tests.factories import make_user


def stored_text(dpia_id: int, question: str) -> str:
    db.session.expire_all()
    return db.session.scalar(
        sa.select(DpiaAnswer.text).where(
            DpiaAnswer.dpia_id == dpia_id, DpiaAnswer.question_id == question
        )
    )


def test_second_editor_gets_a_conflict_with_the_others_text(app, ai_case, member) -> None:
    dpia = start(member, ai_case)
    other = signed_in(app, Role.DPO)
    mine, theirs = section_form(member, ai_case, "A"), section_form(other, ai_case, "A")
    mine["answer__a1_proposal"] = "Versie van het lid"
    theirs["answer__a1_proposal"] = "Versie van de FG"
    assert member.submit(f"/reviews/{ai_case.id}/dpia/sections/A", mine).status_code == 302
    response = other.submit(f"/reviews/{ai_case.id}/dpia/sections/A", theirs)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Iemand anders heeft deze sectie intussen opgeslagen" in html
    assert "Versie van het lid" in html  # the other's text is shown
    assert "Versie van de FG" in html  # and their own text is still in the form
    assert stored_text(dpia.id, "a1_proposal") == "Versie van het lid"  # nothing overwritten
    # saving again from the conflict page (it carries the new version) is a deliberate choice
    theirs["version"] = "1"
    assert other.submit(f"/reviews/{ai_case.id}/dpia/sections/A", theirs).status_code == 302
    assert stored_text(dpia.id, "a1_proposal") == "Versie van de FG"


def test_different_sections_do_not_conflict(app, ai_case, member) -> None:
    start(member, ai_case)
    other = signed_in(app, Role.DPO)
    a, b = section_form(member, ai_case, "A"), section_form(other, ai_case, "B")
    a["answer__a1_proposal"] = "A"
    b["answer__b13_purpose_limitation"] = "Alleen voor het schrijfonderwijs."
    assert member.submit(f"/reviews/{ai_case.id}/dpia/sections/A", a).status_code == 302
    assert other.submit(f"/reviews/{ai_case.id}/dpia/sections/B", b).status_code == 302


def test_truly_concurrent_saves_let_exactly_one_win(app, ai_case, member) -> None:
    """Two threads with their own connections race on version 0: one wins, one conflicts."""
    dpia_id = start(member, ai_case).id
    users = [make_user(Role.MEMBER).id, make_user(Role.DPO).id]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(user_id: int, text: str) -> None:
        with app.app_context():
            dpia = db.session.get(Dpia, dpia_id)
            actor = db.session.get(type(member.user), user_id)
            barrier.wait()
            try:
                save_section(dpia, "A", actor, {"a1_proposal": AnswerInput(text=text)}, 0)
                db.session.commit()
                outcomes.append("saved")
            except SectionConflictError:
                db.session.rollback()
                outcomes.append("conflict")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=edit, args=(u, f"text {u}")) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "saved"]
    assert stored_text(dpia_id, "a1_proposal") in {f"text {u}" for u in users}


def test_stale_version_raises_at_operation_level(app, ai_case, member) -> None:
    dpia = start(member, ai_case)
    actor = make_user(Role.MEMBER)
    save_section(dpia, "A", actor, {"a1_proposal": AnswerInput(text="one")}, 0)
    db.session.commit()
    with pytest.raises(SectionConflictError) as caught:
        save_section(dpia, "A", actor, {"a1_proposal": AnswerInput(text="two")}, 0)
    assert caught.value.theirs["a1_proposal"].text == "one"
    assert caught.value.version == 1
