"""The one shape every check returns: a problem an author can find and fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # fails `academy check` and the strict build
    ADVICE = "advice"  # plain-language advice: shown, never fails anything


@dataclass(frozen=True, order=True)
class Problem:
    """``path:line:col: message (rule)``; ``path`` is relative to the repository root."""

    path: str
    line: int
    col: int
    message: str
    rule: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message} ({self.rule})"

    def github(self) -> str:
        """One GitHub Actions annotation line (``::error file=...``)."""
        level = "error" if self.severity is Severity.ERROR else "notice"
        text = self.message.replace("%", "%25").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.col},title={self.rule}::{text}"
