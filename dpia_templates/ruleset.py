"""Load and check every rules file once, so screening a request only evaluates prepared rules."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, ParamSpec, TypeVar

from dpia_templates._data import (
    RULES_DIR,
    DataError,
    RuleLoadError,
    Text,
    as_str,
    as_table,
    as_tables,
    as_template,
    check_keys,
    is_code,
    read_toml,
)
from dpia_templates.conditions import Condition, condition_fields, parse_condition
from dpia_templates.fields import FieldKind, FieldRegistry, FieldSpec, code_field, request_registry
from dpia_templates.rules import (
    DpiaOutcome,
    Duty,
    GroupHeader,
    GroupKind,
    Rule,
    parse_duties,
    parse_header,
    parse_outcome,
    parse_rule,
    rule_tables,
)
from dpia_templates.schema import SCHEMA_FILE
from dpia_templates.vocabulary import (
    CATEGORIES_FILE,
    DEFAULT_CATEGORY,
    VOCABULARY_FILE,
    Vocabulary,
    load_vocabulary,
)

AI_CLASS_FIELD = "ai_act_class"
P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """The rules of one file, evaluated together."""

    header: GroupHeader
    rules: tuple[Rule, ...]
    outcome: DpiaOutcome | None = None


@dataclass(frozen=True, slots=True)
class AiActConfig:
    """How AI Act findings combine: class ranking, the class without findings, blocking classes."""

    class_order: tuple[str, ...]
    default_class: str
    blocking_classes: frozenset[str]
    duties: Mapping[str, Duty]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """For category 'other': the template to suggest when the condition holds."""

    category: str
    when: Condition


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything screen() needs, checked at load time."""

    derived: tuple[Rule, ...]
    groups: tuple[RuleGroup, ...]
    ai_act: AiActConfig
    suggestions: tuple[Suggestion, ...]
    suggestion_texts: Mapping[str, Text]
    registry: FieldRegistry
    used_fields: frozenset[str]
    digest: str
    vocabulary: Vocabulary

    def groups_of(self, kind: GroupKind) -> tuple[RuleGroup, ...]:
        """The groups of one kind, in evaluation order."""
        return tuple(group for group in self.groups if group.header.kind is kind)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, derived facts first."""
        return self.derived + tuple(rule for group in self.groups for rule in group.rules)


class _Loader:
    """Collects every problem across files, so one run reports all of them."""

    def __init__(self, vocabulary: Vocabulary, registry: FieldRegistry) -> None:
        self.vocabulary = vocabulary
        self.registry = registry
        self.problems: list[str] = []
        self.seen: set[str] = set()
        self.allowed: dict[str, frozenset[str]] = {
            "ai_class": frozenset(vocabulary.outputs[AI_CLASS_FIELD].code_ids),
            "severity": frozenset(vocabulary.outputs["severity"].code_ids),
            "duties": frozenset(),
        }

    def header(self, path: Path) -> tuple[GroupHeader, Mapping[str, Any]] | None:
        """Read a file and its [group] header, or note why it can't be used."""
        try:
            raw = read_toml(path)
            return parse_header(raw, path.name), raw
        except RuleLoadError as exc:
            self.problems.extend(exc.problems)
        except DataError as exc:
            self.problems.append(f"{path.name}: {exc}")
        return None

    def rules(self, header: GroupHeader, raw: Mapping[str, Any]) -> tuple[Rule, ...]:
        """Parse a file's rules; a derived rule becomes a yes/no field for the rules after it."""
        parsed: list[Rule] = []
        try:
            tables = rule_tables(raw)
        except DataError as exc:
            self.problems.append(f"{header.source}: {exc}")
            return ()
        for index, table in enumerate(tables):
            label = table.get("id", f"#{index + 1}")
            try:
                rule = parse_rule(table, header, self.registry, self.allowed)
                if rule.id in self.seen:
                    raise DataError("duplicate rule id")
                if header.kind is GroupKind.DERIVED:
                    self._add_fact(rule)
            except DataError as exc:
                self.problems.append(f"{header.source}: rule {label!r}: {exc}")
                continue
            self.seen.add(rule.id)
            parsed.append(rule)
        return tuple(parsed)

    def _add_fact(self, rule: Rule) -> None:
        """Register a derived fact under its name."""
        if rule.name in self.registry:
            raise DataError(f"derived fact {rule.name!r} clashes with an existing field")
        self.registry = self.registry.with_fields(
            FieldSpec(rule.name, FieldKind.BOOL, derived=True)
        )

    def guarded(
        self, source: str, parse: Callable[P, T], *args: P.args, **kw: P.kwargs
    ) -> T | None:
        """Run a parser, noting its problem under the file name instead of stopping."""
        try:
            return parse(*args, **kw)
        except DataError as exc:
            self.problems.append(f"{source}: {exc}")
            return None


