"""Bulk demo data: many published advisories and compass-assessed reviews, fast and reproducible.

For the catalogue benchmark (issues 7 and 9): ``generate`` adds N published advisories and M
review cases on top of the normal demo data. Rows go in with SQLAlchemy Core executemany in
batches (no ORM object per row); after every batch the caller's ``checkpoint`` runs (the CLI
commits there). The same seed on the same starting database gives the same rows; running it
again adds more (new numbers, new cases). Texts come from ``bulk_texts``. Generated advisories
have no PDF or archive entry and no audit rows; their cases are advised, their earlier versions
superseded, as the app leaves them after signing a new version.
"""

from __future__ import annotations

import random
import re
import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa

from compass import load_question_set
from dpia_templates import load_vocabulary
from ethicsdesk.advisories.models import Advisory, AdvisoryCondition, Outcome
from ethicsdesk.auth.operations import create_user
from ethicsdesk.auth.queries import active_users_with_roles, user_by_email
from ethicsdesk.core.db import utcnow
from ethicsdesk.core.permissions import Role
from ethicsdesk.demo import bulk_texts as texts
from ethicsdesk.demo.operations import ORGANISATION
from ethicsdesk.extensions import db
from ethicsdesk.organisations.operations import ensure_organisation, ensure_school
from ethicsdesk.publications.models import FollowUp, Publication
from ethicsdesk.reviews.models import CaseStatus, ReviewCase, case_schools

BATCH = 2000
VENDOR_COUNT = 300
SCHOOL_COUNT = 40
REQUESTERS = 12
SET_ID = "association"
FIRST_DAY = date(2019, 1, 1)
OUTCOMES = {Outcome.FAVOURABLE: 25, Outcome.FAVOURABLE_WITH_CONDITIONS: 45,
            Outcome.POSTPONED: 10, Outcome.UNFAVOURABLE: 20}  # fmt: skip
HOSTING = {"netherlands": 30, "eea": 40, "outside_eea": 25, "unknown": 5}
NL_SHARE, PUBLIC_SHARE, RETRACTED_SHARE, SUPERSEDED_SHARE = 0.8, 0.6, 0.01, 0.03
CHECKED_SHARE, FOLLOW_UP_SHARE = 0.3, 0.2
Row = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Product:
    """An invented product of an invented vendor, in one technology category."""

    name: str
    vendor: str
    hosting: str
    covenant: bool
    category: str


@dataclass
class Setting:
    """The ids every generated row points at, read or created once before the batches."""

    organisation_id: int
    school_ids: list[int]
    requester_ids: list[int]
    secretary_id: int
    member_ids: list[int]
    value_ids: list[str]
    products: list[Product]
    now: datetime
    today: date
    numbers: dict[int, int] = field(default_factory=dict)  # year -> last sequence number


@dataclass
class BulkReport:
    """What was added, counted while generating (the tests compare it with the catalogue)."""

    advisories: int = 0
    publications: int = 0
    current: int = 0
    superseded: int = 0
    retracted: int = 0
    conditions: int = 0
    condition_checks: int = 0
    values: int = 0
    reviews: int = 0
    answers: int = 0
    planted: int = 0
    by_outcome: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_value: Counter[str] = field(default_factory=Counter)  # when publication_values exists


