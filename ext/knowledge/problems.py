"""Located problems: what is wrong, where, and what to do about it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a file."""

    path: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One registry mistake, reported with its place and a hint."""

    location: Location
    message: str
    hint: str = ""
    # 'error' stops the build; 'warning' is reported and fails only under -W.
    severity: str = "error"

    def describe(self) -> str:
        text = self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.describe()}"


class RegistryError(Exception):
    """Raised when a registry cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.location)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest known names, or an empty string."""
    matches = difflib.get_close_matches(name, sorted(set(candidates)), n=3, cutoff=0.6)
    if not matches:
        return ""
    return "did you mean " + " or ".join(repr(m) for m in matches) + "?"
