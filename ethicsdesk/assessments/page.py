"""What the compass overview and questionnaire show, prepared so templates only display it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_login import current_user

from compass import NO_TARGET, QuestionSet, load_question_set
from compass.model import Question
from compass.question_types import answer_targets
from ethicsdesk.assessments import queries
from ethicsdesk.assessments.forms import CompassSectionForm, section_questions
from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers, RoundState
from ethicsdesk.assessments.operations import ANSWERABLE
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.reviews.models import ReviewCase

GRID_TYPES = frozenset({"stakeholder_effect", "value_rating"})


@dataclass(frozen=True)
class Progress:
    """Answered items out of all items (a question, or one per stakeholder or value)."""

    answered: int
    total: int

    @property
    def percent(self) -> int:
        """The share as a whole percentage (the text inside <progress>)."""
        return round(100 * self.answered / self.total) if self.total else 100


def question_set_of(round_: AssessmentRound) -> QuestionSet:
    """The set the round was started with (answers always refer to its URNs)."""
    return load_question_set(round_.set_id)


def progress(
    question_set: QuestionSet, stored: dict[str, Any], section: str | None = None
) -> Progress:
    """How far a member is, for the whole set or one section."""
    answered = total = 0
    for question in question_set.questions:
        if section is not None and question.section != section:
            continue
        for target in answer_targets(question):
            total += 1
            entry = stored.get(question.urn, {}).get(target or NO_TARGET)
            answered += 1 if entry and entry.get("value") not in (None, "", []) else 0
    return Progress(answered, total)


def overview_context(case: ReviewCase, round_: AssessmentRound | None, lang: str) -> dict[str, Any]:
    """The compass page of a case: start, own progress, who is done, the comparison's state."""
    user = current_user._get_current_object()
    can_answer = can(user, Permission.COMPASS_ANSWER, case) and case.status in ANSWERABLE
    context: dict[str, Any] = {
        "case": case,
        "round": round_,
        "can_answer": can_answer,
        "can_open": False,
    }
    if round_ is None:
        return context
    question_set = question_set_of(round_)
    own = queries.own_answers(round_, user) if can(user, Permission.COMPASS_ANSWER) else None
    stored = own.answers if own else {}
    context.update(
        question_set_title=question_set.title.get(lang),
        question_set_description=question_set.description.get(lang),
        set_changed=question_set.digest != round_.set_digest,
        answering=can_answer and round_.state is RoundState.OPEN,
        own=own,
        overall=progress(question_set, stored),
        sections=[
            (s.id, s.title.get(lang), progress(question_set, stored, s.id))
            for s in question_set.sections
        ],
        respondents=queries.respondents(round_),
        can_open=can(user, Permission.COMPASS_COMPARE, case) and not round_.comparison_open,
    )
    return context


@dataclass(frozen=True)
class GridRow:
    """One row of a question's table: the stakeholder or value, and its fields."""

    name: str
    vulnerable: bool
    value: Any
    likelihood: Any
    note: Any


def _question_view(
    question_set: QuestionSet, question: Question, form: CompassSectionForm, lang: str
) -> dict[str, Any]:
    """One question with its fields: a table (a row per stakeholder or value) or single fields."""
    view: dict[str, Any] = {
        "id": question.id,
        "text": question.text.get(lang),
        "guidance": question.guidance.get(lang) if question.guidance else "",
        "grid": question.type in GRID_TYPES,
        "effect": question.type == "stakeholder_effect",
        "requires_note": question.requires_note,
    }
    if view["grid"]:
        rows = []
        for target in answer_targets(question):
            if question.type == "stakeholder_effect":
                stakeholder = question_set.stakeholder(target)
                name, vulnerable = stakeholder.name.get(lang), stakeholder.vulnerable
            else:
                name, vulnerable = question_set.value(target).name.get(lang), False
            rows.append(
                GridRow(
                    name,
                    vulnerable,
                    form.part(question, target, "value"),
                    form.part(question, target, "likelihood"),
                    form.part(question, target, "note"),
                )
            )
        view["rows"] = rows
        view["about"] = [
            (question_set.value(v).name.get(lang), question_set.value(v).description.get(lang))
            for v in question.values
        ]
    else:
        view["value"] = form.part(question, None, "value")
        view["note"] = form.part(question, None, "note")
    return view


def section_context(
    case: ReviewCase,
    round_: AssessmentRound,
    own: MemberAnswers | None,
    section_id: str,
    form: CompassSectionForm,
    lang: str,
) -> dict[str, Any]:
    """The questionnaire page of one section, with navigation and the member's progress."""
    question_set = question_set_of(round_)
    stored = own.answers if own else {}
    ids = [section.id for section in question_set.sections]
    position = ids.index(section_id)
    section = question_set.sections[position]
    return {
        "case": case,
        "round": round_,
        "form": form,
        "section_id": section_id,
        "section_title": section.title.get(lang),
        "section_description": section.description.get(lang) if section.description else "",
        "sections": [(s.id, s.title.get(lang)) for s in question_set.sections],
        "next_section": ids[position + 1] if position + 1 < len(ids) else None,
        "questions": [
            _question_view(question_set, question, form, lang)
            for question in section_questions(question_set, section_id)
        ],
        "overall": progress(question_set, stored),
        "section_progress": progress(question_set, stored, section_id),
        "question_set_title": question_set.title.get(lang),
    }
