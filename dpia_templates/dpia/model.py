"""Typed, frozen view of a DPIA template, so the editor, exports and imports share one shape."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from dpia_templates._data import Text

# Question ids of the CNIL method (sections 1 and 2) a template question may map to.
CNIL_QUESTION_IDS: frozenset[int] = frozenset(
    {111, 112, 113, 121, 122, 123, 211, 212, 213, 214, 215, *range(221, 228)}
)
LEVELS: tuple[int, ...] = (1, 2, 3, 4)


class AnswerKind(enum.StrEnum):
    """How a question is answered; a choice answer may still carry an explaining text."""

    TEXT = "text"
    CHOICE = "choice"


class FearedEvent(enum.StrEnum):
    """The CNIL's three feared events plus `other` for harms to rights beyond data security."""

    ILLEGITIMATE_ACCESS = "illegitimate_access"
    UNWANTED_MODIFICATION = "unwanted_modification"
    DISAPPEARANCE = "disappearance"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Choice:
    """One stable answer code of a choice question."""

    code: str
    label: Text


@dataclass(frozen=True, slots=True)
class Question:
    """One DPIA question; `cnil_ref` links it to the CNIL tool so answers survive import/export."""

    id: str
    section: str
    label: Text
    guidance: Text
    kind: AnswerKind = AnswerKind.TEXT
    choices: tuple[Choice, ...] = ()
    multiple: bool = False
    cnil_ref: int | None = None
    reference: str | None = None
    hint: Text | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """The choice codes in display order (empty for text questions)."""
        return tuple(choice.code for choice in self.choices)

    def choice_label(self, code: str) -> Text:
        """Label of one choice code, so exports never show a bare code."""
        for choice in self.choices:
            if choice.code == code:
                return choice.label
        raise KeyError(f"{self.id}: unknown choice {code!r}")


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the DPIA (A description … E opinions) following art. 35(7) and the Dutch model."""

    id: str
    title: Text
    guidance: Text
    reference: str
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True)
class Opinion:
    """One opinion of part E (DPO, data subjects, prior consultation) with its guidance."""

    id: str
    label: Text
    guidance: Text
    reference: str


@dataclass(frozen=True, slots=True)
class TemplateMeasure:
    """A typical measure a template proposes; a new DPIA starts with it as `proposed`."""

    id: str
    title: Text
    description: Text


@dataclass(frozen=True, slots=True)
class TemplateRisk:
    """A typical risk of the category with a starting rating the committee is expected to revise."""

    id: str
    title: Text
    description: Text
    source: Text
    affected: Text
    feared_event: FearedEvent
    likelihood: int
    severity: int
    measure_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DpiaTemplate:
    """A validated DPIA template; a DPIA stores its `id` and `version` to stay reproducible."""

    id: str
    category: str
    version: str
    title: Text
    description: Text
    sections: tuple[Section, ...]
    opinions: tuple[Opinion, ...]
    risks: tuple[TemplateRisk, ...]
    measures: tuple[TemplateMeasure, ...]
    files: tuple[str, ...] = ()
    _questions: Mapping[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Index the questions once so lookups by id or CNIL reference stay cheap."""
        index = {q.id: q for section in self.sections for q in section.questions}
        object.__setattr__(self, "_questions", MappingProxyType(index))

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in display order."""
        return tuple(self._questions.values())

    def question(self, question_id: str) -> Question:
        """One question by id (KeyError for an id the template does not have)."""
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        """Whether the template asks this question (imports keep unknown answers in `extra`)."""
        return question_id in self._questions

    def section(self, section_id: str) -> Section:
        """One section by id."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"{self.id}: unknown section {section_id!r}")

    def by_cnil_ref(self) -> Mapping[int, Question]:
        """Questions keyed by their CNIL question id, for import and export."""
        return {q.cnil_ref: q for q in self.questions if q.cnil_ref is not None}

    def measure(self, measure_id: str) -> TemplateMeasure:
        """One template measure by id."""
        for measure in self.measures:
            if measure.id == measure_id:
                return measure
        raise KeyError(f"{self.id}: unknown measure {measure_id!r}")


@dataclass(frozen=True, slots=True)
class TemplateSummary:
    """One line of `flask ethicsdesk templates check`: what a template file contains."""

    id: str
    version: str
    category: str
    title: Text
    questions: int
    risks: int
    measures: int
    file: str

    @classmethod
    def of(cls, template: DpiaTemplate) -> TemplateSummary:
        """Summarise a loaded template."""
        return cls(
            id=template.id,
            version=template.version,
            category=template.category,
            title=template.title,
            questions=len(template.questions),
            risks=len(template.risks),
            measures=len(template.measures),
            file=template.files[-1] if template.files else "",
        )
