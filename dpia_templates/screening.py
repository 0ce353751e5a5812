"""Pre-screen a technology review request: is a DPIA needed, what does the AI Act say, what else
must be done, and why. Pure and fast: the rules are loaded once, a request takes microseconds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dpia_templates._data import Text, to_jsonable
from dpia_templates.conditions import Facts, FactValue, Match, Trigger, merge_triggers, via
from dpia_templates.facts import normalise_request
from dpia_templates.rules import DPIA_LEVELS, GroupKind, Rule
from dpia_templates.ruleset import AI_CLASS_FIELD, RuleGroup, RuleSet, load_ruleset
from dpia_templates.vocabulary import DEFAULT_CATEGORY

RESULT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule that holds for the request, with its texts, legal reference and triggering answers."""

    rule_id: str
    group: str
    title: Text
    explanation: Text
    reference: str
    triggers: tuple[Trigger, ...]
    ai_class: str | None = None
    severity: str | None = None


@dataclass(frozen=True, slots=True)
class GroupOutcome:
    """How one rule group (EDPB, AP list, GDPR art. 35(3)) judges the need for a DPIA."""

    group: str
    title: Text
    count: int
    level: str
    summary: Text
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class DpiaConclusion:
    """The overall DPIA conclusion and the findings and summaries that led to it."""

    conclusion: str
    label: Text
    summary: tuple[Text, ...]
    reasons: tuple[Finding, ...]
    rule_ids: tuple[str, ...]
    groups: tuple[GroupOutcome, ...]

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """Findings of every group, including groups that did not decide the conclusion."""
        return tuple(f for group in self.groups for f in group.findings)


@dataclass(frozen=True, slots=True)
class AiDuty:
    """An AI Act duty that applies, from which date, and because of which rules."""

    id: str
    title: Text
    explanation: Text
    reference: str
    applies_from: dt.date | None
    rule_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AiActAssessment:
    """The AI Act risk class, whether it blocks the request, and the resulting duties."""

    ai_class: str
    label: Text
    blocking: bool
    rule_ids: tuple[str, ...]
    findings: tuple[Finding, ...]
    duties: tuple[AiDuty, ...]


@dataclass(frozen=True, slots=True)
class TemplateSuggestion:
    """The DPIA template to start from: the chosen category, or derived from the answers."""

    category: str
    name: Text
    derived: bool
    reason: Text
    rule_ids: tuple[str, ...]
    triggers: tuple[Trigger, ...]


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """Everything the pre-screening concludes about one request, each part with its reasons."""

    dpia: DpiaConclusion
    ai_act: AiActAssessment
    blocking: bool
    flags: tuple[Finding, ...]
    suggested_template: TemplateSuggestion
    derived_facts: tuple[Finding, ...]
    unanswered: tuple[str, ...]
    ruleset: str

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Ids of every rule that held, for audit trails and tests."""
        findings = (*self.derived_facts, *self.dpia.all_findings, *self.ai_act.findings)
        return tuple(f.rule_id for f in (*findings, *self.flags))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict with a stable layout (dates as ISO strings)."""
        data: dict[str, Any] = to_jsonable(self)
        return {"format": RESULT_FORMAT, **data}


def _finding(rule: Rule, match: Match) -> Finding:
    """Turn a matching rule into a finding."""
    triggers = merge_triggers(match or ())
    return Finding(
        rule.id,
        rule.group,
        rule.title,
        rule.explanation,
        rule.reference,
        triggers,
        rule.ai_class,
        rule.severity,
    )


def _evaluate(rules: tuple[Rule, ...], facts: Facts) -> tuple[Finding, ...]:
    """Findings of the rules that hold."""
    found = ((rule, rule.when.evaluate(facts)) for rule in rules)
    return tuple(_finding(rule, match) for rule, match in found if match is not None)


def _derive(ruleset: RuleSet, values: dict[str, FactValue]) -> tuple[Facts, tuple[Finding, ...]]:
    """Evaluate the derived facts in order; each may use the ones before it."""
    derived: dict[str, tuple[Trigger, ...]] = {}
    facts = Facts(values, derived)
    findings: list[Finding] = []
    for rule in ruleset.derived:
        match = rule.when.evaluate(facts)
        values[rule.name] = match is not None
        if match is not None:
            finding = _finding(rule, match)
            derived[rule.name] = via(finding.triggers, rule.name)
            findings.append(finding)
    return facts, tuple(findings)


