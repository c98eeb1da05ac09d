"""The one value every finding is: a :class:`Diagnostic`.

Loading, schema validation, reference checks and every rule report through
this type; reporters only ever format a list of them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Iterable, Sequence, Union

PathPart = Union[str, int]
JsonPath = tuple[PathPart, ...]


class Severity(enum.IntEnum):
    """How much a finding matters. Ordered: ``INFO < WARNING < ERROR``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r}; expected one of: error, warning, info"
            ) from None


def format_json_path(path: Sequence[PathPart]) -> str:
    """Render a path as ``$.workflows[0].steps[2].actor``."""
    parts = ["$"]
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif part.replace("_", "").replace("-", "").isalnum():
            parts.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    """One finding at one place in one file.

    ``line`` and ``column`` are 1-based; 0 means the finding concerns the
    whole file (an unreadable file, say). ``path`` is the JSON path of the
    node the finding is about.
    """

    file: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str
    hint: str = ""
    path: JsonPath = ()
    end_line: int = 0
    end_column: int = 0
    #: The rule's short name (``ai-output-unapproved``), for reporters.
    name: str = ""

    @property
    def json_path(self) -> str:
        return format_json_path(self.path)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.rule, self.message)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return replace(self, severity=severity)

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
            "path": self.json_path,
        }


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=Diagnostic.sort_key)


def worst(diagnostics: Iterable[Diagnostic]) -> Severity | None:
    levels = [d.severity for d in diagnostics]
    return max(levels) if levels else None
