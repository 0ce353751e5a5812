"""The benchmark harness cannot rot: its smoke run produces every figure.

Runs ``python -m bench.run --smoke`` (tiny data set, 1 s per page) on SQLite, or on PostgreSQL
when ETHICSDESK_TEST_DATABASE_URL is set, and checks that each figure exists. Never a timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.compute import weasyprint_missing
from bench.load import wrk_path
from bench.report import CATALOGUE_PAGES

ROOT = Path(__file__).resolve().parents[2]
PAGES = (*CATALOGUE_PAGES, "search_varied", "search_varied_signed_in", "advisory_generated",
         "advisory_demo_signed", "api_list")  # fmt: skip

pytestmark = pytest.mark.skipif(
    wrk_path() is None, reason="wrk is not installed (apt-get install wrk): the bench needs it"
)


def _smoke(tmp_path: Path) -> tuple[str, dict[str, Any], str]:
    """One smoke run; the backend it ran on, its raw figures and its RESULTS.md."""
    postgres = os.environ.get("ETHICSDESK_TEST_DATABASE_URL", "")
    output, raw = tmp_path / "RESULTS.md", tmp_path / "results.json"
    command = [
        sys.executable,
        "-m",
        "bench.run",
        "--smoke",
        "--output",
        str(output),
        "--json",
        str(raw),
    ]
    if postgres:
        command += ["--postgres", postgres, "--no-sqlite"]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-5000:]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    backend = "postgresql" if postgres else "sqlite"
    return backend, results, (tmp_path / "RESULTS.md").read_text(encoding="utf-8")


def _numbers(values: list[Any], count: int) -> bool:
    return len(values) == count and all(isinstance(v, float | int) and v > 0 for v in values)


def test_smoke_run_produces_every_figure(tmp_path: Path) -> None:
    backend, results, markdown = _smoke(tmp_path)
    assert list(results["backends"]) == [backend]
    result = results["backends"][backend]
    assert result["data"]["bulk"], "the bulk generator was not used"
    http = result["http"]
    assert set(http["pages"]) == set(PAGES)
    for page, runs in http["pages"].items():
        assert len(runs) == 1, page
        for side in ("floor", "page"):
            run = runs[0][side]
            assert run["requests"] > 0, (page, side)
            assert run["errors"] == 0, (page, side)
            assert _numbers([run["requests_per_s"], run["p50_ms"], run["p99_ms"]], 3), page
    assert _numbers(http["rss_mib"], 2)
    assert _numbers(http["floor_rss_mib"], 2)
    pdf = result["pdf"]
    for step in ("build", "sign_1", "sign_2_and_archive", "total"):
        assert _numbers(pdf[step], 2), step
    if pdf["weasyprint_missing"] is None:
        assert _numbers(pdf["weasyprint"], 2)
    else:  # recorded as not measured, never as a number
        assert pdf["weasyprint"] == []
        assert "WeasyPrint not measured" in markdown
    for figure in ("value_impact", "portfolio"):
        assert _numbers(result[figure]["with_database"], 2), figure
        assert _numbers(result[figure]["computation"], 2), figure
    assert result["value_impact"]["members"] > 0
    assert result["portfolio"]["cases"] > 0
    assert _numbers(result["portfolio"]["reviews_with_database"], 2)
    assert result["portfolio"]["reviews"] > 0
    for heading in ("## Machine and versions", f"## {backend}", "## Targets (issue #9)"):
        assert heading in markdown
    assert all(f"| {page} `" in markdown for page in PAGES)
    assert "not measured" not in markdown.split("## Targets")[1] or pdf["weasyprint_missing"]


def test_weasyprint_peer_is_installed() -> None:
    """Only the WeasyPrint figure depends on the extra; say so plainly when it is missing."""
    reason = weasyprint_missing()
    if reason:
        pytest.skip(f"the WeasyPrint figure is not measured: {reason}")
