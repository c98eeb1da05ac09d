"""Reporters turn diagnostics into one output format each, chosen by name.

A reporter is a function ``render(report, options) -> str``; it formats and
never decides anything about the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..validate import Report


@dataclass(frozen=True)
class RenderOptions:
    """How to render: colour, the command that ran, and the tool version."""

    color: bool = False
    command: str = "validate"
    version: str = ""
    show_source: bool = True


Renderer = Callable[[Report, RenderOptions], str]


def _text(report: Report, options: RenderOptions) -> str:
    from .text import render

    return render(report, options)


def _json(report: Report, options: RenderOptions) -> str:
    from .json import render

    return render(report, options)


REPORTER_BY_NAME: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
}


def render(report: Report, fmt: str, options: RenderOptions) -> str:
    return REPORTER_BY_NAME[fmt](report, options)
