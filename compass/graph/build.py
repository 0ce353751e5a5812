"""Build the value-impact graph of one case from aggregated compass answers and DPIA input."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from compass._text import Text, in_sentence, message
from compass.aggregation import Aggregation, CellSummary
from compass.errors import InputError
from compass.graph.inputs import GraphInput, graph_input_from_plain
from compass.graph.model import (
    AFFECTS,
    CASE_NODE,
    CAUSES,
    CONDITION,
    DEMOTES,
    EFFECT,
    HAS_EFFECT,
    INCLUDES,
    MITIGATES,
    OPTION,
    PROMOTES,
    REQUIRES,
    STAKEHOLDER,
    VALUE,
    add_node,
    compass_effect_id,
    dpia_effect_id,
    new_graph,
    node_id,
)
from compass.model import QuestionSet


def _add_values(graph: nx.MultiDiGraph, question_set: QuestionSet, used: set[str]) -> None:
    """Top-level values always; sub-values only when an effect touches them (keeps it readable)."""
    for order, value in enumerate(question_set.all_values):
        if value.parent is None or value.id in used:
            add_node(graph, node_id(VALUE, value.id), VALUE, value.name, order, urn=value.urn)
        if value.parent is not None and value.id in used:
            graph.add_edge(node_id(VALUE, value.parent), node_id(VALUE, value.id), key=INCLUDES)


def _add_effect(
    graph: nx.MultiDiGraph,
    effect: str,
    label: Text,
    order: int,
    links: tuple[tuple[str, ...], tuple[str, ...]],
    **attributes: Any,
) -> None:
    """An effect node linked to the case, its stakeholders and (by its sign) its values."""
    add_node(graph, effect, EFFECT, label, order, **attributes)
    graph.add_edge(CASE_NODE, effect, key=HAS_EFFECT)
    stakeholders, values = links
    for stakeholder in stakeholders:
        graph.add_edge(effect, node_id(STAKEHOLDER, stakeholder), key=AFFECTS)
    relation = PROMOTES if attributes["sign"] > 0 else DEMOTES
    for value in values:
        graph.add_edge(effect, node_id(VALUE, value), key=relation, strength=1.0)


def _compass_effect(
    graph: nx.MultiDiGraph, question_set: QuestionSet, cell: CellSummary, order: int
) -> None:
    """A cell with a non-zero median becomes an effect: sign, severity |median|/max, likelihood."""
    median = cell.stats.median or 0.0
    reach = max(abs(point) for point in question_set.scales[cell.scale].numbers)
    sign = 1 if median > 0 else -1
    label = message("effects.positive" if sign > 0 else "effects.negative").fill(
        value=in_sentence(question_set.value(cell.value).name),
        stakeholder=in_sentence(question_set.stakeholder(cell.stakeholder).name),
    )
    _add_effect(
        graph,
        compass_effect_id(cell.value, cell.stakeholder),
        label,
        order,
        ((cell.stakeholder,), (cell.value,)),
        sign=sign,
        severity=round(abs(median) / reach, 6),
        likelihood=None if cell.likelihood_weight is None else round(cell.likelihood_weight, 6),
        source="compass",
        median=median,
        spread=cell.stats.spread,
        count=cell.stats.count,
        flags=list(cell.flags),
    )


def _check_refs(refs: tuple[str, ...], known: set[str], where: str, what: str) -> None:
    """Every reference of the plain input must exist in the graph."""
    for index, ref in enumerate(refs):
        if ref not in known:
            raise InputError(f"{where}[{index}]: unknown {what} {ref!r}")


def _add_input(
    graph: nx.MultiDiGraph, question_set: QuestionSet, extra: GraphInput, cells: set[str]
) -> None:
    """DPIA risks as negative effects, measures as options, conditions requiring options.

    A measure may name a compass cell's effect id that has no effect now (median 0 or no
    answers yet): that link is skipped, so later answers never break a stored measure.
    """
    first = sum(1 for _, kind in graph.nodes(data="kind") if kind == EFFECT)
    stakeholders = {s.id for s in question_set.stakeholders}
    values = {value.id for value in question_set.all_values}
    for index, risk in enumerate(extra.risks):
        _check_refs(risk.stakeholders, stakeholders, f"risks[{index}].stakeholders", "stakeholder")
        _check_refs(risk.values, values, f"risks[{index}].values", "value")
        _add_effect(
            graph,
            dpia_effect_id(risk.id),
            risk.label,
            first + index,
            (risk.stakeholders, risk.values),
            sign=-1,
            severity=risk.severity,
            likelihood=risk.likelihood,
            source="dpia",
        )
    effects = {node for node, kind in graph.nodes(data="kind") if kind == EFFECT}
    for index, measure in enumerate(extra.measures):
        option = node_id(OPTION, measure.id)
        add_node(graph, option, OPTION, measure.label, index, option_kind=measure.kind)
        for relation, refs in ((MITIGATES, measure.mitigates), (CAUSES, measure.causes)):
            targets = tuple(
                ref if ref.startswith(f"{EFFECT}:") else dpia_effect_id(ref) for ref in refs
            )
            _check_refs(targets, effects | cells, f"measures[{index}].{relation}", "effect")
            for target in targets:
                if target in effects:
                    graph.add_edge(option, target, key=relation)
    options = {node_id(OPTION, measure.id) for measure in extra.measures}
    for index, condition in enumerate(extra.conditions):
        node = node_id(CONDITION, condition.id)
        add_node(graph, node, CONDITION, condition.label, index)
        targets = tuple(node_id(OPTION, ref) for ref in condition.options)
        _check_refs(targets, options, f"conditions[{index}].options", "option")
        for target in targets:
            graph.add_edge(node, target, key=REQUIRES)


def build_value_graph(
    question_set: QuestionSet,
    aggregation: Aggregation,
    *,
    case: str,
    title: Text,
    extra: GraphInput | Mapping[str, Any] | None = None,
) -> nx.MultiDiGraph:
    """The case's value-impact graph: compass cells with a non-zero median, plus DPIA input."""
    if not isinstance(extra, GraphInput):
        extra = graph_input_from_plain(extra or {})
    graph = new_graph(
        case,
        title,
        set_id=question_set.id,
        set_version=question_set.version,
        set_digest=question_set.digest,
        vulnerable_weight=question_set.thresholds.vulnerable_weight,
    )
    for order, stakeholder in enumerate(question_set.stakeholders):
        add_node(
            graph,
            node_id(STAKEHOLDER, stakeholder.id),
            STAKEHOLDER,
            stakeholder.name,
            order,
            direct=stakeholder.direct,
            vulnerable=stakeholder.vulnerable,
        )
    cells = [cell for cell in aggregation.cells if cell.stats.median]
    used = {cell.value for cell in cells} | {value for risk in extra.risks for value in risk.values}
    _add_values(graph, question_set, used)
    for order, cell in enumerate(cells):
        _compass_effect(graph, question_set, cell, order)
    possible = {compass_effect_id(cell.value, cell.stakeholder) for cell in aggregation.cells}
    _add_input(graph, question_set, extra, possible)
    return graph
