"""Re-import of our own CNIL export: the embedded document wins, except where the file was edited.

`expected` is what we exported from the embedded document. Every CNIL item that still equals its
expected form comes back from the embedded document (with choices, owners, register risks …);
an item that differs, or is new, is taken from the file as `derived` reads it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from dpia_templates.dpia._cnil_common import (
    SLOT_OF_EVENT,
    choice_prefix,
    cnil_extra,
    slot_reference,
    slot_risk_id,
)
from dpia_templates.dpia._cnil_in import PIA_STATUS, PIA_TEXTS
from dpia_templates.dpia._cnil_risks import evaluation_reference
from dpia_templates.dpia.model import DpiaTemplate

Item = Mapping[str, Any]
PIA_OTHER = {"concerned_people_searched_opinion": ("data_subjects", "sought")}


def _bare(item: Item | None) -> dict[str, Any] | None:
    """An item without the ids the CNIL tool renumbers on import."""
    return None if item is None else {k: v for k, v in item.items() if k not in ("id", "pia_id")}


def _first(items: Iterable[Item], key: str) -> dict[Any, Item]:
    """Items by a key, the first one winning (as the import does)."""
    found: dict[Any, Item] = {}
    for item in items:
        found.setdefault(item.get(key), item)
    return found


def _merge_answers(
    doc: dict[str, Any], derived: Item, data: Item, expected: Item, template: DpiaTemplate
) -> None:
    """Answers (and their notes) edited in the CNIL tool replace the embedded ones."""
    files, wanted = (
        _first(data["answers"], "reference_to"),
        _first(expected["answers"], "reference_to"),
    )
    notes = _first((c for c in data["comments"] if not c.get("for_measure")), "reference_to")
    wanted_notes = _first(
        (c for c in expected["comments"] if not c.get("for_measure")), "reference_to"
    )
    for ref, question in template.by_cnil_ref().items():
        same = _bare(files.get(ref)) == _bare(wanted.get(ref))
        if same and _bare(notes.get(ref)) == _bare(wanted_notes.get(ref)):
            continue
        old, new = doc["answers"].pop(question.id, {}), derived["answers"].get(question.id)
        if new is None:
            continue
        prefix = choice_prefix(question, old.get("choice"), doc["lang"])
        text = new.get("text")
        if prefix and isinstance(text, str) and text.startswith(prefix):
            text = text[len(prefix) :] or None
        doc["answers"][question.id] = {**old, **new, "text": text, "note": new.get("note")}


def _merge_measures(doc: dict[str, Any], derived: Item, data: Item, expected: Item) -> None:
    """Measures edited in the CNIL tool take its title and text; deleted ones go; new ones come."""
    files = _first(data["measures"], "id")
    from_file = {m["id"]: m for m in derived["measures"]}
    kept = []
    for ours, theirs in zip(doc["measures"], expected["measures"], strict=True):
        found = files.get(theirs["id"])
        if found is None:
            continue
        if _bare(found) != _bare(theirs) and ours["id"] in from_file:
            new = from_file[ours["id"]]
            ours = {**ours, "title": new["title"], "description": new["description"]}
            ours["extra"] = new.get("extra", {})
        kept.append(ours)
    exported = {m["id"] for m in expected["measures"]}
    for measure, raw in zip(derived["measures"], data["measures"], strict=True):
        if raw.get("id") not in exported:
            while measure["id"] in {m["id"] for m in kept}:
                measure = {**measure, "id": measure["id"] + "_"}
            kept.append(measure)
    doc["measures"] = kept
    ids = {m["id"] for m in kept}
    for risk in doc["risks"]:
        risk["measure_ids"] = [m for m in risk["measure_ids"] if m in ids]


def _merge_risks(doc: dict[str, Any], derived: Item, data: Item, expected: Item) -> None:
    """A CNIL risk edited in the tool replaces (or adds) our risk for that slot."""
    for event, slot in SLOT_OF_EVENT.items():
        refs = range(slot * 10 + 1, slot * 10 + 7)
        reference = slot_reference(event)

        def view(cnil: Item, refs: range = refs, reference: str = reference) -> list[Any]:
            """The slot's answers and residual gauges as one comparable value."""
            answers = [_bare(a) for a in cnil["answers"] if a.get("reference_to") in refs]
            answers.sort(key=lambda answer: str(answer and answer.get("reference_to")))
            gauges = [
                e.get("gauges") for e in cnil["evaluations"] if e.get("reference_to") == reference
            ]
            return [answers, gauges[:1]]

        if view(data) == view(expected):
            continue
        risk_id = slot_risk_id(event)
        replacement = [r for r in derived["risks"] if r["id"] == risk_id]
        doc["risks"] = [r for r in doc["risks"] if r["id"] != risk_id] + replacement


