"""Properties over any mix of answers: aggregation, agenda and heat map never fail."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compass import (
    Answer,
    aggregate,
    deliberation_agenda,
    heat_map_svg,
    load_question_set,
    stats_of,
)
from compass._text import Text
from compass.graph import (
    build_value_graph,
    find_tensions,
    graph_from_json,
    graph_to_json,
    unmitigated_harms,
)
from tests.compass.helpers import parse_svg

QS = load_question_set("association")
URNS = [q.urn for q in QS.questions] + ["urn:not:in:set"]
TARGETS = [s.id for s in QS.stakeholders] + [v.id for v in QS.all_values] + [None, "nobody"]
POINTS: st.SearchStrategy[Any] = st.one_of(
    st.integers(min_value=-3, max_value=6),
    st.sampled_from(["unknown", "not_applicable", "yes", ""]),
    st.none(),
    st.booleans(),
    st.tuples(st.sampled_from(["no", "more_information"])),
)
answers = st.lists(
    st.builds(
        Answer,
        member=st.sampled_from(["a", "b", "c", "d", "e"]),
        question=st.sampled_from(URNS),
        target=st.sampled_from(TARGETS),
        value=POINTS,
        likelihood=st.one_of(st.none(), st.integers(min_value=0, max_value=5), st.just("unknown")),
        note=st.text(max_size=5),
    ),
    max_size=60,
)
SETTINGS = settings(
    max_examples=150, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(answers)
def test_aggregation_agenda_graph_and_heat_map_never_fail(items: list[Answer]) -> None:
    result = aggregate(QS, items)
    agenda = deliberation_agenda(QS, result)
    assert [item.priority for item in agenda] == sorted(
        (item.priority for item in agenda), reverse=True
    )
    assert all(item.priority >= 0 for item in agenda)
    for cell in result.cells:
        stats = cell.stats
        assert stats.count + stats.unknown + stats.not_applicable == len(cell.positions)
        if stats.count:
            assert stats.minimum is not None
            assert stats.maximum is not None
            assert stats.median is not None
            assert stats.minimum <= stats.median <= stats.maximum
            assert 0 <= (stats.iqr or 0) <= stats.maximum - stats.minimum
    parse_svg(heat_map_svg(QS, result))
    graph = build_value_graph(QS, result, case="c", title=Text("c", "c"))
    find_tensions(graph), unmitigated_harms(graph)
    assert graph_to_json(graph_from_json(graph_to_json(graph))) == graph_to_json(graph)


@SETTINGS
@given(
    st.lists(
        st.one_of(st.integers(-2, 2), st.sampled_from(["unknown", "not_applicable"])), max_size=30
    )
)
def test_median_lies_within_the_counted_answers(points: list[int | str]) -> None:
    stats = stats_of(points)
    numbers = [p for p in points if isinstance(p, int)]
    assert stats.count == len(numbers)
    assert stats.unknown + stats.not_applicable + stats.count == len(points)
    if numbers:
        assert min(numbers) <= (stats.median or 0) <= max(numbers)
        assert stats.spread == max(numbers) - min(numbers)
    else:
        assert stats.median is None
        assert stats.spread is None
