"""Bulk published advisories: per batch the cases, versions, conditions, publications and index.

Each case is advised and has one signed advisory version (about 3 % have an earlier,
superseded version with the same number), published internal or public, about 1 % retracted.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from ethicsdesk.advisories.models import AdvisoryStatus, Outcome
from ethicsdesk.demo import bulk_texts as texts
from ethicsdesk.demo.bulk import (
    BATCH,
    CHECKED_SHARE,
    FIRST_DAY,
    FOLLOW_UP_SHARE,
    NL_SHARE,
    OUTCOMES,
    PUBLIC_SHARE,
    RETRACTED_SHARE,
    SUPERSEDED_SHARE,
    TABLES,
    BulkReport,
    Product,
    Row,
    Setting,
    allocate_ids,
    between,
    case_row,
    insert,
    moment,
    optional_table,
    pick,
    random_day,
    school_rows,
    weighted,
)  # fmt: skip
from ethicsdesk.extensions import db
from ethicsdesk.publications import search
from ethicsdesk.publications.models import Adherence, Visibility
from ethicsdesk.reviews.models import CaseStatus

CONDITION_COUNTS = {
    Outcome.FAVOURABLE: (0, 0, 1, 2),
    Outcome.FAVOURABLE_WITH_CONDITIONS: (1, 2, 2, 3, 3, 4, 5),
    Outcome.POSTPONED: (0, 1, 2),
    Outcome.UNFAVOURABLE: (0,),
}
CHECK_STATUS = {"met": 55, "open": 30, "not_met": 15}
ADHERENCE = {Adherence.FOLLOWED: 60, Adherence.PARTLY: 25, Adherence.NOT_FOLLOWED: 15}


@dataclass
class Version:
    """One advisory version with everything that hangs from it, ids filled in at insert time."""

    advisory: Row
    conditions: list[Row]
    checks: list[Row | None]
    publication: Row
    values: list[str]
    follow_up: Row | None


@dataclass
class Plan:
    """One advised case and its one or two advisory versions."""

    case: Row
    schools: list[Row]
    versions: list[Version] = field(default_factory=list)


def _conditions_phrase(count: int, lang: str) -> str:
    if lang == "en":
        return "one condition" if count == 1 else f"{count} conditions"
    return "één voorwaarde" if count == 1 else f"{count} voorwaarden"


def _texts(
    rng: random.Random, product: Product, lang: str, outcome: Outcome, conditions: int
) -> tuple[str, str, str]:
    """Title, public summary (3 sentences) and reasons (2 to 5 sentences)."""
    en = lang == "en"
    cat = texts.CATEGORIES[product.category]
    fill = {"product": product.name, "conditions": _conditions_phrase(conditions, lang)}
    title = (f"Advice on {product.name} ({product.vendor})" if en
             else f"Advies over {product.name} ({product.vendor})")  # fmt: skip
    favourable = outcome in (Outcome.FAVOURABLE, Outcome.FAVOURABLE_WITH_CONDITIONS)
    middle = pick(rng, cat.benefits if favourable else cat.risks)[en]
    summary = " ".join((pick(rng, texts.SUMMARY_OPENINGS[outcome.value])[en], middle,
                        pick(rng, texts.SUMMARY_CLOSINGS)[en]))  # fmt: skip
    rest = [pick(rng, cat.risks)[en], texts.REASONS_HOSTING[product.hosting][en]]
    rest += [pair[en] for pair in rng.sample(texts.REASONS_GENERAL, 2)]
    sentences = [pick(rng, cat.benefits)[en], *rng.sample(rest, between(rng, 1, 4))]
    return title, summary.format(**fill), " ".join(sentences).format(**fill)


def _version(
    setting: Setting, rng: random.Random, product: Product, issued: date, number: str,
    version: int, current: bool, word: str | None,
) -> Version:  # fmt: skip
    """An advisory version, its conditions (some checked), publication and values of concern."""
    lang = "nl" if rng.random() < NL_SHARE else "en"
    en = lang == "en"
    outcome = weighted(rng, OUTCOMES)
    picked = rng.sample(texts.CONDITIONS, pick(rng, CONDITION_COUNTS[outcome]))
    title, summary, reasons = _texts(rng, product, lang, outcome, len(picked))
    conditions = [
        {"position": index, "text": text[en], "owner": owner[en], "how_checked": checked[en],
         "due_date": issued + timedelta(days=between(rng, 30, 365))}
        for index, (text, owner, checked) in enumerate(picked)
    ]  # fmt: skip
    checks = [_check(setting, rng, issued) if rng.random() < CHECKED_SHARE else None
              for _condition in conditions]  # fmt: skip
    if word:  # planted for the search tests: in the summary, the reasons or a condition
        where = rng.randrange(3)
        if where == 2 and conditions:
            conditions[0]["text"] += f" {word}."
        elif where == 1:
            reasons += f" {word}."
        else:
            summary += f" {word}."
    signed = moment(issued, rng)
    years = 0.25 if outcome is Outcome.POSTPONED else pick(rng, (1, 1, 2, 3))
    re_evaluation = issued + timedelta(days=int(365 * years) + between(rng, -20, 20))
    advisory = {
        "number": number, "version": version, "supersedes_id": None,
        "status": AdvisoryStatus.SIGNED if current else AdvisoryStatus.SUPERSEDED,
        "lang": lang, "title": title, "outcome": outcome, "reasons": reasons,
        "public_summary": summary, "re_evaluation_date": re_evaluation, "meeting_item_id": None,
        "created_by_id": setting.secretary_id,
        "created_at": signed - timedelta(days=between(rng, 3, 20)),
        "issued_on": issued, "signed_at": signed,
    }  # fmt: skip
    published = min(
        signed + timedelta(days=between(rng, 0, 10), hours=between(rng, 0, 8)), setting.now
    )
    retracted = current and rng.random() < RETRACTED_SHARE
    retracted_at = min(published + timedelta(days=between(rng, 20, 300)), setting.now)
    parts = [title, product.vendor, product.name, summary, reasons]
    publication = {
        "visibility": Visibility.PUBLIC if rng.random() < PUBLIC_SHARE else Visibility.INTERNAL,
        "published_at": published, "published_by_id": setting.secretary_id,
        "superseded": not current,
        "retracted_at": retracted_at if retracted else None,
        "retracted_by_id": setting.secretary_id if retracted else None,
        "retraction_reason": pick(rng, texts.RETRACTION_REASONS) if retracted else None,
        "search_text": _document(parts + [condition["text"] for condition in conditions]),
    }  # fmt: skip
    cat_values = [v for v in texts.CATEGORIES[product.category].values if v in setting.value_ids]
    pool = list(dict.fromkeys(cat_values + rng.sample(setting.value_ids, 2)))
    values = sorted(rng.sample(pool, min(len(pool), pick(rng, (0, 1, 1, 2, 2, 3)))))
    follow_up = None
    if current and (setting.today - issued).days > 180 and rng.random() < FOLLOW_UP_SHARE:
        follow_up = {
            "adherence": weighted(rng, ADHERENCE), "note": pick(rng, texts.FOLLOW_UP_NOTES),
            "recorded_by_id": setting.secretary_id,
            "recorded_at": moment(
                random_day(rng, issued + timedelta(days=180), setting.today), rng),
        }  # fmt: skip
    return Version(advisory, conditions, checks, publication, values, follow_up)


def _document(parts: list[str]) -> str:
    """``search.document(parts)``, sentence by sentence through a cache (same result, faster)."""
    folded = (_folded(sentence) for part in parts for sentence in part.split(". "))
    return " ".join(text for text in folded if text)


@functools.cache
def _folded(sentence: str) -> str:
    return search.document([sentence])


def _check(setting: Setting, rng: random.Random, issued: date) -> Row:
    return {"status": weighted(rng, CHECK_STATUS), "note": pick(rng, texts.CHECK_NOTES),
            "recorded_by_id": setting.secretary_id,
            "recorded_at": moment(random_day(rng, issued, setting.today), rng)}  # fmt: skip


def _number(setting: Setting, year: int) -> str:
    """EC-2024-00042: the year's next sequence number, as advisories.operations numbers them."""
    setting.numbers[year] = setting.numbers.get(year, 0) + 1
    return f"EC-{year}-{setting.numbers[year]:03d}"


