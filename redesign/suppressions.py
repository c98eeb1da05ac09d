"""Inline suppression: ``# redesign: ignore[RD201]`` in a YAML comment.

A comment covers the line it is on and, when that line starts a key or a
list item whose value runs over several lines, the whole of that node. It
names one or more ids: ``# redesign: ignore[RD205, RD207]``. A suppression
that matches no finding is itself reported (RD090), so stale ones do not
pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity
from .loader import MappingPosition, Position, SequencePosition, SpecDocument

_COMMENT = re.compile(r"(?:^|\s)#\s*redesign:\s*ignore\[([^\]]*)\]")
_RULE_ID = re.compile(r"^RD\d{3}$")


@dataclass
class Suppression:
    line: int
    column: int
    rules: tuple[str, ...]
    first_line: int
    last_line: int
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.rule in self.rules and self.first_line <= diagnostic.line <= self.last_line


def _last_line(position: Position) -> int:
    """The last line a node's content is on (block collections end where the next token starts)."""
    if isinstance(position, MappingPosition):
        lines = [position.line] + [_last_line(p) for p in position.values.values()]
        lines += [p.line for p in position.keys.values()]
        return max(lines)
    if isinstance(position, SequencePosition):
        return max([position.line] + [_last_line(p) for p in position.items])
    if position.end_column == 1 and position.end_line > position.line:
        return position.end_line - 1
    return position.end_line


def _node_spans(root: Position | None) -> dict[int, int]:
    """For each line on which a key or list item starts, the last line of its node."""
    spans: dict[int, int] = {}
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, MappingPosition):
            for key, key_pos in node.keys.items():
                value = node.values[key]
                spans[key_pos.line] = max(spans.get(key_pos.line, key_pos.line), _last_line(value))
                stack.append(value)
        elif isinstance(node, SequencePosition):
            for item in node.items:
                spans[item.line] = max(spans.get(item.line, item.line), _last_line(item))
                stack.append(item)
    return spans


def find_suppressions(document: SpecDocument) -> tuple[list[Suppression], list[Diagnostic]]:
    """Suppression comments in a document, and findings for malformed ones."""
    text = document.text
    if not text or "redesign:" not in text:
        return [], []
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    spans: dict[int, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if "redesign:" not in line:
            continue
        match = _COMMENT.search(line)
        if not match:
            continue
        ids = tuple(part.strip().upper() for part in match.group(1).split(",") if part.strip())
        column = match.start() + (0 if line[match.start()] == "#" else 1) + 1
        bad = [i for i in ids if not _RULE_ID.match(i)]
        if bad or not ids:
            problems.append(Diagnostic(
                document.path, number, column, "RD090", Severity.WARNING,
                f"suppression names no valid rule id: '{match.group(1).strip()}'",
                hint="write ids such as '# redesign: ignore[RD201]'", name="unused-suppression"))
            continue
        if spans is None:
            spans = _node_spans(document.source_map.root)
        found.append(Suppression(number, column, ids, number, spans.get(number, number)))
    return found, problems


def apply_suppressions(document: SpecDocument, diagnostics: list[Diagnostic],
                       evaluated: set[str]) -> list[Diagnostic]:
    """Drop suppressed findings; add an RD090 finding per unused suppressed id.

    ``evaluated`` holds the ids that ran, so a suppression of a rule that was
    not run is not called unused.
    """
    suppressions, problems = find_suppressions(document)
    if not suppressions:
        return diagnostics + problems
    kept = []
    for diagnostic in diagnostics:
        covering = [s for s in suppressions if s.covers(diagnostic)]
        if covering:
            for suppression in covering:
                suppression.used.add(diagnostic.rule)
        else:
            kept.append(diagnostic)
    for suppression in suppressions:
        for rule_id in suppression.rules:
            if rule_id not in suppression.used and rule_id in evaluated:
                kept.append(Diagnostic(
                    document.path, suppression.line, suppression.column, "RD090",
                    Severity.WARNING,
                    f"suppression of {rule_id} matches no finding",
                    hint="remove it, or correct the rule id", name="unused-suppression"))
    return kept + problems
