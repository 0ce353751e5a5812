"""bench/RESULTS.md from one run's results: every figure with median and spread, the ratios to
the floor and to WeasyPrint, and the issue's targets marked met or not met.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

# pages the catalogue/search targets apply to; the search shapes have the 30% floor as well
CATALOGUE_PAGES = (
    "catalogue_anonymous",
    "catalogue_signed_in",
    "search_rare",
    "search_common",
    "filters_combined",
)
SEARCH_SHAPES = ("search_rare", "search_common", "filters_combined")
TARGET_RATIO, TARGET_SHAPE_RATIO, TARGET_P99_MS = 0.5, 0.3, 50.0
TARGET_PDF_FACTOR, TARGET_CASE_MS, TARGET_PORTFOLIO_S = 10.0, 20.0, 2.0
TARGET_RSS_MIB = 150e6 / 2**20  # 150 MB = 143 MiB; ps reports KiB


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def spread(values: list[float], scale: float = 1.0, digits: int = 1) -> str:
    """'median (min-max, n)' scaled, or 'not measured'."""
    if not values:
        return "not measured"
    m = statistics.median(values) * scale
    lo, hi = min(values) * scale, max(values) * scale
    return f"{m:.{digits}f} ({lo:.{digits}f}\u2013{hi:.{digits}f}, n={len(values)})"


def page_figures(runs: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Per page: requests/s, p99 and ratios to the floor run measured next to each run."""
    return {
        "rps": [r["page"]["requests_per_s"] for r in runs],
        "p50": [r["page"]["p50_ms"] for r in runs],
        "p99": [r["page"]["p99_ms"] for r in runs],
        "floor_rps": [r["floor"]["requests_per_s"] for r in runs],
        "floor_p99": [r["floor"]["p99_ms"] for r in runs],
        "ratio": [
            r["page"]["requests_per_s"] / r["floor"]["requests_per_s"]
            for r in runs
            if r["floor"]["requests_per_s"]
        ],
        "errors": [r["page"]["errors"] for r in runs],
    }


def _verdict(met: bool | None, shortfall: str) -> str:
    if met is None:
        return "not measured"
    return "met" if met else f"**not met** ({shortfall})"


