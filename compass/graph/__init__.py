"""The value-impact graph: build it from compass answers and DPIA input, analyse, freeze, draw."""

from compass.graph.analysis import (
    CandidateCondition,
    NetImpact,
    StakeholderBurden,
    Tension,
    find_tensions,
    most_affected_vulnerable,
    net_impact_by_stakeholder,
    net_impact_by_value,
    unmitigated_harms,
)
from compass.graph.build import build_value_graph
from compass.graph.inputs import (
    ConditionInput,
    GraphInput,
    MeasureInput,
    RiskInput,
    graph_input_from_plain,
)
from compass.graph.layout import (
    GraphLayout,
    LaidOutEdge,
    LaidOutNode,
    LayoutColumn,
    column_order,
    layout_graph,
)
from compass.graph.model import compass_effect_id, dpia_effect_id, new_graph
from compass.graph.serialise import graph_from_json, graph_to_data, graph_to_json
from compass.graph.svg import graph_svg
from compass.graph.table import GraphTable, GraphTableRow, graph_table

__all__ = [
    "CandidateCondition",
    "ConditionInput",
    "GraphInput",
    "GraphLayout",
    "GraphTable",
    "GraphTableRow",
    "LaidOutEdge",
    "LaidOutNode",
    "LayoutColumn",
    "MeasureInput",
    "NetImpact",
    "RiskInput",
    "StakeholderBurden",
    "Tension",
    "build_value_graph",
    "column_order",
    "compass_effect_id",
    "dpia_effect_id",
    "find_tensions",
    "graph_from_json",
    "graph_input_from_plain",
    "graph_svg",
    "graph_table",
    "graph_to_data",
    "graph_to_json",
    "layout_graph",
    "most_affected_vulnerable",
    "net_impact_by_stakeholder",
    "net_impact_by_value",
    "new_graph",
    "unmitigated_harms",
]
