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


def _emit(text: str) -> None:
    click.echo(text, nl=False)


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

    _emit(render(report, fmt, RenderOptions(color=use_color(color), command=command,
                                             version=__version__)))
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
# compile and graph

DEFAULT_RUNBOOK_ROOT = os.path.join("build", "runbooks")


def _error_report(report: Any) -> Any:
    """The report cut down to its errors, for a command that stops on them."""
    from dataclasses import replace

    from .diagnostics import Severity
    from .validate import Report

    return Report(
        results=[replace(r, diagnostics=[d for d in r.diagnostics if d.severity is Severity.ERROR])
                 for r in report.results],
        path_errors=report.path_errors,
    )


def _usage_error(message: str) -> None:
    click.echo(f"redesign: {message}", err=True)
    sys.exit(EXIT_USAGE)


@cli.command(name="compile")
@click.argument("paths", nargs=-1, required=True, metavar="SPEC...")
@click.option("-o", "--output", "output", type=click.Path(file_okay=False),
              default=DEFAULT_RUNBOOK_ROOT, show_default=True,
              help="Root of the output: each spec's runbooks go to OUTPUT/<name>/<state>/.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), default="markdown",
              show_default=True, help="Markdown (renders on GitHub, Mermaid included) or "
                                      "self-contained HTML pages.")
@click.option("--templates", "templates", type=click.Path(exists=True, file_okay=False),
              help="A directory of templates that override the packaged ones by name; "
                   "rendered in a sandbox.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (.redesign.yaml or pyproject.toml); "
                   "default: the nearest one above each spec.")
@color_option
def compile_command(paths: Sequence[str], output: str, fmt: str, templates: str | None,
                    config_path: str | None, color: str) -> None:
    """Compile specs into runbooks: an index, one per workflow, one per role.

    Each spec is checked first; a spec with errors is not compiled and its
    errors are listed (exit 1). The runbooks of a spec are written to
    OUTPUT/<name>/<state>/, replacing what a previous compile wrote there
    in one step: a compile that fails leaves the previous runbooks as they
    were.

    \b
    Examples:
      redesign compile specs/examples/hvac-distributor/post.yaml
      redesign compile specs/examples/*/*.yaml --format html -o site
    """
    from .check import check_paths
    from .diagnostics import Severity
    from .reporters import RenderOptions, render
    from .runbooks import (
        RunbookOutputError,
        RunbookTemplateError,
        compile_runbooks,
        runbook_count,
        write_runbooks,
    )

    resolver = _resolver(config_path)
    report = _with_config_errors(lambda: check_paths(paths, resolver))
    written: dict[str, str] = {}
    for result in report.results:
        if result.operation is None or any(d.severity is Severity.ERROR for d in result.diagnostics):
            continue
        operation = result.operation
        directory = os.path.join(output, operation.metadata.name, operation.state)
        if directory in written:
            _usage_error(f"{result.path} and {written[directory]} are both "
                         f"{operation.metadata.name}/{operation.state}; compile them separately")
        written[directory] = result.path
        try:
            pages = compile_runbooks(operation, fmt, templates)
            write_runbooks(pages, directory)
        except RunbookTemplateError as error:
            _usage_error(f"template error: {error}")
        except RunbookOutputError as error:
            _usage_error(str(error))
        click.echo(f"wrote {runbook_count(pages)} runbooks to {directory}{os.sep} "
                   f"(start at index.{'html' if fmt == 'html' else 'md'})")
    errors = _error_report(report)
    if errors.diagnostics:
        click.echo(render(errors, "text", RenderOptions(color=use_color(color), command="compile",
                                                         version=__version__)), nl=False)
        sys.exit(EXIT_USAGE if report.io_error else EXIT_FINDINGS)


@cli.command()
@click.argument("path", metavar="SPEC")
@click.option("--workflow", "workflow_id", metavar="ID",
              help="The workflow to draw; default: every workflow, each in its own box.")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="Mermaid flowchart or Graphviz DOT.")
@color_option
def graph(path: str, workflow_id: str | None, fmt: str, color: str) -> None:
    """Print a workflow's diagram: Mermaid or Graphviz DOT.

    People's steps are plain boxes; AI and automated steps are dashed and
    shaped differently; a step whose output leaves the organisation has a
    thick border; low-confidence, reject and escalation routes are dashed
    arrows. Without --workflow, every workflow is drawn, each in its own
    box, with the triggers between them.

    \b
    Examples:
      redesign graph specs/examples/hvac-distributor/post.yaml --workflow delay-notifications
      redesign graph specs/examples/hvac-distributor/post.yaml --format dot | dot -Tsvg > flow.svg
    """
    from .diagram import dot, mermaid
    from .graph import OperationGraph
    from .reporters import RenderOptions, render
    from .validate import validate_paths

    report = validate_paths([path])
    result = report.results[0] if len(report.results) == 1 else None
    if result is None or result.operation is None:
        click.echo(render(_error_report(report), "text",
                          RenderOptions(color=use_color(color), command="graph", version=__version__)),
                   nl=False, err=True)
        if report.io_error or result is None:
            sys.exit(EXIT_USAGE)
        sys.exit(EXIT_FINDINGS)
    operation = result.operation
    if not operation.workflows:
        _usage_error(f"{result.path} has no workflows to draw")
    if workflow_id is not None and operation.workflow(workflow_id) is None:
        known = ", ".join(w.id for w in operation.workflows)
        _usage_error(f"{result.path} has no workflow '{workflow_id}'; its workflows: {known}")
    draw = dot if fmt == "dot" else mermaid
    _emit(draw(OperationGraph(operation), workflow_id))


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
