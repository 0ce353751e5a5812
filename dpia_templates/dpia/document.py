"""The DPIA document (`ethicsdesk-dpia/1`): the JSON the app stores, exports and imports."""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpia_templates._data import RuleLoadError
from dpia_templates.dpia.model import AnswerKind, DpiaTemplate, Question

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

FORMAT = "ethicsdesk-dpia/1"
SCHEMA_FILE = Path(__file__).resolve().parent / "dpia.schema.json"
OPINION_IDS = ("dpo", "data_subjects", "prior_consultation")
TARGET_KINDS = ("question", "measure", "risk", "cnil")
# Parts of a document besides the answers that belong to one section (for per-section locking).
SECTION_PARTS: Mapping[str, tuple[str, ...]] = {
    "C": ("risks",),
    "D": ("measures",),
    "E": ("opinions",),
}


@functools.cache
def _schema() -> Mapping[str, Any]:
    """Read the document schema once."""
    try:
        loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleLoadError([f"{SCHEMA_FILE.name}: cannot read: {exc}"]) from exc
    return loaded


def load_document_schema() -> dict[str, Any]:
    """A copy of the document JSON Schema (draft 2020-12), e.g. to publish beside an export."""
    return copy.deepcopy(dict(_schema()))


@functools.cache
def _validator() -> Validator:
    """Build the validator once; jsonschema is imported only when validating."""
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(_schema())
    return Draft202012Validator(_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def choice_problem(question: Question, choice: object) -> str | None:
    """Why a choice value does not fit the question, or None when it does."""
    if choice is None:
        return None
    if question.kind is not AnswerKind.CHOICE:
        return "a text question takes no choice"
    values = choice if isinstance(choice, list) else [choice]
    if isinstance(choice, list) != question.multiple:
        return "must be a list of codes" if question.multiple else "must be one code"
    unknown = [value for value in values if value not in question.codes]
    return (
        f"unknown choice(s) {unknown} (allowed: {', '.join(question.codes)})" if unknown else None
    )


def _duplicates(items: list[Mapping[str, Any]], part: str) -> list[str]:
    """Ids used twice in risks or measures."""
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(items):
        if item["id"] in seen:
            problems.append(f"$.{part}[{index}].id: duplicate id {item['id']!r}")
        seen.add(item["id"])
    return problems


def _references(doc: Mapping[str, Any], template: DpiaTemplate | None) -> list[str]:
    """Links between parts must resolve: risk → measure, evaluation → question/measure/risk."""
    measures = {m["id"] for m in doc["measures"]}
    problems = [
        f"$.risks[{i}].measure_ids[{j}]: unknown measure {measure_id!r}"
        for i, risk in enumerate(doc["risks"])
        for j, measure_id in enumerate(risk["measure_ids"])
        if measure_id not in measures
    ]
    known = {"measure": measures, "risk": {r["id"] for r in doc["risks"]}}
    for index, evaluation in enumerate(doc["evaluations"]):
        kind, _, name = evaluation["target"].partition(":")
        missing = (kind in known and name not in known[kind]) or (
            kind == "question" and template is not None and not template.has_question(name)
        )
        if missing:
            problems.append(f"$.evaluations[{index}].target: unknown {kind} {name!r}")
    return problems


def _answers(doc: Mapping[str, Any], template: DpiaTemplate) -> list[str]:
    """Answers must belong to the template and choices must use its codes."""
    problems = []
    if doc["template"]["id"] != template.id:
        problems.append(
            f"$.template.id: document is for {doc['template']['id']!r}, not {template.id!r}"
        )
    for question_id, answer in doc["answers"].items():
        if not template.has_question(question_id):
            problems.append(f"$.answers.{question_id}: unknown question")
        elif problem := choice_problem(template.question(question_id), answer.get("choice")):
            problems.append(f"$.answers.{question_id}.choice: {problem}")
    return problems


def validate_document(doc: object, template: DpiaTemplate | None = None) -> list[str]:
    """Check a document: schema first, then ids and links (and answers, given the template)."""
    errors = sorted(_validator().iter_errors(doc), key=lambda error: list(map(str, error.path)))
    if errors:
        return [f"{error.json_path}: {error.message}" for error in errors]
    assert isinstance(doc, Mapping)
    problems = _duplicates(doc["risks"], "risks") + _duplicates(doc["measures"], "measures")
    problems += _references(doc, template)
    if template is not None:
        problems += _answers(doc, template)
    return problems


def new_document(template: DpiaTemplate, *, lang: str = "nl", title: str = "") -> dict[str, Any]:
    """A new DPIA for a template, pre-filled with its typical risks and measures in one language."""
    return {
        "format": FORMAT,
        "template": {"id": template.id, "version": template.version},
        "lang": lang,
        "text_format": "markdown",
        "case": {"title": title},
        "answers": {},
        "risks": [
            {
                "id": risk.id,
                "title": getattr(risk.title, lang),
                "description": getattr(risk.description, lang),
                "source": getattr(risk.source, lang),
                "affected": getattr(risk.affected, lang),
                "feared_event": risk.feared_event.value,
                "likelihood": risk.likelihood,
                "severity": risk.severity,
                "residual_likelihood": None,
                "residual_severity": None,
                "measure_ids": list(risk.measure_ids),
            }
            for risk in template.risks
        ],
        "measures": [
            {
                "id": measure.id,
                "title": getattr(measure.title, lang),
                "description": getattr(measure.description, lang),
                "owner": None,
                "due_date": None,
                "status": "proposed",
            }
            for measure in template.measures
        ],
        "evaluations": [],
        "opinions": {opinion: {} for opinion in OPINION_IDS},
        "extra": {},
    }


def section_content(
    doc: Mapping[str, Any], template: DpiaTemplate, section_id: str
) -> dict[str, Any]:
    """What one section of the editor shows and saves: its answers plus its register part."""
    questions = [question.id for question in template.section(section_id).questions]
    content: dict[str, Any] = {
        "answers": {q: doc["answers"][q] for q in questions if q in doc["answers"]}
    }
    for part in SECTION_PARTS.get(section_id, ()):
        content[part] = doc[part]
    return content


def section_digest(doc: Mapping[str, Any], template: DpiaTemplate, section_id: str) -> str:
    """A stable hash of one section, usable as an ETag for optimistic locking per section."""
    canonical = json.dumps(
        section_content(doc, template, section_id), sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
