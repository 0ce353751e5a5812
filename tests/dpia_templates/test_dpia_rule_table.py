"""One row per rule: the answers that make it hold, and answers that must not (edge cases)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dpia_templates import RuleSet, ScreeningResult, Trigger

Screen = Callable[..., ScreeningResult]
DATA = "data_categories"
AI = "ai_features"
USES = "ai_uses"

# (rule id, answers added to the baseline request). Every rule in rules/*.toml needs a row.
POSITIVE: list[tuple[str, dict[str, Any]]] = [
    ("derived.large_scale", {"pupil_count": 1000}),
    ("derived.large_scale", {"staff_count": 250}),
    ("derived.large_scale", {"schools": ["A", "B", "C", "D", "E"]}),
    ("derived.uses_ai", {AI: ["generative"]}),
    ("derived.uses_ai", {USES: ["assess_education_level"]}),
    ("derived.annex3_use", {USES: ["admission_assignment"]}),
    ("derived.annex3_use", {AI: ["proctoring"]}),
    # EDPB WP248 criteria 1-9
    ("edpb.c1_evaluation", {AI: ["profiling_prediction"]}),
    ("edpb.c1_evaluation", {USES: ["evaluate_learning_outcomes"]}),
    ("edpb.c1_evaluation", {DATA: ["behaviour_attention"]}),
    ("edpb.c2_automated_decisions", {AI: ["automated_decisions"]}),
    ("edpb.c3_systematic_monitoring", {"monitors_behaviour": True}),
    ("edpb.c3_systematic_monitoring", {"monitors_public_area": True}),
    ("edpb.c3_systematic_monitoring", {USES: ["monitor_tests"]}),
    ("edpb.c4_sensitive_data", {DATA: ["health_care"]}),
    ("edpb.c4_sensitive_data", {DATA: ["national_id"]}),
    ("edpb.c4_sensitive_data", {DATA: ["communication"]}),
    ("edpb.c4_sensitive_data", {DATA: ["location"]}),
    ("edpb.c5_large_scale", {"pupil_count": 2400}),
    ("edpb.c6_combining_data", {"combines_data_sources": True}),
    ("edpb.c7_vulnerable_subjects", {"data_subjects": ["pupils"]}),
    ("edpb.c7_vulnerable_subjects", {"data_subjects": ["staff"]}),
    ("edpb.c7_vulnerable_subjects", {"age_groups": ["16_plus"]}),
    ("edpb.c8_innovative_technology", {AI: ["generative"]}),
    ("edpb.c8_innovative_technology", {DATA: ["biometrics"]}),
    ("edpb.c8_innovative_technology", {"connected_devices": True}),
    ("edpb.c9_prevents_right_or_service", {"can_exclude_from_service": True}),
    ("edpb.c9_prevents_right_or_service", {USES: ["admission_assignment"]}),
    # AP list (Stcrt. 2019, 64418)
    ("ap.profiling", {AI: ["profiling_prediction"]}),
    ("ap.profiling", {AI: ["automated_decisions"]}),
    ("ap.observing_behaviour", {USES: ["evaluate_learning_outcomes"]}),
    ("ap.observing_behaviour", {DATA: ["behaviour_attention"]}),
    ("ap.observing_behaviour", {"monitors_behaviour": True}),
    ("ap.camera_surveillance", {DATA: ["images_video"], "monitors_public_area": True}),
    ("ap.camera_surveillance", {DATA: ["images_video"], AI: ["proctoring"]}),
    ("ap.biometrics", {DATA: ["biometrics"]}),
    ("ap.biometrics", {AI: ["biometric_identification"]}),
    ("ap.health_data", {DATA: ["health_care"]}),
    ("ap.location_data", {DATA: ["location"]}),
    ("ap.communication_data", {DATA: ["communication"]}),
    ("ap.internet_of_things", {"connected_devices": True}),
    ("ap.collaboration", {"shares_with_partners": True, DATA: ["health_care"]}),
    ("ap.employee_monitoring", {"data_subjects": ["staff"], "monitors_behaviour": True}),
    # GDPR art. 35(3)
    ("avg.art35_3_a", {AI: ["automated_decisions"]}),
    ("avg.art35_3_a", {AI: ["profiling_prediction"], USES: ["assess_education_level"]}),
    ("avg.art35_3_b", {DATA: ["health_care"], "pupil_count": 1000}),
    ("avg.art35_3_b", {DATA: ["biometrics"], "staff_count": 300}),
    ("avg.art35_3_c", {"monitors_public_area": True, "pupil_count": 1500}),
    # AI Act
    ("ai.art5_1f_emotion_recognition", {AI: ["emotion_recognition"]}),
    ("ai.art5_1g_biometric_categorisation", {AI: ["biometric_categorisation"]}),
    ("ai.art5_1c_social_scoring", {AI: ["social_scoring"]}),
    ("ai.annex3_3a_admission", {USES: ["admission_assignment"]}),
    ("ai.annex3_3b_learning_outcomes", {USES: ["evaluate_learning_outcomes"]}),
    ("ai.annex3_3c_education_level", {USES: ["assess_education_level"]}),
    ("ai.annex3_3d_test_monitoring", {USES: ["monitor_tests"]}),
    ("ai.annex3_3d_test_monitoring", {AI: ["proctoring"]}),
    ("ai.art6_3_profiling", {USES: ["assess_education_level"], AI: ["profiling_prediction"]}),
    (
        "ai.annex3_1a_remote_biometric_identification",
        {AI: ["biometric_identification"], "monitors_public_area": True},
    ),
    ("ai.art50_transparency", {AI: ["generative"]}),
    ("ai.art4_ai_literacy", {AI: ["biometric_identification"]}),
    # Flags
    ("flag.dtia", {"hosting": "outside_eea", "transfer_mechanism": "scc"}),
    ("flag.dtia", {"transfers_outside_eea": True, "transfer_mechanism": "other"}),
    ("flag.dtia", {"hosting": "outside_eea"}),  # mechanism unanswered counts as unknown
    (
        "flag.transfer_mechanism_inconsistent",
        {"hosting": "outside_eea", "transfer_mechanism": "none_needed"},
    ),
    ("flag.hosting_unknown", {"hosting": "unknown"}),
    ("flag.hosting_unknown", {"hosting": None}),
    ("flag.kia", {"aimed_at_minors": True}),
    ("flag.kia", {"data_subjects": ["pupils"], "age_groups": ["under_16"]}),
    ("flag.iama_fria", {USES: ["monitor_tests"]}),
    ("flag.iama_fria", {AI: ["automated_decisions"]}),
    ("flag.iama_fria", {AI: ["emotion_recognition"]}),
    ("flag.processor_agreement_missing", {"processor_agreement": "none"}),
    ("flag.processor_agreement_missing", {"processor_agreement": "in_progress"}),
    ("flag.processor_agreement_missing", {"processor_agreement": None}),
    ("flag.privacy_covenant", {"privacy_covenant": False}),
    ("flag.special_categories", {DATA: ["special_categories"]}),
    ("flag.national_id", {DATA: ["national_id"]}),
]

# (rule id, answers that must NOT make it hold): thresholds, unknowns and near misses.
NEGATIVE: list[tuple[str, dict[str, Any]]] = [
    (
        "derived.large_scale",
        {"pupil_count": 999, "staff_count": 249, "schools": ["A", "B", "C", "D"]},
    ),
    ("derived.uses_ai", {AI: [], USES: []}),
    ("edpb.c1_evaluation", {DATA: ["learning_results"]}),
    ("edpb.c3_systematic_monitoring", {"monitors_behaviour": False}),
    ("edpb.c7_vulnerable_subjects", {"data_subjects": ["parents"]}),
    ("ap.camera_surveillance", {DATA: ["images_video"]}),
    ("ap.collaboration", {"shares_with_partners": True, DATA: ["contact"]}),
    ("ap.employee_monitoring", {"data_subjects": ["pupils"], "monitors_behaviour": True}),
    ("avg.art35_3_a", {AI: ["profiling_prediction"], USES: ["evaluate_learning_outcomes"]}),
    ("avg.art35_3_b", {DATA: ["health_care"], "pupil_count": 500}),
    ("avg.art35_3_c", {"monitors_public_area": True, "pupil_count": 200}),
    ("ai.art6_3_profiling", {AI: ["profiling_prediction"]}),
    ("ai.annex3_1a_remote_biometric_identification", {AI: ["biometric_identification"]}),
    ("flag.dtia", {"hosting": "outside_eea", "transfer_mechanism": "adequacy"}),
    ("flag.dtia", {"hosting": "eea", "transfer_mechanism": "scc"}),
    ("flag.kia", {"data_subjects": ["pupils"], "age_groups": ["16_plus"]}),
    ("flag.processor_agreement_missing", {"processor_agreement": "not_applicable"}),
    ("flag.privacy_covenant", {"privacy_covenant": None}),  # unknown is not "no"
    ("flag.privacy_covenant", {"privacy_covenant": True}),
]


def _finding_triggers(result: ScreeningResult, rule_id: str) -> tuple[Trigger, ...]:
    """The triggers of a rule's finding, wherever in the result it appears."""
    findings = (
        *result.derived_facts,
        *result.dpia.all_findings,
        *result.ai_act.findings,
        *result.flags,
    )
    return next(f.triggers for f in findings if f.rule_id == rule_id)


