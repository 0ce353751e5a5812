"""The case workflow, declared in one place: which move leads where, and who may make it.

A case moves draft → submitted → triage → in review → in deliberation → advised, may be
postponed ("aangehouden") while information is missing, withdrawn, and re-opened for
re-evaluation after an advisory.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from ethicsdesk.core.permissions import Permission
from ethicsdesk.reviews.models import CaseStatus

S = CaseStatus
ACTIVE = frozenset({S.SUBMITTED, S.TRIAGE, S.IN_REVIEW, S.IN_DELIBERATION})


@dataclass(frozen=True)
class Transition:
    """One allowed move; ``target`` None means "back to where the case was before"."""

    name: str
    sources: frozenset[CaseStatus]
    target: CaseStatus | None
    permission: Permission
    reason_required: bool
    label: Any
    # the requester's moves are offered on their own case pages, the committee's on the dashboard
    primary: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", frozenset({S.DRAFT}), S.SUBMITTED, Permission.CASE_EDIT, False,
               _l("Submit to the committee"), primary=True),
    Transition("start_triage", frozenset({S.SUBMITTED}), S.TRIAGE, Permission.CASE_MANAGE, False,
               _l("Start triage"), primary=True),
    Transition("start_review", frozenset({S.TRIAGE}), S.IN_REVIEW, Permission.CASE_MANAGE, False,
               _l("Start review"), primary=True),
    Transition("start_deliberation", frozenset({S.IN_REVIEW}), S.IN_DELIBERATION,
               Permission.CASE_MANAGE, False, _l("Send to deliberation"), primary=True),
    Transition("advise", frozenset({S.IN_DELIBERATION}), S.ADVISED, Permission.CASE_MANAGE, False,
               _l("Record advisory issued"), primary=True),
    Transition("postpone", ACTIVE, S.POSTPONED, Permission.CASE_MANAGE, True,
               _l("Postpone (waiting for information)")),
    Transition("resume", frozenset({S.POSTPONED}), None, Permission.CASE_MANAGE, False,
               _l("Resume")),
    Transition("withdraw", frozenset({S.DRAFT, S.POSTPONED}) | ACTIVE - {S.IN_DELIBERATION},
               S.WITHDRAWN, Permission.CASE_WITHDRAW, True, _l("Withdraw request")),
    Transition("reopen", frozenset({S.ADVISED}), S.IN_REVIEW, Permission.CASE_MANAGE, True,
               _l("Re-open for re-evaluation")),
)  # fmt: skip

BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def transition_named(name: str) -> Transition | None:
    """The declared transition with this name, if any."""
    return BY_NAME.get(name)


def target_of(transition: Transition, case: Any) -> CaseStatus:
    """Where this move takes this case; resuming returns to the status before postponement."""
    if transition.target is not None:
        return transition.target
    return case.status_before_postponement or S.TRIAGE


def reachable_statuses() -> frozenset[CaseStatus]:
    """Every status some sequence of moves can reach from a draft (used by the property test)."""
    seen = {S.DRAFT}
    frontier = [S.DRAFT]
    while frontier:
        status = frontier.pop()
        for transition in TRANSITIONS:
            if status in transition.sources:
                targets = [transition.target] if transition.target else list(ACTIVE)
                for target in targets:
                    if target not in seen:
                        seen.add(target)
                        frontier.append(target)
    return frozenset(seen)