def _ai_config(raw: Mapping[str, Any], vocabulary: Vocabulary) -> AiActConfig:
    """Parse [ai_act] and [duties] of the AI Act file."""
    table = as_table(raw["ai_act"], "[ai_act]")
    check_keys(table, {"default_class", "blocking_classes"})
    order = vocabulary.outputs[AI_CLASS_FIELD].code_ids
    default = table["default_class"]
    blocking = table["blocking_classes"]
    if not is_code(default, order):
        raise DataError(f"[ai_act].default_class {default!r} is not an {AI_CLASS_FIELD} code")
    if not isinstance(blocking, list) or not all(is_code(item, order) for item in blocking):
        raise DataError(
            f"[ai_act].blocking_classes must be {AI_CLASS_FIELD} codes: {', '.join(order)}"
        )
    return AiActConfig(order, default, frozenset(blocking), parse_duties(raw["duties"]))


Suggestions = tuple[tuple[Suggestion, ...], Mapping[str, Text]]


def _suggestions(registry: FieldRegistry, vocabulary: Vocabulary) -> Suggestions:
    """Parse the template suggestions and their texts from categories.toml."""
    raw = read_toml(CATEGORIES_FILE)
    texts = as_table(raw.get("suggestion"), "[suggestion]")
    check_keys(texts, {"chosen", "derived", "fallback"})
    parsed = {
        key: as_template(value, f"[suggestion].{key}", name="x") for key, value in texts.items()
    }
    ids = set(vocabulary.lists["category"].code_ids) - {DEFAULT_CATEGORY}
    suggestions: list[Suggestion] = []
    for index, entry in enumerate(as_tables(raw.get("suggestions"), "[[suggestions]]")):
        check_keys(entry, {"category", "when"})
        category = as_str(entry["category"], f"[[suggestions]] #{index + 1}.category")
        if category not in ids:
            raise DataError(f"suggestion #{index + 1}: unknown category {category!r}")
        suggestions.append(Suggestion(category, parse_condition(entry["when"], registry)))
    return tuple(suggestions), MappingProxyType(parsed)


def _digest(paths: Iterable[Path]) -> str:
    """A short fingerprint of all data files, to record which rules screened a request."""
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"sha256:{sha.hexdigest()[:16]}"


def _kind_order(item: tuple[GroupHeader, Mapping[str, Any]]) -> int:
    """Evaluation order of a file: derived facts, DPIA groups, AI Act, flags."""
    return list(GroupKind).index(item[0].kind)


@functools.cache
def load_ruleset(directory: Path | None = None) -> RuleSet:
    """Load, check and cache the rules (default: the package's rules/); raise RuleLoadError."""
    rules_dir = RULES_DIR if directory is None else Path(directory)
    paths = sorted(rules_dir.glob("*.toml"))
    if not paths:
        raise RuleLoadError([f"{rules_dir}: no *.toml rule files"])
    vocabulary = load_vocabulary()
    loader = _Loader(vocabulary, request_registry())
    files = sorted((item for item in map(loader.header, paths) if item), key=_kind_order)
    ai_files = [(h, raw) for h, raw in files if h.kind is GroupKind.AI_ACT]
    ai_config = None
    if len(ai_files) == 1:
        ai_config = loader.guarded(ai_files[0][0].source, _ai_config, ai_files[0][1], vocabulary)
    else:
        loader.problems.append(f"{rules_dir.name}: need exactly one rules file of kind 'ai_act'")
    if ai_config is not None:
        loader.allowed["duties"] = frozenset(ai_config.duties)
    derived: list[Rule] = []
    groups: list[RuleGroup] = []
    for header, raw in files:
        if header.kind is GroupKind.FLAGS and AI_CLASS_FIELD not in loader.registry:
            ai_class = code_field(vocabulary.outputs[AI_CLASS_FIELD], derived=True)
            loader.registry = loader.registry.with_fields(ai_class)
        rules = loader.rules(header, raw)
        if header.kind is GroupKind.DERIVED:
            derived.extend(rules)
        elif header.kind is GroupKind.DPIA:
            outcome = loader.guarded(header.source, parse_outcome, raw["outcome"])
            groups.append(RuleGroup(header, rules, outcome))
        else:
            groups.append(RuleGroup(header, rules))
    suggestions = loader.guarded(CATEGORIES_FILE.name, _suggestions, loader.registry, vocabulary)
    if loader.problems or ai_config is None or suggestions is None:
        raise RuleLoadError(loader.problems)
    registry = request_registry()
    conditions = [rule.when for rule in derived] + [s.when for s in suggestions[0]]
    conditions += [rule.when for group in groups for rule in group.rules]
    used = frozenset().union(*map(condition_fields, conditions))
    return RuleSet(
        derived=tuple(derived),
        groups=tuple(groups),
        ai_act=ai_config,
        suggestions=suggestions[0],
        suggestion_texts=suggestions[1],
        registry=registry,
        used_fields=used & {spec.name for spec in registry.input_fields},
        digest=_digest([VOCABULARY_FILE, CATEGORIES_FILE, SCHEMA_FILE, *paths]),
        vocabulary=vocabulary,
    )
