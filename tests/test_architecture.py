"""Shape rules from the design card, checked so they survive the next engineer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("ethicsdesk", "compass", "dpia_templates")


def python_files(*dirs: str) -> list[Path]:
    return [path for d in dirs for path in sorted((ROOT / d).rglob("*.py"))]


@pytest.mark.parametrize("package", ["compass", "dpia_templates"])
def test_libraries_never_import_flask(package: str) -> None:
    code = (
        f"import sys, {package}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'ethicsdesk')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_god_modules() -> None:
    too_long = [
        f"{path.relative_to(ROOT)}: {n}"
        for path in python_files(*SOURCE_DIRS)
        if (n := len(path.read_text().splitlines())) > 400
    ]
    assert too_long == []


def test_only_the_request_hook_and_cli_commit() -> None:
    """Operations flush; one place per request (and per CLI command) commits."""
    # the archive's after-request hook commits the second half of its journal, after the
    # request's own commit (see ethicsdesk/advisories/archive.py)
    allowed = {"ethicsdesk/core/db.py", "ethicsdesk/cli.py", "ethicsdesk/advisories/archive.py"}
    offenders = []
    for path in python_files("ethicsdesk"):
        relative = str(path.relative_to(ROOT))
        if relative in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "commit":
                offenders.append(relative)
    assert offenders == []


def test_operations_never_touch_the_request() -> None:
    offenders = []
    for path in (ROOT / "ethicsdesk").rglob("operations.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "flask"
                and any(alias.name in ("request", "session", "g") for alias in node.names)
            ):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_wsgi_is_two_lines() -> None:
    lines = [line for line in (ROOT / "wsgi.py").read_text().splitlines() if line.strip()]
    assert lines == ["from ethicsdesk import create_app", "app = create_app()"]


def test_create_all_is_never_used() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in python_files(*SOURCE_DIRS, "migrations")
        if "create_all(" in path.read_text()
    ]
    assert offenders == []
