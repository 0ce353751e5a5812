"""Portfolio analysis: which vendors hold which pupils' data across all approved technologies.

Builds a vendor - technology - data category graph and reads concentration and dependency
from it in one pass (linear in records). Pupil counts are pupil-technology uses: a pupil in
three products counts three times, which is what matters for where data ends up.

Concern scores are 0..1 and comparable: a share of pupils' (learning) use, HHI / 10,000, or
for sensitive data outside the EU 0.25 + 0.75 x the vendor's share (never negligible).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from compass._text import Text, format_percent, message
from compass.errors import InputError

LEARNING_CATEGORIES = frozenset({"learning_results", "behaviour_attention"})
SENSITIVE_CATEGORIES = frozenset({"health_care", "special_categories", "biometrics", "national_id"})
RECORD_KEYS = {"id", "name", "vendor", "vendor_in_eu", "data_categories", "pupil_count", "category"}


@dataclass(frozen=True, slots=True)
class TechnologyRecord:
    """One approved technology as the app knows it."""

    id: str
    name: str
    vendor: str
    vendor_in_eu: bool
    data_categories: tuple[str, ...]
    pupil_count: int
    category: str
    vendor_country: str | None = None


@dataclass(frozen=True, slots=True)
class PortfolioThresholds:
    """When a measure becomes a concern (HHI bands as in the 2023 US merger guidelines)."""

    learning_share: float = 0.4
    hhi_moderate: float = 1000.0
    hhi_high: float = 1800.0
    non_eu_share: float = 0.2
    combined_categories: int = 4
    learning_categories: frozenset[str] = field(default=LEARNING_CATEGORIES)
    sensitive_categories: frozenset[str] = field(default=SENSITIVE_CATEGORIES)


@dataclass(frozen=True, slots=True)
class VendorShare:
    """One vendor: its technologies, pupils' use, share of learning data and data categories."""

    vendor: str
    in_eu: bool
    technologies: int
    pupils: int
    learning_pupils: int
    share: float
    learning_share: float
    data_categories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Concern:
    """A ranked portfolio concern with its explanation."""

    code: str
    score: float
    vendor: str | None
    text: Text


@dataclass(frozen=True, slots=True)
class PortfolioAnalysis:
    """Concentration (largest share, HHI) and non-EU dependency, with ranked concerns."""

    technologies: int
    total_pupils: int
    learning_pupils: int
    largest_learning_vendor: str | None
    largest_learning_share: float
    hhi: float
    learning_hhi: float
    non_eu_share: float
    non_eu_learning_share: float
    non_eu_vendors: tuple[str, ...]
    vendors: tuple[VendorShare, ...]
    concerns: tuple[Concern, ...]


def records_from_plain(rows: Iterable[Mapping[str, Any]]) -> tuple[TechnologyRecord, ...]:
    """Check and convert plain records (vendor_country optional); shape errors raise InputError."""
    records = []
    for index, row in enumerate(rows):
        where = f"records[{index}]"
        if not isinstance(row, Mapping) or RECORD_KEYS - row.keys():
            raise InputError(f"{where}: needs {sorted(RECORD_KEYS)}")
        texts = [row[key] for key in ("id", "name", "vendor", "category")]
        if not all(isinstance(value, str) and value for value in texts):
            raise InputError(f"{where}: id, name, vendor and category must be non-empty texts")
        count, eu, categories = row["pupil_count"], row["vendor_in_eu"], row["data_categories"]
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InputError(f"{where}.pupil_count: must be a whole number >= 0")
        if not isinstance(eu, bool):
            raise InputError(f"{where}.vendor_in_eu: must be true or false")
        if not isinstance(categories, list | tuple) or not all(
            isinstance(c, str) for c in categories
        ):
            raise InputError(f"{where}.data_categories: must be a list of codes")
        country = row.get("vendor_country")
        records.append(
            TechnologyRecord(*texts[:3], eu, tuple(categories), count, texts[3], country)
        )
    return tuple(records)


def portfolio_graph(records: Iterable[TechnologyRecord]) -> nx.Graph:
    """vendor:<name> - technology:<id> - data:<category>, with pupils and EU flags as attributes."""
    graph = nx.Graph()
    for record in records:
        vendor, technology = f"vendor:{record.vendor}", f"technology:{record.id}"
        if vendor not in graph:
            graph.add_node(vendor, kind="vendor", name=record.vendor, in_eu=True)
        graph.nodes[vendor]["in_eu"] &= record.vendor_in_eu
        graph.add_node(
            technology,
            kind="technology",
            name=record.name,
            pupils=record.pupil_count,
            in_eu=record.vendor_in_eu,
            category=record.category,
        )
        graph.add_edge(vendor, technology)
        for category in record.data_categories:
            graph.add_edge(technology, f"data:{category}")
            graph.nodes[f"data:{category}"].update(kind="data", name=category)
    return graph


def _hhi(amounts: Iterable[int], total: int) -> float:
    """Herfindahl-Hirschman index on the 0..10,000 scale (sum of squared percentage shares)."""
    return round(sum((100 * amount / total) ** 2 for amount in amounts), 1) if total else 0.0


@dataclass(frozen=True, slots=True)
class _Tally:
    """What one pass over a vendor's neighbourhood counts."""

    vendor: str
    in_eu: bool
    technologies: int
    pupils: int
    learning_pupils: int
    non_eu_learning: int
    categories: tuple[str, ...]


