"""The command line: a thin click layer over the library.

Every command parses its options, calls one public library function, hands
the result to a reporter, and maps it to an exit code:
0 clean, 1 findings, 2 usage or I/O error, 3 internal error.
Heavy modules are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from typing import Any, Callable, NoReturn, Sequence

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

#: The report formats, as registered in redesign.reporters.REPORTER_BY_NAME
#: (listed here so that `--help` does not import the reporters).
REPORT_FORMATS = ("text", "json", "github", "sarif", "junit")
RULES_URL_VARIABLE = "REDESIGN_RULES_URL"


class OutputTarget(click.ParamType):
    """``FORMAT:FILE``: a report format and the file to write it to."""

    name = "FORMAT:FILE"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        fmt, separator, path = str(value).partition(":")
        if not separator or fmt not in REPORT_FORMATS or not path:
            self.fail(f"expected FORMAT:FILE with FORMAT one of {', '.join(REPORT_FORMATS)} "
                      f"(e.g. sarif:redesign.sarif); got {value!r}", param, ctx)
        return fmt, path


@dataclass(frozen=True)
class ReportRequest:
    """What the options of `validate` and `check` ask for, parsed."""

    paths: tuple[str, ...]
    fmt: str
    outputs: tuple[tuple[str, str], ...]
    color: str
    fail_on: str | None
    strict: bool
    config_path: str | None
    baseline: str | None
    write_baseline: str | None
    changed_since: str | None
    jobs: int = 1

    @property
    def threshold(self):
        from .diagnostics import Severity

        if self.fail_on:
            return Severity.parse(self.fail_on)
        return Severity.WARNING if self.strict else Severity.ERROR


def _report_options(command):
    """Options shared by the commands that report findings."""
    decorators = [
        click.argument("paths", nargs=-1, required=True, metavar="PATH..."),
        click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text",
                     help="Output format on standard output [default: text; github when "
                          "GITHUB_ACTIONS=true]: github prints workflow commands that "
                          "annotate the pull request."),
        click.option("--output", "outputs", type=OutputTarget(), multiple=True,
                     help="Also write the report to FILE in FORMAT, e.g. "
                          "--output sarif:redesign.sarif --output junit:redesign.xml; "
                          "repeatable."),
        color_option,
        click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
                     help="Exit 1 when a finding is at or above this severity [default: error]."),
        click.option("--strict", is_flag=True, help="Same as --fail-on warning."),
        click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Leave out the findings FILE accepts (written by --write-baseline), "
                          "so only new ones fail; the summary counts them."),
        click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
                     help="Write every finding of this run to FILE as accepted, then exit 0 "
                          "(2 if a path cannot be read)."),
        click.option("--changed-since", metavar="REV",
                     help="Only the specs under PATH that changed since the git revision REV "
                          "(committed, staged or not) or are untracked."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Configuration file (.redesign.yaml or pyproject.toml); "
                          "default: the nearest one above each spec."),
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
                     help="Spread the files over this many processes; 0 uses every core."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _usage_error(message: str) -> NoReturn:
    click.echo(f"redesign: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _resolver(config_path: str | None):
    from .config import ConfigError, ConfigResolver

    try:
        return ConfigResolver(config_path)
    except ConfigError as error:
        _usage_error(f"configuration error: {error}")


def _jobs(requested: int) -> int:
    if requested == 0:
        from .parallel import cpu_count

        return cpu_count()
    return requested


def _with_config_errors(run):
    from .config import ConfigError

    try:
        return run()
    except ConfigError as error:
        _usage_error(f"configuration error: {error}")


def _request(paths: Sequence[str], options: dict[str, Any]) -> ReportRequest:
    """The parsed request; `--format` defaults to github inside GitHub Actions."""
    from click.core import ParameterSource

    request = ReportRequest(paths=tuple(paths), **options)
    ctx = click.get_current_context()
    if (ctx.get_parameter_source("fmt") is ParameterSource.DEFAULT
            and os.environ.get("GITHUB_ACTIONS") == "true"):
        request = replace(request, fmt="github")
    return request


def _run_report(command: str, run: Callable[..., Any], request: ReportRequest) -> NoReturn:
    """Run validate or check for a request, report, write the files, and exit."""
    from .baseline import BaselineError, apply_baseline, baseline_document, load_baseline
    from .changes import ChangesError, changed_files
    from .reporters import DEFAULT_RULES_URL, RenderOptions, render

    if request.write_baseline and request.changed_since is not None:
        _usage_error("--write-baseline cannot be combined with --changed-since: "
                     "the baseline would hold the changed specs only")
    resolver = _resolver(request.config_path)
    baseline = None
    if request.baseline:
        try:
            baseline = load_baseline(request.baseline)
        except BaselineError as error:
            _usage_error(str(error))
    only = None
    if request.changed_since is not None:
        try:
            only = changed_files(request.changed_since)
        except ChangesError as error:
            _usage_error(f"--changed-since {request.changed_since}: {error}")

    report = _with_config_errors(
        lambda: run(request.paths, resolver, only, _jobs(request.jobs)))
    root = os.getcwd()
    accepted = None
    if request.write_baseline and not report.io_error:
        accepted = baseline_document(report, root)
        count = sum(len(result.diagnostics) for result in report.results)
    if baseline is not None:
        report = apply_baseline(report, baseline, root)

    options = RenderOptions(
        color=use_color(request.color) and request.fmt == "text", command=command,
        version=__version__, source_root=root, fail_on=request.threshold,
        rules_url=os.environ.get(RULES_URL_VARIABLE) or DEFAULT_RULES_URL)
    _emit(render(report, request.fmt, options), options.color)
    for fmt, path in request.outputs:
        _write(path, render(report, fmt, replace(options, color=False)))

    if report.io_error:
        if request.write_baseline:
            click.echo(f"redesign: baseline {request.write_baseline} not written: "
                       "a path could not be read", err=True)
        sys.exit(EXIT_USAGE)
    if request.write_baseline and accepted is not None:
        _write(request.write_baseline, accepted)
        click.echo(f"redesign: wrote baseline {request.write_baseline} "
                   f"({count} finding{'' if count == 1 else 's'})", err=True)
        sys.exit(EXIT_CLEAN)
    if any(d.severity >= request.threshold for d in report.diagnostics):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _write(path: str, content: str) -> None:
    from .fileio import write_atomic

    try:
        write_atomic(path, content)
    except OSError as error:
        _usage_error(f"cannot write {path}: {error.strerror or error}")


_CI_EPILOG = (
    "In CI: GITHUB_ACTIONS=true selects --format github; SARIF links each rule to "
    "$REDESIGN_RULES_URL#<rule> (default: the published docs/rules.md). See docs/ci.md."
)


@cli.command(epilog=_CI_EPILOG)
@_report_options
def validate(paths: Sequence[str], **options: Any) -> None:
    """Validate specs: YAML, schema, models and references.

    PATH may be a file, a directory (its *.yaml and *.yml files, recursively)
    or a glob. Every problem in every file is reported in one run, each as
    file:line:column, severity, id and message, with a hint.

    \b
    Examples:
      redesign validate specs/examples
      redesign validate 'specs/**/post.yaml' --format json
      redesign validate specs --output junit:validate.xml
    """
    from .validate import validate_paths

    _run_report("validate", validate_paths, _request(paths, options))


@cli.command(epilog=_CI_EPILOG)
@_report_options
def check(paths: Sequence[str], **options: Any) -> None:
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
      redesign check specs --output sarif:redesign.sarif --baseline .redesign-baseline.json
      redesign check specs --changed-since origin/main
    """
    from .check import check_paths

    _run_report("check", check_paths, _request(paths, options))


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
# fmt


