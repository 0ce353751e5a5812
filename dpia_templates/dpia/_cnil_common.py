"""Shared vocabulary of the CNIL PIA tool format and the helpers that make a round trip lossless.

Every CNIL item we place keeps what we did not place in `extra.cnil` (see `split`), and the export
puts it back (see `join`), so ids, timestamps and unknown fields survive an import and export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from dpia_templates.dpia.model import FearedEvent, Question

EMBED_KEY = "ethicsdesk"
PARTS = ("pia", "answers", "measures", "evaluations", "comments")
EVALUATION_STATUS = ("pending", "to_correct", "improvable", "acceptable")
SLOT_OF_EVENT: Mapping[FearedEvent, int] = {
    FearedEvent.ILLEGITIMATE_ACCESS: 32,
    FearedEvent.UNWANTED_MODIFICATION: 33,
    FearedEvent.DISAPPEARANCE: 34,
}
EVENT_OF_SLOT: Mapping[int, FearedEvent] = {slot: event for event, slot in SLOT_OF_EVENT.items()}
# The `data` keys an answer has besides the ones we place, by what we place.
DATA_DEFAULTS: Mapping[str, Mapping[str, Any]] = {
    "text": {"gauge": 0, "list": []},
    "list": {"text": None, "gauge": None},
    "gauge": {"gauge": 0, "list": []},
}
ABSENT = "_absent"


class CnilError(ValueError):
    """The file is not a CNIL PIA export, or the document cannot be exported."""


def slot_risk_id(event: FearedEvent) -> str:
    """Id of the risk that stands for one of the CNIL's three risks."""
    return f"cnil_{event.value}"


def slot_reference(event: FearedEvent) -> str:
    """The CNIL evaluation reference of a risk slot: '3.2', '3.3' or '3.4'."""
    slot = SLOT_OF_EVENT[event]
    return f"{slot // 10}.{slot % 10}"


def question_reference(ref: int) -> str:
    """The CNIL evaluation reference of a question: 2.1.212 for question 212."""
    return f"{ref // 100}.{ref // 10 % 10}.{ref}"


def split(raw: Mapping[str, Any], placed: Iterable[str]) -> dict[str, Any]:
    """What is left of a CNIL item after placing some keys, noting placed keys that were absent."""
    placed = tuple(placed)
    left = {key: value for key, value in raw.items() if key not in placed}
    absent = [key for key in placed if key not in raw]
    if absent:
        left[ABSENT] = absent
    return left


def join(left: Mapping[str, Any], built: Mapping[str, Any]) -> dict[str, Any]:
    """Rebuild a CNIL item from its leftovers and our values (absent keys stay absent if empty)."""
    absent = set(left.get(ABSENT, ()))
    item = {key: value for key, value in left.items() if key != ABSENT}
    item.update(
        {key: value for key, value in built.items() if value is not None or key not in absent}
    )
    return item


def cnil_extra(item: Mapping[str, Any]) -> dict[str, Any]:
    """The CNIL leftovers stored on one of our items (empty for items made in EthicsDesk)."""
    extra = item.get("extra") or {}
    cnil = extra.get("cnil") if isinstance(extra, Mapping) else None
    return dict(cnil) if isinstance(cnil, Mapping) else {}


def with_extra(item: dict[str, Any], cnil: Mapping[str, Any]) -> dict[str, Any]:
    """Attach CNIL leftovers to one of our items, only when there are any."""
    if cnil:
        item["extra"] = {"cnil": dict(cnil)}
    return item


def answer_data(kind: str, rest: Mapping[str, Any] | None, **placed: Any) -> dict[str, Any]:
    """A CNIL answer's `data`: what we place over what was there (or the tool's defaults)."""
    base = dict(DATA_DEFAULTS[kind] if rest is None else rest)
    base.update({key: value for key, value in placed.items() if value is not None or key == "text"})
    return base


def data_rest(data: Mapping[str, Any], placed: Iterable[str]) -> dict[str, Any]:
    """The `data` keys we do not place, kept to rebuild the answer exactly."""
    return {key: value for key, value in data.items() if key not in set(placed)}


def choice_prefix(question: Question, choice: object, lang: str) -> str:
    """The chosen options as HTML put before the text, since the CNIL tool has no choices."""
    if not choice:
        return ""
    codes = choice if isinstance(choice, list) else [choice]
    labels = [
        getattr(question.choice_label(c), lang) if c in question.codes else str(c) for c in codes
    ]
    return f"<p><strong>{escape(', '.join(labels))}</strong></p>\n"