def _dpia(ruleset: RuleSet, groups: tuple[RuleGroup, ...], facts: Facts) -> DpiaConclusion:
    """Combine the DPIA groups: the strictest level of any group decides."""
    outcomes: list[GroupOutcome] = []
    for group in groups:
        assert group.outcome is not None  # guaranteed by the loader for DPIA groups
        findings = _evaluate(group.rules, facts)
        level = group.outcome.level(len(findings))
        summary = group.outcome.texts[level].fill(count=len(findings))
        outcomes.append(
            GroupOutcome(
                group.header.id, group.header.title, len(findings), level, summary, findings
            )
        )
    conclusion = min((o.level for o in outcomes), key=DPIA_LEVELS.index, default="not_required")
    decisive = [o for o in outcomes if o.level == conclusion]
    reasons = tuple(f for o in decisive for f in o.findings)
    return DpiaConclusion(
        conclusion=conclusion,
        label=ruleset.vocabulary.label("dpia_conclusion", conclusion),
        summary=tuple(o.summary for o in decisive),
        reasons=reasons,
        rule_ids=tuple(f.rule_id for f in reasons),
        groups=tuple(outcomes),
    )


def _ai_act(ruleset: RuleSet, groups: tuple[RuleGroup, ...], facts: Facts) -> AiActAssessment:
    """The most severe AI Act class found, with all findings and the duties they bring."""
    config = ruleset.ai_act
    findings = tuple(f for group in groups for f in _evaluate(group.rules, facts))
    classes = [f.ai_class for f in findings if f.ai_class]
    ai_class = min(classes, key=config.class_order.index, default=config.default_class)
    rules = {rule.id: rule for group in groups for rule in group.rules}
    duties = []
    for duty in config.duties.values():
        rule_ids = tuple(f.rule_id for f in findings if duty.id in rules[f.rule_id].duties)
        if rule_ids:
            duties.append(
                AiDuty(
                    duty.id,
                    duty.title,
                    duty.explanation,
                    duty.reference,
                    duty.applies_from,
                    rule_ids,
                )
            )
    return AiActAssessment(
        ai_class=ai_class,
        label=ruleset.vocabulary.label(AI_CLASS_FIELD, ai_class),
        blocking=ai_class in config.blocking_classes,
        rule_ids=tuple(f.rule_id for f in findings if f.ai_class == ai_class),
        findings=findings,
        duties=tuple(duties),
    )


def _template(ruleset: RuleSet, facts: Facts) -> TemplateSuggestion:
    """The chosen category's template, or for 'other' the first suggestion that holds."""
    chosen = str(facts.values.get("category") or DEFAULT_CATEGORY)
    texts = ruleset.suggestion_texts
    names = ruleset.vocabulary.lists["category"]
    if chosen != DEFAULT_CATEGORY:
        name = names.label_of(chosen)
        return TemplateSuggestion(chosen, name, False, texts["chosen"].fill(name=name), (), ())
    for suggestion in ruleset.suggestions:
        match = suggestion.when.evaluate(facts)
        if match is not None:
            name = names.label_of(suggestion.category)
            rule_id = f"template.{suggestion.category}"
            reason = texts["derived"].fill(name=name)
            return TemplateSuggestion(
                suggestion.category, name, True, reason, (rule_id,), merge_triggers(match)
            )
    name = names.label_of(DEFAULT_CATEGORY)
    return TemplateSuggestion(
        DEFAULT_CATEGORY, name, False, texts["fallback"].fill(name=name), (), ()
    )


def screen(request: Mapping[str, Any], *, ruleset: RuleSet | None = None) -> ScreeningResult:
    """Screen a request; missing answers count as unknown, invalid ones raise RequestError."""
    rules = ruleset if ruleset is not None else load_ruleset()
    values, missing = normalise_request(request, rules.registry)
    facts, derived = _derive(rules, values)
    dpia = _dpia(rules, rules.groups_of(GroupKind.DPIA), facts)
    ai_act = _ai_act(rules, rules.groups_of(GroupKind.AI_ACT), facts)
    values[AI_CLASS_FIELD] = ai_act.ai_class
    flags = tuple(
        f for group in rules.groups_of(GroupKind.FLAGS) for f in _evaluate(group.rules, facts)
    )
    return ScreeningResult(
        dpia=dpia,
        ai_act=ai_act,
        blocking=ai_act.blocking,
        flags=flags,
        suggested_template=_template(rules, facts),
        derived_facts=derived,
        unanswered=tuple(name for name in missing if name in rules.used_fields),
        ruleset=rules.digest,
    )
