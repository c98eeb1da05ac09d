"""``check``: validate, then run the rule catalog on every valid spec.

Rules yield findings; this engine stamps each with its rule id, name and
configured severity, places it in the file, and applies inline
suppressions. The result is the same :class:`~redesign.validate.Report`
that ``validate`` returns, with the rules' diagnostics added.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Collection, Sequence

from .catalog import VALIDATION_CODES
from .config import Config, ConfigResolver
from .diagnostics import Diagnostic, Severity
from .loader import SpecDocument
from .suppressions import apply_suppressions
from .validate import Report, select_files, validate_paths

if TYPE_CHECKING:
    from .model import Operation


def run_rules(operation: "Operation", document: SpecDocument, config: Config) -> list[Diagnostic]:
    """Every enabled rule's findings for one valid spec, as diagnostics."""
    from .rules import REGISTRY, RuleContext

    context = RuleContext(operation)
    found: list[Diagnostic] = []
    for rule in REGISTRY.values():
        if not config.enabled(rule.id):
            continue
        severity = config.severity_of(rule.id, rule.info.severity)
        options = config.options_for(rule.id, rule.info.options)
        for finding in rule.check(context, options):
            diagnostic = document.diagnostic(
                rule.id, finding.message, path=finding.path, hint=finding.hint,
                severity=severity, at_key=finding.at_key)
            found.append(replace(diagnostic, name=rule.info.name))
    return found


def _evaluated_ids(config: Config) -> set[str]:
    from .rules import REGISTRY

    return set(VALIDATION_CODES) | {rule_id for rule_id in REGISTRY if config.enabled(rule_id)}


def check_paths(arguments: Sequence[str], resolver: ConfigResolver | None = None,
                only: Collection[Path] | None = None, jobs: int = 1) -> Report:
    """Validate and check every spec the arguments name (or, with ``only``,
    those of them whose resolved path is in ``only``).

    With ``jobs`` > 1 the files are spread over that many processes (see
    :mod:`redesign.parallel`; results then carry no models).
    """
    resolver = resolver or ConfigResolver()
    if jobs > 1:
        files, problems = select_files(arguments, only)
        if len(files) > 1:
            from .parallel import run_files

            return Report(results=run_files("check", files, resolver.explicit_path, jobs),
                          path_errors=problems)
    report = validate_paths(arguments, resolver, only)
    for result in report.results:
        config = resolver.for_path(result.path)
        if result.operation is not None:
            result.diagnostics.extend(run_rules(result.operation, result.document, config))
        diagnostics = apply_suppressions(result.document, result.diagnostics, _evaluated_ids(config))
        result.diagnostics = [
            d.with_severity(config.severity_of(d.rule, d.severity)) if d.rule == "RD090" else d
            for d in diagnostics
            if d.rule != "RD090" or config.enabled("RD090")
        ]
    return report


def failing(report: Report, fail_on: Severity) -> bool:
    """Whether any finding is at or above ``fail_on``."""
    return any(d.severity >= fail_on for d in report.diagnostics)
