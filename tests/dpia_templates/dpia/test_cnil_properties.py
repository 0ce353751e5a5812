"""Property: any DPIA built from any template survives the CNIL format."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dpia_templates.dpia import (
    DpiaTemplate,
    FearedEvent,
    from_cnil,
    load_templates,
    new_document,
    to_cnil,
    validate_document,
)

TEMPLATES = list(load_templates().values())
LEVELS = st.none() | st.integers(min_value=1, max_value=4)
TEXTS = st.text(max_size=40)
SLOTS = {
    FearedEvent.ILLEGITIMATE_ACCESS: 32,
    FearedEvent.UNWANTED_MODIFICATION: 33,
    FearedEvent.DISAPPEARANCE: 34,
}


@st.composite
def documents(draw: st.DrawFn) -> tuple[DpiaTemplate, dict[str, Any]]:
    """A document from `new_document` for any template, with any answers, notes and ratings."""
    template = draw(st.sampled_from(TEMPLATES))
    doc = new_document(template, lang=draw(st.sampled_from(["nl", "en"])), title=draw(TEXTS))
    for question in draw(st.lists(st.sampled_from(template.questions), unique_by=lambda q: q.id)):
        answer: dict[str, Any] = {"text": draw(st.none() | TEXTS), "note": draw(st.none() | TEXTS)}
        if question.codes:
            codes = st.sampled_from(question.codes)
            many = st.lists(codes, unique=True)
            answer["choice"] = draw(st.none() | (many if question.multiple else codes))
        doc["answers"][question.id] = answer
    for risk in doc["risks"]:
        for key in ("likelihood", "severity", "residual_likelihood", "residual_severity"):
            risk[key] = draw(LEVELS)
    for measure in doc["measures"]:
        measure["status"] = draw(
            st.sampled_from(["proposed", "planned", "implemented", "rejected"])
        )
        measure["description"] = draw(TEXTS)
    return template, doc


@settings(max_examples=60, deadline=None)
@given(documents())
def test_to_cnil_then_from_cnil_gives_the_document_back(
    case: tuple[DpiaTemplate, dict[str, Any]],
) -> None:
    template, doc = case
    assert validate_document(doc, template) == []
    exported = json.loads(json.dumps(to_cnil(doc, template)))
    assert from_cnil(exported, template) == doc


@settings(max_examples=60, deadline=None)
@given(documents())
def test_what_the_cnil_tool_keeps(case: tuple[DpiaTemplate, dict[str, Any]]) -> None:
    """Without the embedded copy: mapped answers, notes, measures and the three gauges survive."""
    template, doc = case
    plain = from_cnil(to_cnil(doc, template, embed=False), template, lang=doc["lang"])
    assert validate_document(plain, template) == []
    for question in template.questions:
        answer = doc["answers"].get(question.id, {})
        back = plain["answers"].get(question.id, {})
        if question.cnil_ref is None:
            assert back == {}
            continue
        if not question.codes or not answer.get("choice"):
            assert back.get("text") == answer.get("text")
        assert back.get("note") == (answer.get("note") or None)
    pairs = [(m["title"], m["description"]) for m in plain["measures"]]
    assert pairs == [(m["title"], m["description"]) for m in doc["measures"]]
    for event in SLOTS:
        risks = [r for r in doc["risks"] if r["feared_event"] == event.value]
        slot = [r for r in plain["risks"] if r["feared_event"] == event.value]
        for key in ("severity", "likelihood", "residual_severity", "residual_likelihood"):
            highest = max((r[key] for r in risks if r[key] is not None), default=None)
            assert (slot[0][key] if slot else None) == highest
