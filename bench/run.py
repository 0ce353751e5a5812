"""The whole benchmark: python -m bench.run [--smoke] [--postgres URL] [--output RESULTS.md].

Per database: build the data set in a throw-away instance, serve it with gunicorn next to the
bare-Flask floor, load both with wrk (loopback, bounded), measure the PDF pipeline against
WeasyPrint and the compass analyses in-process, then write RESULTS.md (and JSON if asked).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sqlite3
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa

from bench import compute, dataset, load, report

DOCENT = ("docent@voorbeeld.school", "demo-docent-2026")
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "RESULTS.md"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny data set, 1 s per page")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="PostgreSQL server to bench on too (a fresh database is created "
        "and dropped); default: DATABASE_URL when it is PostgreSQL",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--advisories", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per wrk run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of wrk before")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=10, help="PDF pipeline/WeasyPrint runs")
    parser.add_argument("--runs", type=int, default=20, help="runs of the compass figures")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite instance folder")
    options = parser.parse_args(argv)
    if options.smoke:
        options.advisories, options.reviews = 200, 50
        options.duration, options.warmup, options.repeats = 1.0, 0.0, 1
        options.rounds, options.runs = 2, 2
    if options.postgres is None and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        options.postgres = os.environ["DATABASE_URL"]
    return options


def _pages(tg: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    """name → (path, signed in); search_varied's path is the first of VARIED_PATHS."""
    return {
        "catalogue_anonymous": ("/advisories", False),
        "catalogue_signed_in": ("/advisories", True),
        "search_rare": ("/advisories?" + urlencode({"q": tg["rare"]}), False),
        "search_common": ("/advisories?" + urlencode({"q": tg["common"]}), False),
        "filters_combined": ("/advisories?" + urlencode(tg["filters"]), False),
        "search_varied": (_varied_paths(tg)[0], False),
        "search_varied_signed_in": (_varied_paths(tg)[0], True),
        "advisory_generated": (f"/advisories/{tg['generated_publication']}", False),
        "advisory_demo_signed": (f"/advisories/{tg['demo_publication']}", False),
        "api_list": ("/api/v1/advisories", False),
    }


def _varied_paths(tg: dict[str, Any]) -> list[str]:
    """A different search on every request: what no cache can answer."""
    return ["/advisories?" + urlencode({"q": term}) for term in tg["varied"]] or ["/advisories"]


def measure_http(inst: dataset.Instance, tg: dict[str, Any], options: Any) -> dict[str, Any]:
    """Every page 'repeats' times, each run right after a floor run; RSS after the load."""
    pages = _pages(tg)
    floor_env = {k: v for k, v in inst.env.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in pages}
    varied = load.cycle_script(_varied_paths(tg), inst.path)
    scripts = {name: varied for name in pages if name.startswith("search_varied")}
    with (
        load.gunicorn("wsgi:app", inst.env, inst.path / "app.log", "/healthz") as app,
        load.gunicorn("bench.floor_app:app", floor_env, inst.path / "floor.log", "/") as floor,
    ):
        cookie = {"Cookie": load.sign_in(app.base_url, *DOCENT)}
        status, body = load.get(app.base_url + "/advisories", cookie)
        assert status == 200, f"catalogue answered {status} to the signed-in docent"
        assert "/logout" in body, "the session cookie did not sign the docent in"
        for name, (path, signed_in) in pages.items():
            headers = cookie if signed_in else None
            for _ in range(4):  # every worker has rendered it once: no first-request costs
                status, _body = load.get(app.base_url + path, headers)
                if status != 200:
                    raise RuntimeError(f"{name} {path} answered {status}; nothing to measure")
            if options.warmup:
                load.wrk(app.base_url + path, options.warmup, headers, scripts.get(name))
                load.drain(app)
        if options.warmup:
            load.wrk(floor.base_url + "/", options.warmup)
        for _ in range(options.repeats):
            floor_run = None
            for name, (path, signed_in) in pages.items():
                if floor_run is None or not options.smoke:  # smoke: one floor run per round
                    floor_run = load.wrk(floor.base_url + "/", options.duration)
                    load.drain(floor)
                # A browser keeps the cookie the server re-sends (the session notes the last
                # request once a minute); wrk cannot, so each signed-in run starts a new session.
                headers = {"Cookie": load.sign_in(app.base_url, *DOCENT)} if signed_in else None
                page_run = load.wrk(app.base_url + path, options.duration, headers,
                                    scripts.get(name))  # fmt: skip
                load.drain(app)
                runs[name].append(
                    {"floor": dataclasses.asdict(floor_run), "page": dataclasses.asdict(page_run)}
                )
        rss, floor_rss = load.worker_rss_mib(app), load.worker_rss_mib(floor)
    return {
        "pages": runs,
        "paths": {name: path for name, (path, _) in pages.items()}
        | {name: f"/advisories?q=… ({len(tg['varied'])} terms in turn)" for name in scripts},
        "rss_mib": rss,
        "floor_rss_mib": floor_rss,
    }