def _products(rng: random.Random) -> list[Product]:
    """About 300 invented vendors, each with one to three products."""
    categories = list(texts.CATEGORIES)
    names: list[str] = []
    while len(names) < VENDOR_COUNT:
        stem = pick(rng, texts.VENDOR_FIRST) + pick(rng, texts.VENDOR_SECOND)
        name = pick(rng, texts.VENDOR_FORMS).format(stem)
        if name not in names:
            names.append(name)
    products: list[Product] = []
    seen: set[str] = set()
    for vendor in names:
        hosting = weighted(rng, HOSTING)
        covenant = hosting != "outside_eea" and rng.random() < 0.7
        for category in rng.sample(categories, between(rng, 1, 3)):
            cat = texts.CATEGORIES[category]
            name = pick(rng, cat.stems) + pick(rng, texts.PRODUCT_ENDINGS)
            name += pick(rng, texts.PRODUCT_SUFFIXES)
            if name not in seen:
                seen.add(name)
                products.append(Product(name, vendor, hosting, covenant, category))
    return products


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` without its rejection sampling: a third of the cost in the hot loops."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` the same way."""
    return low + int(rng.random() * (high - low + 1))


def weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    """One key, drawn with the given weights."""
    return rng.choices(list(weights), list(weights.values()))[0]


def prepare(seed: int) -> Setting:
    """Schools, requesters and lookups the rows need; call after the normal demo data."""
    organisation = ensure_organisation(ORGANISATION)
    rng = random.Random(f"{seed}:setting")  # noqa: S311 - demo data, not secrets
    for index in range(SCHOOL_COUNT):
        kind = texts.SCHOOL_KINDS[index % len(texts.SCHOOL_KINDS)]
        name = f"{kind} {texts.SCHOOL_NAMES[index % len(texts.SCHOOL_NAMES)]}"
        ensure_school(organisation, f"{name} ({index + 1})", f"98{index:02d}")
    schools = [school.id for school in organisation.schools]
    requesters = []
    for index in range(REQUESTERS):
        email = f"inkoop{index + 1:02d}@bulk.voorbeeld.school"
        user = user_by_email(email) or create_user(
            organisation, email, f"Inkoop {index + 1:02d}", secrets.token_urlsafe(24),
            roles=(Role.REQUESTER,), school=organisation.schools[index % len(schools)],
        )  # fmt: skip
        requesters.append(user.id)
    secretary = user_by_email("secretaris@voorbeeld.school")
    members = [user.id for user in active_users_with_roles(Role.MEMBER)]
    if secretary is None or len(members) < 3:
        raise RuntimeError("load the normal demo data first (it has the committee)")
    question_set = load_question_set(SET_ID)
    db.session.flush()
    now = utcnow()
    setting = Setting(
        organisation.id, schools, requesters, secretary.id, members,
        [value.id for value in question_set.values], _products(rng), now, now.date(),
    )  # fmt: skip
    unknown = set(texts.CATEGORIES) ^ set(load_vocabulary().lists["category"].code_ids)
    if unknown:
        raise RuntimeError(f"bulk_texts categories differ from the vocabulary: {sorted(unknown)}")
    for number in db.session.scalars(sa.select(Advisory.number)):
        if match := re.fullmatch(r"EC-(\d{4})-(\d+)", number):
            year, sequence = int(match.group(1)), int(match.group(2))
            setting.numbers[year] = max(setting.numbers.get(year, 0), sequence)
    return setting


def allocate_ids(table: sa.Table, count: int) -> list[int]:
    """Ids for rows inserted with explicit keys: the sequence on PostgreSQL, max+1 on SQLite."""
    if count == 0:
        return []
    if db.session.get_bind().dialect.name == "postgresql":
        query = sa.text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
        )
        return list(db.session.scalars(query, {"table": table.name, "n": count}))
    start = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))) + 1
    return list(range(start, start + count))


def insert(table: sa.Table, rows: list[Row]) -> None:
    """One executemany of plain rows (Core, no ORM objects)."""
    if rows:
        db.session.execute(sa.insert(table), rows)


def optional_table(name: str) -> sa.Table | None:
    """A table another part of the app may add (values of concern, condition checks)."""
    table = db.metadata.tables.get(name)
    if table is None or not sa.inspect(db.session.connection()).has_table(name):
        return None
    return table


def moment(day: date, rng: random.Random) -> datetime:
    """A working-hours moment on a day, in UTC."""
    return datetime.combine(day, time(between(rng, 8, 16), between(rng, 0, 59)), UTC)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=between(rng, 0, max((last - first).days, 0)))


def request_answers(rng: random.Random, product: Product) -> Row:
    """The request's answers in the shape of request.schema.json (what the portfolio reads)."""
    cat = texts.CATEGORIES[product.category]
    extra = rng.sample(
        ("contact", "learning_results", "location", "communication"), between(rng, 0, 2)
    )
    outside = product.hosting == "outside_eea"
    return {
        "pupil_count": pick(rng, (80, 150, 240, 400, 650, 900, 1400, 2200, 4800, 9000)),
        "staff_count": pick(rng, (12, 25, 40, 80, 150, 400)),
        "age_groups": pick(rng, (["under_16"], ["16_plus"], ["under_16", "16_plus"])),
        "data_subjects": ["pupils", "staff"] + (["parents"] if rng.random() < 0.3 else []),
        "data_categories": sorted(set(cat.data_categories) | set(extra)),
        "ai_features": list(cat.ai_features),
        "hosting": product.hosting,
        "transfers_outside_eea": outside,
        "transfer_mechanism": pick(rng, ("scc", "adequacy")) if outside else "none_needed",
        "processor_agreement": pick(rng, ("signed", "signed", "signed", "in_progress", "none")),
        "privacy_covenant": product.covenant,
        "aimed_at_minors": True,
        "monitors_behaviour": "behaviour_attention" in cat.data_categories,
    }  # fmt: skip


