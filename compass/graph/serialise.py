"""Freeze a value graph as node-link JSON (stored inside a signed advisory) and read it back."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

EDGES = "edges"


def graph_to_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data with nodes sorted by id and edges by (source, target, key)."""
    data = nx.node_link_data(graph, edges=EDGES)
    data["nodes"] = sorted(data["nodes"], key=lambda node: str(node["id"]))
    data[EDGES] = sorted(
        data[EDGES], key=lambda edge: (str(edge["source"]), str(edge["target"]), str(edge["key"]))
    )
    return data


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    """Canonical JSON: the same graph always gives byte-identical text (so it can be signed)."""
    return json.dumps(
        graph_to_data(graph), sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False
    )


def graph_from_json(text: str) -> nx.MultiDiGraph:
    """Read a frozen graph back as a MultiDiGraph (the inverse of graph_to_json)."""
    graph = nx.node_link_graph(json.loads(text), directed=True, multigraph=True, edges=EDGES)
    if not isinstance(graph, nx.MultiDiGraph):  # pragma: no cover - node_link_graph guarantees it
        raise TypeError("expected a directed multigraph")
    return graph