def _plan(setting: Setting, rng: random.Random, versions: int, word: str | None) -> Plan:
    product = pick(rng, setting.products)
    if versions == 2:
        first = random_day(rng, FIRST_DAY, setting.today - timedelta(days=400))
        days = [first, min(first + timedelta(days=between(rng, 300, 700)), setting.today)]
    else:
        days = [random_day(rng, FIRST_DAY, setting.today)]
    number = _number(setting, days[0].year)
    created = moment(days[0] - timedelta(days=between(rng, 30, 150)), rng)
    lang = "nl" if rng.random() < NL_SHARE else "en"
    case = case_row(setting, rng, product, lang, CaseStatus.ADVISED, created, moment(days[-1], rng))
    plan = Plan(case, school_rows(setting, rng, 0))
    for index, day in enumerate(days):
        current = index == len(days) - 1
        planted = word if current else None
        plan.versions.append(
            _version(setting, rng, product, day, number, index + 1, current, planted)
        )
    return plan


def _insert(setting: Setting, report: BulkReport, plans: list[Plan]) -> None:
    """Give the batch its ids, wire the foreign keys, and insert table by table."""
    versions = [v for plan in plans for v in plan.versions]
    conditions = [(v, c) for v in versions for c in v.conditions]
    for plan, case_id in zip(plans, allocate_ids(TABLES["cases"], len(plans)), strict=True):
        plan.case["id"] = case_id
        for row in plan.schools:
            row["case_id"] = case_id
        for version in plan.versions:
            version.advisory["case_id"] = case_id
    for version, advisory_id in zip(versions, allocate_ids(TABLES["advisories"], len(versions)),
                                    strict=True):  # fmt: skip
        version.advisory["id"] = version.publication["advisory_id"] = advisory_id
        if version.follow_up:
            version.follow_up["advisory_id"] = advisory_id
        for condition in version.conditions:
            condition["advisory_id"] = advisory_id
    for plan in plans:
        for earlier, later in zip(plan.versions, plan.versions[1:], strict=False):
            later.advisory["supersedes_id"] = earlier.advisory["id"]
    for (_v, condition), condition_id in zip(
        conditions, allocate_ids(TABLES["conditions"], len(conditions)), strict=True
    ):
        condition["id"] = condition_id
    for version, publication_id in zip(
        versions, allocate_ids(TABLES["publications"], len(versions)), strict=True
    ):
        version.publication["id"] = publication_id
    insert(TABLES["cases"], [plan.case for plan in plans])
    insert(TABLES["case_schools"], [row for plan in plans for row in plan.schools])
    insert(
        TABLES["advisories"], [v.advisory for v in versions if v.advisory["supersedes_id"] is None]
    )
    insert(TABLES["advisories"], [v.advisory for v in versions if v.advisory["supersedes_id"]])
    insert(TABLES["conditions"], [condition for _v, condition in conditions])
    insert(TABLES["publications"], [v.publication for v in versions])
    insert(TABLES["follow_ups"], [v.follow_up for v in versions if v.follow_up])
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            sa.text("INSERT INTO publication_fts (rowid, document) VALUES (:id, :doc)"),
            [{"id": v.publication["id"], "doc": v.publication["search_text"]} for v in versions],
        )
    _insert_optional(report, versions)


