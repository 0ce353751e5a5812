"""Node kinds, relations and id helpers of the value-impact graph (a networkx.MultiDiGraph).

Nodes carry `kind`, `label_nl`, `label_en` and `order` (display order), plus per kind:
stakeholder: direct, vulnerable; value: urn; effect: sign (+1/-1), likelihood and severity
(0..1), source ("compass"/"dpia"); option: option_kind (technology/context/user).
Edges are keyed by their relation, so a pair of nodes has at most one edge per relation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from compass._text import Text

FORMAT = "ethicsdesk-value-graph/1"
CASE, STAKEHOLDER, EFFECT, VALUE, OPTION, CONDITION = (
    "case",
    "stakeholder",
    "effect",
    "value",
    "option",
    "condition",
)
KINDS = (CASE, STAKEHOLDER, EFFECT, VALUE, OPTION, CONDITION)
HAS_EFFECT, AFFECTS, PROMOTES, DEMOTES, INCLUDES, MITIGATES, CAUSES, REQUIRES = (
    "has_effect",  # case -> effect
    "affects",  # effect -> stakeholder
    "promotes",  # effect -> value (positive effect), with strength
    "demotes",  # effect -> value (negative effect), with strength
    "includes",  # value -> sub-value
    "mitigates",  # option -> effect it reduces
    "causes",  # option -> side effect it brings about
    "requires",  # condition -> option it demands
)
CASE_NODE = "case"
PRECAUTION = 1.0


def node_id(kind: str, *parts: str) -> str:
    """A readable, stable node id such as 'value:privacy' or 'effect:compass:privacy:pupils'."""
    return ":".join((kind, *parts))


def compass_effect_id(value: str, stakeholder: str) -> str:
    """The id of the effect node built from one compass cell."""
    return node_id(EFFECT, "compass", value, stakeholder)


def dpia_effect_id(risk: str) -> str:
    """The id of the effect node built from one DPIA risk."""
    return node_id(EFFECT, "dpia", risk)


def new_graph(case: str, title: Text, **attributes: Any) -> nx.MultiDiGraph:
    """An empty value-impact graph with its case node."""
    graph = nx.MultiDiGraph(format=FORMAT, case=case, **attributes)
    graph.add_node(CASE_NODE, kind=CASE, label_nl=title.nl, label_en=title.en, order=0)
    return graph


def add_node(
    graph: nx.MultiDiGraph, node: str, kind: str, label: Text, order: int, **attributes: Any
) -> None:
    """Add a node with its kind, labels and explicit display order (layouts never guess)."""
    graph.add_node(node, kind=kind, label_nl=label.nl, label_en=label.en, order=order, **attributes)


def label(graph: nx.MultiDiGraph, node: str) -> Text:
    """The bilingual label of a node."""
    data = graph.nodes[node]
    return Text(nl=data["label_nl"], en=data["label_en"])


def nodes_of(graph: nx.MultiDiGraph, kind: str) -> list[str]:
    """Nodes of one kind in display order (then id), never in hash or insertion accident order."""
    return sorted(
        (node for node, data in graph.nodes(data=True) if data["kind"] == kind),
        key=lambda node: (graph.nodes[node]["order"], node),
    )


def out_edges(
    graph: nx.MultiDiGraph, node: str, *relations: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(target, data) of a node's outgoing edges with the given relations."""
    for _, target, key, data in graph.out_edges(node, keys=True, data=True):
        if key in relations:
            yield target, data


def in_edges(
    graph: nx.MultiDiGraph, node: str, *relations: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(source, data) of a node's incoming edges with the given relations."""
    for source, _, key, data in graph.in_edges(node, keys=True, data=True):
        if key in relations:
            yield source, data


def weight(graph: nx.MultiDiGraph, effect: str) -> float:
    """How much an effect weighs: severity x likelihood (both 0..1)."""
    data = graph.nodes[effect]
    likelihood = data.get("likelihood")
    return float(data["severity"]) * float(PRECAUTION if likelihood is None else likelihood)
