"""What every command shares: exit codes, colour, output, usage errors, configuration."""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, NoReturn, TypeVar

import click

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
ISSUES_URL = "https://github.com/redesign-ops/redesign/issues"

T = TypeVar("T")


def use_color(choice: str) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output; 'auto' colours only on a terminal and honours NO_COLOR.",
)

config_option = click.option(
    "--config", "config_path", type=click.Path(dir_okay=False),
    help="Configuration file (.redesign.yaml or pyproject.toml); "
         "default: the nearest one above each spec.",
)


def emit(text: str, color: bool = False) -> None:
    """Write ``text``; ``color`` keeps its colour codes even when stdout is not a
    terminal (click strips them otherwise), for ``--color always``."""
    click.echo(text, nl=False, color=color or None)


def usage_error(message: str) -> NoReturn:
    """One line on standard error, exit 2."""
    click.echo(f"redesign: {message}", err=True)
    sys.exit(EXIT_USAGE)


def resolver_for(config_path: str | None):
    """The configuration resolver; a bad configuration file is a usage error."""
    from ..config import ConfigError, ConfigResolver

    try:
        return ConfigResolver(config_path)
    except ConfigError as error:
        usage_error(f"configuration error: {error}")


def with_config_errors(run: Callable[[], T]) -> T:
    """Run ``run``; a configuration error found on the way is a usage error."""
    from ..config import ConfigError

    try:
        return run()
    except ConfigError as error:
        usage_error(f"configuration error: {error}")


def error_report(report: Any) -> Any:
    """The report cut down to its errors, for a command that stops on them."""
    from dataclasses import replace

    from ..diagnostics import Severity
    from ..validate import Report

    return Report(
        results=[replace(r, diagnostics=[d for d in r.diagnostics if d.severity is Severity.ERROR])
                 for r in report.results],
        path_errors=report.path_errors,
    )
