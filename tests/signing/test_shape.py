"""ethicsdesk.signing stays usable from a CLI or a benchmark: no Flask, no models, small files."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ethicsdesk" / "signing"
FORBIDDEN_ROOTS = {
    "flask",
    "flask_sqlalchemy",
    "flask_login",
    "flask_wtf",
    "sqlalchemy",
    "werkzeug",
}


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_signing_imports_neither_flask_nor_other_app_packages() -> None:
    offenders = {
        f"{path.name}: {module}"
        for path in PACKAGE.glob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN_ROOTS
        or (module.startswith("ethicsdesk") and not module.startswith("ethicsdesk.signing"))
    }
    assert offenders == set()


def test_no_module_over_300_lines() -> None:
    long = {p.name: n for p in PACKAGE.glob("*.py") if (n := len(p.read_text().splitlines())) > 300}
    assert long == {}
