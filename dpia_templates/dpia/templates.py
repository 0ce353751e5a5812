"""Load and validate the DPIA templates: shared questions in `_base.toml`, one file per category."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from dpia_templates._data import DATA_DIR, Text
from dpia_templates.dpia import _parse as p
from dpia_templates.dpia.errors import TemplateError, TemplateProblem
from dpia_templates.dpia.model import (
    DpiaTemplate,
    Opinion,
    Question,
    Section,
    TemplateMeasure,
    TemplateRisk,
    TemplateSummary,
)
from dpia_templates.vocabulary import load_vocabulary

TEMPLATES_DIR = DATA_DIR / "templates"
BASE_KEYS = ("version", "sections", "questions", "opinions")
TEMPLATE_KEYS = ("id", "category", "version", "extends", "base_version", "title", "description")
TEMPLATE_OPTIONAL = ("questions", "hints", "common_risks", "risks", "measures")


@dataclass(frozen=True, slots=True)
class _Base:
    """A parsed `_name.toml`: what every template extending it shares."""

    file: str
    version: str
    sections: tuple[tuple[str, Text, Text, str], ...]
    questions: tuple[Question, ...]
    opinions: tuple[Opinion, ...]
    risks: Mapping[str, TemplateRisk]
    measures: Mapping[str, TemplateMeasure]


def _open(path: Path) -> tuple[p.FileReader, dict[str, Any] | None]:
    """Read one TOML file; a syntax error becomes a problem with the parser's line."""
    text = path.read_text(encoding="utf-8")
    reader = p.FileReader(path, text)
    try:
        return reader, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        problem = TemplateProblem(path.name, "", f"not valid TOML: {exc}", line and int(line[1]))
        reader.problems.append(problem)
        return reader, None


def _measure_refs(
    reader: p.FileReader, risks: Sequence[tuple[str, TemplateRisk]], known: Mapping[str, object]
) -> None:
    """Every measure a risk names must exist, or the DPIA would link to nothing."""
    for path, risk in risks:
        for measure_id in risk.measure_ids:
            if measure_id not in known:
                reader.add(p.join(path, "measures"), f"measure {measure_id!r} does not exist")


def _read_base(path: Path) -> tuple[_Base | None, list[TemplateProblem]]:
    """Parse a base file with the sections, questions, opinions and the common risk library."""
    reader, raw = _open(path)
    if raw is None:
        return None, reader.problems
    reader.check(lambda: p.keys(raw, "", BASE_KEYS, ("risks", "measures")))
    version = reader.check(lambda: p.version(raw.get("version"), "version"))
    sections = reader.items(raw, "sections", p.section)
    reader.unique(((p.join(at, "id"), s[0]) for at, s in sections), "section")
    section_ids = {s[0] for _, s in sections}
    questions = reader.items(raw, "questions", lambda r, at: p.question(r, at, section_ids))
    _check_questions(reader, questions)
    opinions = reader.items(raw, "opinions", p.opinion)
    reader.unique(((p.join(at, "id"), o.id) for at, o in opinions), "opinion")
    measures = reader.items(raw, "measures", p.measure)
    reader.unique(((p.join(at, "id"), m.id) for at, m in measures), "measure")
    risks = reader.items(raw, "risks", p.risk)
    reader.unique(((p.join(at, "id"), r.id) for at, r in risks), "risk")
    _measure_refs(reader, risks, {m.id: m for _, m in measures})
    if reader.problems or version is None:
        return None, reader.problems
    base = _Base(
        file=path.name,
        version=version,
        sections=tuple(s for _, s in sections),
        questions=tuple(q for _, q in questions),
        opinions=tuple(o for _, o in opinions),
        risks=MappingProxyType({r.id: r for _, r in risks}),
        measures=MappingProxyType({m.id: m for _, m in measures}),
    )
    return base, []


def _check_questions(
    reader: p.FileReader,
    questions: Sequence[tuple[str, Question]],
    taken: Sequence[Question] = (),
) -> None:
    """Question ids and CNIL references must be unique across the base and the template."""
    reader.unique(
        ((p.join(at, "id"), q.id) for at, q in questions), "question", {q.id for q in taken}
    )
    refs = {q.cnil_ref for q in taken if q.cnil_ref is not None}
    for at, question in questions:
        if question.cnil_ref is not None:
            if question.cnil_ref in refs:
                reader.add(p.join(at, "cnil_ref"), f"cnil_ref {question.cnil_ref} is used twice")
            refs.add(question.cnil_ref)


def _hints(reader: p.FileReader, raw: object, known: Mapping[str, Question]) -> dict[str, Text]:
    """Category hints, shown under the shared guidance of a base question."""
    hints: dict[str, Text] = {}
    table = reader.check(lambda: p.table(raw or {}, "hints")) or {}
    for question_id, pair in table.items():
        at = p.join("hints", question_id)
        if question_id not in known:
            reader.add(at, f"unknown question {question_id!r}")
        elif (hint := reader.check(lambda at=at, pair=pair: p.text(pair, at))) is not None:
            hints[question_id] = hint
    return hints


