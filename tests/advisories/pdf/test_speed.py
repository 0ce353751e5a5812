"""Report how long a typical advisory takes (run with -s to see it); no timing assertions."""

from __future__ import annotations

from tests.advisories.pdf.benchmark import measure


def test_report_build_time() -> None:
    result = measure(runs=20)
    print(f"\n{result}")  # noqa: T201 - the report is the point of this test
    assert result.pages >= 5
