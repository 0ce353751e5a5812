"""Writes for advisories: draft, freeze for signing, sign, archive, supersede.

A signed advisory is never edited: a change is a new version that supersedes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from ethicsdesk import signing  # its pyHanko parts load when an advisory is first signed
from ethicsdesk.advisories import archive, keys
from ethicsdesk.advisories.content import advisory_document
from ethicsdesk.advisories.models import (
    Advisory,
    AdvisoryCondition,
    AdvisorySignature,
    AdvisoryStatus,
    Outcome,
)
from ethicsdesk.auth.models import User
from ethicsdesk.auth.queries import active_users_with_roles
from ethicsdesk.core.db import utcnow
from ethicsdesk.core.permissions import Permission, Role, can
from ethicsdesk.deliberation.models import MeetingItem
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from ethicsdesk.reviews.operations import WorkflowError, apply_transition
from ethicsdesk.signing.pki import fingerprint

if TYPE_CHECKING:
    from ethicsdesk.signing import SignatureFieldSpec

OPEN_FOR_ADVICE = frozenset({CaseStatus.IN_DELIBERATION, CaseStatus.ADVISED})


class AdvisoryError(WorkflowError):
    """A refused advisory action; nothing was changed."""


@dataclass
class ConditionInput:
    text: str
    owner: str = ""
    due_date: date | None = None
    how_checked: str = ""


@dataclass
class AdvisoryInput:
    """The drafting form as plain data."""

    title: str
    outcome: Outcome
    reasons: str
    public_summary: str
    re_evaluation_date: date | None
    lang: str
    conditions: list[ConditionInput] = field(default_factory=list)


def next_number(year: int) -> str:
    """EC-2026-007: the year and the next free sequence number."""
    pattern = f"EC-{year}-%"
    numbers = db.session.scalars(sa.select(Advisory.number).where(Advisory.number.like(pattern)))
    taken = [int(m.group(1)) for n in numbers if (m := re.fullmatch(rf"EC-{year}-(\d+)", n))]
    return f"EC-{year}-{max(taken, default=0) + 1:03d}"


def _apply(advisory: Advisory, data: AdvisoryInput) -> None:
    advisory.title, advisory.outcome, advisory.lang = data.title, data.outcome, data.lang
    advisory.reasons, advisory.public_summary = data.reasons, data.public_summary
    advisory.re_evaluation_date = data.re_evaluation_date
    advisory.conditions = [
        AdvisoryCondition(position=i, text=c.text, owner=c.owner, due_date=c.due_date,
                          how_checked=c.how_checked)
        for i, c in enumerate(data.conditions)
    ]  # fmt: skip


def latest_version(case: ReviewCase) -> Advisory | None:
    return db.session.scalar(
        sa.select(Advisory).where(Advisory.case_id == case.id).order_by(Advisory.id.desc()).limit(1)
    )


def create_draft(
    case: ReviewCase, actor: User, data: AdvisoryInput, meeting_item: MeetingItem | None
) -> Advisory:
    """Start an advisory, or a new version superseding the last signed one."""
    if not can(actor, Permission.CASE_MANAGE, case) or case.status not in OPEN_FOR_ADVICE:
        raise AdvisoryError(_l("An advisory can be drafted once the case is in deliberation."))
    previous = latest_version(case)
    if previous is not None and previous.status is not AdvisoryStatus.SIGNED:
        raise AdvisoryError(_l("This case already has an advisory in progress."))
    advisory = Advisory(
        case=case, created_by=actor, meeting_item=meeting_item,
        number=previous.number if previous else next_number(date.today().year),  # noqa: DTZ011
        version=previous.version + 1 if previous else 1, supersedes=previous,
    )  # fmt: skip
    _apply(advisory, data)
    db.session.add(advisory)
    db.session.flush()
    return advisory


def update_draft(advisory: Advisory, data: AdvisoryInput) -> None:
    """Change a draft; once frozen for signing the text can no longer change."""
    if advisory.status is not AdvisoryStatus.DRAFT:
        raise AdvisoryError(_l("A signed advisory cannot be changed; make a new version."))
    _apply(advisory, data)
    db.session.flush()


def designated_signers() -> list[tuple[str, User]]:
    """Per required role, the person who signs (the first active holder of that role)."""
    chosen = []
    for role in current_app.config["SIGNER_ROLES"]:
        holders = active_users_with_roles(Role(role))
        if not holders:
            raise AdvisoryError(_l("Nobody holds the role %(role)s needed to sign.", role=role))
        chosen.append((role, sorted(holders, key=lambda u: (u.name, u.id))[0]))
    return chosen


def freeze_for_signing(advisory: Advisory, actor: User) -> None:
    """Fix the text, render the PDF once and wait for the signatures."""
    if advisory.status is not AdvisoryStatus.DRAFT:
        raise AdvisoryError(_l("A signed advisory cannot be changed; make a new version."))
    if advisory.meeting_item is None or advisory.meeting_item.decided_at is None:
        raise AdvisoryError(
            _l("An advisory goes for signing only after the committee has decided in a meeting.")
        )
    signers = designated_signers()
    advisory.issued_on = date.today()  # noqa: DTZ011 - the calendar date of issue
    titles = [(role, user, keys.ROLE_TITLES[role][advisory.lang]) for role, user in signers]
    content = advisory_document(advisory, [{"name": u.name, "role": t} for _, u, t in titles])
    # reportlab and jsonschema (13 MiB) load only in the worker that renders an advisory
    from ethicsdesk.advisories.pdf import render_advisory_with_layout

    pdf, boxes = render_advisory_with_layout(content, lang=advisory.lang)
    advisory.content = content
    advisory.working_pdf = pdf
    advisory.unsigned_sha256 = archive.sha256(pdf)
    advisory.signature_boxes = [
        {"role": role, "user_id": user.id, "name": box.name, "title": title,
         "field": box.field_name, "page": box.page, "rect": list(box.rect)}
        for (role, user, title), box in zip(titles, boxes, strict=True)
    ]  # fmt: skip
    advisory.status = AdvisoryStatus.SIGNING
    db.session.flush()


def _field_specs(advisory: Advisory) -> list[SignatureFieldSpec]:
    return [
        signing.SignatureFieldSpec(name=b["field"], page=b["page"],
                                   box=tuple(int(v) for v in b["rect"]),
                                   signer_name=b["name"], role=b["title"])
        for b in advisory.signature_boxes or []
    ]  # fmt: skip


def open_field_for(advisory: Advisory, user: User) -> dict | None:
    """The signature box waiting for this user, if any."""
    signed = {s.field_name for s in advisory.signatures}
    return next(
        (b for b in advisory.signature_boxes or []
         if b["user_id"] == user.id and b["field"] not in signed),
        None,
    )  # fmt: skip


def sign(advisory: Advisory, signer: User) -> AdvisorySignature:
    """Add the signer's PAdES signature; the last one archives the advisory and locks it."""
    if advisory.status is not AdvisoryStatus.SIGNING or advisory.working_pdf is None:
        raise AdvisoryError(_l("This advisory is not waiting for signatures."))
    box = open_field_for(advisory, signer)
    if box is None:
        raise AdvisoryError(_l("There is no signature waiting for you on this advisory."))
    certificate = keys.ensure_certificate(signer)
    pyhanko_signer = keys.signer_for(certificate)
    reason = f"{advisory.reference}: {box['title']}"
    timestamper = signing.http_timestamper(current_app.config["TIMESTAMP_URL"])
    if advisory.signatures:
        pdf = signing.approve(advisory.working_pdf, pyhanko_signer, field=box["field"],
                              reason=reason, timestamper=timestamper)  # fmt: skip
    else:
        pdf = signing.certify(advisory.working_pdf, pyhanko_signer, field=box["field"],
                              reason=reason, all_fields=_field_specs(advisory),
                              timestamper=timestamper)  # fmt: skip
    signature = AdvisorySignature(
        advisory=advisory, signer=signer, role=box["role"], field_name=box["field"],
        certificate_sha256=fingerprint(signing.signer_certificate(pyhanko_signer)),
        signed_at=utcnow(),
    )  # fmt: skip
    db.session.add(signature)
    advisory.working_pdf = pdf
    db.session.flush()
    if len(advisory.signatures) == len(advisory.signature_boxes or []):
        _complete(advisory, signer, pdf)
    return signature


def _complete(advisory: Advisory, actor: User, pdf: bytes) -> None:
    """Archive the fully signed PDF, supersede the previous version, mark the case advised."""
    entry = archive.archive_pdf(advisory, pdf)
    archive.record_verdict(entry, pdf)
    archive.queue_move_after_commit(entry)
    advisory.status = AdvisoryStatus.SIGNED
    advisory.signed_at = utcnow()
    advisory.working_pdf = None
    if advisory.supersedes is not None:
        advisory.supersedes.status = AdvisoryStatus.SUPERSEDED
    if advisory.case.status is CaseStatus.IN_DELIBERATION:
        apply_transition(advisory.case, actor, "advise")
    db.session.flush()


def pdf_bytes(advisory: Advisory) -> bytes | None:
    """The advisory's PDF: the archived one when signed, else the one awaiting signatures."""
    from ethicsdesk.advisories.queries import archive_entry_of
    from ethicsdesk.storage import current_storage

    entry = archive_entry_of(advisory)
    if entry is not None:
        return archive.pdf_of(entry, current_storage())
    return advisory.working_pdf
