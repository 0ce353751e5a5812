"""Reading the rendered PDFs back: strict parsing, text, fonts and external poppler/qpdf tools."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ethicsdesk.advisories.pdf import SignatureBox

Rendered = tuple[dict[str, Any], bytes, list[SignatureBox]]
INSTALL_HINT = {
    "qpdf": "apt-get install -y qpdf",
    "pdftotext": "apt-get install -y poppler-utils",
    "pdffonts": "apt-get install -y poppler-utils",
}


def read(pdf: bytes) -> PdfReader:
    """Open a PDF strictly (pypdf raises instead of repairing)."""
    return PdfReader(io.BytesIO(pdf), strict=True)


def text_of(pdf: bytes) -> str:
    """All extractable text, pages joined."""
    return "\n".join(page.extract_text() for page in read(pdf).pages)


def fonts(resources: Any, seen: set[int] | None = None) -> Iterator[tuple[str, DictionaryObject]]:
    """(resource name, font dict) of every font in a resource dict, forms included."""
    seen = set() if seen is None else seen
    if resources is None:
        return
    resources = resources.get_object()
    for name, font in (resources.get("/Font") or {}).items():
        yield name, font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        form = xobject.get_object()
        if id(form) not in seen and form.get("/Subtype") == "/Form":
            seen.add(id(form))
            yield from fonts(form.get("/Resources"), seen)


def tool(name: str) -> str:
    """The path of a command-line tool the project's CI installs; fail clearly when missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed ({INSTALL_HINT[name]}); the project's CI installs it")
    return path


def run_tool(
    name: str, pdf: bytes, tmp_path: Path, *args: str, after: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run a tool on the PDF written to a temporary file (options before, `after` after it)."""
    target = tmp_path / "advisory.pdf"
    target.write_bytes(pdf)
    command = [tool(name), *args, str(target), *after]
    return subprocess.run(command, capture_output=True, text=True, check=False)