def _explained(trigger: Trigger, answers: dict[str, Any], ruleset: RuleSet) -> bool:
    """A trigger comes from an answer, from the default of an unanswered question, or from the AI
    Act result that flags may test."""
    if trigger.field in answers or trigger.field == "ai_act_class":
        return True
    return trigger.values == (ruleset.registry[trigger.field].default,)


@pytest.mark.parametrize(("rule_id", "answers"), POSITIVE)
def test_rule_holds_and_reports_its_answers(
    screen_answers: Screen, ruleset: RuleSet, rule_id: str, answers: dict[str, Any]
) -> None:
    """The rule holds, and each trigger names the answer (field and values) that caused it."""
    result = screen_answers(**answers)
    assert rule_id in result.rule_ids
    triggers = _finding_triggers(result, rule_id)
    assert triggers
    assert all(_explained(trigger, answers, ruleset) for trigger in triggers)


@pytest.mark.parametrize(("rule_id", "answers"), NEGATIVE)
def test_rule_does_not_hold(screen_answers: Screen, rule_id: str, answers: dict[str, Any]) -> None:
    """Near misses and unknown answers do not trigger the rule."""
    assert rule_id not in screen_answers(**answers).rule_ids


def test_every_rule_has_a_positive_row(ruleset: RuleSet) -> None:
    """A new rule in the data files must get a test row here."""
    assert {rule.id for rule in ruleset.rules} == {rule_id for rule_id, _ in POSITIVE}


def test_baseline_triggers_nothing(screen_answers: Screen) -> None:
    """The baseline request is neutral, so each row tests only its own answers."""
    result = screen_answers()
    assert result.rule_ids == ()
    assert result.dpia.conclusion == "not_required"
    assert result.ai_act.ai_class == "none"


def test_triggers_report_values_and_derived_route(screen_answers: Screen) -> None:
    """Triggers carry the answered values, and say through which derived fact they came."""
    result = screen_answers(pupil_count=2400, data_subjects=["pupils", "staff"])
    assert _finding_triggers(result, "edpb.c5_large_scale") == (
        Trigger("pupil_count", (2400,), via="large_scale"),
    )
    assert _finding_triggers(result, "edpb.c7_vulnerable_subjects") == (
        Trigger("data_subjects", ("pupils", "staff")),
    )
