"""`validate` and `check`: the commands that report findings, in every format."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from typing import Any, Callable, NoReturn, Sequence

import click

from .. import __version__
from .common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    color_option,
    config_option,
    emit,
    resolver_for,
    usage_error,
    use_color,
    with_config_errors,
)

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
        from ..diagnostics import Severity

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
        config_option,
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
                     help="Spread the files over this many processes; 0 uses every core."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _jobs(requested: int) -> int:
    if requested == 0:
        from ..parallel import cpu_count

        return cpu_count()
    return requested


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
    from ..baseline import BaselineError, apply_baseline, baseline_document, load_baseline
    from ..changes import ChangesError, changed_files
    from ..model.base import counted
    from ..reporters import DEFAULT_RULES_URL, RenderOptions, render

    if request.write_baseline and request.changed_since is not None:
        usage_error("--write-baseline cannot be combined with --changed-since: "
                     "the baseline would hold the changed specs only")
    resolver = resolver_for(request.config_path)
    baseline = None
    if request.baseline:
        try:
            baseline = load_baseline(request.baseline)
        except BaselineError as error:
            usage_error(str(error))
    only = None
    if request.changed_since is not None:
        try:
            only = changed_files(request.changed_since)
        except ChangesError as error:
            usage_error(f"--changed-since {request.changed_since}: {error}")

    report = with_config_errors(
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
    emit(render(report, request.fmt, options), options.color)
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
                   f"({counted(count, 'finding')})", err=True)
        sys.exit(EXIT_CLEAN)
    from ..check import failing

    sys.exit(EXIT_FINDINGS if failing(report, request.threshold) else EXIT_CLEAN)


def _write(path: str, content: str) -> None:
    from ..fileio import write_atomic

    try:
        write_atomic(path, content)
    except OSError as error:
        usage_error(f"cannot write {path}: {error.strerror or error}")


_CI_EPILOG = (
    "In CI: GITHUB_ACTIONS=true selects --format github; SARIF links each rule to "
    "$REDESIGN_RULES_URL#<rule> (default: the published docs/rules.md). See docs/ci.md."
)


@click.command(epilog=_CI_EPILOG)
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
    from ..validate import validate_paths

    _run_report("validate", validate_paths, _request(paths, options))


@click.command(epilog=_CI_EPILOG)
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
    from ..check import check_paths

    _run_report("check", check_paths, _request(paths, options))
