"""`fmt`: the canonical layout, keeping what people wrote."""

from __future__ import annotations

import sys
from typing import Sequence

import click

from .. import __version__
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    config_option,
    emit,
    resolver_for,
    with_config_errors,
)

@click.command("fmt")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--check", is_flag=True,
              help="Write nothing; list the files that would change, and exit 1 if any would.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Write nothing; print a unified diff of what would change, and exit 1 if "
                   "anything would.")
@config_option
def fmt_command(paths: Sequence[str], check: bool, show_diff: bool,
                config_path: str | None) -> None:
    """Rewrite specs in the canonical layout, keeping comments and style.

    Indentation becomes 2 spaces per level with list items' '-' under their
    parent key; trailing spaces and surplus blank lines at the ends go. Kept
    as written: comments, key order, quoting, flow or block style, blank
    lines, the modeline, and every value's text. Long lines are never
    wrapped. A CRLF file stays CRLF; a UTF-8 byte-order mark is dropped.

    PATH may be a file, a directory (its *.yaml and *.yml files, recursively)
    or a glob. Files are rewritten in place, atomically, only when they
    change. A file that does not load (RD001-RD008) or cannot be rewritten
    without changing its data or comments (RD015) is reported and left as it
    is.

    \b
    Exit codes: 0 nothing to change (or all rewritten), 1 files would change
    (--check, --diff) or could not be formatted, 2 I/O or usage error.

    \b
    Examples:
      redesign fmt specs/
      redesign fmt --check 'specs/**/*.yaml'
      redesign fmt --diff specs/acme/post.yaml
    """
    from ..formatter import format_paths
    from ..reporters import RenderOptions
    from ..reporters.text import format_diagnostic

    write = not (check or show_diff)
    resolver = resolver_for(config_path)
    report = with_config_errors(lambda: format_paths(paths, write=write, resolver=resolver))
    for formatted in report.changed:
        if show_diff:
            emit(formatted.diff())
        if check:
            click.echo(f"would reformat {formatted.path}")
        elif formatted.written:
            click.echo(f"reformatted {formatted.path}")
    options = RenderOptions(color=False, command="fmt", version=__version__, show_source=False)
    for diagnostic in report.diagnostics:
        click.echo("\n".join(format_diagnostic(diagnostic, options)), err=True)
    click.echo(report.summary(), err=True)
    if report.io_error:
        sys.exit(EXIT_USAGE)
    if report.diagnostics or (not write and report.changed):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)
