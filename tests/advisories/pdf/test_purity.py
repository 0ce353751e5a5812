"""The renderer stays a pure function: no Flask, no database models, no clock, no randomness."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any

from ethicsdesk.advisories.pdf import render_advisory
from ethicsdesk.advisories.pdf.texts import say, texts
from tests.advisories.pdf.helpers import read

PACKAGE = Path(__file__).resolve().parents[3] / "ethicsdesk" / "advisories" / "pdf"
THIRD_PARTY = {
    "reportlab",
    "markdown",
    "nh3",
    "jsonschema",
    "networkx",
    "compass",
    "dpia_templates",
}
FORBIDDEN = {"time", "random", "secrets", "uuid"}


def _imports(path: Path) -> set[str]:
    """Every module a file imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_pure_libraries_are_imported() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in _imports(path):
            root = name.split(".")[0]
            own = name.startswith("ethicsdesk.advisories.pdf")
            allowed = own or root in THIRD_PARTY or root in sys.stdlib_module_names
            if not allowed or root in FORBIDDEN:
                offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert offenders == []


def test_long_content_flows_over_pages(advisory: dict[str, Any]) -> None:
    bullets = "\n".join(f"- punt {index} met wat tekst" for index in range(120))
    advisory["conditions"][0]["text"] = "Lange voorwaarde. " * 40 + "\n\n" + bullets
    advisory["reasons"] = ("Alinea met tekst. " * 60 + "\n\n") * 20
    advisory["deliberation"]["positions"][0]["reason"] = "Reden. " * 900
    risk = advisory["dpia"]["risks"][0]
    advisory["dpia"]["risks"] = [dict(risk, number=n) for n in range(1, 41)]
    advisory["signers"] = [{"name": f"Lid {n}", "role": "Lid"} for n in range(1, 9)]
    pdf = render_advisory(advisory)
    assert len(read(pdf).pages) > 15


def test_every_fixed_text_exists_in_both_languages() -> None:
    assert all(set(entry) == {"nl", "en"} and all(entry.values()) for entry in texts().values())
    assert say("document.page", "en", page=3) == "page 3 of"
