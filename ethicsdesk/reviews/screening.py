"""The app's side of the pre-screening: run it on a case and merge the committee's overrides.

The rules live in ``dpia_templates``; here we only store their result and show which
conclusions people replaced, so the human judgement is always visible beside the machine's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dpia_templates import ScreeningResult, load_vocabulary, screen
from ethicsdesk.core.i18n import pick
from ethicsdesk.reviews.models import ReviewCase, ScreeningOverride

FLAG_APPLIES = "applies"
FLAG_DOES_NOT_APPLY = "does_not_apply"
FLAG_LABELS = {
    FLAG_APPLIES: {"nl": "Van toepassing", "en": "Applies"},
    FLAG_DOES_NOT_APPLY: {"nl": "Niet van toepassing", "en": "Does not apply"},
}


def screen_case(case: ReviewCase) -> ScreeningResult:
    """Run the rules on the case's current answers."""
    return screen(case.request_document())


@dataclass(frozen=True)
class Conclusion:
    """One overridable conclusion as shown on the case: the machine's value and the final one."""

    key: str
    title: dict[str, str]
    machine_value: str
    value: str
    override: ScreeningOverride | None
    choices: tuple[tuple[str, dict[str, str]], ...]

    @property
    def overridden(self) -> bool:
        return self.override is not None

    def label_of(self, value: str) -> str:
        """The label of one of this conclusion's values in the reader's language."""
        return next((pick(label) for code, label in self.choices if code == value), value)


def _output_choices(name: str) -> tuple[tuple[str, dict[str, str]], ...]:
    """Choices for a screening output, labelled from the vocabulary."""
    codes = load_vocabulary().outputs[name].codes
    return tuple((code.code, {"nl": code.label.nl, "en": code.label.en}) for code in codes)


def conclusions(case: ReviewCase) -> list[Conclusion]:
    """The overridable conclusions of the stored screening, latest override per key applied."""
    if not case.screening:
        return []
    latest = {override.conclusion: override for override in case.overrides}
    flag_choices = tuple(FLAG_LABELS.items())
    items = [
        ("dpia", {"nl": "DPIA", "en": "DPIA"}, case.screening["dpia"]["conclusion"],
         _output_choices("dpia_conclusion")),
        ("ai_act", {"nl": "AI-verordening", "en": "AI Act"}, case.screening["ai_act"]["ai_class"],
         _output_choices("ai_act_class")),
    ]  # fmt: skip
    for flag in case.screening["flags"]:
        items.append((f"flag:{flag['rule_id']}", flag["title"], FLAG_APPLIES, flag_choices))
    result = []
    for key, title, machine_value, choices in items:
        override = latest.get(key)
        value = override.new_value if override else machine_value
        result.append(Conclusion(key, title, machine_value, value, override, choices))
    return result


def conclusion_by_key(case: ReviewCase, key: str) -> Conclusion | None:
    """One conclusion of the case, if the stored screening has it."""
    return next((item for item in conclusions(case) if item.key == key), None)


def is_blocking(case: ReviewCase) -> bool:
    """A prohibited AI practice stops the case unless the committee judged otherwise."""
    ai_act = conclusion_by_key(case, "ai_act")
    return ai_act is not None and ai_act.value == "prohibited"


def trigger_text(trigger: dict[str, Any]) -> str:
    """Which answer set off a rule, in words: "Data categories: Biometric data"."""
    vocabulary = load_vocabulary()
    field = trigger["field"]
    question = (
        vocabulary.lists.get(field) or vocabulary.facts.get(field) or vocabulary.numbers.get(field)
    )
    field_label = pick(question.label) if question is not None else field.replace("_", " ")
    field_label = field_label.rstrip("?")
    values = []
    for value in trigger["values"]:
        if isinstance(value, bool):
            values.append(pick(FLAG_LABELS[FLAG_APPLIES]) if value else "—")
        elif field in vocabulary.lists:
            values.append(pick(vocabulary.label(field, value)))
        else:
            values.append(str(value))
    return f"{field_label}: {', '.join(values)}"
