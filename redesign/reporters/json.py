"""JSON reporter: every finding as one object, plus the files and a summary."""

from __future__ import annotations

import json

from ..diagnostics import Severity
from ..validate import Report
from . import RenderOptions


def as_data(report: Report, options: RenderOptions) -> dict:
    diagnostics = report.diagnostics
    return {
        "tool": {"name": "redesign", "version": options.version},
        "command": options.command,
        "files": report.files,
        "diagnostics": [d.as_dict() for d in diagnostics],
        "summary": {
            "files": len(report.results),
            "errors": sum(1 for d in diagnostics if d.severity is Severity.ERROR),
            "warnings": sum(1 for d in diagnostics if d.severity is Severity.WARNING),
            "infos": sum(1 for d in diagnostics if d.severity is Severity.INFO),
            "baselined": report.baselined,
        },
    }


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(as_data(report, options), indent=2, ensure_ascii=False) + "\n"
