"""Load question sets from compass/sets/<id>/ (set.toml + questions.toml), once per process."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from compass._parse_questions import SetContext, parse_questions, parse_sections
from compass._parse_set import (
    parse_header,
    parse_scales,
    parse_stakeholders,
    parse_thresholds,
    parse_values,
)
from compass._toml import located, read_toml
from compass.errors import FieldError, Problem, QuestionSetError
from compass.model import QuestionSet, SetSummary

SETS_DIR = Path(__file__).resolve().parent / "sets"
DEFAULT_SET_ID = "association"
SET_FILE = "set.toml"
QUESTIONS_FILE = "questions.toml"


def available_sets(directory: Path | None = None) -> tuple[str, ...]:
    """Ids of the sets in a directory (folders holding a set.toml), default set first."""
    base = directory or SETS_DIR
    ids = sorted(path.parent.name for path in base.glob(f"*/{SET_FILE}"))
    return tuple(sorted(ids, key=lambda set_id: set_id != DEFAULT_SET_ID))


def _digest(*sources: str) -> str:
    """SHA-256 over the set's file texts: freezes exactly which wording an advisory relied on."""
    hasher = hashlib.sha256()
    for source in sources:
        hasher.update(source.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


@functools.cache
def load_question_set(set_id: str, directory: Path | None = None) -> QuestionSet:
    """Load and check one set; a broken file raises QuestionSetError naming file and field."""
    base = (directory or SETS_DIR) / set_id
    set_path, questions_path = base / SET_FILE, base / QUESTIONS_FILE
    raw, source = read_toml(set_path, QuestionSetError)
    urns: dict[str, str] = {}
    with located(set_path, source, QuestionSetError):
        header = parse_header(raw, set_id)
        values = parse_values(raw["values"], urns)
        stakeholders = parse_stakeholders(raw["stakeholders"])
        scales = parse_scales(raw["scales"])
        thresholds = parse_thresholds(raw.get("thresholds"))
    raw_questions, questions_source = read_toml(questions_path, QuestionSetError)
    with located(questions_path, questions_source, QuestionSetError):
        if set(raw_questions) != {"sections", "questions"}:
            raise FieldError("", "must hold exactly [[sections]] and [[questions]]")
        sections = parse_sections(raw_questions["sections"])
        context = SetContext.of(values, stakeholders, scales)
        questions = parse_questions(raw_questions["questions"], sections, context, urns)
        used = {question.section for question in questions}
        for index, section in enumerate(sections):
            if section.id not in used:
                raise FieldError(
                    f"sections[{index}].id", f"section {section.id!r} has no questions"
                )
    return QuestionSet(
        id=set_id,
        values=values,
        stakeholders=stakeholders,
        scales=scales,
        sections=sections,
        questions=questions,
        thresholds=thresholds,
        digest=_digest(source, questions_source),
        **header,
    )


def check_sets(directory: Path | None = None) -> list[SetSummary]:
    """Load every set in a directory; report all broken sets together, else one summary per set."""
    summaries: list[SetSummary] = []
    problems: list[Problem] = []
    base = directory or SETS_DIR
    for set_id in available_sets(base):
        try:
            summaries.append(load_question_set(set_id, directory).summary())
        except QuestionSetError as exc:
            problems.extend(exc.problems)
    if not summaries and not problems:
        problems.append(Problem(base, "", "no question sets found (folders with a set.toml)"))
    if problems:
        raise QuestionSetError(problems)
    return summaries
