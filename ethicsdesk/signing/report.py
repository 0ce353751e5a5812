"""What a signature check found, as plain data: shown on pages, stored, read back without pyHanko.

The archive keeps the report of each signed PDF (checked when it was archived), so a worker
that only shows advisories never needs the validator; ``valid_until`` says until when the
report holds (the earliest expiry among the certificates it relied on).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from ethicsdesk.signing.wording import Sentences, describe_document, describe_signature

_MOMENTS = ("signing_time", "timestamp_time")


@dataclass(frozen=True)
class SignatureCheck:
    """One signature's verdict, in facts the verify page can show and the app can store."""

    field_name: str
    kind: str  # "certification", "approval" or "timestamp"
    signer_name: str
    signer_role: str
    signer_fingerprint_sha256: str
    signing_time: dt.datetime | None
    timestamp_time: dt.datetime | None
    timestamp_trusted: bool | None  # None: B-B, no timestamp token
    intact: bool
    trusted: bool
    revoked: bool
    trust_problem: str | None  # pyHanko's AdES indication, e.g. NO_CERTIFICATE_CHAIN_FOUND
    signed_revision: int  # 0 is the first revision (the unsigned render)
    total_revisions: int
    covers_whole_document: bool
    modification_level: str | None
    modifications_permitted: bool
    ok: bool

    @property
    def summary(self) -> Sentences:
        """Plain-language nl/en sentences for the verify page."""
        return describe_signature(self)


@dataclass(frozen=True)
class VerificationReport:
    """All signatures of one PDF; ok only when there is at least one and every one holds."""

    signatures: tuple[SignatureCheck, ...]
    error: str | None = None
    valid_until: dt.datetime | None = None  # None: nothing in it expires (e.g. unreadable)

    @property
    def ok(self) -> bool:
        """A document without signatures, or one that cannot be read, is never ok."""
        return self.error is None and bool(self.signatures) and all(s.ok for s in self.signatures)

    @property
    def summary(self) -> Sentences:
        """One overall sentence pair, above the per-signature ones."""
        return describe_document(self.signatures, unreadable=self.error is not None)


def _moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def report_to_dict(report: VerificationReport) -> dict[str, Any]:
    """A JSON-ready form of the report (moments as ISO 8601 with their offset)."""
    data = dataclasses.asdict(report)
    for check in data["signatures"]:
        for name in _MOMENTS:
            check[name] = check[name].isoformat() if check[name] else None
    data["valid_until"] = report.valid_until.isoformat() if report.valid_until else None
    return data


def report_from_dict(data: dict[str, Any]) -> VerificationReport:
    """The report ``report_to_dict`` wrote, as it was."""
    checks = tuple(
        SignatureCheck(**{**check, **{name: _moment(check[name]) for name in _MOMENTS}})
        for check in data["signatures"]
    )
    return VerificationReport(checks, data.get("error"), _moment(data.get("valid_until")))
