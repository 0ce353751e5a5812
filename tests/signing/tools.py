"""The external checkers, run for real: a missing tool fails with the package to install."""

from __future__ import annotations

import shutil
import subprocess
import tempfile

import pytest

from ethicsdesk.signing import PdfsigReport, PdfsigUnavailableError, pdfsig_report


def pdfsig(pdf: bytes) -> PdfsigReport:
    """poppler's verdict; pdfsig exits 0 either way, so the report parses its output."""
    try:
        return pdfsig_report(pdf)
    except PdfsigUnavailableError as error:
        pytest.fail(f"{error} (CI installs it: apt-get install poppler-utils)")


def qpdf_check(pdf: bytes) -> subprocess.CompletedProcess[str]:
    """Structure only: qpdf --check never looks at signatures."""
    executable = shutil.which("qpdf")
    if executable is None:
        pytest.fail("qpdf is not installed: apt-get install qpdf")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            [executable, "--check", handle.name], capture_output=True, text=True, check=False
        )
