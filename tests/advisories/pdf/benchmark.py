"""Time a typical advisory (14 risks, 25-node graph): `python -m tests.advisories.pdf.benchmark`."""

from __future__ import annotations

import io
import statistics
import time
from dataclasses import dataclass

from pypdf import PdfReader

from ethicsdesk.advisories.pdf import render_advisory
from tests.advisories.pdf.example import example_advisory


@dataclass(frozen=True)
class Timing:
    """Median and spread of warm builds, with the size of what was built."""

    runs: int
    median_ms: float
    fastest_ms: float
    slowest_ms: float
    pages: int
    size: int

    def __str__(self) -> str:
        return (
            f"advisory PDF: median {self.median_ms:.1f} ms over {self.runs} warm runs "
            f"(fastest {self.fastest_ms:.1f}, slowest {self.slowest_ms:.1f}); "
            f"{self.pages} pages, {self.size / 1024:.0f} KiB"
        )


def measure(runs: int = 20) -> Timing:
    """Render once to warm up (fonts, question set), then time `runs` renders."""
    advisory = example_advisory("nl", risks=14)
    pdf = render_advisory(advisory)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_advisory(advisory)
        times.append((time.perf_counter() - start) * 1000)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return Timing(runs, statistics.median(times), min(times), max(times), pages, len(pdf))


if __name__ == "__main__":
    print(measure())  # noqa: T201
