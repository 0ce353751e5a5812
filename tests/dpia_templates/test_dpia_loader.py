"""Broken rule files fail at load time with the file, the rule id and what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dpia_templates import RuleLoadError, load_ruleset, screen
from dpia_templates._data import RULES_DIR

EXTRA = """
[group]
id = "extra"
kind = "dpia"
title.nl = "Extra"
title.en = "Extra"

[outcome]
required_at = 1
texts.required.nl = "{count} extra"
texts.required.en = "{count} extra"
texts.not_required.nl = "geen"
texts.not_required.en = "none"

[[rules]]
id = "extra.broken"
title.nl = "Kapot"
title.en = "Broken"
explanation.nl = "Test."
explanation.en = "Test."
reference = "Test"
when = { is_true = "connected_devices" }
"""
WHEN = 'when = { is_true = "connected_devices" }'


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """A writable copy of the package's rules directory."""
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def _load_error(directory: Path) -> str:
    """Load the directory and return the RuleLoadError message."""
    with pytest.raises(RuleLoadError) as caught:
        load_ruleset(directory)
    return str(caught.value)


def test_valid_extra_file_loads_and_counts(rules_dir: Path) -> None:
    """The harness itself: a valid extra DPIA group is loaded and used."""
    (rules_dir / "extra.toml").write_text(EXTRA, encoding="utf-8")
    result = screen({"connected_devices": True}, ruleset=load_ruleset(rules_dir))
    assert "extra.broken" in result.dpia.rule_ids


@pytest.mark.parametrize(
    ("when", "problem"),
    [
        ('when = { is_true = "no_such_field" }', "is_true: unknown field 'no_such_field'"),
        (
            'when = { any_of = { field = "data_categories", values = ["dna"] } }',
            "unknown code(s) ['dna'] for field 'data_categories'",
        ),
        (
            'when = { one_of = { field = "hosting", values = ["eea"] } }',
            "unknown operator 'one_of'",
        ),
        ('when = { gte = { field = "pupil_count", value = -1 } }', "whole number >= 0"),
        ('when = { gte = { field = "pupil_count", value = 9, to = 1 } }', "unknown key(s): to"),
        ('when = { is_true = "pupil_count" }', "field 'pupil_count' is a number field"),
        ('when = { min_items = { field = "hosting", value = 2 } }', "'hosting' is a single field"),
        ("when = { any = [] }", "any: must be a non-empty list of conditions"),
        ('when = { is_true = "ai_act_class" }', "unknown field 'ai_act_class'"),
        (
            'when = { is_true = "connected_devices", is_false = "connected_devices" }',
            "exactly one operator",
        ),
        (
            'when.all = [{ is_true = "large_scale" }, '
            '{ any_of = { field = "hosting", values = ["moon"] } }]',
            "unknown code(s) ['moon'] for field 'hosting'",
        ),
    ],
)
def test_broken_condition(rules_dir: Path, when: str, problem: str) -> None:
    """Unknown fields, codes and operators, and misused operators, name file and rule."""
    (rules_dir / "extra.toml").write_text(EXTRA.replace(WHEN, when), encoding="utf-8")
    message = _load_error(rules_dir)
    assert "extra.toml: rule 'extra.broken': " in message
    assert problem in message


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('id = "extra.broken"', 'id = "broken"', "id 'broken' must look like 'extra.name'"),
        ('title.en = "Broken"\n', "", "title.en must be a non-empty string"),
        (
            'reference = "Test"',
            'reference = "Test"\nai_class = "limited"',
            "unknown key(s): ai_class",
        ),
        ("[[rules]]", "[[rules]", "extra.toml: cannot read"),
        ('kind = "dpia"', 'kind = "magic"', "extra.toml: [group].kind 'magic' is unknown"),
        ('"{count} extra"', '"{n} extra"', "only the placeholder(s) {count}"),
        ("required_at = 1", "required_at = 1\nrecommended_at = 1", "lower than required_at"),
        ('texts.not_required.en = "none"\n', "", "texts.not_required.en must be a non-empty"),
    ],
)
def test_broken_file(rules_dir: Path, old: str, new: str, problem: str) -> None:
    """Problems in a rule's keys or the file's header and outcome are reported with the file."""
    assert old in EXTRA
    (rules_dir / "extra.toml").write_text(EXTRA.replace(old, new, 1), encoding="utf-8")
    message = _load_error(rules_dir)
    assert "extra.toml" in message
    assert problem in message


def test_duplicate_rule_id(rules_dir: Path) -> None:
    """Two rules with one id are refused."""
    rule = EXTRA[EXTRA.index("[[rules]]") :]
    (rules_dir / "extra.toml").write_text(EXTRA + rule, encoding="utf-8")
    assert "extra.toml: rule 'extra.broken': duplicate rule id" in _load_error(rules_dir)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'duties = ["transparency"]',
            'duties = ["nope"]',
            "ai_act.toml: rule 'ai.art50_transparency': duties: unknown value 'nope'",
        ),
        (
            'ai_class = "limited"',
            'ai_class = "medium"',
            "ai_act.toml: rule 'ai.art50_transparency': ai_class: unknown value 'medium'",
        ),
        ("applies_from = 2026-08-02", 'applies_from = "soon"', "must be a TOML date"),
        ('default_class = "none"', 'default_class = "zero"', "default_class 'zero'"),
    ],
)
def test_broken_ai_act_file(rules_dir: Path, old: str, new: str, problem: str) -> None:
    """AI Act classes, duties and dates are checked against the vocabulary and duty table."""
    path = rules_dir / "ai_act.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert problem in _load_error(rules_dir)


def test_derived_fact_may_not_shadow_a_field(rules_dir: Path) -> None:
    """A derived fact named like a request field would be ambiguous."""
    path = rules_dir / "derived.toml"
    text = path.read_text(encoding="utf-8").replace("derived.uses_ai", "derived.pupil_count")
    path.write_text(text, encoding="utf-8")
    assert "clashes with an existing field" in _load_error(rules_dir)


def test_all_problems_are_reported_together(rules_dir: Path) -> None:
    """One load reports every broken rule, not just the first."""
    broken = EXTRA.replace(WHEN, 'when = { is_true = "nope" }')
    second = broken[broken.index("[[rules]]") :].replace("extra.broken", "extra.second")
    (rules_dir / "extra.toml").write_text(broken + second, encoding="utf-8")
    message = _load_error(rules_dir)
    assert "rule 'extra.broken'" in message
    assert "rule 'extra.second'" in message


def test_missing_ai_act_file_and_empty_directory(rules_dir: Path, tmp_path: Path) -> None:
    """The AI Act file is mandatory; a directory without rules is refused."""
    (rules_dir / "ai_act.toml").unlink()
    assert "exactly one rules file of kind 'ai_act'" in _load_error(rules_dir)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no *.toml rule files" in _load_error(empty)
