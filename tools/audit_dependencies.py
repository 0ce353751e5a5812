"""Known vulnerabilities in the installed dependencies: pip-audit first, PyPI's project JSON next.

pip-audit asks PyPI's per-release JSON (``/pypi/<name>/<version>/json``). Where that answers
404 (seen on networks that mirror PyPI partly), pip-audit skips the package and still exits 0,
which would read as a pass. For each skipped package this script asks the per-project JSON
(``/pypi/<name>/json``), whose ``vulnerabilities`` list is PyPI's advisory data for the newest
release: it is authoritative when the installed version is that release. A package that can be
checked neither way is reported as unchecked and, with --strict, fails the run.

Exit status: 1 when a known vulnerability is found (or, with --strict, a package is unchecked).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

PYPI = "https://pypi.org/pypi/{name}/json"
OURSELVES = "ethicsdesk"  # the project itself, installed editable, is not on PyPI


def pip_audit(bin_dir: Path) -> list[dict]:
    """pip-audit's findings per dependency (``vulns`` or ``skip_reason``)."""
    result = subprocess.run(  # noqa: S603 - our venv's pip-audit, fixed arguments
        [str(bin_dir / "pip-audit"), "-f", "json", "--skip-editable", "--progress-spinner", "off"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stderr)
        raise SystemExit(f"pip-audit failed with exit status {result.returncode}")
    return json.loads(result.stdout)["dependencies"]


def installed_version(name: str) -> str | None:
    """The version installed in this interpreter's environment (the project's venv)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def project_check(name: str, version: str) -> tuple[str, list[str]]:
    """('checked', advisories) when PyPI's newest release is the installed one, else unchecked."""
    try:
        with urllib.request.urlopen(PYPI.format(name=name), timeout=30) as response:  # noqa: S310
            data = json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        return f"unchecked: PyPI unreachable ({error})", []
    latest = data.get("info", {}).get("version")
    if latest != version:
        return f"unchecked: installed {version}, PyPI's newest is {latest}", []
    advisories = [v.get("id", "?") for v in data.get("vulnerabilities") or []]
    return "checked", advisories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail on unchecked packages")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    found: list[str] = []
    unchecked: list[str] = []
    checked = 0
    for dependency in pip_audit(bin_dir):
        name = dependency["name"]
        if name == OURSELVES:
            continue
        if "skip_reason" not in dependency:
            checked += 1
            found += [f"{name} {dependency['version']}: {v['id']}" for v in dependency["vulns"]]
            continue
        version = installed_version(name)
        if version is None:
            unchecked.append(f"{name}: {dependency['skip_reason']}")
            continue
        status, advisories = project_check(name, version)
        if status == "checked":
            checked += 1
            found += [f"{name} {version}: {advisory}" for advisory in advisories]
        else:
            unchecked.append(f"{name}: {status}")
    print(f"dependency audit: {checked} packages checked, {len(unchecked)} unchecked, "
          f"{len(found)} known vulnerabilities")  # fmt: skip
    for line in unchecked:
        print(f"  unchecked  {line}")
    for line in found:
        print(f"  VULNERABLE {line}")
    if found or (args.strict and unchecked):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
