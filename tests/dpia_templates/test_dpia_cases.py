"""Six realistic school requests (cases/*.json) with their full expected screening conclusions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest

from dpia_templates import ScreeningResult, screen, validate_request

LoadCase = Callable[[str], dict[str, Any]]


@dataclass(frozen=True)
class Expected:
    """Everything the screening must conclude for one case."""

    dpia: str
    groups: dict[str, tuple[str, ...]]  # group id -> rule ids that hold, in file order
    reasons: tuple[str, ...]
    ai_class: str
    ai_rules: tuple[str, ...]  # every AI Act finding
    duties: tuple[str, ...]
    flags: tuple[str, ...]
    template: str
    blocking: bool = False


EDPB_PROCTORING = (
    "edpb.c1_evaluation",
    "edpb.c3_systematic_monitoring",
    "edpb.c5_large_scale",
    "edpb.c7_vulnerable_subjects",
    "edpb.c8_innovative_technology",
    "edpb.c9_prevents_right_or_service",
)
AP_PROCTORING = ("ap.observing_behaviour", "ap.camera_surveillance")
HIGH_RISK_DUTIES = ("fria", "high_risk_deployer", "ai_literacy")

CASES: dict[str, Expected] = {
    # 3 schools, 2,400 pupils: large scale (>= 1,000 pupils) + pupils and staff are vulnerable.
    "1_lms": Expected(
        dpia="required",
        groups={
            "ap": (),
            "edpb": ("edpb.c5_large_scale", "edpb.c7_vulnerable_subjects"),
            "avg": (),
        },
        reasons=("edpb.c5_large_scale", "edpb.c7_vulnerable_subjects"),
        ai_class="none",
        ai_rules=(),
        duties=(),
        flags=("flag.kia",),
        template="lms",
    ),
    # Profiling that steers learning: Annex III 3(b), no art. 6(3) exception, FRIA and IAMA.
    "2_adaptive_maths": Expected(
        dpia="required",
        groups={
            "ap": ("ap.profiling", "ap.observing_behaviour"),
            "edpb": (
                "edpb.c1_evaluation",
                "edpb.c6_combining_data",
                "edpb.c7_vulnerable_subjects",
                "edpb.c8_innovative_technology",
            ),
            "avg": (),
        },
        reasons=(
            "ap.profiling",
            "ap.observing_behaviour",
            "edpb.c1_evaluation",
            "edpb.c6_combining_data",
            "edpb.c7_vulnerable_subjects",
            "edpb.c8_innovative_technology",
        ),
        ai_class="high_risk",
        ai_rules=("ai.annex3_3b_learning_outcomes", "ai.art6_3_profiling", "ai.art4_ai_literacy"),
        duties=HIGH_RISK_DUTIES,
        flags=("flag.kia", "flag.iama_fria"),
        template="adaptive_learning",
    ),
    # Prompts are communication content; hosted outside the EEA on SCCs: DTIA.
    "3_generative_writing": Expected(
        dpia="required",
        groups={
            "ap": ("ap.communication_data",),
            "edpb": (
                "edpb.c4_sensitive_data",
                "edpb.c7_vulnerable_subjects",
                "edpb.c8_innovative_technology",
            ),
            "avg": (),
        },
        reasons=(
            "ap.communication_data",
            "edpb.c4_sensitive_data",
            "edpb.c7_vulnerable_subjects",
            "edpb.c8_innovative_technology",
        ),
        ai_class="limited",
        ai_rules=("ai.art50_transparency", "ai.art4_ai_literacy"),
        duties=("transparency", "ai_literacy"),
        flags=(
            "flag.dtia",
            "flag.kia",
            "flag.processor_agreement_missing",
            "flag.privacy_covenant",
        ),
        template="generative_ai",
    ),
    # Webcam proctoring: Annex III 3(d), AP camera surveillance and observing behaviour.
    "4_proctoring": Expected(
        dpia="required",
        groups={"ap": AP_PROCTORING, "edpb": EDPB_PROCTORING, "avg": ()},
        reasons=AP_PROCTORING + EDPB_PROCTORING,
        ai_class="high_risk",
        ai_rules=("ai.annex3_3d_test_monitoring", "ai.art4_ai_literacy"),
        duties=HIGH_RISK_DUTIES,
        flags=("flag.kia", "flag.iama_fria"),
        template="proctoring",
    ),
    # Face recognition at the door (verification, not remote identification of a public area):
    # biometrics is an AP item and art. 9 data on a large scale (art. 35(3)(b)); AI Act minimal.
    "5_face_access": Expected(
        dpia="required",
        groups={
            "ap": ("ap.biometrics",),
            "edpb": (
                "edpb.c4_sensitive_data",
                "edpb.c5_large_scale",
                "edpb.c7_vulnerable_subjects",
                "edpb.c8_innovative_technology",
                "edpb.c9_prevents_right_or_service",
            ),
            "avg": ("avg.art35_3_b",),
        },
        reasons=(
            "ap.biometrics",
            "edpb.c4_sensitive_data",
            "edpb.c5_large_scale",
            "edpb.c7_vulnerable_subjects",
            "edpb.c8_innovative_technology",
            "edpb.c9_prevents_right_or_service",
            "avg.art35_3_b",
        ),
        ai_class="minimal",
        ai_rules=("ai.art4_ai_literacy",),
        duties=("ai_literacy",),
        flags=("flag.kia", "flag.privacy_covenant", "flag.special_categories"),
        template="camera_access_biometrics",
    ),
    # Required, not merely recommended, although 960 pupils stay under the large-scale threshold:
    # messages between school and parents about pupils are communication content, which is both
    # an AP-list item ('communicatiegegevens', decisive on its own) and data of a highly personal
    # nature (EDPB criterion 4); with the pupils as vulnerable data subjects (criterion 7) the EDPB
    # count also reaches two. Without the messaging it would only be recommended (see below).
    "6_parent_app": Expected(
        dpia="required",
        groups={
            "ap": ("ap.communication_data",),
            "edpb": ("edpb.c4_sensitive_data", "edpb.c7_vulnerable_subjects"),
            "avg": (),
        },
        reasons=(
            "ap.communication_data",
            "edpb.c4_sensitive_data",
            "edpb.c7_vulnerable_subjects",
        ),
        ai_class="none",
        ai_rules=(),
        duties=(),
        flags=("flag.kia",),
        template="parent_communication",
    ),
}


def _assert_expected(result: ScreeningResult, expected: Expected) -> None:
    """Compare every part of the conclusion with the expectation."""
    assert result.dpia.conclusion == expected.dpia
    assert {g.group: tuple(f.rule_id for f in g.findings) for g in result.dpia.groups} == (
        expected.groups
    )
    assert result.dpia.rule_ids == expected.reasons
    assert result.ai_act.ai_class == expected.ai_class
    assert tuple(f.rule_id for f in result.ai_act.findings) == expected.ai_rules
    assert tuple(duty.id for duty in result.ai_act.duties) == expected.duties
    assert tuple(f.rule_id for f in result.flags) == expected.flags
    assert result.suggested_template.category == expected.template
    assert result.blocking is expected.blocking
    assert result.unanswered == ()


@pytest.mark.parametrize("name", sorted(CASES))
def test_school_case(load_case: LoadCase, name: str) -> None:
    """The case is a valid request and screens to exactly the expected conclusions."""
    request = load_case(name)
    assert validate_request(request) == []
    result = screen(request)
    _assert_expected(result, CASES[name])
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()


def test_proctoring_with_emotion_recognition_is_prohibited(load_case: LoadCase) -> None:
    """Adding emotion recognition to case 4 makes it a prohibited practice that blocks."""
    request = load_case("4_proctoring")
    request["ai_features"] = [*request["ai_features"], "emotion_recognition"]
    result = screen(request)
    expected = replace(
        CASES["4_proctoring"],
        ai_class="prohibited",
        ai_rules=(
            "ai.art5_1f_emotion_recognition",
            "ai.annex3_3d_test_monitoring",
            "ai.art4_ai_literacy",
        ),
        duties=("prohibition", *HIGH_RISK_DUTIES),
        blocking=True,
    )
    _assert_expected(result, expected)
    assert result.ai_act.rule_ids == ("ai.art5_1f_emotion_recognition",)
    prohibited = result.ai_act.findings[0]
    assert prohibited.reference == "AI Act art. 5(1)(f)"
    assert prohibited.triggers[0].values == ("emotion_recognition",)


def test_parent_app_without_messaging_is_only_recommended(load_case: LoadCase) -> None:
    """Backs the justification of case 6: communication data is what makes it required."""
    request = load_case("6_parent_app")
    request["data_categories"] = ["contact"]
    result = screen(request)
    assert result.dpia.conclusion == "recommended"
    assert result.dpia.rule_ids == ("edpb.c7_vulnerable_subjects",)
