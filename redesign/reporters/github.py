"""GitHub Actions reporter: one workflow command per finding, which GitHub
shows as an annotation on the file and line, then the summary line.

    ::warning file=specs/pre.yaml,line=22,col=11,endLine=22,endColumn=25,title=RD402 role-near-capacity::role ...

Errors are ``::error``, warnings ``::warning``, infos ``::notice``. Values
are escaped as the runner expects: ``%``, CR and LF everywhere, and ``:``
and ``,`` in the properties too. The hint follows the message on a second line.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..fingerprint import repository_path
from ..validate import Report
from . import RenderOptions
from .text import summary

COMMAND_BY_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic, options: RenderOptions) -> str:
    """The workflow command that annotates one finding."""
    properties = [("file", repository_path(diagnostic.file, options.source_root))]
    if diagnostic.line:
        properties += [("line", str(diagnostic.line)), ("col", str(diagnostic.column))]
        if diagnostic.end_line:
            properties += [("endLine", str(diagnostic.end_line)),
                           ("endColumn", str(diagnostic.end_column))]
    title = f"{diagnostic.rule} {diagnostic.name}".strip()
    properties.append(("title", title))
    message = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMAND_BY_SEVERITY[diagnostic.severity]} {rendered}::{escape_data(message)}"


def render(report: Report, options: RenderOptions) -> str:
    lines = [annotation(d, options) for d in report.diagnostics]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
