"""Time one pre-screening after loading the rules: python -m bench.screening."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from dpia_templates import screen

CASES = Path(__file__).resolve().parents[1] / "ethicsdesk" / "demo" / "cases"


def main(runs: int = 2000) -> None:
    for path in sorted(CASES.glob("*.json")):
        request = json.loads(path.read_text(encoding="utf-8"))
        screen(request)  # load and cache the rules first
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            screen(request)
            samples.append((time.perf_counter() - start) * 1e6)
        print(f"{path.stem:<24} median {statistics.median(samples):6.0f} µs  "
              f"p99 {sorted(samples)[int(runs * 0.99)]:6.0f} µs")  # fmt: skip


if __name__ == "__main__":
    main()
