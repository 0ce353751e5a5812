"""Publications as open data: JSON records, an Atom feed and a spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from ethicsdesk.publications.followup import display_status
from ethicsdesk.publications.models import ConditionCheck, Publication

ATOM = "http://www.w3.org/2005/Atom"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def record(
    publication: Publication, url: str, checks: Mapping[int, ConditionCheck], today: date
) -> dict[str, Any]:
    """One publication as the API and the CSV show it; ``checks`` by condition id."""
    advisory = publication.advisory
    return {
        "id": publication.id,
        "number": advisory.number,
        "version": advisory.version,
        "title": advisory.title,
        "vendor": advisory.case.vendor,
        "outcome": advisory.outcome.value,
        "summary": advisory.public_summary,
        "schools": [school.name for school in advisory.case.schools],
        "values_of_concern": publication.values_of_concern,
        "conditions": [
            {
                "text": c.text,
                "owner": c.owner,
                "due_date": _iso(c.due_date),
                "status": display_status(checks.get(c.id), c.due_date, today),
            }
            for c in advisory.conditions
        ],
        "re_evaluation_date": _iso(advisory.re_evaluation_date),
        "issued_on": _iso(advisory.issued_on),
        "visibility": publication.visibility.value,
        "published_at": publication.published_at.isoformat(),
        "retracted": publication.retracted,
        "retraction_reason": publication.retraction_reason,
        "url": url,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def atom(entries: Iterable[tuple[Publication, str]], feed_url: str, title: str) -> bytes:
    """An Atom 1.0 document; ElementTree escapes every text."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    items = list(entries)
    updated = max((p.published_at for p, _ in items), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = (
        updated.isoformat() if updated else "1970-01-01T00:00:00+00:00"
    )
    for publication, url in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(
            entry, f"{{{ATOM}}}title"
        ).text = f"{publication.advisory.reference}: {publication.advisory.title}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = publication.published_at.isoformat()
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = "Ethische commissie"
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = publication.advisory.public_summary
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def safe_cell(value: Any) -> str:
    """Text a spreadsheet shows as text: a leading = + - @ would start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


CSV_COLUMNS = ("number", "version", "title", "vendor", "schools", "outcome", "summary",
               "values_of_concern", "re_evaluation_date", "issued_on", "retracted",
               "url")  # fmt: skip
LIST_SEPARATOR = "; "


def _cell(value: Any) -> Any:
    """Lists (schools, values of concern) become one cell, separated by '; '."""
    return LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value


def csv_bytes(records: Iterable[dict[str, Any]]) -> bytes:
    """UTF-8 with BOM so Excel reads the accents; every cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in records:
        writer.writerow([safe_cell(_cell(row[column])) for column in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
