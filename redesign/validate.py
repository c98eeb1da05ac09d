"""``validate``: load, schema, models and references, for every file given.

The result is a :class:`Report`: one :class:`SpecResult` per file, each with
its document, its model (when the spec is valid) and its diagnostics. Errors
are collected, never raised: one run reports every problem in every file.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Collection, Iterable, Sequence

from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .loader import SpecDocument, load_file

if TYPE_CHECKING:
    from .config import ConfigResolver

SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass
class SpecResult:
    """What validating (and checking) one file found."""

    path: str
    document: SpecDocument
    operation: object | None = None  # redesign.model.Operation, once valid
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def io_error(self) -> bool:
        return self.document.io_error

    @property
    def valid(self) -> bool:
        return self.operation is not None


@dataclass
class Report:
    """The outcome of one run over many files."""

    results: list[SpecResult] = field(default_factory=list)
    #: Problems with the paths themselves (missing, unreadable): exit code 2.
    path_errors: list[Diagnostic] = field(default_factory=list)
    #: Findings left out because a baseline accepts them (see redesign.baseline).
    baselined: int = 0

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = list(self.path_errors)
        for result in self.results:
            found.extend(result.diagnostics)
        return sort_diagnostics(found)

    @property
    def io_error(self) -> bool:
        return bool(self.path_errors) or any(r.io_error for r in self.results)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def files(self) -> list[str]:
        return [r.path for r in self.results]


# --------------------------------------------------------------------------
# Paths


def display_path(path: Path) -> str:
    """A path as reports show it: as given, without a leading './'."""
    text = os.fspath(path)
    return text[2:] if text.startswith("./") else text


def _walk(root: Path) -> Iterable[Path]:
    """Spec files under a directory: *.yaml and *.yml, hidden entries skipped,
    symbolic links followed only when they stay inside ``root``."""
    real_root = root.resolve()
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.endswith(SPEC_SUFFIXES):
                continue
            candidate = Path(directory, name)
            if candidate.is_symlink():
                try:
                    candidate.resolve().relative_to(real_root)
                except ValueError:
                    continue
            yield candidate


def collect_paths(arguments: Sequence[str]) -> tuple[list[Path], list[Diagnostic]]:
    """Expand files, directories and globs into spec files, in a stable order.

    Returns the files and one RD009 diagnostic per argument that names
    nothing.
    """
    files: list[Path] = []
    problems: list[Diagnostic] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = Path(os.path.normpath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for found in _walk(path):
                add(found)
        elif path.exists() or path.is_symlink():
            add(path)
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            for match in matches:
                candidate = Path(match)
                if candidate.is_dir():
                    for found in _walk(candidate):
                        add(found)
                elif match.endswith(SPEC_SUFFIXES):
                    add(candidate)
            if not matches:
                problems.append(Diagnostic(argument, 0, 0, "RD009", Severity.ERROR,
                                           "pattern matches no files",
                                           hint="check the pattern, or quote it to let redesign expand it"))
        else:
            problems.append(Diagnostic(argument, 0, 0, "RD009", Severity.ERROR,
                                       "no such file or directory",
                                       hint="check the path; run from the repository root"))
    return files, problems


# --------------------------------------------------------------------------
# One document


def validate_document(doc: SpecDocument) -> tuple[object | None, list[Diagnostic]]:
    """Schema, model and reference checks for one loaded document.

    Returns the :class:`~redesign.model.Operation` when the spec is valid
    (``None`` otherwise) and every diagnostic found, the loader's included.
    """
    from pydantic import ValidationError

    from .model import Operation
    from .references import check_references
    from .schema_errors import translate

    from .catalog import stamp_names

    diagnostics = list(doc.diagnostics)
    if doc.data is None:
        return None, stamp_names(diagnostics)
    operation = None
    try:
        operation = Operation.model_validate(doc.data)
    except ValidationError as error:
        diagnostics.extend(translate(error.errors(include_url=False), doc, Operation))
    diagnostics.extend(check_references(doc))
    if any(d.severity is Severity.ERROR for d in diagnostics):
        operation = None
    return operation, stamp_names(diagnostics)


def select_files(arguments: Sequence[str], only: "Collection[Path] | None" = None
                 ) -> tuple[list[Path], list[Diagnostic]]:
    """The spec files the arguments name, kept to ``only`` when given, and the
    RD009 findings of arguments that name nothing."""
    from .catalog import stamp_names

    files, problems = collect_paths(arguments)
    if only is not None:
        wanted = {Path(p).resolve() for p in only}
        files = [path for path in files if path.resolve() in wanted]
    return files, stamp_names(problems)


def validate_paths(arguments: Sequence[str], resolver: "ConfigResolver | None" = None,
                   only: "Collection[Path] | None" = None, jobs: int = 1) -> Report:
    """Validate every spec the arguments name (files, directories, globs).

    ``resolver`` finds each spec's configuration (for its limits); by default
    the nearest ``.redesign.yaml`` or ``pyproject.toml``. ``only``, when
    given, keeps just the named files whose resolved path is in it (the
    files a change touched, say). With ``jobs`` > 1 the files are spread
    over that many processes (see :mod:`redesign.parallel`; results then
    carry no models).
    """
    from .config import ConfigResolver

    resolver = resolver or ConfigResolver()
    files, problems = select_files(arguments, only)
    report = Report(path_errors=problems)
    if jobs > 1 and len(files) > 1:
        from .parallel import run_files

        report.results = run_files("validate", files, resolver.explicit_path, jobs)
        return report
    for path in files:
        limits = resolver.for_path(path).limits
        document = load_file(path, limits, display_path=display_path(path))
        operation, diagnostics = validate_document(document)
        report.results.append(SpecResult(
            path=document.path, document=document, operation=operation,
            diagnostics=diagnostics))
    return report
