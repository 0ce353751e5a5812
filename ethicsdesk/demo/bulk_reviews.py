"""Bulk review cases with a compass round and three to five members' answers each.

Answers have the shape ``assessments.operations.save_answers`` stores (the compass library's
``{urn: {target: {value, likelihood, note}}}``), so comparisons, value graphs and the portfolio
can be computed from the database as for cases filled in through the app.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from compass import load_question_set
from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers, RoundState
from ethicsdesk.demo import bulk_texts as texts
from ethicsdesk.demo.bulk import (
    BATCH,
    SET_ID,
    TABLES,
    BulkReport,
    Row,
    Setting,
    allocate_ids,
    between,
    case_row,
    insert,
    moment,
    pick,
    random_day,
    school_rows,
    weighted,
)  # fmt: skip
from ethicsdesk.reviews.models import CaseStatus

STATUSES = {
    CaseStatus.SUBMITTED: 10, CaseStatus.TRIAGE: 15, CaseStatus.IN_REVIEW: 30,
    CaseStatus.IN_DELIBERATION: 15, CaseStatus.POSTPONED: 10, CaseStatus.ADVISED: 20,
}  # fmt: skip
CLOSED = frozenset({CaseStatus.IN_DELIBERATION, CaseStatus.ADVISED})
STAKEHOLDERS = {"pupils": 40, "teachers": 20, "parents": 15, "school_organisation": 15,
                "society_environment": 10}  # fmt: skip
URN = f"urn:ethicsdesk:compass:{SET_ID}:question:"
ROUNDS, ANSWERS = AssessmentRound.__table__, MemberAnswers.__table__


def _pairs(rng: random.Random, setting: Setting, category: str) -> list[tuple[str, str, int]]:
    """The value x stakeholder cells this case is about, with the committee's central effect."""
    preferred = [v for v in texts.CATEGORIES[category].values if v in setting.value_ids]
    values = list(dict.fromkeys(preferred + rng.sample(setting.value_ids, 3)))
    cells: dict[tuple[str, str], int] = {}
    for _ in range(between(rng, 5, 8)):
        value = pick(rng, values)
        stakeholder = weighted(rng, STAKEHOLDERS)
        cells[(value, stakeholder)] = pick(rng, (-2, -1, -1, 0, 1, 1, 2))
    return [(value, stakeholder, effect) for (value, stakeholder), effect in cells.items()]


def _member_answers(rng: random.Random, pairs: list[tuple[str, str, int]]) -> dict[str, Any]:
    """One member's answers: the central effect give or take one, sometimes 'unknown'."""
    answers: dict[str, Any] = {}
    for value, stakeholder, central in pairs:
        point: int | str = max(-2, min(2, central + pick(rng, (-1, 0, 0, 1))))
        if rng.random() < 0.1:
            point = "unknown"
        entry: dict[str, Any] = {"value": point}
        if isinstance(point, int) and point != 0:
            entry["likelihood"] = between(rng, 1, 4)
            entry["note"] = pick(rng, texts.COMPASS_NOTES[1 if point > 0 else -1])
        answers.setdefault(f"{URN}effect_{value}", {})[stakeholder] = entry
    answers[f"{URN}overall_fit"] = {"": {"value": between(rng, 1, 5)}}
    answers[f"{URN}slow_down"] = {
        "": {"value": pick(rng, ("no", "no", "more_information", "examine_alternative"))}
    }
    if rng.random() < 0.3:
        answers[f"{URN}open_doubts"] = {"": {"value": pick(rng, texts.OPEN_DOUBTS)}}
    if rng.random() < 0.3:
        kind = pick(rng, ("technology", "context", "user"))
        answers[f"{URN}option_{kind}"] = {"": {"value": pick(rng, texts.OPTIONS)}}
    return dict(sorted(answers.items()))


def _review(
    setting: Setting, rng: random.Random, digest: tuple[str, str]
) -> tuple[Row, list[Row], Row, list[Row]]:
    """A case, its schools, its compass round and the members' answer rows."""
    product = pick(rng, setting.products)
    status = weighted(rng, STATUSES)
    created = moment(random_day(rng, setting.today - timedelta(days=730), setting.today), rng)
    changed = min(created + timedelta(days=between(rng, 5, 90)), setting.now)
    case = case_row(setting, rng, product, "nl", status, created, changed)
    opened = min(case["submitted_at"] + timedelta(days=between(rng, 1, 14)), setting.now)
    closed: datetime | None = changed if status in CLOSED else None
    round_ = {
        "set_id": SET_ID, "set_version": digest[0], "set_digest": digest[1],
        "state": RoundState.CLOSED if closed else RoundState.OPEN, "opened_at": opened,
        "opened_by_id": setting.secretary_id, "closed_at": closed, "comparison_opened_at": closed,
        "comparison_opened_by_id": setting.secretary_id if closed else None,
    }  # fmt: skip
    pairs = _pairs(rng, setting, product.category)
    members = rng.sample(setting.member_ids, min(len(setting.member_ids), between(rng, 3, 5)))
    answers = []
    for member in members:
        saved = min(
            opened + timedelta(days=between(rng, 0, 20), hours=between(rng, 0, 9)), setting.now
        )
        done = closed is not None or rng.random() < 0.6
        answers.append({"member_id": member, "answers": _member_answers(rng, pairs),
                        "created_at": opened, "updated_at": saved,
                        "submitted_at": saved if done else None})  # fmt: skip
    return case, school_rows(setting, rng, 0), round_, answers


def add_reviews(
    setting: Setting, report: BulkReport, count: int, seed: int,
    checkpoint: Callable[[], None], progress: Callable[[str, int], None],
) -> None:  # fmt: skip
    """Add ``count`` review cases in various statuses, each with a compass round and answers."""
    rng = random.Random(f"{seed}:reviews")  # noqa: S311 - demo data, not secrets
    question_set = load_question_set(SET_ID)
    digest = (question_set.version, question_set.digest)
    done = 0
    while done < count:
        batch = [_review(setting, rng, digest) for _ in range(min(BATCH, count - done))]
        case_ids = allocate_ids(TABLES["cases"], len(batch))
        round_ids = allocate_ids(ROUNDS, len(batch))
        for (case, schools, round_, answers), case_id, round_id in zip(
            batch, case_ids, round_ids, strict=True
        ):
            case["id"] = round_["case_id"] = case_id
            round_["id"] = round_id
            for row in schools:
                row["case_id"] = case_id
            for row in answers:
                row["round_id"] = round_id
        insert(TABLES["cases"], [case for case, _s, _r, _a in batch])
        insert(TABLES["case_schools"], [row for _c, schools, _r, _a in batch for row in schools])
        insert(ROUNDS, [round_ for _c, _s, round_, _a in batch])
        rows = [row for _c, _s, _r, answers in batch for row in answers]
        insert(ANSWERS, rows)
        report.reviews += len(batch)
        report.answers += len(rows)
        done += len(batch)
        checkpoint()
        progress("reviews", done)
