"""compass is a pure library: importing it (and its graph part) loads neither Flask nor the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_compass_loads_no_flask_and_no_ethicsdesk() -> None:
    code = (
        "import sys, compass, compass.graph; compass.load_question_set('association'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'ethicsdesk')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_compass_module_is_over_300_lines() -> None:
    long = [
        f"{path.relative_to(ROOT)}: {count}"
        for path in sorted((ROOT / "compass").rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 300
    ]
    assert long == []