def targets(backend: str, result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(target, backend, measured, verdict) rows."""
    rows = []
    http = result.get("http", {}).get("pages", {})
    for page in CATALOGUE_PAGES:
        figures = page_figures(http.get(page, []))
        ratio, p99 = median(figures["ratio"]), median(figures["p99"])
        met = None if ratio is None else ratio >= TARGET_RATIO
        short = f"{(TARGET_RATIO - (ratio or 0)) * 100:.1f} points below"
        rows.append(
            (
                f"{page}: req/s \u2265 50% of floor",
                backend,
                "\u2013" if ratio is None else f"{ratio:.1%}",
                _verdict(met, short),
            )
        )
        met = None if p99 is None else p99 <= TARGET_P99_MS
        short = f"{(p99 or 0) - TARGET_P99_MS:.0f} ms over"
        rows.append(
            (
                f"{page}: p99 \u2264 50 ms",
                backend,
                "\u2013" if p99 is None else f"{p99:.0f} ms",
                _verdict(met, short),
            )
        )
        if page in SEARCH_SHAPES:
            met = None if ratio is None else ratio >= TARGET_SHAPE_RATIO
            short = f"{(TARGET_SHAPE_RATIO - (ratio or 0)) * 100:.1f} points below"
            rows.append(
                (
                    f"{page}: no search shape below 30% of floor",
                    backend,
                    "\u2013" if ratio is None else f"{ratio:.1%}",
                    _verdict(met, short),
                )
            )
    pdf = result.get("pdf", {})
    factor = pdf_factor(pdf)
    met = None if factor is None else factor >= TARGET_PDF_FACTOR
    rows.append(
        (
            "build + sign twice + archive \u2265 10\u00d7 faster than WeasyPrint",
            backend,
            "\u2013" if factor is None else f"{factor:.1f}\u00d7",
            _verdict(met, f"{TARGET_PDF_FACTOR - (factor or 0):.1f}\u00d7 short"),
        )
    )
    case = median(result.get("value_impact", {}).get("with_database", []))
    met = None if case is None else case * 1000 <= TARGET_CASE_MS
    rows.append(
        (
            "value-impact analysis of one case \u2264 20 ms",
            backend,
            "\u2013" if case is None else f"{case * 1000:.1f} ms",
            _verdict(met, f"{(case or 0) * 1000 - TARGET_CASE_MS:.1f} ms over"),
        )
    )
    folio = median(result.get("portfolio", {}).get("reviews_with_database", []))
    met = None if folio is None else folio <= TARGET_PORTFOLIO_S
    cases = result.get("portfolio", {}).get("reviews", "?")
    rows.append(
        (
            f"portfolio graph ({cases} reviews) \u2264 2 s",
            backend,
            "\u2013" if folio is None else f"{folio:.2f} s",
            _verdict(met, f"{(folio or 0) - TARGET_PORTFOLIO_S:.2f} s over"),
        )
    )
    rss = result.get("http", {}).get("rss_mib", [])
    met = None if not rss else max(rss) <= TARGET_RSS_MIB
    rows.append(
        (
            "worker RSS \u2264 150 MB after the load",
            backend,
            "\u2013" if not rss else f"{max(rss):.0f} MiB (largest worker; 150 MB = 143 MiB)",
            _verdict(met, f"{max(rss or [0]) - TARGET_RSS_MIB:.0f} MiB over"),
        )
    )
    return rows


def pdf_factor(pdf: dict[str, Any]) -> float | None:
    """How many times faster the signed pipeline is than WeasyPrint's unsigned render."""
    ours, theirs = median(pdf.get("total", [])), median(pdf.get("weasyprint", []))
    return theirs / ours if ours and theirs else None


def _table(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _backend_section(backend: str, result: dict[str, Any]) -> list[str]:
    lines = [f"## {backend}", ""]
    data = result["data"]
    sizes = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in data["sizes"].items())
    lines += [
        f"Data set: {sizes}. Built in {data['load_s']:.0f} s (migrations "
        f"{data['migrate_s']:.0f} s); bulk generator used: {'yes' if data['bulk'] else 'no'}.",
        f"Search terms: common `{data['common']}` ({data['hits']['common']:,} hits), "
        f"rare `{data['rare']}` ({data['hits']['rare']:,} hits); filters "
        f"{data['filters']}.",
        "",
    ]
    lines += [f"> {note}" for note in result.get("notes", [])]
    if result.get("notes"):
        lines.append("")
    http = result.get("http", {})
    rows = []
    for page, runs in http.get("pages", {}).items():
        f = page_figures(runs)
        rows.append(
            (
                f"{page} `{http['paths'][page]}`",
                spread(f["rps"], digits=0),
                spread(f["p99"]),
                spread(f["floor_rps"], digits=0),
                spread(f["ratio"], 100, 1) + " %",
                sum(f["errors"]),
            )
        )
    lines += ["### Pages (wrk, 32 connections, 2 threads, loopback)", ""]
    lines += _table(
        (
            "page",
            "req/s median (min\u2013max)",
            "p99 ms",
            "floor req/s next to it",
            "ratio to floor",
            "errors",
        ),
        rows,
    )
    rss, floor_rss = http.get("rss_mib", []), http.get("floor_rss_mib", [])
    lines += [
        f"Worker RSS after the load: {', '.join(f'{v:.0f}' for v in rss)} MiB "
        f"(floor app: {', '.join(f'{v:.0f}' for v in floor_rss)} MiB).",
        "",
    ]
    pdf = result.get("pdf", {})
    lines += ["### Advisory PDF", ""]
    rows = [
        (step, spread(pdf.get(step, []), 1000))
        for step in ("build", "sign_1", "sign_2_and_archive", "total", "weasyprint")
    ]
    lines += _table(("step", "ms median (min\u2013max)"), rows)
    factor = pdf_factor(pdf)
    if pdf.get("weasyprint_missing"):
        lines += [f"WeasyPrint not measured: {pdf['weasyprint_missing']}.", ""]
    elif factor is not None:
        lines += [
            f"Signed pipeline ({pdf.get('pages') or '?'} pages) vs WeasyPrint (unsigned, "
            f"{pdf.get('weasyprint_pages') or '?'} pages): **{factor:.1f}\u00d7** faster.",
            "",
        ]
    case, folio = result.get("value_impact", {}), result.get("portfolio", {})
    lines += ["### Compass", ""]
    rows = [
        (
            f"value-impact analysis, case {case.get('case_id', '?')} ({case.get('members', '?')} "
            "members), read + compute",
            spread(case.get("with_database", []), 1000, 2) + " ms",
        ),
        (
            "value-impact analysis, computation only",
            spread(case.get("computation", []), 1000, 2) + " ms",
        ),
        (
            f"portfolio over {folio.get('cases', '?')} reviews, read + compute (as the page)",
            spread(folio.get("with_database", []), 1, 3) + " s",
        ),
        ("portfolio analysis, computation only", spread(folio.get("computation", []), 1, 3) + " s"),
        (
            f"portfolio over the {folio.get('reviews', '?')} reviews with a compass round, "
            "read + compute",
            spread(folio.get("reviews_with_database", []), 1, 3) + " s",
        ),
    ]
    lines += _table(("figure", "median (min\u2013max)"), rows)
    lines += [
        f"The case is the compass round with the most members in the data set "
        f"({case.get('members', '?')}). The portfolio covers what the portfolio page reads "
        f"(`portfolio_cases()`: every advised case, else every submitted one): "
        f"{folio.get('cases', '?')} cases here.",
        "",
    ]
    return lines


def render(results: dict[str, Any]) -> str:
    """The whole RESULTS.md."""
    meta = results["meta"]
    lines = [
        "# EthicsDesk benchmark results",
        "",
        f"Generated by `{meta['command']}` on {meta['date']}. Medians with (min\u2013max, n). "
        "Every page is measured next to the bare-Flask floor in the same run; the machine "
        "is shared with other work (test runs of other sessions), so absolute numbers are "
        "noisy and the ratios are what counts.",
        "",
    ]
    lines += ["## Machine and versions", ""]
    lines += _table(
        ("what", "value"), list(meta["machine"].items()) + list(meta["versions"].items())
    )
    lines += [
        "Settings: gunicorn --workers 2 (sync), production mode "
        "(ETHICSDESK_SECURE_COOKIES=0 for plain http on 127.0.0.1), no access log for "
        f"either app; wrk {meta['settings']}.",
        "",
    ]
    all_targets = []
    for backend, result in results["backends"].items():
        lines += _backend_section(backend, result)
        all_targets += targets(backend, result)
    lines += ["## Targets (issue #9)", ""]
    lines += _table(("target", "database", "measured (median)", "verdict"), all_targets)
    lines += ["", WHY.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines).rstrip() + "\n"


# Why the unmet targets are not met: written by people, kept beside the generated figures.
WHY = Path(__file__).with_name("why.md")


def main(argv: list[str] | None = None) -> None:
    """Render again from a run's JSON: python -m bench.report results.json RESULTS.md."""
    import json
    import sys
    from pathlib import Path

    source, target = (argv or sys.argv[1:])[:2]
    results = json.loads(Path(source).read_text(encoding="utf-8"))
    Path(target).write_text(render(results), encoding="utf-8")


if __name__ == "__main__":
    main()
