"""Serving and loading over loopback: gunicorn for the app and the floor, wrk, sign-in, RSS.

Everything binds and connects to 127.0.0.1 only; every wrk run is bounded by its duration.
"""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.dataset import BIN, ROOT

WORKERS = 2  # as `make run` on this 2-core machine
CONNECTIONS = 32
THREADS = 2
USER_AGENT = "ethicsdesk-bench"


@dataclass
class Server:
    """A running gunicorn: its base URL and master process."""

    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    ready_path: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, str]:
    """One GET; the status and body (error statuses too)."""
    assert url.startswith("http://127.0.0.1:"), "loopback only"
    request = urllib.request.Request(  # noqa: S310 - loopback http only (asserted)
        url, headers={"User-Agent": USER_AGENT, **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@contextmanager
def gunicorn(app: str, env: dict[str, str], log_path: Path, ready_path: str) -> Iterator[Server]:
    """``gunicorn --workers 2 --bind 127.0.0.1:<free port> <app>``, stopped afterwards."""
    port = _free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own executable and fixed arguments
            [
                str(BIN / "gunicorn"),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                app,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            with suppress(OSError):
                if get(base_url + ready_path, timeout=5)[0] == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {app} did not start:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield Server(base_url, process, log_path, ready_path)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


def drain(server: Server) -> None:
    """Wait until the requests wrk left queued when it stopped are answered, so they never
    count against the next run: a health check queued behind them returns only after them."""
    for _ in range(2 * WORKERS):
        get(server.base_url + server.ready_path, timeout=120)


def worker_rss_mib(server: Server) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MiB."""
    done = subprocess.run(  # noqa: S603
        ["ps", "-o", "rss=", "--ppid", str(server.process.pid)],  # noqa: S607 - procps' ps
        capture_output=True,
        text=True,
        check=False,
    )
    return [int(line) / 1024 for line in done.stdout.split() if line.strip().isdigit()]


def sign_in(base_url: str, email: str, password: str) -> str:
    """Sign in like a browser (CSRF token from the form); returns the session cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    with opener.open(f"{base_url}/login", timeout=30) as response:
        page = response.read().decode("utf-8")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the sign-in page"
    body = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "email": email, "password": password}
    ).encode()
    with opener.open(f"{base_url}/login", data=body, timeout=30) as response:
        response.read()
    cookies = [f"{c.name}={c.value}" for c in jar if c.name == "ethicsdesk_session"]
    assert cookies, "signing in gave no session cookie"
    return "; ".join(cookies)


@dataclass
class WrkResult:
    """One wrk run: throughput, latency percentiles (ms) and anything that went wrong."""

    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    requests: int
    errors: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> WrkResult:
    """Read wrk's --latency report."""
    percentiles = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if not (rps and total and len(percentiles) == 3):
        raise RuntimeError(f"cannot read wrk's report:\n{output}")
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return WrkResult(
        float(rps.group(1)),
        _ms(percentiles["50"]),
        _ms(percentiles["90"]),
        _ms(percentiles["99"]),
        int(total.group(1)),
        errors,
    )


def wrk_path() -> str | None:
    return shutil.which("wrk")


# Each wrk thread walks the list from its own starting point, one path per request.
CYCLE_SCRIPT = """
local paths = {%s}
local counter = 0
function setup(thread)
  thread:set("start", counter * math.floor(#paths / %d))
  counter = counter + 1
end
local i = 0
function request()
  i = i + 1
  return wrk.format(nil, paths[((start or 0) + i) %% #paths + 1])
end
"""


def cycle_script(paths: list[str], directory: Path) -> Path:
    """A wrk Lua script that requests every path in turn: no two neighbours alike."""
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script = directory / "cycle.lua"
    script.write_text(CYCLE_SCRIPT % (quoted, THREADS), encoding="utf-8")
    return script


def wrk(
    url: str,
    seconds: float,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
) -> WrkResult:
    """32 connections, 2 threads, for ``seconds`` (at least 1), on one loopback URL.

    With a script (``cycle_script``) the URL gives the server and the script the paths.
    """
    assert url.startswith("http://127.0.0.1:"), "load goes to loopback only"
    binary = wrk_path()
    assert binary, "wrk is not installed"
    command = [
        binary,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        f"User-Agent: {USER_AGENT}",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    done = subprocess.run(  # noqa: S603 - wrk with our own arguments
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    return parse_wrk(done.stdout)


def wrk_version() -> str:
    binary = wrk_path()
    if not binary:
        return "not installed"
    done = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)  # noqa: S603
    return (
        (done.stdout + done.stderr).strip().splitlines()[0] if done.stdout or done.stderr else "?"
    )
