"""`diff`: what a redesign changes, between two states or two revisions."""

from __future__ import annotations

import sys
from typing import Sequence

import click

from .. import __version__
from .common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, color_option, emit, resolver_for, use_color, with_config_errors

@click.command()
@click.argument("specs", nargs=-1, metavar="[OLD NEW | DIR]")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True,
              help="text: +/-/~ lines; markdown: a before/after report, fit for a pull-request "
                   "comment; json: see schemas/redesign-diff-v1.schema.json.")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when there are differences and 0 when there are none, like "
                   "`git diff --exit-code`.")
@click.option("--base", metavar="REV",
              help="Compare every spec changed since REV with its version at REV; "
                   "paths given limit the search.")
@color_option
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file for the loader's limits; default: the nearest one.")
def diff(specs: Sequence[str], fmt: str, exit_code: bool, base: str | None, color: str,
         config_path: str | None) -> None:
    """Compare two states: what a redesign changes.

    OLD and NEW are spec files, or REV:path to read a file at a git revision
    (of the repository of the current directory). DIR holds pre.yaml and
    post.yaml. With --base REV, every spec changed since REV is compared with
    its version at REV.

    Team structure, workflows and triggers, quality gates, capacity
    allocation, metrics and readiness are compared by id, renames found, and
    the figures (hours, review minutes, accounts per FTE, screen/room split)
    computed by the capacity model. Changes that raise risk are flagged. Both
    sides must be valid specs; if not, their findings are reported as by
    `validate` and the exit code is 1.

    \b
    Examples:
      redesign diff specs/examples/hvac-distributor
      redesign diff pre.yaml post.yaml --format markdown
      redesign diff main:specs/acme/post.yaml specs/acme/post.yaml
      redesign diff --base origin/main --exit-code
    """
    from ..diff import SourceError, diff_specs
    from ..diff.report import RenderOptions as DiffRenderOptions
    from ..diff.report import render as render_diff
    from ..reporters import RenderOptions, render

    resolver = resolver_for(config_path)
    try:
        outcome = with_config_errors(lambda: diff_specs(specs, base=base, resolver=resolver))
    except SourceError as error:
        click.echo(f"redesign: {error}", err=True)
        sys.exit(EXIT_USAGE)
    colour = use_color(color)
    if not outcome.valid:
        findings_format = "json" if fmt == "json" else "text"
        emit(render(outcome.validation, findings_format,
                     RenderOptions(color=colour, command="diff", version=__version__)), colour)
        sys.exit(EXIT_FINDINGS)
    emit(render_diff(outcome.report, fmt, DiffRenderOptions(color=colour, version=__version__)),
          colour)
    if exit_code and outcome.report.has_differences:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)
