"""Compile a spec's runbooks, and write them so a failure changes nothing.

:func:`compile_runbooks` is pure: models in, ``{relative path: text}`` out,
the same bytes for the same spec. :func:`write_runbooks` writes them into a
new directory beside the destination and swaps it in with two renames, so a
reader sees the old runbooks or the new ones, never a mix, and a compile
that fails leaves the previous output as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from .context import (
    Figures,
    index_context,
    index_path,
    role_context,
    role_path,
    workflow_context,
    workflow_path,
)
from .environment import FORMATS, get_env

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..config import ConfigResolver
    from ..model import Operation
    from ..validate import Report


class RunbookTemplateError(Exception):
    """A template failed: a syntax error, an undefined name, or something the
    sandbox refused. The message is one line, naming the template and line."""


class RunbookOutputError(Exception):
    """The runbooks could not be written where they were asked to go."""


def compile_runbooks(operation: "Operation", fmt: str = "markdown",
                     templates: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Every page of one spec's runbooks: the index, one per workflow, one per
    role. Keys are paths relative to the output directory."""
    env = get_env(fmt, templates)
    ext = FORMATS[fmt]
    figures = Figures.of(operation)
    user_templates = templates is not None
    pages: dict[str, str] = {
        index_path(ext): _render(env, "index", ext, index_context(operation, figures, ext),
                                 user_templates),
    }
    for workflow in operation.workflows:
        context = workflow_context(operation, figures, workflow.id, ext)
        pages[workflow_path(workflow.id, ext)] = _render(env, "workflow", ext, context, user_templates)
    for role in operation.team.roles:
        context = role_context(operation, figures, role.id, ext)
        pages[role_path(role.id, ext)] = _render(env, "role", ext, context, user_templates)
    return pages


def runbook_count(pages: Mapping[str, str]) -> int:
    """The runbooks among the pages: every page but the index."""
    return sum(1 for path in pages if "/" in path)


_BLANK_LINES = re.compile(r"\n{3,}")


def _render(env: "Environment", name: str, ext: str, page: Any, user_templates: bool) -> str:
    template_name = f"{name}.{ext}.j2"
    try:
        text = env.get_template(template_name).render(page=page)
    except TemplateSyntaxError as error:
        where = error.filename or error.name or template_name
        raise RunbookTemplateError(
            f"{Path(where).name}, line {error.lineno}: {error.message}") from None
    except TemplateNotFound as error:
        raise RunbookTemplateError(f"template '{error.name}' not found") from None
    except Exception as error:  # noqa: BLE001 - a template's fault, reported in one line
        if not user_templates and not isinstance(error, TemplateError):
            raise
        where = _template_line(error) or template_name
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise RunbookTemplateError(f"{where}: {message}") from None
    if ext == "md":
        text = "\n".join(line.rstrip() for line in text.split("\n"))
        text = _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"
    return text


def _template_line(error: BaseException) -> str | None:
    """'role.md.j2, line 3' from the innermost template frame of a traceback."""
    found = None
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{Path(filename).name}, line {traceback.tb_lineno}"
        traceback = traceback.tb_next
    return found


# --------------------------------------------------------------------------
# Writing


def holds_runbooks(directory: Path) -> bool:
    """Whether a directory may be replaced by a compile: it is empty or holds
    runbooks (an index page)."""
    if not directory.is_dir() or directory.is_symlink():
        return False
    entries = [entry.name for entry in directory.iterdir()]
    return not entries or any(f"index.{ext}" in entries for ext in FORMATS.values())


def write_runbooks(pages: Mapping[str, str], out_dir: str | os.PathLike[str]) -> None:
    """Write ``pages`` as the whole content of ``out_dir``, atomically.

    The pages go into a new directory beside ``out_dir``; then the old
    directory is renamed away, the new one renamed into place, and the old
    one removed. Any failure before the swap removes the new directory and
    leaves ``out_dir`` untouched. An existing ``out_dir`` that does not hold
    runbooks is refused rather than replaced.
    """
    target = Path(out_dir)
    if target.exists() or target.is_symlink():
        if not holds_runbooks(target):
            raise RunbookOutputError(
                f"{target} exists and does not hold runbooks; choose another output directory")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=parent))
    except OSError as error:
        raise RunbookOutputError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)
        for relative, text in pages.items():
            path = staging.joinpath(*_safe_parts(relative))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        _swap(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise RunbookOutputError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _safe_parts(relative: str) -> tuple[str, ...]:
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or any(p in ("..", ".") for p in parts):
        raise ValueError(f"page path {relative!r} is not a plain relative path")
    return parts


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    retired = target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.old"
    os.rename(target, retired)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(retired, target)
        raise
    shutil.rmtree(retired, ignore_errors=True)


class RunbookConflictError(Exception):
    """Two specs of one run would compile into the same directory."""


@dataclass(frozen=True)
class CompiledSpec:
    """Where one spec's runbooks went."""

    spec: str
    directory: str
    runbooks: int
    index: str


@dataclass
class CompileOutcome:
    """A compile run: the check report of every spec, and what was written."""

    report: "Report"
    compiled: list[CompiledSpec] = field(default_factory=list)


def compile_paths(arguments: Sequence[str], output_root: str | os.PathLike[str],
                  fmt: str = "markdown", templates: str | os.PathLike[str] | None = None,
                  resolver: "ConfigResolver | None" = None) -> CompileOutcome:
    """Check every spec the arguments name; compile each one without errors
    into ``output_root/<name>/<state>/``.

    A spec with errors is not compiled (its findings are in the report).
    Raises :class:`RunbookConflictError`, before writing anything, when two
    specs share a name and state; :class:`RunbookTemplateError` for a broken
    template, and :class:`RunbookOutputError` when the output cannot be
    written (what was written before the error stays written, whole).
    """
    from ..check import check_paths
    from ..diagnostics import Severity

    report = check_paths(arguments, resolver)
    outcome = CompileOutcome(report=report)
    claimed: dict[str, str] = {}
    targets = []
    for result in report.results:
        operation = result.operation
        if operation is None or any(d.severity is Severity.ERROR for d in result.diagnostics):
            continue
        directory = os.path.join(os.fspath(output_root), operation.metadata.name, operation.state)
        if directory in claimed:
            raise RunbookConflictError(
                f"{result.path} and {claimed[directory]} are both "
                f"{operation.metadata.name}/{operation.state}; compile them separately")
        claimed[directory] = result.path
        targets.append((result, operation, directory))
    for result, operation, directory in targets:
        pages = compile_runbooks(operation, fmt, templates)
        write_runbooks(pages, directory)
        outcome.compiled.append(CompiledSpec(
            spec=result.path, directory=directory, runbooks=runbook_count(pages),
            index=f"index.{'html' if fmt == 'html' else 'md'}"))
    return outcome
