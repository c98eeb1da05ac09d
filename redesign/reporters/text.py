"""Text reporter: ``file:line:col: severity [ID] message``, the source line
with a caret under the column, and a hint line."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model.base import counted
from ..validate import Report
from . import RenderOptions

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def styled(text: str, color: bool, **style) -> str:
    """``text`` in ANSI style when ``color`` is on (click.style), as it is otherwise."""
    if not color:
        return text
    import click

    return click.style(text, **style)


def _source_lines(report: Report) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = {}
    for result in report.results:
        if result.document.text is not None:
            lines[result.path] = result.document.text.splitlines()
    return lines


def format_diagnostic(diagnostic: Diagnostic, options: RenderOptions,
                      source: list[str] | None = None) -> list[str]:
    severity = diagnostic.severity
    head = (
        f"{styled(diagnostic.location(), options.color, bold=True)}: "
        f"{styled(severity.label, options.color, fg=_COLOURS[severity], bold=True)} "
        f"[{diagnostic.rule}] {diagnostic.message}"
    )
    out = [head]
    if options.show_source and source and 0 < diagnostic.line <= len(source):
        text = source[diagnostic.line - 1].rstrip("\r").replace("\t", " ")
        if len(text) > 200:
            text = text[:200] + "..."
        number = str(diagnostic.line)
        gutter = " " * len(number)
        caret_at = max(diagnostic.column - 1, 0)
        width = 1
        if diagnostic.end_line == diagnostic.line and diagnostic.end_column > diagnostic.column:
            width = min(diagnostic.end_column - diagnostic.column, max(len(text) - caret_at, 1))
        out.append(f"  {styled(number, options.color, dim=True)} | {text}")
        out.append(f"  {gutter} | {' ' * min(caret_at, 200)}"
                   f"{styled('^' * width, options.color, fg=_COLOURS[severity])}")
    if diagnostic.hint:
        out.append(f"  {styled('hint', options.color, fg='cyan')}: {diagnostic.hint}")
    return out


def summary(report: Report) -> str:
    """The closing line: counts by severity, files, and findings a baseline accepted."""
    diagnostics = report.diagnostics
    counts = [
        (sum(1 for d in diagnostics if d.severity is level), level.label)
        for level in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    ]
    parts = [counted(count, label) for count, label in counts if count]
    checked = counted(len(report.results), "file")
    baselined = f" ({report.baselined} baselined)" if report.baselined else ""
    if not parts:
        return f"{checked}: no problems found{baselined}"
    return f"{', '.join(parts)} in {checked}{baselined}"


def render(report: Report, options: RenderOptions) -> str:
    sources = _source_lines(report) if options.show_source else {}
    out: list[str] = []
    for diagnostic in report.diagnostics:
        out.extend(format_diagnostic(diagnostic, options, sources.get(diagnostic.file)))
    out.append(summary(report))
    return "\n".join(out) + "\n"
