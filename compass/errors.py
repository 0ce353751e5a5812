"""Errors of the compass library, each naming where the problem is so it can be fixed quickly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a data file: file, field path and (when found) line, so an editor can jump."""

    file: Path
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class CompassDataError(ValueError):
    """A compass data file is invalid; raised at load so no answer is ever scored on bad data."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def file(self) -> Path:
        """File of the first problem, for callers that report one problem."""
        return self.problems[0].file

    @property
    def field(self) -> str:
        """Field path of the first problem."""
        return self.problems[0].field

    @property
    def line(self) -> int | None:
        """Line of the first problem, when it could be found."""
        return self.problems[0].line


class QuestionSetError(CompassDataError):
    """A question set is broken (duplicate id or URN, unknown reference, missing translation…)."""


class FieldError(Exception):
    """One problem at a field path inside a file; the loader adds the file and the line."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class InputError(ValueError):
    """Plain input from the app (answers, DPIA risks, portfolio records) has the wrong shape."""