def _read_template(
    path: Path, bases: Mapping[str, _Base], categories: Sequence[str]
) -> tuple[DpiaTemplate | None, list[TemplateProblem]]:
    """Parse one category (or custom) template and merge it with the base it extends."""
    reader, raw = _open(path)
    if raw is None:
        return None, reader.problems
    reader.check(lambda: p.keys(raw, "", TEMPLATE_KEYS, TEMPLATE_OPTIONAL))
    template_id = reader.check(lambda: p.ident(raw.get("id"), "id"))
    if template_id is not None and template_id != path.stem:
        reader.add("id", f"id {template_id!r} must equal the file name {path.stem!r}")
    category = raw.get("category")
    if "category" in raw and category not in categories:
        reader.add("category", f"unknown category {category!r} (see categories.toml)")
    version = reader.check(lambda: p.version(raw.get("version"), "version"))
    title = reader.check(lambda: p.text(raw.get("title"), "title"))
    description = reader.check(lambda: p.text(raw.get("description"), "description"))
    base = bases.get(str(raw.get("extends")))
    if base is None:
        reader.add(
            "extends", f"unknown base {raw.get('extends')!r} (expected one of {sorted(bases)})"
        )
        return None, reader.problems
    if raw.get("base_version") != base.version:
        reader.add(
            "base_version",
            f"{base.file} is at version {base.version}: review this template against it, "
            "then set base_version and bump version",
        )
    section_ids = {s[0] for s in base.sections}
    own = reader.items(raw, "questions", lambda r, at: p.question(r, at, section_ids))
    _check_questions(reader, own, base.questions)
    hints = _hints(reader, raw.get("hints"), {q.id: q for q in base.questions})
    risks, measures = _risks_and_measures(reader, raw, base)
    if reader.problems or template_id is None or version is None:
        return None, reader.problems
    if title is None or description is None:
        return None, reader.problems
    questions = [replace(q, hint=hints.get(q.id)) for q in base.questions] + [q for _, q in own]
    sections = tuple(
        Section(sid, stitle, guidance, reference, tuple(q for q in questions if q.section == sid))
        for sid, stitle, guidance, reference in base.sections
    )
    template = DpiaTemplate(
        id=template_id,
        category=str(category),
        version=version,
        title=title,
        description=description,
        sections=sections,
        opinions=base.opinions,
        risks=risks,
        measures=measures,
        files=(base.file, path.name),
    )
    return template, []


def _risks_and_measures(
    reader: p.FileReader, raw: Mapping[str, Any], base: _Base
) -> tuple[tuple[TemplateRisk, ...], tuple[TemplateMeasure, ...]]:
    """Common risks from the base plus the template's own; measures are those the risks use."""
    common_ids = reader.check(lambda: p.id_list(raw.get("common_risks", []), "common_risks")) or ()
    for index, risk_id in enumerate(common_ids):
        if risk_id not in base.risks:
            reader.add(p.join("common_risks", index), f"unknown common risk {risk_id!r}")
    common = [base.risks[r] for r in common_ids if r in base.risks]
    own_measures = reader.items(raw, "measures", p.measure)
    reader.unique(((p.join(at, "id"), m.id) for at, m in own_measures), "measure", base.measures)
    own_risks = reader.items(raw, "risks", p.risk)
    reader.unique(((p.join(at, "id"), r.id) for at, r in own_risks), "risk", common_ids)
    known = {**base.measures, **{m.id: m for _, m in own_measures}}
    _measure_refs(reader, own_risks, known)
    risks = (*common, *(r for _, r in own_risks))
    measures = {m.id: m for _, m in own_measures}
    for risk in risks:
        for measure_id in risk.measure_ids:
            if measure_id in known:
                measures.setdefault(measure_id, known[measure_id])
    return risks, tuple(measures.values())


def _load(directory: Path) -> tuple[dict[str, DpiaTemplate], list[TemplateProblem]]:
    """Load every template of a directory, collecting all problems of all files."""
    problems: list[TemplateProblem] = []
    if not directory.is_dir():
        return {}, [TemplateProblem(directory.name, "", "template directory not found")]
    bases: dict[str, _Base] = {}
    for path in sorted(directory.glob("_*.toml")):
        base, found = _read_base(path)
        problems.extend(found)
        if base is not None:
            bases[path.stem] = base
    categories = [category.id for category in load_vocabulary().categories]
    loaded: dict[str, DpiaTemplate] = {}
    for path in sorted(directory.glob("[!_]*.toml")):
        template, found = _read_template(path, bases, categories)
        problems.extend(found)
        if template is not None:
            loaded[template.id] = template
    covered = {template.category for template in loaded.values()}
    problems.extend(
        TemplateProblem(f"{category}.toml", "", f"missing: category {category!r} has no template")
        for category in categories
        if category not in covered and not (directory / f"{category}.toml").exists()
    )
    order = {category: index for index, category in enumerate(categories)}
    ordered = sorted(loaded.values(), key=lambda t: (order[t.category], t.id != t.category, t.id))
    return {t.id: t for t in ordered}, problems


@functools.cache
def _cached(directory: Path) -> Mapping[str, DpiaTemplate]:
    """Templates of one directory, validated once per process."""
    templates, problems = _load(directory)
    if problems:
        raise TemplateError(problems)
    return MappingProxyType(templates)


def load_templates(directory: Path | None = None) -> Mapping[str, DpiaTemplate]:
    """All templates keyed by id, in category order; broken data raises TemplateError."""
    return _cached((directory or TEMPLATES_DIR).resolve())


def load_template(template_id: str, directory: Path | None = None) -> DpiaTemplate:
    """One template by id (KeyError names the id when there is none)."""
    templates = load_templates(directory)
    if template_id not in templates:
        raise KeyError(f"unknown DPIA template {template_id!r} (known: {', '.join(templates)})")
    return templates[template_id]


def check_templates(directory: Path | None = None) -> list[TemplateSummary]:
    """Validate a template directory afresh (no cache) for `flask ethicsdesk templates check`."""
    templates, problems = _load((directory or TEMPLATES_DIR).resolve())
    if problems:
        raise TemplateError(problems)
    return [TemplateSummary.of(template) for template in templates.values()]
