"""Compass answers: a member's two saves that overlap must not lose one of them.

Each member's answers are one JSON row that ``assessments.operations.save_answers`` merges
one section into. It re-reads the row as committed, locked (``FOR UPDATE`` on PostgreSQL;
SQLite runs one writer at a time), so a request that read the row before another request
committed a different section merges with it instead of writing its stale copy back.
"""

from __future__ import annotations

from compass import load_question_set
from ethicsdesk.assessments import operations, queries
from ethicsdesk.assessments.forms import section_questions
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from tests.assessments.conftest import (
    URN,
    ai_case,
    answer_section,
    effect,
    signed_in,
    start_compass,
)

__all__ = ["ai_case"]


def test_overlapping_saves_of_two_sections_keep_both(app, ai_case) -> None:
    member = signed_in(app, Role.MEMBER)
    start_compass(member, ai_case)
    first = answer_section(member, ai_case, "effects", effect("privacy", "pupils", -1, 3, "VS."))
    assert first.status_code == 302
    # request A (this test's session) has read the member's row and is still working…
    round_ = queries.round_of_case(ai_case)
    user = db.session.merge(member.user)
    row_seen_by_a = queries.own_answers(round_, user)  # held, as a request holds it
    assert f"{URN}effect_privacy" in row_seen_by_a.answers
    # …while request B (another tab, its own session) saves another section and commits
    other = answer_section(
        member, ai_case, "weighing", {"overall_fit-value": "4", "slow_down-value": "no"}
    )
    assert other.status_code == 302
    # A now saves its section and commits
    question_set = load_question_set("association")
    effects = frozenset(q.urn for q in section_questions(question_set, "effects"))
    answers = {f"{URN}effect_privacy": {"pupils": {"value": -2, "likelihood": 4, "note": "VS."}}}
    operations.save_answers(round_, user, question_set, effects, answers)
    db.session.commit()
    db.session.expire_all()
    saved = queries.own_answers(round_, user).answers
    assert saved[f"{URN}effect_privacy"]["pupils"]["value"] == -2
    assert f"{URN}overall_fit" in saved, "B's weighing answers were silently overwritten"