def _tallies(graph: nx.Graph, learning: frozenset[str]) -> list[_Tally]:
    """Per vendor node: its technologies' pupils, learning-data pupils and data categories."""
    tallies = []
    for node, data in graph.nodes(data=True):
        if data["kind"] != "vendor":
            continue
        pupils = learning_pupils = non_eu_learning = 0
        categories: set[str] = set()
        for technology in graph.adj[node]:
            tech = graph.nodes[technology]
            held = {graph.nodes[c]["name"] for c in graph.adj[technology] if c != node}
            categories |= held
            pupils += tech["pupils"]
            if held & learning:
                learning_pupils += tech["pupils"]
                non_eu_learning += 0 if tech["in_eu"] else tech["pupils"]
        tallies.append(
            _Tally(
                data["name"],
                data["in_eu"],
                len(graph.adj[node]),
                pupils,
                learning_pupils,
                non_eu_learning,
                tuple(sorted(categories)),
            )
        )
    return tallies


def _share(part: int, whole: int) -> float:
    """part / whole rounded for stable output, 0 when there is nothing to share."""
    return round(part / whole, 6) if whole else 0.0


def _concerns(analysis: PortfolioAnalysis, thresholds: PortfolioThresholds) -> tuple[Concern, ...]:
    """The ranked concerns (see the module docstring for the scores)."""
    concerns = []
    largest, share = analysis.largest_learning_vendor, analysis.largest_learning_share
    if largest and share >= thresholds.learning_share:
        text = message("portfolio.learning_concentration").fill(
            vendor=largest, share=format_percent(share, "en")
        )
        concerns.append(Concern("learning_concentration", share, largest, text))
    if analysis.learning_hhi >= thresholds.hhi_moderate:
        high = analysis.learning_hhi >= thresholds.hhi_high
        text = message("portfolio.concentration_index").fill(
            level=message("portfolio.level_high" if high else "portfolio.level_moderate"),
            hhi=round(analysis.learning_hhi),
        )
        score = round(analysis.learning_hhi / 10_000, 6)
        concerns.append(Concern("concentration_index", score, None, text))
    if analysis.non_eu_vendors and analysis.non_eu_share >= thresholds.non_eu_share:
        names = ", ".join(analysis.non_eu_vendors[:3])
        names += ", …" if len(analysis.non_eu_vendors) > 3 else ""
        text = message("portfolio.non_eu_dependency").fill(
            share=format_percent(analysis.non_eu_share, "en"), vendors=names
        )
        concerns.append(Concern("non_eu_dependency", analysis.non_eu_share, None, text))
    for vendor in analysis.vendors:
        sensitive = sorted(set(vendor.data_categories) & thresholds.sensitive_categories)
        if not vendor.in_eu and sensitive:
            text = message("portfolio.non_eu_sensitive").fill(
                vendor=vendor.vendor, categories=", ".join(sensitive)
            )
            score = round(0.25 + 0.75 * vendor.share, 6)
            concerns.append(Concern("non_eu_sensitive", score, vendor.vendor, text))
        if len(vendor.data_categories) >= thresholds.combined_categories:
            text = message("portfolio.combined_data").fill(
                vendor=vendor.vendor,
                count=len(vendor.data_categories),
                technologies=vendor.technologies,
            )
            concerns.append(Concern("combined_data", vendor.share, vendor.vendor, text))
    return tuple(sorted(concerns, key=lambda c: (-c.score, c.code, c.vendor or "")))


def analyse_portfolio(
    records: Iterable[TechnologyRecord], thresholds: PortfolioThresholds | None = None
) -> PortfolioAnalysis:
    """Concentration and dependency of the approved technologies, with ranked concerns."""
    thresholds = thresholds or PortfolioThresholds()
    records = list(records)
    tallies = _tallies(portfolio_graph(records), thresholds.learning_categories)
    total = sum(tally.pupils for tally in tallies)
    learning = sum(tally.learning_pupils for tally in tallies)
    vendors = tuple(
        sorted(
            (
                VendorShare(
                    vendor=t.vendor,
                    in_eu=t.in_eu,
                    technologies=t.technologies,
                    pupils=t.pupils,
                    learning_pupils=t.learning_pupils,
                    share=_share(t.pupils, total),
                    learning_share=_share(t.learning_pupils, learning),
                    data_categories=t.categories,
                )
                for t in tallies
            ),
            key=lambda v: (-v.learning_pupils, -v.pupils, v.vendor),
        )
    )
    largest = vendors[0] if vendors and vendors[0].learning_pupils else None
    by_use = sorted(vendors, key=lambda v: (-v.pupils, v.vendor))
    analysis = PortfolioAnalysis(
        technologies=len(records),
        total_pupils=total,
        learning_pupils=learning,
        largest_learning_vendor=largest.vendor if largest else None,
        largest_learning_share=largest.learning_share if largest else 0.0,
        hhi=_hhi((v.pupils for v in vendors), total),
        learning_hhi=_hhi((v.learning_pupils for v in vendors), learning),
        non_eu_share=_share(sum(r.pupil_count for r in records if not r.vendor_in_eu), total),
        non_eu_learning_share=_share(sum(t.non_eu_learning for t in tallies), learning),
        non_eu_vendors=tuple(v.vendor for v in by_use if not v.in_eu),
        vendors=vendors,
        concerns=(),
    )
    return dataclasses.replace(analysis, concerns=_concerns(analysis, thresholds))
