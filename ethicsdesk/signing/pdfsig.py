"""poppler's pdfsig as an independent second opinion on signature digests."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PdfsigReport", "PdfsigSignature", "PdfsigUnavailableError", "pdfsig_report"]

_HEADER = re.compile(r"^Signature #(\d+):\s*$")
_ITEM = re.compile(r"^\s+- ([^:]+?)(?:: (.*))?$")


class PdfsigUnavailableError(RuntimeError):
    """pdfsig is missing: install the Debian package poppler-utils."""


@dataclass(frozen=True)
class PdfsigSignature:
    """What pdfsig said about one signature, parsed, because its exit code says nothing."""

    number: int
    field_name: str
    common_name: str
    signature_validation: str
    certificate_validation: str
    total_document_signed: bool

    @property
    def valid(self) -> bool:
        """pdfsig checked the digest and the CMS signature and both matched."""
        return self.signature_validation.startswith("Signature is Valid")

    @property
    def digest_mismatch(self) -> bool:
        """The signed byte ranges no longer hash to what was signed."""
        return self.signature_validation.startswith("Digest Mismatch")


@dataclass(frozen=True)
class PdfsigReport:
    """All of pdfsig's verdicts. It never analyses later incremental updates: see verify_pdf."""

    signatures: tuple[PdfsigSignature, ...]
    output: str

    @property
    def all_valid(self) -> bool:
        """At least one signature and each one 'Signature is Valid'."""
        return bool(self.signatures) and all(s.valid for s in self.signatures)


def _parse(output: str) -> tuple[PdfsigSignature, ...]:
    """Group the '  - Key: value' lines under each 'Signature #n:' header."""
    blocks: list[tuple[int, dict[str, str]]] = []
    for line in output.splitlines():
        if header := _HEADER.match(line):
            blocks.append((int(header.group(1)), {}))
        elif blocks and (item := _ITEM.match(line)):
            key, value = item.group(1).strip(), (item.group(2) or "").strip()
            blocks[-1][1][key] = value if item.group(2) is not None else key
    return tuple(
        PdfsigSignature(
            number=number,
            field_name=items.get("Signature Field Name", ""),
            common_name=items.get("Signer Certificate Common Name", ""),
            signature_validation=items.get("Signature Validation", ""),
            certificate_validation=items.get("Certificate Validation", ""),
            total_document_signed="Total document signed" in items,
        )
        for number, items in blocks
    )


def _run(path: Path, executable: str) -> str:
    """pdfsig exits 0 whether or not signatures hold, so only its output is used."""
    result = subprocess.run(  # noqa: S603 - fixed executable, our own temp file
        [executable, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    return result.stdout


def pdfsig_report(pdf: bytes | Path | str) -> PdfsigReport:
    """Run pdfsig on a file or on bytes; raises PdfsigUnavailableError when it is not installed."""
    executable = shutil.which("pdfsig")
    if executable is None:
        raise PdfsigUnavailableError(
            "pdfsig is not installed; install the Debian package poppler-utils"
        )
    if isinstance(pdf, bytes):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            output = _run(Path(handle.name), executable)
    else:
        output = _run(Path(pdf), executable)
    return PdfsigReport(_parse(output), output)
