"""The command line: a thin click layer over the library.

Every command parses its options, calls one public library function, hands
the result to a reporter, and maps it to an exit code:
0 clean, 1 findings, 2 usage or I/O error, 3 internal error.
Heavy modules are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Sequence

import click

from . import __version__

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
ISSUES_URL = "https://github.com/redesign-ops/redesign/issues"


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


def _emit(text: str, color: bool = False) -> None:
    """Write ``text``; ``color`` keeps its colour codes even when stdout is not a
    terminal (click strips them otherwise), for ``--color always``."""
    click.echo(text, nl=False, color=color or None)


# --------------------------------------------------------------------------
# validate and check


def _report_options(command):
    """Options shared by the commands that report findings."""
    decorators = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
        click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                     show_default=True, help="Output format."),
        color_option,
        click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
                     help="Exit 1 when a finding is at or above this severity [default: error]."),
        click.option("--strict", is_flag=True, help="Same as --fail-on warning."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Configuration file (.redesign.yaml or pyproject.toml); "
                          "default: the nearest one above each spec."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _resolver(config_path: str | None):
    from .config import ConfigError, ConfigResolver

    try:
        return ConfigResolver(config_path)
    except ConfigError as error:
        click.echo(f"redesign: configuration error: {error}", err=True)
        sys.exit(EXIT_USAGE)


def _finish(report: Any, command: str, fmt: str, color: str, fail_on: str | None,
            strict: bool) -> None:
    from .diagnostics import Severity
    from .reporters import RenderOptions, render

    colour = use_color(color)
    _emit(render(report, fmt, RenderOptions(color=colour, command=command, version=__version__)),
          colour)
    threshold = Severity.parse(fail_on) if fail_on else (
        Severity.WARNING if strict else Severity.ERROR)
    if report.io_error:
        sys.exit(EXIT_USAGE)
    if any(d.severity >= threshold for d in report.diagnostics):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _with_config_errors(run):
    from .config import ConfigError

    try:
        return run()
    except ConfigError as error:
        click.echo(f"redesign: configuration error: {error}", err=True)
        sys.exit(EXIT_USAGE)


@cli.command()
@_report_options
def validate(paths: Sequence[str], fmt: str, color: str, fail_on: str | None, strict: bool,
             config_path: str | None) -> None:
    """Validate specs: YAML, schema, models and references.

    PATH may be a file, a directory (its *.yaml and *.yml files, recursively)
    or a glob. Every problem in every file is reported in one run, each as
    file:line:column, severity, id and message, with a hint.

    \b
    Examples:
      redesign validate specs/examples
      redesign validate 'specs/**/post.yaml' --format json
    """
    from .validate import validate_paths

    resolver = _resolver(config_path)
    report = _with_config_errors(lambda: validate_paths(paths, resolver))
    _finish(report, "validate", fmt, color, fail_on, strict)


@cli.command()
@_report_options
def check(paths: Sequence[str], fmt: str, color: str, fail_on: str | None, strict: bool,
          config_path: str | None) -> None:
    """Validate specs, then check them against the rule catalog.

    Each workflow becomes a graph: who triggers what, whether AI output can
    leave without a person's approval, whether the AI output is ready before
    the day starts; then quality gates, capacity (load per role, caseloads,
    recovered and allocated hours), metrics, readiness and rollout.
    `redesign rules` lists the rules; `redesign explain RD201` explains one.

    Findings below --fail-on (default: error) are reported but exit 0.
    Suppress one in the spec with a comment: '# redesign: ignore[RD207]'.

    \b
    Examples:
      redesign check specs/examples/*/post.yaml
      redesign check specs --strict --format json
    """
    from .check import check_paths

    resolver = _resolver(config_path)
    report = _with_config_errors(lambda: check_paths(paths, resolver))
    _finish(report, "check", fmt, color, fail_on, strict)


# --------------------------------------------------------------------------
# diff


@cli.command()
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
    from .diff import SourceError, diff_specs
    from .diff.report import RenderOptions as DiffRenderOptions
    from .diff.report import render as render_diff
    from .reporters import RenderOptions, render

    resolver = _resolver(config_path)
    try:
        outcome = _with_config_errors(lambda: diff_specs(specs, base=base, resolver=resolver))
    except SourceError as error:
        click.echo(f"redesign: {error}", err=True)
        sys.exit(EXIT_USAGE)
    colour = use_color(color)
    if not outcome.valid:
        findings_format = "json" if fmt == "json" else "text"
        _emit(render(outcome.validation, findings_format,
                     RenderOptions(color=colour, command="diff", version=__version__)), colour)
        sys.exit(EXIT_FINDINGS)
    _emit(render_diff(outcome.report, fmt, DiffRenderOptions(color=colour, version=__version__)),
          colour)
    if exit_code and outcome.report.has_differences:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


# --------------------------------------------------------------------------
# rules and explain


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format.")
def rules(fmt: str) -> None:
    """List every finding id: validation codes (RD0xx) and check rules.

    Families: 0xx loading and validation, 1xx structure, 2xx human and
    automated ordering, 3xx quality gates, 4xx capacity and allocation,
    5xx metrics, 6xx readiness and rollout.
    """
    from .explain import render_catalog

    _emit(render_catalog(fmt))


@cli.command()
@click.argument("rule_id", metavar="RDnnn")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format.")
def explain(rule_id: str, fmt: str) -> None:
    """Explain one finding id, with a failing and a passing example.

    \b
    Example:
      redesign explain RD201
    """
    from .catalog import all_rules, lookup
    from .explain import render_rule
    from .schema_errors import did_you_mean

    info = lookup(rule_id)
    if info is None:
        known = all_rules()
        guess = did_you_mean(rule_id.upper(), list(known)) or did_you_mean(
            rule_id.lower(), [i.name for i in known.values()])
        hint = f"; did you mean {guess}?" if guess else "; `redesign rules` lists them"
        click.echo(f"redesign: no rule '{rule_id}'{hint}", err=True)
        sys.exit(EXIT_USAGE)
    _emit(render_rule(info, fmt))


# --------------------------------------------------------------------------
# schema


@cli.command()
@click.argument("directory", default="schemas", required=False,
                type=click.Path(file_okay=False, dir_okay=True))
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if the schema files are missing or stale.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the spec schema instead of writing it.")
def schema(directory: str, check: bool, to_stdout: bool) -> None:
    """Write the JSON Schema of the spec format into DIRECTORY (default: schemas).

    The schema is generated from the models. Point your editor at it with a
    first line such as
    '# yaml-language-server: $schema=../../schemas/redesign-v1.schema.json'.
    """
    from .schema import SPEC_SCHEMA_FILE, schema_documents, stale_schemas, write_schemas

    if to_stdout:
        _emit(schema_documents()[SPEC_SCHEMA_FILE])
        return
    if check:
        stale = stale_schemas(directory)
        for path in stale:
            click.echo(f"{path}: stale or missing; run `redesign schema {directory}`", err=True)
        sys.exit(EXIT_FINDINGS if stale else EXIT_CLEAN)
    try:
        changed = write_schemas(directory)
    except OSError as error:
        click.echo(f"redesign: cannot write {directory}: {error.strerror or error}", err=True)
        sys.exit(EXIT_USAGE)
    for path in changed:
        click.echo(f"wrote {path}")
    if not changed:
        click.echo(f"{directory}: schemas are up to date")


def main() -> None:
    cli(prog_name="redesign")


if __name__ == "__main__":  # pragma: no cover
    main()
