"""``diff``: what a redesign changes, between two states of an operation.

:func:`diff_specs` reads the two states (files, git revisions, a pre/post
directory, or every spec changed since a revision), loads and validates
each with the same pipeline as ``validate``, and compares the models with
:func:`~redesign.diff.compare.compare_operations`. A side that is not a
valid spec stops the comparison: its findings come back in
:attr:`DiffOutcome.validation`, to be reported like ``validate`` reports them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from .compare import compare_operations
from .model import Change, DiffReport, SpecDiff
from .sources import SourceError, SpecPair, resolve_pairs

if TYPE_CHECKING:
    from ..config import ConfigResolver
    from ..validate import Report

__all__ = ["Change", "DiffOutcome", "DiffReport", "SourceError", "SpecDiff", "diff_specs"]


@dataclass
class DiffOutcome:
    """The comparisons, or, when a side is not a valid spec, why not."""

    report: DiffReport
    #: Every side loaded and validated, with its findings.
    validation: "Report"

    @property
    def valid(self) -> bool:
        """Both sides of every pair are valid specs."""
        from ..diagnostics import Severity

        return self.validation.count(Severity.ERROR) == 0


def diff_specs(arguments: Sequence[str], base: str | None = None,
               cwd: str | os.PathLike[str] | None = None,
               resolver: "ConfigResolver | None" = None) -> DiffOutcome:
    """Compare the states the arguments name (see :func:`~redesign.diff.sources.resolve_pairs`).

    Raises :class:`SourceError` when the inputs name nothing comparable.
    """
    from ..config import ConfigResolver
    from ..loader import load_bytes
    from ..validate import Report, SpecResult, validate_document

    resolver = resolver or ConfigResolver()
    pairs = resolve_pairs(arguments, base=base, cwd=cwd)
    validation = Report()
    loaded: list[tuple[SpecPair, list]] = []
    for pair in pairs:
        sides = []
        for source in (pair.old, pair.new):
            if source is None:
                sides.append(None)
                continue
            limits = resolver.for_path(source.config_path).limits
            sides.append((source, load_bytes(source.content, source.label, limits)))
        if pair.discovered and not any(side and side[1].declares_spec for side in sides):
            continue  # YAML that is not a spec: CI configuration and the like
        results = []
        for side in sides:
            if side is None:
                results.append(None)
                continue
            source, document = side
            operation, diagnostics = validate_document(document)
            result = SpecResult(path=source.label, document=document, operation=operation,
                                diagnostics=diagnostics)
            validation.results.append(result)
            results.append(result)
        loaded.append((pair, results))
    outcome = DiffOutcome(report=DiffReport(base=base), validation=validation)
    if not outcome.valid:
        return outcome
    diffs = []
    for pair, (old, new) in loaded:
        diffs.append(compare_operations(
            old.operation if old else None, new.operation if new else None,
            old_label=pair.old.label if pair.old else "", new_label=pair.new.label if pair.new else ""))
    outcome.report = DiffReport(diffs=tuple(diffs), base=base)
    return outcome
