"""Properties that hold for every request: screening never fails on valid vocabulary, results are
JSON, the library stays free of the web app, and screening is fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpia_templates import RequestError, load_ruleset, load_vocabulary, screen, validate_request
from dpia_templates.fields import FieldKind, FieldSpec

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = load_ruleset().registry
SPECIAL: dict[str, st.SearchStrategy[Any]] = {
    "technology": st.text(min_size=1, max_size=40),
    "purpose": st.text(min_size=1, max_size=40),
    "product_url": st.just("https://www.example.com/product"),
    "desired_decision_date": st.dates().map(lambda day: day.isoformat()),
    "schools": st.lists(st.text(min_size=1, max_size=20), unique=True, max_size=8),
}


def _answers(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """Any valid answer for a field, taken from the vocabulary."""
    if spec.name in SPECIAL:
        return SPECIAL[spec.name]
    codes = sorted(spec.codes)
    by_kind: dict[FieldKind, st.SearchStrategy[Any]] = {
        FieldKind.MULTI: st.lists(st.sampled_from(codes or [""]), unique=True),
        FieldKind.SINGLE: st.sampled_from(codes or [""]),
        FieldKind.BOOL: st.booleans(),
        FieldKind.NUMBER: st.integers(min_value=0, max_value=100_000),
        FieldKind.TEXT: st.text(max_size=40),
    }
    return by_kind[spec.kind]


REQUIRED = ("technology", "category", "purpose")
requests = st.fixed_dictionaries(
    {name: _answers(REGISTRY[name]) for name in REQUIRED},
    optional={s.name: _answers(s) for s in REGISTRY.input_fields if s.name not in REQUIRED},
)


@settings(
    max_examples=300, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(requests)
def test_any_valid_request_screens_and_round_trips(request: dict[str, Any]) -> None:
    """Valid vocabulary in any combination: schema-valid, screens, and to_dict survives JSON."""
    assert validate_request(request) == []
    result = screen(request)
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["dpia"]["conclusion"] in load_vocabulary().outputs["dpia_conclusion"].code_ids
    assert result.blocking == (result.ai_act.ai_class == "prohibited")
    assert set(result.dpia.rule_ids) <= set(result.rule_ids)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
codes = st.sampled_from(sorted({code for spec in REGISTRY for code in spec.codes}))
garbage = st.dictionaries(
    st.sampled_from(sorted(REGISTRY.specs)), json_values | codes | st.lists(codes), max_size=6
)


@settings(max_examples=300, database=None, deadline=None)
@given(garbage)
def test_any_json_either_screens_or_raises_request_error(request: dict[str, Any]) -> None:
    """Whatever JSON arrives, screening answers or raises RequestError, never anything else."""
    errors: tuple[str, ...] = ()
    try:
        result = screen(request)
    except RequestError as error:
        errors = error.errors
    else:
        assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
        return
    assert errors
    assert all(message.startswith("$.") for message in errors)


def test_to_dict_layout_is_stable() -> None:
    """The top-level keys the CLI and the web app rely on."""
    data = screen({"ai_features": ["proctoring"]}).to_dict()
    assert list(data) == [
        "format",
        "dpia",
        "ai_act",
        "blocking",
        "flags",
        "suggested_template",
        "derived_facts",
        "unanswered",
        "ruleset",
    ]
    assert data["format"] == 1
    assert data["ai_act"]["duties"][0]["applies_from"].count("-") == 2  # ISO date string
    assert data["ruleset"].startswith("sha256:")


def test_import_does_not_pull_in_the_web_app() -> None:
    """dpia_templates is a pure library: no Flask, no ethicsdesk, even after screening."""
    code = (
        "import sys, dpia_templates\n"
        "dpia_templates.screen({'ai_features': ['generative']})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'ethicsdesk'})\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
