"""Portfolio concentration and non-EU dependency, on a known portfolio and on 10,000 records."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from compass import InputError, analyse_portfolio, portfolio_graph, records_from_plain

ROWS: list[dict[str, Any]] = [
    {
        "id": "1",
        "name": "Leerplatform",
        "vendor": "BigTech",
        "vendor_in_eu": False,
        "vendor_country": "US",
        "data_categories": ["learning_results", "behaviour_attention", "contact", "communication"],
        "pupil_count": 600,
        "category": "lms",
    },
    {
        "id": "2",
        "name": "Rekenapp",
        "vendor": "EduNL",
        "vendor_in_eu": True,
        "data_categories": ["learning_results"],
        "pupil_count": 300,
        "category": "practice",
    },
    {
        "id": "3",
        "name": "Zorgdossier",
        "vendor": "BigTech",
        "vendor_in_eu": False,
        "data_categories": ["health_care"],
        "pupil_count": 100,
        "category": "care",
    },
    {
        "id": "4",
        "name": "Roosters",
        "vendor": "PlanBV",
        "vendor_in_eu": True,
        "data_categories": ["contact"],
        "pupil_count": 0,
        "category": "admin",
    },
]


def test_known_portfolio_measures() -> None:
    result = analyse_portfolio(records_from_plain(ROWS))
    assert (result.technologies, result.total_pupils, result.learning_pupils) == (4, 1000, 900)
    assert (result.largest_learning_vendor, result.largest_learning_share) == ("BigTech", 0.666667)
    assert result.hhi == 70**2 + 30**2  # shares of all use: 70% and 30% (and 0%)
    assert result.learning_hhi == pytest.approx((200 / 3) ** 2 + (100 / 3) ** 2, abs=0.1)
    assert (result.non_eu_share, result.non_eu_learning_share, result.non_eu_vendors) == (
        0.7,
        0.666667,
        ("BigTech",),
    )
    big = result.vendors[0]
    assert (big.vendor, big.technologies, big.pupils, big.in_eu) == ("BigTech", 2, 700, False)
    assert big.data_categories == (
        "behaviour_attention",
        "communication",
        "contact",
        "health_care",
        "learning_results",
    )


def test_concerns_are_ranked_with_texts() -> None:
    concerns = analyse_portfolio(records_from_plain(ROWS)).concerns
    assert [(c.code, c.vendor, c.score) for c in concerns] == [
        ("non_eu_sensitive", "BigTech", 0.775),  # 0.25 + 0.75 x 70%
        ("combined_data", "BigTech", 0.7),  # ties sort by code
        ("non_eu_dependency", None, 0.7),
        ("learning_concentration", "BigTech", 0.666667),
        ("concentration_index", None, 0.55556),  # HHI 5555.6 / 10,000
    ]
    texts = {c.code: c.text for c in concerns}
    assert (
        texts["learning_concentration"].nl
        == "BigTech verwerkt 67% van alle leergegevens van leerlingen (resultaten en leergedrag)."
    )
    assert (
        texts["concentration_index"].en
        == "Learning data are highly concentrated with few vendors (HHI 5556 of 10,000)."
    )
    assert (
        texts["non_eu_sensitive"].en
        == "BigTech (outside the EU) processes sensitive data: health_care."
    )


def test_graph_links_vendor_technology_and_data() -> None:
    graph = portfolio_graph(records_from_plain(ROWS))
    assert set(graph["vendor:BigTech"]) == {"technology:1", "technology:3"}
    assert "data:health_care" in graph["technology:3"]
    assert graph.nodes["vendor:BigTech"]["in_eu"] is False


def test_empty_portfolio() -> None:
    result = analyse_portfolio([])
    assert (result.hhi, result.largest_learning_vendor, result.concerns) == (0.0, None, ())


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"pupil_count": -1}, "pupil_count"),
        ({"pupil_count": True}, "pupil_count"),
        ({"vendor_in_eu": "yes"}, "vendor_in_eu"),
        ({"data_categories": "contact"}, "data_categories"),
        ({"vendor": ""}, "non-empty texts"),
    ],
)
def test_bad_records_are_refused(change: dict[str, Any], problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        records_from_plain([{**ROWS[0], **change}])


def test_ten_thousand_records_in_well_under_two_seconds() -> None:
    rng = random.Random(10_000)
    vendors = [(f"vendor {i}", rng.random() < 0.7) for i in range(400)]
    categories = [
        "contact",
        "learning_results",
        "behaviour_attention",
        "health_care",
        "communication",
        "location",
    ]
    rows = []
    for i in range(10_000):
        vendor, eu = vendors[rng.randrange(5)] if rng.random() < 0.5 else rng.choice(vendors)
        rows.append(
            {
                "id": str(i),
                "name": f"product {i}",
                "vendor": vendor,
                "vendor_in_eu": eu,
                "data_categories": rng.sample(categories, rng.randint(0, 3)),
                "pupil_count": rng.randint(0, 3000),
                "category": "lms",
            }
        )
    started = time.perf_counter()
    result = analyse_portfolio(records_from_plain(rows))
    elapsed = time.perf_counter() - started
    print(f"\nportfolio of 10,000 records: {elapsed * 1000:.0f} ms")  # noqa: T201 - asked for
    assert result.technologies == 10_000
    assert len(result.vendors) == 400
