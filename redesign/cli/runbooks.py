"""`compile` and `graph`: runbooks and diagrams from a spec."""

from __future__ import annotations

import os
import sys
from typing import Sequence

import click

from .. import __version__
from .common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    color_option,
    config_option,
    emit,
    error_report,
    resolver_for,
    usage_error,
    use_color,
    with_config_errors,
)

DEFAULT_RUNBOOK_ROOT = os.path.join("build", "runbooks")


@click.command(name="compile")
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
@config_option
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
    from ..reporters import RenderOptions, render
    from ..runbooks import (
        RunbookConflictError,
        RunbookOutputError,
        RunbookTemplateError,
        compile_paths,
    )

    resolver = resolver_for(config_path)
    try:
        outcome = with_config_errors(
            lambda: compile_paths(paths, output, fmt, templates, resolver))
    except RunbookTemplateError as error:
        usage_error(f"template error: {error}")
    except (RunbookOutputError, RunbookConflictError) as error:
        usage_error(str(error))
    for compiled in outcome.compiled:
        click.echo(f"wrote {compiled.runbooks} runbooks to {compiled.directory}{os.sep} "
                   f"(start at {compiled.index})")
    report = outcome.report
    errors = error_report(report)
    if errors.diagnostics:
        emit(render(errors, "text", RenderOptions(color=use_color(color), command="compile",
                                                  version=__version__)))
        sys.exit(EXIT_USAGE if report.io_error else EXIT_FINDINGS)


@click.command()
@click.argument("path", metavar="SPEC")
@click.option("--workflow", "workflow_id", metavar="ID",
              help="The workflow to draw; default: every workflow, each in its own box.")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="Mermaid flowchart or Graphviz DOT.")
@config_option
@color_option
def graph(path: str, workflow_id: str | None, fmt: str, config_path: str | None,
          color: str) -> None:
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
    from ..diagram import dot, mermaid
    from ..graph import OperationGraph
    from ..reporters import RenderOptions, render
    from ..validate import validate_paths

    resolver = resolver_for(config_path)
    report = with_config_errors(lambda: validate_paths([path], resolver))
    if len(report.results) > 1:
        usage_error(f"graph draws one spec; {path} holds {len(report.results)}: name one file")
    result = report.results[0] if report.results else None
    if result is None or result.operation is None:
        click.echo(render(error_report(report), "text",
                          RenderOptions(color=use_color(color), command="graph", version=__version__)),
                   nl=False, err=True)
        if report.io_error or result is None:
            sys.exit(EXIT_USAGE)
        sys.exit(EXIT_FINDINGS)
    operation = result.operation
    if not operation.workflows:
        usage_error(f"{result.path} has no workflows to draw")
    if workflow_id is not None and operation.workflow(workflow_id) is None:
        known = ", ".join(w.id for w in operation.workflows)
        usage_error(f"{result.path} has no workflow '{workflow_id}'; its workflows: {known}")
    draw = dot if fmt == "dot" else mermaid
    emit(draw(OperationGraph(operation), workflow_id))
