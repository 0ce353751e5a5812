"""Medians for certify, approve and verify; run `python -m tests.signing.benchmark` (no asserts)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyhanko.stamp import TextStampStyle

from ethicsdesk.signing import approve, certify, sign, verify_pdf
from tests.signing.documents import CHAIR, FIELDS, SECRETARY, advisory_pdf, make_pki

RUNS = 20


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of `runs` calls after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        pki = make_pki(Path(directory))
        secretary, chair = pki.signer(SECRETARY), pki.signer(CHAIR)
        render = advisory_pdf(5)

        def do_certify() -> bytes:
            return certify(render, secretary, field="secretary", reason="x", all_fields=FIELDS)

        certified = do_certify()
        signed = approve(certified, chair, field="chair", reason="y")
        results = {
            "certify (2 fields, visible text stamp)": median_ms(do_certify),
            "approve (visible text stamp)": median_ms(
                lambda: approve(certified, chair, field="chair", reason="y")
            ),
            "verify_pdf, 1 signature": median_ms(
                lambda: verify_pdf(certified, [pki.ca], [pki.crl])
            ),
            "verify_pdf, 2 signatures": median_ms(lambda: verify_pdf(signed, [pki.ca], [pki.crl])),
        }
        default_style = sign.STAMP_STYLE
        sign.STAMP_STYLE = TextStampStyle(stamp_text="", border_width=0, background=None)
        try:
            results["approve (empty stamp, for comparison)"] = median_ms(
                lambda: approve(certified, chair, field="chair", reason="y")
            )
        finally:
            sign.STAMP_STYLE = default_style
    width = max(map(len, results))
    for name, value in results.items():
        sys.stdout.write(f"{name:<{width}}  {value:7.1f} ms (median of {RUNS})\n")


if __name__ == "__main__":
    main()