@cli.command("fmt")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--check", is_flag=True,
              help="Write nothing; list the files that would change, and exit 1 if any would.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Write nothing; print a unified diff of what would change, and exit 1 if "
                   "anything would.")
def fmt_command(paths: Sequence[str], check: bool, show_diff: bool) -> None:
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
    from .formatter import format_paths
    from .reporters import RenderOptions
    from .reporters.text import format_diagnostic

    write = not (check or show_diff)
    report = format_paths(paths, write=write)
    for formatted in report.changed:
        if show_diff:
            _emit(formatted.diff())
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


# --------------------------------------------------------------------------
# init


@cli.command()
@click.option("--name", metavar="ID",
              help="The operation's id, kebab-case (e.g. acme-billing). Required.")
@click.option("--organisation", metavar="TEXT", help="The organisation's name.")
@click.option("--sector", metavar="TEXT", help="The sector, e.g. 'Healthcare billing'.")
@click.option("--role", "roles", multiple=True, metavar="ID[:TITLE]",
              help="A role of the team; repeat for more. The first owns the example "
                   "workflow, the second (if any) handles escalations. "
                   "[default: coordinator:Coordinator]")
@click.option("--dir", "directory", metavar="DIR",
              help="Where to write pre.yaml and post.yaml. [default: specs/<name>]")
@click.option("--start", metavar="YYYY-MM-DD",
              help="The day Phase 1 starts; the rollout dates count from it. "
                   "[default: the next Monday]")
@click.option("--force", is_flag=True, help="Overwrite pre.yaml and post.yaml if they exist.")
def init(name: str | None, organisation: str | None, sector: str | None,
         roles: Sequence[str], directory: str | None, start: str | None, force: bool) -> None:
    """Scaffold a pre/post pair of specs for a new organisation.

    Writes DIR/pre.yaml (the operation today: people start every step) and
    DIR/post.yaml (redesigned: AI produces, people review and approve, with
    a quality gate, a capacity allocation, a metric that replaces the old
    one, readiness evidence placeholders and rollout phases). Comments in
    both explain each section; the pair validates and is fmt-clean.

    The first line of each file points editors at the nearest
    schemas/redesign-v1.schema.json above DIR (within its git repository);
    when there is none, the schema is written to schemas/ at the repository
    root (outside a repository: under the current directory).

    \b
    Examples:
      redesign init --name acme-billing --organisation 'Acme Billing'
      redesign init --name acme-billing --sector 'Healthcare billing' \\
          --role billing-coordinator:'Billing coordinator' --role payer-lead
      redesign init --name acme-billing --dir clients/acme --force
    """
    from .scaffold import new_operation, scaffold_operation

    request, problems = new_operation(name, organisation=organisation, sector=sector,
                                      roles=roles, directory=directory, start=start)
    if request is None:
        for problem in problems:
            click.echo(f"redesign init: {problem}", err=True)
        sys.exit(EXIT_USAGE)
    scaffold = scaffold_operation(request, force=force)
    for problem in scaffold.problems:
        click.echo(f"redesign init: {problem}", err=True)
    if not scaffold.ok:
        sys.exit(EXIT_USAGE)
    for path in [*scaffold.schemas_written, *scaffold.written]:
        click.echo(f"wrote {path}")
    click.echo(f"next: replace the placeholders, then run `redesign validate {scaffold.directory}`")


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