def _merge_evaluations(
    doc: dict[str, Any],
    derived: Item,
    data: Item,
    expected: Item,
    references: list[str | None],
) -> None:
    """Evaluations edited, added or removed in the CNIL tool win over the embedded ones."""
    files = _first(data["evaluations"], "reference_to")
    wanted = _first(expected["evaluations"], "reference_to")
    changed = {
        r for r in files.keys() | wanted.keys() if _bare(files.get(r)) != _bare(wanted.get(r))
    }
    kept = [e for e, r in zip(doc["evaluations"], references, strict=True) if r not in changed]
    kept += [e for e in derived["evaluations"] if cnil_extra(e).get("reference_to") in changed]
    doc["evaluations"] = kept


def _merge_pia(doc: dict[str, Any], derived: Item, data: Item, expected: Item) -> None:
    """Case and opinion fields edited in the CNIL tool replace the embedded values."""
    fields = {
        **PIA_TEXTS,
        **{key: (part, "status") for key, part in PIA_STATUS.items()},
        **PIA_OTHER,
    }
    for key, (part, name) in fields.items():
        if data["pia"].get(key) == expected["pia"].get(key):
            continue
        source = derived["case"] if part == "case" else derived["opinions"][part]
        target = doc["case"] if part == "case" else doc["opinions"].setdefault(part, {})
        if name in source:
            target[name] = source[name]
    if data["pia"] != expected["pia"]:
        doc["extra"].setdefault("cnil", {})["pia"] = derived["extra"]["cnil"]["pia"]


def _merge_extra(doc: dict[str, Any], derived: Item) -> None:
    """Raw, unplaced CNIL items as the file now has them."""
    theirs = derived["extra"].get("cnil", {})
    ours = doc["extra"].setdefault("cnil", {})
    for key in ("answers", "evaluations", "comments", "top"):
        if theirs.get(key, []) != ours.get(key, []):
            ours[key] = theirs.get(key)
            if not ours[key]:
                ours.pop(key)
    if not ours:
        doc["extra"].pop("cnil")


def merge(
    embedded: Item, derived: Item, data: Item, expected: Item, template: DpiaTemplate
) -> dict[str, Any]:
    """The embedded document with the file's edits applied."""
    doc = copy.deepcopy(dict(embedded))
    parts = ("answers", "measures", "evaluations", "comments")
    data = {part: data.get(part) or [] for part in parts} | {"pia": data["pia"]}
    pairs = zip(embedded["measures"], expected["measures"], strict=True)
    measure_ids = {ours["id"]: theirs["id"] for ours, theirs in pairs}
    references = [
        evaluation_reference(e["target"], embedded, template, measure_ids)
        for e in embedded["evaluations"]
    ]
    _merge_answers(doc, derived, data, expected, template)
    _merge_risks(doc, derived, data, expected)
    _merge_measures(doc, derived, data, expected)
    _merge_evaluations(doc, derived, data, expected, references)
    _merge_pia(doc, derived, data, expected)
    _merge_extra(doc, derived)
    return doc