def bench_backend(backend: str, options: Any) -> dict[str, Any]:
    """Build, load, compute on one database."""
    start = time.perf_counter()

    def log(text: str) -> None:
        elapsed = time.perf_counter() - start
        print(f"[bench {backend} {elapsed:5.0f} s] {text}", file=sys.stderr, flush=True)

    with dataset.instance(backend, options.postgres, keep=options.keep) as inst:
        log(f"building the data set in {inst.path}")
        data = dataset.build(inst, options.advisories, options.reviews, options.seed)
        tg = dataset.targets(inst)
        data.update(tg)
        log(f"data set ready: {tg['sizes']}; serving and loading")
        result: dict[str, Any] = {"data": data, "notes": inst.notes}
        result["http"] = measure_http(inst, tg, options)
        log("pages done; PDF pipeline and compass figures")
        app = dataset.make_app(inst)
        result["pdf"] = compute.pipeline_vs_weasyprint(app, options.rounds, warm=not options.smoke)
        log("compass figures")
        result["value_impact"] = compute.value_impact(app, options.runs)
        result["portfolio"] = compute.portfolio(app, max(2, options.runs // 4))
        log("done")
        if backend == "postgresql":
            with app.app_context():
                from ethicsdesk.extensions import db

                result["server_version"] = db.session.scalar(sa.text("SHOW server_version"))
                db.session.remove()
        with app.app_context():
            from ethicsdesk.extensions import db

            db.engine.dispose()
    return result


def _first_line(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def meta(options: Any, argv: list[str] | None, results: dict[str, Any]) -> dict[str, Any]:
    """Date, machine, versions, settings."""
    memory = _first_line("/proc/meminfo", "MemTotal")
    versions = {
        "python": platform.python_version(),
        "flask": _version("flask"),
        "sqlalchemy": _version("sqlalchemy"),
        "sqlite": sqlite3.sqlite_version,
        "gunicorn": _version("gunicorn"),
        "wrk": load.wrk_version(),
        "weasyprint": _version("weasyprint"),
        "reportlab": _version("reportlab"),
        "pyhanko": _version("pyhanko"),
        "networkx": _version("networkx"),
        "psycopg": _version("psycopg"),
    }
    if "postgresql" in results:
        versions["postgresql"] = results["postgresql"].get("server_version", "?")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["python -m bench.run", *(argv or sys.argv[1:])]),
        "machine": {
            "cpu": _first_line("/proc/cpuinfo", "model name"),
            "cores": str(os.cpu_count()),
            "memory": memory,
            "kernel": platform.release(),
            "load average at the end": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        },
        "versions": versions,
        "settings": f"{options.duration:g} s per run after {options.warmup:g} s warm-up, "
        f"{options.repeats} repeats; PDF n={options.rounds}, case n={options.runs}",
    }


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    if load.wrk_path() is None:
        print(
            "wrk is not installed (apt-get install wrk); `make bench` installs it.", file=sys.stderr
        )
        return 2
    backends = ([] if options.no_sqlite else ["sqlite"]) + ["postgresql"] * bool(options.postgres)
    if not backends:
        print("nothing to bench: --no-sqlite without --postgres", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = {backend: bench_backend(backend, options) for backend in backends}
    everything = {"meta": meta(options, argv, results), "backends": results}
    everything["meta"]["seconds"] = time.perf_counter() - started
    options.output.write_text(report.render(everything), encoding="utf-8")
    if options.json:
        options.json.write_text(json.dumps(everything, indent=1, default=str), encoding="utf-8")
    print(f"wrote {options.output} in {everything['meta']['seconds']:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
