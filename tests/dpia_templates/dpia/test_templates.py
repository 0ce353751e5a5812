"""All templates load, follow the Dutch model and map to the CNIL method."""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

from dpia_templates import load_vocabulary
from dpia_templates.dpia import (
    AnswerKind,
    DpiaTemplate,
    FearedEvent,
    check_templates,
    load_template,
    load_templates,
)
from dpia_templates.dpia.model import CNIL_QUESTION_IDS

CATEGORIES = [category.id for category in load_vocabulary().categories]
BASE_QUESTIONS = [
    "a1_proposal",
    "a2_personal_data",
    "a3_processing_operations",
    "a4_techniques",
    "a5_purposes",
    "a6_parties",
    "a6_processor_agreement",
    "a7_interests",
    "a8_locations",
    "a8_transfers",
    "a9_legal_framework",
    "a10_retention",
    "b11_legal_basis",
    "b11_consent",
    "b12_special_categories",
    "b13_purpose_limitation",
    "b14_proportionality",
    "b14_subsidiarity",
    "b14_accuracy",
    "b15_information",
    "b15_access_portability",
    "b15_rectification_erasure",
    "b15_restriction_objection",
    "b15_automated_decisions",
    "c16_risk_overview",
    "d17_residual_acceptance",
    "d17_review_plan",
]
# Risks each category must pre-fill (the typical risks named in the design brief).
TYPICAL_RISKS = [
    ("adaptive_learning", "profiling_labelling"),
    ("adaptive_learning", "function_creep"),
    ("generative_ai", "hallucination"),
    ("generative_ai", "personal_data_in_prompts"),
    ("generative_ai", "training_on_pupil_content"),
    ("generative_ai", "vendor_dependence"),
    ("generative_ai", "transfer_outside_eea"),
    ("proctoring", "chilling_effect"),
    ("proctoring", "false_accusations"),
    ("proctoring", "home_images"),
    ("camera_access_biometrics", "biometric_special_category"),
    ("camera_access_biometrics", "camera_function_creep"),
    ("camera_access_biometrics", "recognition_errors"),
    ("parent_communication", "photo_oversharing"),
    ("parent_communication", "unequal_access"),
    ("device_management", "private_use_monitoring"),
    ("pupil_information_system", "care_data_exposure"),
    ("lms", "third_party_tracking"),
    ("video_chat", "recording_without_notice"),
    ("cloud_office", "oversharing_links"),
    ("other", "data_breach"),
]


def test_every_category_has_a_template_with_its_id(templates: Mapping[str, DpiaTemplate]) -> None:
    assert list(templates) == CATEGORIES
    assert len(templates) == 11
    for template_id, template in templates.items():
        assert template.id == template.category == template_id
        assert re.fullmatch(r"\d+\.\d+\.\d+", template.version)
        assert template.files == ("_base.toml", f"{template_id}.toml")


def test_base_questions_are_shared_in_order(templates: Mapping[str, DpiaTemplate]) -> None:
    for template in templates.values():
        ids = [q.id for q in template.questions]
        assert [q for q in ids if q in BASE_QUESTIONS] == BASE_QUESTIONS
        assert len(set(ids)) == len(ids)
        assert [s.id for s in template.sections] == ["A", "B", "C", "D", "E"]
        assert [o.id for o in template.opinions] == ["dpo", "data_subjects", "prior_consultation"]
    assert [q.id for q in load_template("other").questions] == BASE_QUESTIONS


def test_every_cnil_question_maps_to_exactly_one_question(
    templates: Mapping[str, DpiaTemplate],
) -> None:
    for template in templates.values():
        refs = [q.cnil_ref for q in template.questions if q.cnil_ref is not None]
        assert sorted(refs) == sorted(CNIL_QUESTION_IDS)
        assert template.by_cnil_ref()[212].id == "b11_legal_basis"


@pytest.mark.parametrize(("template_id", "risk_id"), TYPICAL_RISKS)
def test_typical_risks_are_prefilled(template_id: str, risk_id: str) -> None:
    template = load_template(template_id)
    risk = next(r for r in template.risks if r.id == risk_id)
    assert risk.measure_ids
    assert all(template.measure(m) for m in risk.measure_ids)
    assert 1 <= risk.likelihood <= 4
    assert 1 <= risk.severity <= 4


def test_templates_are_complete_and_bilingual(templates: Mapping[str, DpiaTemplate]) -> None:
    for template in templates.values():
        assert template.risks
        assert {r.feared_event for r in template.risks} <= set(FearedEvent)
        used = {m for r in template.risks for m in r.measure_ids}
        assert used <= {m.id for m in template.measures}
        texts = [template.title, template.description]
        texts += [q.label for q in template.questions] + [q.guidance for q in template.questions]
        texts += [r.title for r in template.risks] + [m.title for m in template.measures]
        assert all(t.nl.strip() and t.en.strip() and t.nl != t.en for t in texts)
        for question in template.questions:
            assert (question.kind is AnswerKind.CHOICE) == bool(question.choices)


def test_category_files_add_questions_and_hints() -> None:
    template = load_template("generative_ai")
    assert template.question("b13_training_use").codes == ("no", "opt_out", "yes", "unknown")
    assert template.question("a4_ai_model").section == "A"
    assert template.question("a2_personal_data").hint is not None
    assert load_template("other").question("a2_personal_data").hint is None


def test_check_templates_summarises_every_file(template_dir: Path) -> None:
    summaries = check_templates(template_dir)
    assert [s.id for s in summaries] == CATEGORIES
    lms = summaries[0]
    assert (lms.version, lms.file, lms.questions) == ("1.0.0", "lms.toml", 28)
    assert (lms.risks, lms.measures) == (7, 11)
    assert lms.title.en == "DPIA learning management system (LMS)"


def test_a_custom_template_needs_only_a_data_file(template_dir: Path) -> None:
    text = (template_dir / "lms.toml").read_text(encoding="utf-8")
    custom = text.replace('id = "lms"', 'id = "lms_magister"', 1)
    (template_dir / "lms_magister.toml").write_text(custom, encoding="utf-8")
    templates = load_templates(template_dir)
    assert list(templates)[:2] == ["lms", "lms_magister"]
    assert templates["lms_magister"].category == "lms"


def test_loading_is_cached_and_unknown_ids_are_named() -> None:
    assert load_templates() is load_templates()
    assert load_template("lms") is load_templates()["lms"]
    with pytest.raises(KeyError, match="unknown DPIA template 'nope'"):
        load_template("nope")


def test_missing_directory_is_reported(tmp_path: Path, template_dir: Path) -> None:
    with pytest.raises(ValueError, match="template directory not found"):
        check_templates(tmp_path / "nowhere")
    shutil.rmtree(template_dir)
    with pytest.raises(ValueError, match="not found"):
        check_templates(template_dir)
