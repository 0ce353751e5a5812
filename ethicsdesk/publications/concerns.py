"""Values of concern: the compass values a signed advisory's frozen assessment flags as harmed.

A value (its id in the question set, a sub-value included) is *of concern* when the advisory's
frozen content shows at least one of:

1. **strong harm** — a heat-map cell of the value has the tone ``negative_strong``: the members'
   median is at or below -62.5 % of the scale's reach (the heat map's darkest harm colour);
2. **unmitigated harm** — in the value-impact graph a negative effect (a compass cell with a
   negative median, or a DPIA risk naming the value) demotes the value and no measure mitigates
   it (``compass.graph.unmitigated_harms``, the graph's candidate conditions);
3. **net harm** — the value's net impact in the graph is negative
   (``compass.graph.net_impact_by_value``, which counts what its sub-values receive).

A sub-value of concern makes its parent value (the graph's ``includes`` edge) of concern too, so
filtering on a value also finds advisories where only a part of it was harmed. An advisory
without a compass comparison has no values of concern. Scores advise; people decide: the list
helps staff find advisories, it is not a verdict.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import networkx as nx

from compass import available_sets, load_question_set
from compass.graph import graph_from_json, net_impact_by_value, unmitigated_harms

STRONG_HARM_TONE = "negative_strong"
VALUE_PREFIX = "value:"
MAX_VALUE_ID = 60


def values_of_concern(content: dict[str, Any] | None) -> list[str]:
    """Value ids of concern (rules in the module docstring), sorted, from frozen content."""
    content = content or {}
    concern: set[str] = set()
    for cell in (content.get("compass") or {}).get("cells") or ():
        if cell.get("tone") == STRONG_HARM_TONE and cell.get("value"):
            concern.add(str(cell["value"]))
    graph = _graph(content.get("graph"))
    if graph is not None:
        for candidate in unmitigated_harms(graph):
            concern.update(_value_id(node) for node in candidate.values)
        for impact in net_impact_by_value(graph):
            if impact.net < 0:
                concern.add(_value_id(impact.node))
        concern |= _parents(graph, concern)
    return sorted(value for value in concern if value and len(value) <= MAX_VALUE_ID)


def _graph(frozen: Any) -> nx.MultiDiGraph | None:
    """The frozen value graph, or None when there is none or it cannot be read."""
    if not frozen:
        return None
    try:
        return graph_from_json(frozen if isinstance(frozen, str) else json.dumps(frozen))
    except Exception:  # an unreadable graph gives no concerns rather than no publication
        return None


def _value_id(node: str) -> str:
    return node.removeprefix(VALUE_PREFIX)


def _parents(graph: nx.MultiDiGraph, values: set[str]) -> set[str]:
    """Parent values of the given sub-values, by the graph's ``includes`` edges."""
    nodes = {VALUE_PREFIX + value for value in values}
    return {
        _value_id(parent)
        for parent, child, key in graph.edges(keys=True)
        if key == "includes" and child in nodes
    }


@functools.cache
def _all_values() -> tuple[tuple[str, str, str, bool], ...]:
    """(id, Dutch name, English name, is sub-value) of every set's values, first set wins."""
    seen: dict[str, tuple[str, str, str, bool]] = {}
    for set_id in available_sets():
        for value in load_question_set(set_id).all_values:
            if value.id not in seen:
                seen[value.id] = (value.id, value.name.nl, value.name.en, value.parent is not None)
    return tuple(seen.values())


def value_choices(lang: str) -> list[tuple[str, str]]:
    """The compass value list for the catalogue filter, labelled in ``lang``, sub-values marked."""
    return [
        (value_id, ("- " if sub else "") + (en if lang == "en" else nl))
        for value_id, nl, en, sub in _all_values()
    ]


def value_label(value_id: str, lang: str) -> str:
    """A value's name in ``lang``; an unknown id (a retired set) shows as itself."""
    for known, nl, en, _sub in _all_values():
        if known == value_id:
            return en if lang == "en" else nl
    return value_id
