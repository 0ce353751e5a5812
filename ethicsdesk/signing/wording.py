"""Plain Dutch and English sentences, so staff can read a verdict without knowing PKI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ethicsdesk.signing.pki import DISPLAY_TIMEZONE

if TYPE_CHECKING:
    from ethicsdesk.signing.report import SignatureCheck

OUT_OF_DATE = {"EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"}


@dataclass(frozen=True)
class Sentences:
    """The same message in both interface languages."""

    nl: str
    en: str

    def __add__(self, other: Sentences) -> Sentences:
        """Join two messages sentence by sentence."""
        return Sentences(f"{self.nl} {other.nl}", f"{self.en} {other.en}")


def _when(moment: dt.datetime | None) -> Sentences:
    """Dutch local time, written the way each language writes dates."""
    if moment is None:
        return Sentences("op een onbekend moment", "at an unknown time")
    local = moment.astimezone(DISPLAY_TIMEZONE)
    return Sentences(
        local.strftime("op %d-%m-%Y om %H:%M (%Z)"),
        local.strftime("on %Y-%m-%d at %H:%M (%Z)"),
    )


def _who(check: SignatureCheck) -> str:
    """Name with role in brackets, as certified by the CA."""
    return f"{check.signer_name} ({check.signer_role})" if check.signer_role else check.signer_name


def _problem(check: SignatureCheck) -> Sentences | None:
    """The most serious reason a signature fails, first match wins."""
    who = _who(check)
    if not check.intact:
        return Sentences(
            f"De handtekening van {who} klopt niet: het document is na ondertekening beschadigd "
            "of gewijzigd.",
            f"The signature of {who} does not match: the document was damaged or altered after "
            "signing.",
        )
    if check.revoked:
        return Sentences(
            f"Het certificaat van {who} is ingetrokken; deze handtekening telt niet.",
            f"The certificate of {who} has been revoked; this signature does not count.",
        )
    if check.trust_problem in OUT_OF_DATE:
        return Sentences(
            f"Het certificaat van {who} was op het moment van controleren niet geldig "
            "(verlopen of nog niet geldig); deze handtekening is niet te bevestigen.",
            f"The certificate of {who} was not valid at the time of checking (expired or not "
            "yet valid); this signature cannot be confirmed.",
        )
    if not check.trusted:
        return Sentences(
            f"De handtekening van {who} is niet uitgegeven door de certificaatautoriteit van de "
            "vereniging; wie er tekende is niet te bevestigen.",
            f"The signature of {who} was not issued by the association's certificate authority; "
            "the signer cannot be confirmed.",
        )
    if not check.modifications_permitted:
        return Sentences(
            f"{who} heeft getekend, maar het document is daarna op een niet-toegestane manier "
            "gewijzigd (bijvoorbeeld de inhoud van een pagina).",
            f"{who} signed, but the document was changed afterwards in a way that is not "
            "permitted (for example the content of a page).",
        )
    if check.timestamp_trusted is False:
        return Sentences(
            f"Het tijdstempel bij de handtekening van {who} is niet te controleren.",
            f"The timestamp on the signature of {who} cannot be verified.",
        )
    if not check.ok:
        return Sentences(
            f"De handtekening van {who} is niet geldig.",
            f"The signature of {who} is not valid.",
        )
    return None


def describe_signature(check: SignatureCheck) -> Sentences:
    """One or two sentences: who signed when, and whether the document stayed as signed."""
    problem = _problem(check)
    if problem is not None:
        return problem
    when = _when(check.signing_time)
    who = _who(check)
    if check.kind == "timestamp":
        signed = Sentences(
            f"Tijdstempel geplaatst {when.nl}", f"Document timestamp applied {when.en}"
        )
    else:
        signed = Sentences(f"Getekend door {who} {when.nl}", f"Signed by {who} {when.en}")
    if check.covers_whole_document:
        after = Sentences(
            "; het document is daarna niet gewijzigd.",
            "; the document has not been changed since.",
        )
    else:
        after = Sentences(
            "; daarna zijn alleen toegestane aanvullingen gedaan, zoals verdere handtekeningen.",
            "; afterwards only permitted additions were made, such as further signatures.",
        )
    sentences = Sentences(signed.nl + after.nl, signed.en + after.en)
    if check.timestamp_time is not None and check.kind != "timestamp":
        sentences += Sentences(
            "Het tijdstip is bevestigd door een tijdstempeldienst.",
            "The time is confirmed by a timestamp authority.",
        )
    return sentences


def describe_document(checks: Sequence[SignatureCheck], unreadable: bool) -> Sentences:
    """The headline above the per-signature sentences."""
    if unreadable:
        return Sentences(
            "Dit bestand is geen leesbaar ondertekend PDF-document.",
            "This file is not a readable signed PDF document.",
        )
    if not checks:
        return Sentences(
            "Dit document bevat geen digitale handtekening.",
            "This document has no digital signature.",
        )
    if all(check.ok for check in checks):
        return Sentences(
            "Alle handtekeningen zijn geldig en het document is niet ongeoorloofd gewijzigd.",
            "All signatures are valid and the document has not been altered without permission.",
        )
    return Sentences(
        "Let op: niet alle handtekeningen zijn geldig. Vertrouw dit document niet zonder "
        "navraag bij de ethiekcommissie.",
        "Warning: not all signatures are valid. Do not rely on this document without checking "
        "with the ethics committee.",
    )
