"""How findings combine: DPIA conclusion, AI Act class and duties, template suggestion, unknowns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from dpia_templates import RequestError, RuleSet, ScreeningResult, Text, screen

Screen = Callable[..., ScreeningResult]


@pytest.mark.parametrize(
    ("answers", "edpb_count", "conclusion", "reasons"),
    [
        ({}, 0, "not_required", ()),
        ({"data_subjects": ["pupils"]}, 1, "recommended", ("edpb.c7_vulnerable_subjects",)),
        (
            {"data_subjects": ["pupils"], "combines_data_sources": True},
            2,
            "required",
            ("edpb.c6_combining_data", "edpb.c7_vulnerable_subjects"),
        ),
        # One AP item decides on its own; the single EDPB criterion is not a reason for "required".
        ({"connected_devices": True}, 1, "required", ("ap.internet_of_things",)),
        ({"ai_features": ["automated_decisions"]}, 3, "required", None),
    ],
)
def test_dpia_conclusion_follows_the_prescan_rule(
    screen_answers: Screen,
    answers: dict[str, Any],
    edpb_count: int,
    conclusion: str,
    reasons: tuple[str, ...] | None,
) -> None:
    """>=1 AP item or art. 35(3) case, or >=2 EDPB criteria: required; 1 EDPB: recommended."""
    dpia = screen_answers(**answers).dpia
    assert {g.group: g.count for g in dpia.groups}["edpb"] == edpb_count
    assert dpia.conclusion == conclusion
    if reasons is not None:
        assert dpia.rule_ids == reasons
    assert dpia.rule_ids == tuple(f.rule_id for f in dpia.reasons)
    assert dpia.label.nl
    assert dpia.label.en
    assert dpia.summary
    assert all(text.nl and text.en for text in dpia.summary)


def test_art35_3_case_alone_requires_a_dpia(screen_answers: Screen) -> None:
    """A GDPR art. 35(3) case gives 'required' through its own group."""
    dpia = screen_answers(ai_features=["automated_decisions"]).dpia
    groups = {g.group: g for g in dpia.groups}
    assert groups["avg"].level == "required"
    assert "avg.art35_3_a" in dpia.rule_ids
    assert groups["avg"].summary.en.startswith("1 ")


@pytest.mark.parametrize(
    ("answers", "ai_class", "class_rules", "duties", "blocking"),
    [
        ({}, "none", (), (), False),
        (
            {"ai_features": ["biometric_identification"]},
            "minimal",
            ("ai.art4_ai_literacy",),
            ("ai_literacy",),
            False,
        ),
        (
            {"ai_features": ["generative"]},
            "limited",
            ("ai.art50_transparency",),
            ("transparency", "ai_literacy"),
            False,
        ),
        (
            {"ai_uses": ["assess_education_level"]},
            "high_risk",
            ("ai.annex3_3c_education_level",),
            ("fria", "high_risk_deployer", "ai_literacy"),
            False,
        ),
        (
            {"ai_features": ["generative", "emotion_recognition"]},
            "prohibited",
            ("ai.art5_1f_emotion_recognition",),
            ("prohibition", "transparency", "ai_literacy"),
            True,
        ),
    ],
)
def test_ai_act_class_is_the_most_severe_finding(
    screen_answers: Screen,
    answers: dict[str, Any],
    ai_class: str,
    class_rules: tuple[str, ...],
    duties: tuple[str, ...],
    blocking: bool,
) -> None:
    """Each AI Act class, its deciding rules, its duties and whether it blocks."""
    result = screen_answers(**answers)
    assert result.ai_act.ai_class == ai_class
    assert result.ai_act.rule_ids == class_rules
    assert tuple(duty.id for duty in result.ai_act.duties) == duties
    assert result.ai_act.blocking is blocking
    assert result.blocking is blocking


def test_duty_dates_come_from_the_data(screen_answers: Screen, ruleset: RuleSet) -> None:
    """Art. 5 and art. 4 apply since 2 Feb 2025; the high-risk dates are whatever the TOML says."""
    duties = screen_answers(ai_features=["emotion_recognition", "proctoring"]).ai_act.duties
    dates = {duty.id: duty.applies_from for duty in duties}
    assert dates["prohibition"] == dt.date(2025, 2, 2)
    assert dates["ai_literacy"] == dt.date(2025, 2, 2)
    assert dates["fria"] == ruleset.ai_act.duties["fria"].applies_from
    assert dates["fria"] is not None
    assert dates["fria"] > dt.date(2025, 2, 2)
    fria = next(duty for duty in duties if duty.id == "fria")
    assert fria.reference == "AI Act art. 27"
    assert fria.rule_ids == ("ai.annex3_3d_test_monitoring",)


@pytest.mark.parametrize(
    ("answers", "category", "derived"),
    [
        ({"category": "video_chat"}, "video_chat", False),
        ({"category": "other", "ai_features": ["proctoring", "generative"]}, "proctoring", True),
        (
            {"category": "other", "data_categories": ["biometrics"]},
            "camera_access_biometrics",
            True,
        ),
        ({"category": "other", "ai_features": ["generative"]}, "generative_ai", True),
        (
            {
                "category": "other",
                "data_subjects": ["parents"],
                "data_categories": ["communication"],
            },
            "parent_communication",
            True,
        ),
        ({"category": "other", "data_categories": ["learning_results"]}, "lms", True),
        ({"category": "other"}, "other", False),
        ({"category": None}, "other", False),
    ],
)
def test_suggested_template(
    screen_answers: Screen, answers: dict[str, Any], category: str, derived: bool
) -> None:
    """The chosen category, or for 'other' the first suggestion that holds, else the general one."""
    template = screen_answers(**answers).suggested_template
    assert (template.category, template.derived) == (category, derived)
    assert template.reason.nl
    assert template.reason.en
    if category != "other":
        assert template.name.nl in template.reason.nl
        assert template.name.en in template.reason.en
    assert bool(template.rule_ids) is derived
    assert bool(template.triggers) is derived


def test_empty_request_screens_as_unknown() -> None:
    """Nothing answered: no crash, unknowns are reported and flagged, nothing is assumed."""
    result = screen({})
    assert result.dpia.conclusion == "not_required"
    assert [f.rule_id for f in result.flags] == [
        "flag.hosting_unknown",
        "flag.processor_agreement_missing",
    ]
    assert {"hosting", "pupil_count", "data_categories", "ai_features"} <= set(result.unanswered)
    assert "vendor" not in result.unanswered  # free text that no rule reads


@pytest.mark.parametrize(
    ("request_data", "message"),
    [
        ({"data_categories": ["dna"]}, "$.data_categories: unknown code(s) ['dna']"),
        ({"data_categories": "contact"}, "$.data_categories: must be a list of codes"),
        ({"hosting": "mars"}, "$.hosting: unknown code 'mars'"),
        ({"pupil_count": "many"}, "$.pupil_count: must be a whole number >= 0"),
        ({"pupil_count": -5}, "$.pupil_count: must be a whole number >= 0"),
        ({"aimed_at_minors": "yes"}, "$.aimed_at_minors: must be true or false"),
        ({"schools": ["A", 3]}, "$.schools: must be a list of strings"),
        (["not", "an", "object"], "$: a request must be an object"),
    ],
)
def test_uninterpretable_answers_raise(request_data: Any, message: str) -> None:
    """A wrong type or an unknown code is refused: ignoring it could hide a risk."""
    with pytest.raises(RequestError) as caught:
        screen(request_data)
    assert any(error.startswith(message) for error in caught.value.errors), caught.value.errors


def test_text_fill_uses_the_same_language() -> None:
    """Placeholders take the value in the text's own language."""
    filled = Text("Sjabloon {name} ({count})", "Template {name} ({count})").fill(
        name=Text("ELO", "LMS"), count=2
    )
    assert filled == Text("Sjabloon ELO (2)", "Template LMS (2)")