def case_row(
    setting: Setting, rng: random.Random, product: Product, lang: str, status: CaseStatus,
    created: datetime, changed: datetime,
) -> Row:  # fmt: skip
    """A review case row (no screening stored: it is 14 KB of JSON per case)."""
    purpose = pick(rng, texts.CATEGORIES[product.category].purposes)[lang == "en"]
    return {
        "organisation_id": setting.organisation_id,
        "requester_id": pick(rng, setting.requester_ids), "title": product.name,
        "vendor": product.vendor, "purpose": purpose, "category": product.category,
        "desired_decision_date": None, "answers": request_answers(rng, product),
        "screening": None, "screened_at": None, "status": status,
        "status_before_postponement": (
            CaseStatus.IN_REVIEW if status is CaseStatus.POSTPONED else None),
        "awaiting_requester": False, "created_at": created, "updated_at": changed,
        "submitted_at": created + timedelta(days=between(rng, 1, 10)), "status_changed_at": changed,
    }  # fmt: skip


def school_rows(setting: Setting, rng: random.Random, case_id: int) -> list[Row]:
    picked = rng.sample(setting.school_ids, min(len(setting.school_ids), pick(rng, (1, 1, 2, 3))))
    return [{"case_id": case_id, "school_id": school} for school in picked]


def generate(
    advisories: int, reviews: int, seed: int = 2026, *,
    plant: tuple[str, int] | None = None, checkpoint: Callable[[], None] = lambda: None,
    progress: Callable[[str, int], None] = lambda _what, _done: None,
) -> BulkReport:  # fmt: skip
    """Add ``advisories`` published advisory versions and ``reviews`` assessed review cases.

    ``plant=(word, k)`` puts the word into exactly k current advisories (for search tests).
    """
    from ethicsdesk.demo.bulk_advisories import add_advisories
    from ethicsdesk.demo.bulk_reviews import add_reviews

    setting = prepare(seed)
    checkpoint()
    report = BulkReport()
    add_advisories(setting, report, advisories, seed, plant, checkpoint, progress)
    add_reviews(setting, report, reviews, seed, checkpoint, progress)
    if advisories:
        from ethicsdesk.publications.operations import catalogue_changed

        catalogue_changed()  # pages rendered before the load are out of date
        checkpoint()
    # the planner's statistics still describe the tables before the load; on PostgreSQL a
    # search would walk 40,000 rows where the index finds 20 until autovacuum caught up
    db.session.execute(sa.text("ANALYZE"))
    checkpoint()
    return report


TABLES = {
    "cases": ReviewCase.__table__, "case_schools": case_schools,
    "advisories": Advisory.__table__, "conditions": AdvisoryCondition.__table__,
    "publications": Publication.__table__, "follow_ups": FollowUp.__table__,
}  # fmt: skip
