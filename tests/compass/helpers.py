"""Helpers for the compass tests: answer builders, hand-built graphs and SVG checks."""

from __future__ import annotations

import random
import re
from typing import Any
from xml.etree import ElementTree

import networkx as nx

from compass import Answer, QuestionSet, Text
from compass.graph.model import (
    AFFECTS,
    CAUSES,
    DEMOTES,
    EFFECT,
    HAS_EFFECT,
    MITIGATES,
    OPTION,
    PROMOTES,
    STAKEHOLDER,
    VALUE,
    add_node,
    new_graph,
)

URN = "urn:ethicsdesk:compass:association:question:"
SVG = "{http://www.w3.org/2000/svg}"


def effect(member: str, value: str, stakeholder: str, point: int | str, **extra: Any) -> Answer:
    """One association effect answer (question effect_<value>) with a default rationale."""
    return Answer(
        member,
        URN + f"effect_{value}",
        stakeholder,
        point,
        extra.get("likelihood"),
        extra.get("note", "reason"),
    )


def random_answers(question_set: QuestionSet, members: int, seed: int) -> list[Answer]:
    """Every stakeholder_effect cell answered by every member, reproducibly random."""
    rng = random.Random(seed)
    points: list[int | str] = [-2, -1, 0, 1, 2, "unknown", "not_applicable"]
    return [
        Answer(f"m{m}", q.urn, s, rng.choice(points), rng.choice([1, 2, 3, 4]), "why")
        for m in range(members)
        for q in question_set.questions
        if q.type == "stakeholder_effect"
        for s in q.stakeholders
    ]


class GraphMaker:
    """Hand-built value graphs with known answers (no compass set needed)."""

    def __init__(self) -> None:
        self.graph = new_graph("case-1", Text("Casus", "Case"))
        self.counts: dict[str, int] = {}

    def node(self, kind: str, name: str, **attributes: Any) -> str:
        order = self.counts.get(kind, 0)
        self.counts[kind] = order + 1
        node = f"{kind}:{name}"
        add_node(self.graph, node, kind, Text(name, name), order, **attributes)
        return node

    def stakeholder(self, name: str, vulnerable: bool = False) -> str:
        return self.node(STAKEHOLDER, name, direct=True, vulnerable=vulnerable)

    def value(self, name: str) -> str:
        return self.node(VALUE, name, urn=f"urn:test:value:{name}")

    def effect(
        self,
        name: str,
        sign: int,
        stakeholder: str,
        value: str,
        severity: float = 1.0,
        likelihood: float | None = 1.0,
    ) -> str:
        node = self.node(
            EFFECT, name, sign=sign, severity=severity, likelihood=likelihood, source="test"
        )
        self.graph.add_edge("case", node, key=HAS_EFFECT)
        self.graph.add_edge(node, stakeholder, key=AFFECTS)
        self.graph.add_edge(node, value, key=PROMOTES if sign > 0 else DEMOTES, strength=1.0)
        return node

    def option(
        self, name: str, mitigates: tuple[str, ...] = (), causes: tuple[str, ...] = ()
    ) -> str:
        node = self.node(OPTION, name, option_kind="context")
        for target in mitigates:
            self.graph.add_edge(node, target, key=MITIGATES)
        for target in causes:
            self.graph.add_edge(node, target, key=CAUSES)
        return node


def known_graph() -> nx.MultiDiGraph:
    """Exactly two tensions (privacy between groups; option o1) and one unmitigated harm (e3).

    weights (severity x likelihood): e1 0.5 (-), e2 0.5 (+), e3 1.0 (-), e4 0.25 (-)
    """
    g = GraphMaker()
    pupils, teachers, parents = (
        g.stakeholder("pupils", vulnerable=True),
        g.stakeholder("teachers"),
        g.stakeholder("parents"),
    )
    privacy, autonomy, sustainability = (
        g.value("privacy"),
        g.value("autonomy"),
        g.value("sustainability"),
    )
    e1 = g.effect("e1", -1, pupils, privacy, severity=1.0, likelihood=0.5)
    g.effect("e2", 1, teachers, privacy, severity=0.5, likelihood=1.0)
    g.effect("e3", -1, teachers, autonomy, severity=1.0, likelihood=None)
    e4 = g.effect("e4", -1, parents, sustainability, severity=0.5, likelihood=0.5)
    g.option("o1", mitigates=(e1,), causes=(e4,))
    g.option("o2", mitigates=(e4,))
    return g.graph


def parse_svg(svg: str) -> ElementTree.Element:
    """Parse SVG we generated ourselves (trusted input, so plain ElementTree is fine)."""
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output, never user input


def check_accessible_svg(svg: str) -> ElementTree.Element:
    """Well-formed XML with role=img, title and desc first, no style attributes, no script."""
    root = parse_svg(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert [child.tag for child in root[:2]] == [f"{SVG}title", f"{SVG}desc"]
    assert root.get("aria-labelledby", "").split() == [root[0].get("id"), root[1].get("id")]
    assert "style=" not in svg
    assert "<style" not in svg
    assert "<script" not in svg.lower()
    assert not re.search(r"\son[a-z]+=", svg), "no event handler attributes"
    return root
