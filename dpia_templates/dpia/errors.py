"""Template problems that name file, line and field, so a data author can fix them without code."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dpia_templates._data import RuleLoadError

_SEGMENT = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """One thing wrong in one template file."""

    file: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class TemplateError(RuleLoadError):
    """Template data is invalid; raised at load time so a DPIA never meets a broken template."""

    def __init__(self, problems: Sequence[TemplateProblem]) -> None:
        self.details: tuple[TemplateProblem, ...] = tuple(problems)
        super().__init__([str(problem) for problem in self.details])


class FieldError(Exception):
    """A problem at one field path inside a file; the reader adds the file and the line."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def _dotted(names: list[str]) -> str:
    """A regex for a dotted TOML key, quotes and spaces around the dots allowed."""
    return r"\s*\.\s*".join(rf'"?{re.escape(name)}"?' for name in names)


def _next_key(lines: list[str], start: int, names: list[str]) -> int | None:
    """The first line from start (inside the current table) that defines the dotted key."""
    key = re.compile(rf"^\s*{_dotted(names)}\s*[.=]")
    for index in range(start, len(lines)):
        if lines[index].lstrip().startswith("["):
            return None
        if key.match(lines[index]):
            return index
    return None


def find_line(text: str, path: str) -> int | None:
    """Best-effort 1-based line of a field path like `risks[2].title.nl` in a TOML text."""
    lines = text.splitlines()
    found: int | None = None
    table, depth = -1, 0
    chain: list[str] = []
    for name, index in _SEGMENT.findall(path):
        chain.append(name)
        if index:
            header = re.compile(rf"^\s*\[\[\s*(?:[^\[\]]+\.)?{_dotted([name])}\s*\]\]")
            hits = [i for i in range(table + 1, len(lines)) if header.match(lines[i])]
            if len(hits) > int(index):
                found = table = hits[int(index)]
                chain, depth = [], 0
                continue
        inline = re.compile(rf"[{{,]\s*{_dotted([name])}\s*=")
        if found is not None and found != table and inline.search(lines[found]):
            continue
        header = re.compile(rf"^\s*\[\s*(?:[^\[\]]+\.)?{_dotted(chain)}\s*[.\]]")
        hit = next((i for i in range(max(table, 0), len(lines)) if header.match(lines[i])), None)
        if hit is not None:
            found = table = hit
            depth = len(chain)
            continue
        hit = _next_key(lines, table + 1, chain[depth:])
        if hit is None:
            break
        found = hit
    return None if found is None else found + 1
