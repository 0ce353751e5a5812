"""The value graph as table rows: the text alternative of the SVG, in the same effect order."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from compass._text import DASH, check_lang, format_percent, message
from compass.graph.layout import column_order
from compass.graph.model import (
    AFFECTS,
    CASE_NODE,
    DEMOTES,
    MITIGATES,
    PROMOTES,
    in_edges,
    label,
    out_edges,
)


@dataclass(frozen=True, slots=True)
class GraphTableRow:
    """One effect on one stakeholder and one value, as text."""

    stakeholder: str
    effect: str
    value: str
    sign: str
    likelihood: str
    severity: str
    mitigated_by: str


@dataclass(frozen=True, slots=True)
class GraphTable:
    """The graph as an accessible table (the text alternative of the SVG)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[GraphTableRow, ...]


def graph_table(graph: nx.MultiDiGraph, lang: str = "nl") -> GraphTable:
    """Rows in the layout's effect order: stakeholder, effect, value, sign, likelihood, severity,
    mitigated by."""
    check_lang(lang)
    keys = ("stakeholder", "effect", "value", "sign", "likelihood", "severity", "mitigated_by")
    rows = []
    for effect in column_order(graph)[1]:
        data = graph.nodes[effect]
        sign = message("graph.sign_positive" if data["sign"] > 0 else "graph.sign_negative").get(
            lang
        )
        likelihood = data.get("likelihood")
        options = sorted(
            (o for o, _ in in_edges(graph, effect, MITIGATES)),
            key=lambda o: (graph.nodes[o]["order"], o),
        )
        mitigated = ", ".join(label(graph, o).get(lang) for o in options) or DASH
        for stakeholder in [s for s, _ in out_edges(graph, effect, AFFECTS)] or [None]:
            for value in [v for v, _ in out_edges(graph, effect, PROMOTES, DEMOTES)] or [None]:
                rows.append(
                    GraphTableRow(
                        label(graph, stakeholder).get(lang) if stakeholder else DASH,
                        label(graph, effect).get(lang),
                        label(graph, value).get(lang) if value else DASH,
                        sign,
                        "?" if likelihood is None else format_percent(likelihood, lang),
                        format_percent(data["severity"], lang),
                        mitigated,
                    )
                )
    return GraphTable(
        caption=message("graph.title").fill(case=label(graph, CASE_NODE)).get(lang),
        header=tuple(message(f"graph.table_{key}").get(lang) for key in keys),
        rows=tuple(rows),
    )
