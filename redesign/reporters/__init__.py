"""Reporters turn diagnostics into one output format each, chosen by name.

A reporter is a function ``render(report, options) -> str``; it formats and
never decides anything about the findings.

| name | for |
|---|---|
| ``text`` | people at a terminal |
| ``json`` | scripts |
| ``github`` | GitHub Actions workflow commands: annotations on the pull request |
| ``sarif`` | code scanning (SARIF 2.1.0) |
| ``junit`` | CI test reports (GitLab, Jenkins, Azure) |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..diagnostics import Severity
from ..validate import Report

#: Where the rule catalog is published; SARIF links each rule to its
#: section here. Override with the REDESIGN_RULES_URL environment variable.
DEFAULT_RULES_URL = "https://github.com/redesign-ops/redesign/blob/main/docs/rules.md"
PROJECT_URL = "https://github.com/redesign-ops/redesign"


@dataclass(frozen=True)
class RenderOptions:
    """How to render: colour, the command that ran, and the tool version.

    ``source_root`` is the directory file paths are made relative to in
    machine-read formats (default: the working directory); ``rules_url`` is
    the published rule catalog; ``fail_on`` is the severity that fails the
    run, for formats that mark a finding as failing or not (JUnit).
    """

    color: bool = False
    command: str = "validate"
    version: str = ""
    show_source: bool = True
    source_root: str = ""
    rules_url: str = DEFAULT_RULES_URL
    fail_on: Severity = Severity.ERROR


Renderer = Callable[[Report, RenderOptions], str]


def _text(report: Report, options: RenderOptions) -> str:
    from .text import render

    return render(report, options)


def _json(report: Report, options: RenderOptions) -> str:
    from .json import render

    return render(report, options)


def _github(report: Report, options: RenderOptions) -> str:
    from .github import render

    return render(report, options)


def _sarif(report: Report, options: RenderOptions) -> str:
    from .sarif import render

    return render(report, options)


def _junit(report: Report, options: RenderOptions) -> str:
    from .junit import render

    return render(report, options)


REPORTER_BY_NAME: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}


def render(report: Report, fmt: str, options: RenderOptions) -> str:
    return REPORTER_BY_NAME[fmt](report, options)
