"""Every bundled question set loads, is complete in both languages and follows the conventions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compass import (
    DEFAULT_SET_ID,
    NOT_APPLICABLE,
    QUESTION_TYPES,
    UNKNOWN,
    QuestionSet,
    available_sets,
    check_sets,
    load_question_set,
)
from compass._text import messages
from compass.loading import SETS_DIR

SETS = available_sets()
URN = re.compile(
    r"^urn:ethicsdesk:compass:(?P<set>[a-z_]+):(?P<kind>value|question):(?P<id>[a-z_]+)$"
)


def test_the_three_bundled_sets_are_available_default_first() -> None:
    assert SETS[0] == DEFAULT_SET_ID == "association"
    assert set(SETS) == {"association", "waardenwijzer", "iama_quickscan"}


@pytest.mark.parametrize("set_id", SETS)
def test_every_set_loads_with_sources_licence_and_both_languages(set_id: str) -> None:
    qs = load_question_set(set_id)
    assert qs.id == set_id
    assert re.match(r"^\d+\.\d+\.\d+$", qs.version)
    assert qs.licence.startswith("EUPL-1.2")
    assert qs.sources
    assert all(source.licence and source.used_for for source in qs.sources)
    assert all(source.url is None or source.url.startswith("https://") for source in qs.sources)
    assert qs.title.nl != qs.title.en
    assert qs.description.nl
    assert qs.description.en
    assert len(qs.digest) == 64


@pytest.mark.parametrize("set_id", SETS)
def test_urns_follow_the_convention_and_carry_the_id(set_id: str) -> None:
    qs = load_question_set(set_id)
    items = [(v.urn, "value", v.id) for v in qs.all_values] + [
        (q.urn, "question", q.id) for q in qs.questions
    ]
    for urn, kind, ident in items:
        match = URN.match(urn)
        assert match, urn
        assert (match["set"], match["kind"], match["id"]) == (set_id, kind, ident)


@pytest.mark.parametrize("set_id", SETS)
def test_every_scale_offers_not_applicable_and_unknown(set_id: str) -> None:
    for scale in load_question_set(set_id).scales.values():
        specials = [point.value for point in scale.points if not point.counted]
        assert specials == [NOT_APPLICABLE, UNKNOWN]
        assert scale.numbers == tuple(sorted(scale.numbers))


def test_all_question_types_are_used_by_the_bundled_sets() -> None:
    used = {q.type for set_id in SETS for q in load_question_set(set_id).questions}
    assert used == set(QUESTION_TYPES)


def test_association_set_has_the_strategy_values_and_stakeholders(association: QuestionSet) -> None:
    assert [v.id for v in association.values] == [
        "justice",
        "autonomy",
        "transparency",
        "privacy",
        "equality_inclusion",
        "wellbeing",
        "sustainability",
        "independence",
        "public_values",
    ]
    stakeholders = {s.id: (s.direct, s.vulnerable) for s in association.stakeholders}
    assert stakeholders == {
        "pupils": (True, True),
        "parents": (False, False),
        "teachers": (True, False),
        "school_organisation": (True, False),
        "society_environment": (False, False),
        "vendor": (True, False),
    }
    effects = [q for q in association.questions if q.type == "stakeholder_effect"]
    assert [q.values for q in effects] == [(v.id,) for v in association.values]
    for question in effects:
        assert question.stakeholders == tuple(stakeholders)
        assert question.scale
        assert question.scale.numbers == (-2, -1, 0, 1, 2)
        assert question.likelihood_scale
        assert len(question.likelihood_scale.numbers) == 4
        assert question.requires_note


def test_waardenwijzer_walks_the_three_stages_with_three_core_values() -> None:
    qs = load_question_set("waardenwijzer")
    assert [v.id for v in qs.values] == ["justice", "humanity", "autonomy"]
    assert [len(v.subvalues) for v in qs.values] == [3, 2, 3]
    assert [s.id for s in qs.sections] == [
        "technology_in_context",
        "actors_effects_values",
        "options_for_action",
    ]
    kinds = [q.option_kind for q in qs.questions if q.type == "option"]
    assert kinds == ["technology", "context", "user"]


def test_iama_quickscan_is_mostly_open_argued_answers() -> None:
    qs = load_question_set("iama_quickscan")
    assert [s.id for s in qs.sections] == ["why", "what_data", "what_algorithm", "how", "rights"]
    types = [q.type for q in qs.questions]
    assert types.count("open_text") > len(types) / 2
    assert 2 <= types.count("choice") <= 4


def test_check_sets_summarises_every_set() -> None:
    summaries = {s.id: s for s in check_sets()}
    assert set(summaries) == set(SETS)
    assert (summaries["association"].values, summaries["association"].questions) == (18, 17)


def test_loading_is_cached() -> None:
    assert load_question_set("association") is load_question_set("association")


def test_check_sets_on_an_empty_directory_fails(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no question sets found"):
        check_sets(tmp_path)


def test_library_texts_load_and_declare_their_placeholders() -> None:
    texts = messages()
    assert {
        "agenda.item",
        "conditions.unmitigated",
        "graph.title",
        "portfolio.combined_data",
    } <= set(texts)
    assert all(text.nl and text.en for text in texts.values())


def test_no_third_party_question_texts_are_bundled() -> None:
    """Our sets name their sources but carry only our own texts (DEDA is CC BY-NC-SA)."""
    bundled = " ".join(path.read_text(encoding="utf-8") for path in SETS_DIR.rglob("*.toml"))
    assert "DEDA" not in bundled
    assert "Utrecht Data School" not in bundled
