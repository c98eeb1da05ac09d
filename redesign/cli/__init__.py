"""The command line: a thin click layer over the library.

Every command parses its options, calls a public library function, hands
the result to a reporter, and maps it to an exit code: 0 clean, 1 findings,
2 usage or I/O error, 3 internal error. One module per command family;
commands are registered here, explicitly. Heavy modules are imported inside
the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

import click

from .. import __version__
from .catalog import explain, rules
from .common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, ISSUES_URL, use_color
from .diff import diff
from .fmt import fmt_command
from .init import init
from .report import REPORT_FORMATS, check, validate
from .runbooks import compile_command, graph
from .schema import schema

__all__ = ["cli", "main", "use_color", "REPORT_FORMATS", "EXIT_CLEAN", "EXIT_FINDINGS",
           "EXIT_USAGE", "EXIT_INTERNAL"]


class RedesignGroup(click.Group):
    """The one error boundary: user errors exit 1 or 2, an internal error
    exits 3 with one line (the traceback only with ``--debug``)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("redesign: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (`redesign rules | head`); nothing to report.
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            finally:
                ctx.exit(EXIT_CLEAN)
        except Exception as error:  # noqa: BLE001 - this is the boundary
            if (ctx.obj or {}).get("debug") or os.environ.get("REDESIGN_DEBUG"):
                raise
            detail = str(error).splitlines()[0] if str(error) else ""
            click.echo(
                f"redesign: internal error: {type(error).__name__}"
                f"{': ' + detail[:200] if detail else ''} (redesign {__version__}); "
                f"please report it at {ISSUES_URL} with the command you ran; "
                "rerun with --debug to see the traceback",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=RedesignGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="redesign")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """redesign: an operation redesigned around AI, as versioned, checkable specs.

    Write an operation's pre and post states as YAML specs, validate and
    check them, compile them into runbooks, and diff two states.

    \b
    Exit codes: 0 clean, 1 findings, 2 usage or I/O error, 3 internal error.
    Docs: docs/ in the repository; `redesign explain RD010` explains a finding.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


#: Every command, in the order `--help` reads best; registered explicitly.
COMMANDS = (init, validate, check, fmt_command, compile_command, graph, diff, rules, explain, schema)
for _command in COMMANDS:
    cli.add_command(_command)
del _command


def main() -> None:
    # One run, then the process ends: the cyclic garbage collector only slows
    # down building large specs (its full passes grow with the heap), and the
    # objects a run creates have no cycles worth collecting before exit.
    gc.disable()
    cli(prog_name="redesign")


if __name__ == "__main__":  # pragma: no cover
    main()