def _insert_optional(report: BulkReport, versions: list[Version]) -> None:
    """Values of concern and condition checks, when the schema has their tables."""
    values_table = optional_table("publication_values")
    if values_table is not None:
        rows = [{"publication_id": v.publication["id"], "value_id": value}
                for v in versions for value in v.values]  # fmt: skip
        insert(values_table, rows)
        report.values += len(rows)
    checks_table = optional_table("condition_checks")
    if checks_table is not None:
        rows = [{**check, "condition_id": condition["id"]}
                for v in versions for condition, check in zip(v.conditions, v.checks, strict=True)
                if check]  # fmt: skip
        insert(checks_table, rows)
        report.condition_checks += len(rows)


def _count(report: BulkReport, plans: list[Plan]) -> None:
    for plan in plans:
        current = plan.versions[-1]
        report.advisories += len(plan.versions)
        report.publications += len(plan.versions)
        report.superseded += len(plan.versions) - 1
        report.current += 1
        report.retracted += current.publication["retracted_at"] is not None
        report.conditions += sum(len(v.conditions) for v in plan.versions)
        report.by_outcome[current.advisory["outcome"].value] += 1
        report.by_category[plan.case["category"]] += 1
        report.by_value.update(current.values)


def add_advisories(
    setting: Setting, report: BulkReport, count: int, seed: int, plant: tuple[str, int] | None,
    checkpoint: Callable[[], None], progress: Callable[[str, int], None],
) -> None:  # fmt: skip
    """Add ``count`` advisory versions (publications) in batches of about BATCH."""
    rng = random.Random(f"{seed}:advisories")  # noqa: S311 - demo data, not secrets
    word, planted = (plant[0], plant[1]) if plant else (None, 0)
    if planted > count // 2:
        raise ValueError("plant at most half as many advisories as are generated")
    targets = set(rng.sample(range(count // 2), planted))
    done = cases = 0
    while done < count:
        plans: list[Plan] = []
        rows = 0
        while rows < min(BATCH, count - done):
            two = count - done - rows >= 2 and rng.random() < SUPERSEDED_SHARE
            plans.append(_plan(setting, rng, 2 if two else 1, word if cases in targets else None))
            report.planted += cases in targets
            cases += 1
            rows += 1 + two
        _insert(setting, report, plans)
        _count(report, plans)
        done += rows
        checkpoint()
        progress("advisories", done)
