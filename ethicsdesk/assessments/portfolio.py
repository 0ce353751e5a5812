"""The portfolio page: which vendors hold which pupils' data across the reviewed technologies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import format_decimal, format_percent
from flask_babel import lazy_gettext as _l

from compass import PortfolioThresholds, TechnologyRecord, analyse_portfolio
from dpia_templates import load_vocabulary
from ethicsdesk.assessments.queries import PortfolioCase
from ethicsdesk.core.i18n import pick
from ethicsdesk.reviews.models import ReviewCase

OUTSIDE_EEA = "outside_eea"
UNKNOWN_VENDOR = "?"
TOP_CONCERNS = 10
# the table lists the technologies most pupils use; the analysis always covers every case
TABLE_ROWS = 100
OTHER_CATEGORY = "other"


def vendor_in_eu(case: ReviewCase | PortfolioCase) -> bool:
    """Hosted outside the EEA, or data transferred there: the vendor counts as non-EU."""
    answers = case.answers or {}
    outside = answers.get("hosting") == OUTSIDE_EEA or answers.get("transfers_outside_eea") is True
    return not outside


def technology_record(case: ReviewCase | PortfolioCase) -> TechnologyRecord:
    """One case as the portfolio analysis reads it, from the request's answers."""
    answers = case.answers or {}
    categories = answers.get("data_categories") or []
    pupils = answers.get("pupil_count")
    return TechnologyRecord(
        id=str(case.id),
        name=case.title,
        vendor=case.vendor.strip() or UNKNOWN_VENDOR,
        vendor_in_eu=vendor_in_eu(case),
        data_categories=tuple(str(c) for c in categories if isinstance(c, str)),
        pupil_count=pupils if isinstance(pupils, int) and pupils >= 0 else 0,
        category=case.category or OTHER_CATEGORY,
    )


def _category_label(code: str) -> str:
    """A data category as the request form names it; an unknown code as itself."""
    vocabulary = load_vocabulary()
    try:
        return pick(vocabulary.lists["data_categories"].label_of(code))
    except KeyError:
        return code


def hhi_level(hhi: float) -> Any:
    """The HHI band in words (bands as in the library's thresholds)."""
    thresholds = PortfolioThresholds()
    if hhi >= thresholds.hhi_high:
        return _l("highly concentrated")
    if hhi >= thresholds.hhi_moderate:
        return _l("moderately concentrated")
    return _l("not concentrated")


def _percent(share: float) -> str:
    """A share 0..1 as a whole percentage in the reader's notation."""
    return format_percent(share, "#,##0%")


def portfolio_context(
    cases: Sequence[PortfolioCase], advised_only: bool, lang: str
) -> dict[str, Any]:
    """The analysis across all cases, with readable names, shares and the top concerns."""
    records = [technology_record(case) for case in cases]
    analysis = analyse_portfolio(records)
    vendors = [
        {
            "vendor": v.vendor,
            "in_eu": v.in_eu,
            "technologies": v.technologies,
            "pupils": format_decimal(v.pupils),
            "learning_pupils": format_decimal(v.learning_pupils),
            "share": _percent(v.share),
            "learning_share": _percent(v.learning_share),
            "categories": [_category_label(code) for code in v.data_categories],
        }
        for v in analysis.vendors
    ]
    pairs = list(zip(cases, records, strict=True))
    if len(pairs) > TABLE_ROWS:
        pairs = sorted(pairs, key=lambda pair: -pair[1].pupil_count)[:TABLE_ROWS]
    technologies = [
        {
            "case": case,
            "record": record,
            "categories": [_category_label(code) for code in record.data_categories],
            "pupils": format_decimal(record.pupil_count),
        }
        for case, record in pairs
    ]
    return {
        "advised_only": advised_only,
        "analysis": analysis,
        "vendors": vendors,
        "technologies": technologies,
        "technologies_cut": len(technologies) < len(records),
        "total_pupils": format_decimal(analysis.total_pupils),
        "learning_pupils": format_decimal(analysis.learning_pupils),
        "largest_share": _percent(analysis.largest_learning_share),
        "hhi": format_decimal(round(analysis.hhi)),
        "learning_hhi": format_decimal(round(analysis.learning_hhi)),
        "learning_hhi_level": hhi_level(analysis.learning_hhi),
        "hhi_level": hhi_level(analysis.hhi),
        "non_eu_share": _percent(analysis.non_eu_share),
        "non_eu_learning_share": _percent(analysis.non_eu_learning_share),
        "concerns": [
            (concern.text.get(lang), format_decimal(round(concern.score, 2)))
            for concern in analysis.concerns[:TOP_CONCERNS]
        ],
    }
