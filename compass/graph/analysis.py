"""Analyses of a value-impact graph, each one pass over nodes and edges (no path enumeration).

An effect weighs severity x likelihood (unknown likelihood counts as 1, by precaution);
towards a value it is multiplied by the edge's strength.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from compass._text import Text, in_sentence, message
from compass.graph.model import (
    AFFECTS,
    CAUSES,
    DEMOTES,
    EFFECT,
    INCLUDES,
    MITIGATES,
    OPTION,
    PROMOTES,
    STAKEHOLDER,
    VALUE,
    in_edges,
    label,
    nodes_of,
    out_edges,
    weight,
)

DEFAULT_VULNERABLE_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class NetImpact:
    """Sum of weighted positive and negative effects on one value or stakeholder."""

    node: str
    label: Text
    positive: float
    negative: float
    net: float
    effects: int


@dataclass(frozen=True, slots=True)
class Tension:
    """A value that gains for some stakeholders and loses for others ('stakeholders'), or an
    option that strengthens some values and weakens others ('option')."""

    kind: str
    subject: str
    promoted: tuple[str, ...]
    demoted: tuple[str, ...]
    explanation: Text


@dataclass(frozen=True, slots=True)
class CandidateCondition:
    """A negative effect no option mitigates, proposed as a condition for the advisory."""

    effect: str
    label: Text
    stakeholders: tuple[str, ...]
    values: tuple[str, ...]
    priority: float
    text: Text


@dataclass(frozen=True, slots=True)
class StakeholderBurden:
    """How hard a vulnerable stakeholder is hit: weighted harm, benefit and unmitigated harms."""

    stakeholder: str
    label: Text
    harm: float
    benefit: float
    negative_effects: int
    unmitigated: int


def _impact(node: str, graph: nx.MultiDiGraph, contributions: list[float]) -> NetImpact:
    """Fold signed contributions into a NetImpact."""
    positive = round(sum(c for c in contributions if c > 0), 6)
    negative = round(-sum(c for c in contributions if c < 0), 6)
    return NetImpact(
        node,
        label(graph, node),
        positive,
        negative,
        round(positive - negative, 6),
        len(contributions),
    )


def net_impact_by_stakeholder(graph: nx.MultiDiGraph) -> tuple[NetImpact, ...]:
    """Per stakeholder (display order): sign x weight of every effect that affects it."""
    return tuple(
        _impact(
            node,
            graph,
            [
                graph.nodes[effect]["sign"] * weight(graph, effect)
                for effect, _ in in_edges(graph, node, AFFECTS)
            ],
        )
        for node in nodes_of(graph, STAKEHOLDER)
    )


def net_impact_by_value(graph: nx.MultiDiGraph) -> tuple[NetImpact, ...]:
    """Per value (display order), including what its sub-values receive."""
    own: dict[str, list[float]] = {}
    for node in nodes_of(graph, VALUE):
        own[node] = [
            (1 if relation == PROMOTES else -1)
            * weight(graph, effect)
            * float(data.get("strength", 1.0))
            for relation in (PROMOTES, DEMOTES)
            for effect, data in in_edges(graph, node, relation)
        ]
    total: dict[str, list[float]] = {}

    def collect(node: str) -> list[float]:
        if node not in total:
            total[node] = own[node] + [
                c for child, _ in out_edges(graph, node, INCLUDES) for c in collect(child)
            ]
        return total[node]

    return tuple(_impact(node, graph, collect(node)) for node in own)


def _effect_links(
    graph: nx.MultiDiGraph,
) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """Per effect: its stakeholders, and its (value, relation) pairs; one pass over the edges."""
    stakeholders: dict[str, list[str]] = defaultdict(list)
    values: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source, target, key in graph.edges(keys=True):
        if key == AFFECTS:
            stakeholders[source].append(target)
        elif key in (PROMOTES, DEMOTES):
            values[source].append((target, key))
    return stakeholders, values


def _ordered(graph: nx.MultiDiGraph, nodes: set[str]) -> tuple[str, ...]:
    """Nodes in display order."""
    return tuple(sorted(nodes, key=lambda node: (graph.nodes[node]["order"], node)))


def _names(graph: nx.MultiDiGraph, nodes: tuple[str, ...]) -> Text:
    """Labels joined with commas, lower-cased for use inside a sentence."""
    labels = [in_sentence(label(graph, node)) for node in nodes]
    return Text(nl=", ".join(t.nl for t in labels), en=", ".join(t.en for t in labels))


def _is_tension(promoted: set[str], demoted: set[str]) -> bool:
    """Both sides non-empty and not just the same single node on both sides."""
    return bool(promoted and demoted) and not (promoted == demoted and len(promoted) == 1)


def find_tensions(graph: nx.MultiDiGraph) -> tuple[Tension, ...]:
    """Value tensions between stakeholders first (value order), then option tensions."""
    stakeholders, values = _effect_links(graph)
    tensions = []
    for value in nodes_of(graph, VALUE):
        sides: dict[str, set[str]] = {PROMOTES: set(), DEMOTES: set()}
        for relation in (PROMOTES, DEMOTES):
            for effect, _ in in_edges(graph, value, relation):
                sides[relation].update(stakeholders[effect])
        if _is_tension(sides[PROMOTES], sides[DEMOTES]):
            up, down = _ordered(graph, sides[PROMOTES]), _ordered(graph, sides[DEMOTES])
            text = message("tensions.stakeholders").fill(
                value=label(graph, value), promoted=_names(graph, up), demoted=_names(graph, down)
            )
            tensions.append(Tension("stakeholders", value, up, down, text))
    for option in nodes_of(graph, OPTION):
        sides = {PROMOTES: set(), DEMOTES: set()}
        for relation in (MITIGATES, CAUSES):
            for effect, _ in out_edges(graph, option, relation):
                flip = relation == MITIGATES
                for value, direction in values[effect]:
                    if flip:
                        direction = DEMOTES if direction == PROMOTES else PROMOTES
                    sides[direction].add(value)
        if _is_tension(sides[PROMOTES], sides[DEMOTES]):
            up, down = _ordered(graph, sides[PROMOTES]), _ordered(graph, sides[DEMOTES])
            text = message("tensions.option").fill(
                option=label(graph, option), promoted=_names(graph, up), demoted=_names(graph, down)
            )
            tensions.append(Tension("option", option, up, down, text))
    return tuple(tensions)


def _mitigated(graph: nx.MultiDiGraph) -> set[str]:
    """Effects with at least one mitigating option."""
    return {target for _, target, key in graph.edges(keys=True) if key == MITIGATES}


def unmitigated_harms(graph: nx.MultiDiGraph) -> tuple[CandidateCondition, ...]:
    """Negative effects without a mitigating option, as candidate conditions, most urgent first.

    priority = severity x likelihood x (vulnerable weight if any affected group is vulnerable).
    """
    stakeholders, values = _effect_links(graph)
    mitigated = _mitigated(graph)
    boost = float(graph.graph.get("vulnerable_weight", DEFAULT_VULNERABLE_WEIGHT))
    candidates = []
    for effect in nodes_of(graph, EFFECT):
        if graph.nodes[effect]["sign"] >= 0 or effect in mitigated:
            continue
        groups = _ordered(graph, set(stakeholders[effect]))
        touched = _ordered(graph, {value for value, _ in values[effect]})
        vulnerable = any(graph.nodes[node].get("vulnerable") for node in groups)
        priority = round(weight(graph, effect) * (boost if vulnerable else 1.0), 6)
        text = message("conditions.unmitigated").fill(
            effect=label(graph, effect),
            stakeholders=_names(graph, groups),
            values=_names(graph, touched),
        )
        candidates.append(
            CandidateCondition(effect, label(graph, effect), groups, touched, priority, text)
        )
    return tuple(sorted(candidates, key=lambda candidate: -candidate.priority))


def most_affected_vulnerable(graph: nx.MultiDiGraph) -> tuple[StakeholderBurden, ...]:
    """Vulnerable stakeholders with any harm, hardest hit first (harm, then unmitigated harms)."""
    mitigated = _mitigated(graph)
    burdens = []
    for node in nodes_of(graph, STAKEHOLDER):
        if not graph.nodes[node].get("vulnerable"):
            continue
        effects = [effect for effect, _ in in_edges(graph, node, AFFECTS)]
        harms = [effect for effect in effects if graph.nodes[effect]["sign"] < 0]
        if not harms:
            continue
        benefit = sum(
            weight(graph, effect) for effect in effects if graph.nodes[effect]["sign"] > 0
        )
        burdens.append(
            StakeholderBurden(
                node,
                label(graph, node),
                round(sum(weight(graph, effect) for effect in harms), 6),
                round(float(benefit), 6),
                len(harms),
                sum(1 for effect in harms if effect not in mitigated),
            )
        )
    return tuple(sorted(burdens, key=lambda burden: (-burden.harm, -burden.unmitigated)))
