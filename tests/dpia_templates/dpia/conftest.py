"""Fixtures for the DPIA tests: templates, a writable template directory and the CNIL example."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from dpia_templates.dpia import TEMPLATES_DIR, DpiaTemplate, load_templates

DATA_DIR = Path(__file__).resolve().parent / "data"
CAPTOO = DATA_DIR / "pia-example-captoo.json"


@pytest.fixture(scope="session")
def templates() -> Mapping[str, DpiaTemplate]:
    """The package's templates, loaded once."""
    return load_templates()


@pytest.fixture
def captoo() -> dict[str, Any]:
    """A fresh copy of the CNIL tool's example PIA."""
    data: dict[str, Any] = json.loads(CAPTOO.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def template_dir(tmp_path: Path) -> Path:
    """A writable copy of the package's template directory."""
    target = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, target)
    return target
