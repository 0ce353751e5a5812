"""The parts of a question set as frozen data, so answers, scoring and graphs share one truth."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from compass._text import Text

NOT_APPLICABLE = "not_applicable"
UNKNOWN = "unknown"
SPECIAL_POINTS = (NOT_APPLICABLE, UNKNOWN)
OPTION_KINDS = ("technology", "context", "user")
AnswerValue = int | str | tuple[str, ...] | None
Special = Literal["not_applicable", "unknown"]


@dataclass(frozen=True, slots=True)
class ScalePoint:
    """A scale point: a counted whole number, or 'not_applicable'/'unknown' (never counted)."""

    value: int | str
    label: Text

    @property
    def counted(self) -> bool:
        """Whether this point takes part in medians and spreads."""
        return isinstance(self.value, int)


@dataclass(frozen=True, slots=True)
class Scale:
    """An ordered answer scale; every scale also offers 'not applicable' and 'unknown'."""

    id: str
    name: Text
    points: tuple[ScalePoint, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        """The counted point values, ascending."""
        return tuple(point.value for point in self.points if isinstance(point.value, int))

    @property
    def minimum(self) -> int:
        """Lowest counted value."""
        return self.numbers[0]

    @property
    def maximum(self) -> int:
        """Highest counted value."""
        return self.numbers[-1]

    @property
    def bipolar(self) -> bool:
        """Whether the scale has both negative and positive points (effects, not ratings)."""
        return self.minimum < 0 < self.maximum

    def accepts(self, value: object) -> bool:
        """Whether value is one of the scale's points (booleans are not numbers)."""
        if isinstance(value, bool):
            return False
        return any(
            point.value == value and type(point.value) is type(value) for point in self.points
        )

    def label_of(self, value: int | str) -> Text:
        """Label of one point, to show a member's answer."""
        for point in self.points:
            if point.value == value and type(point.value) is type(value):
                return point.label
        raise KeyError(f"scale {self.id}: no point {value!r}")

    def normalise(self, value: float) -> float:
        """Map a counted value onto 0..1 with the lowest point > 0 (for likelihood weights)."""
        return (value - self.minimum + 1) / (self.maximum - self.minimum + 1)


@dataclass(frozen=True, slots=True)
class Value:
    """A moral value with a stable URN; sub-values name what the value covers more concretely."""

    id: str
    urn: str
    name: Text
    description: Text
    parent: str | None
    subvalues: tuple[Value, ...] = ()


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """A group affected by the technology; direct ones use it, indirect ones only feel it."""

    id: str
    name: Text
    direct: bool
    vulnerable: bool


@dataclass(frozen=True, slots=True)
class Section:
    """An ordered part of the set (a stage of a method), to walk members through it."""

    id: str
    title: Text
    description: Text | None


@dataclass(frozen=True, slots=True)
class ChoiceOption:
    """One option of a choice question."""

    id: str
    label: Text


@dataclass(frozen=True, slots=True)
class Question:
    """One question; which of the optional fields are set depends on its type."""

    id: str
    urn: str
    section: str
    type: str
    text: Text
    guidance: Text | None
    values: tuple[str, ...]
    scale: Scale | None = None
    likelihood_scale: Scale | None = None
    stakeholders: tuple[str, ...] = ()
    options: tuple[ChoiceOption, ...] = ()
    multiple: bool = False
    option_kind: str | None = None
    requires_note: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """Where a set's values or structure come from, with that source's licence."""

    title: str
    url: str | None
    licence: str
    used_for: str


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When members' answers count as disagreement; data-driven so a committee can tune them."""

    disagreement_spread: int = 3
    opposite_signs_min: int = 1
    many_unknown_share: float = 0.5
    many_unknown_min: int = 2
    vulnerable_weight: float = 2.0


@dataclass(frozen=True, slots=True)
class SetSummary:
    """What `check_sets` reports per set (for a future `flask ethicsdesk compass check`)."""

    id: str
    version: str
    values: int
    questions: int


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """A versioned question set; `digest` identifies the exact files an advisory was based on."""

    id: str
    version: str
    title: Text
    description: Text
    licence: str
    sources: tuple[Source, ...]
    values: tuple[Value, ...]
    stakeholders: tuple[Stakeholder, ...]
    scales: Mapping[str, Scale]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    thresholds: Thresholds
    digest: str

    @property
    def all_values(self) -> tuple[Value, ...]:
        """Values and sub-values in display order (each value followed by its sub-values)."""
        return tuple(item for value in self.values for item in (value, *value.subvalues))

    def value(self, value_id: str) -> Value:
        """A value or sub-value by id."""
        for value in self.all_values:
            if value.id == value_id:
                return value
        raise KeyError(f"{self.id}: unknown value {value_id!r}")

    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        """A stakeholder by id."""
        for stakeholder in self.stakeholders:
            if stakeholder.id == stakeholder_id:
                return stakeholder
        raise KeyError(f"{self.id}: unknown stakeholder {stakeholder_id!r}")

    def question(self, urn: str) -> Question:
        """A question by URN (answers refer to questions by URN only)."""
        for question in self.questions:
            if question.urn == urn:
                return question
        raise KeyError(f"{self.id}: unknown question {urn!r}")

    def summary(self) -> SetSummary:
        """Id, version and size, for listings and the check command."""
        return SetSummary(self.id, self.version, len(self.all_values), len(self.questions))
