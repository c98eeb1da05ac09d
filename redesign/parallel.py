"""Spread a run over several processes (``-j N``).

Each worker validates (or checks) whole files with the same functions a
single process uses and sends back what the reporters need: the
diagnostics and, for files with findings, the source text for the caret
lines. Models stay in the worker, so results of a parallel run carry no
``operation``. Results come back in the order of the files.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Sequence

from .loader import SourceMap, SpecDocument
from .validate import SpecResult

_RESOLVERS: dict = {}


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _resolver(explicit: str | None):
    from .config import ConfigResolver

    if explicit not in _RESOLVERS:
        _RESOLVERS[explicit] = ConfigResolver(explicit)
    return _RESOLVERS[explicit]


def _light(result: SpecResult) -> SpecResult:
    document = result.document
    light = SpecDocument(
        path=document.path,
        text=document.text if result.diagnostics else None,
        data=None,
        source_map=SourceMap(None),
        io_error=document.io_error,
    )
    return SpecResult(path=result.path, document=light, operation=None,
                      diagnostics=list(result.diagnostics))


def _work(task: tuple[str, str, str | None]) -> SpecResult:
    command, path, explicit = task
    from .validate import validate_paths

    resolver = _resolver(explicit)
    if command == "check":
        from .check import check_paths

        report = check_paths([path], resolver)
    else:
        report = validate_paths([path], resolver)
    return _light(report.results[0])


def run_files(command: str, files: Sequence[Path], explicit_config: str | None,
              jobs: int) -> list[SpecResult]:
    """Validate or check ``files`` in ``jobs`` processes; results in file order."""
    # Import what the workers need before they fork, so each starts warm.
    from . import check, model, rules  # noqa: F401

    tasks = [(command, os.fspath(path), explicit_config) for path in files]
    chunk = max(1, len(tasks) // (jobs * 4))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_work, tasks, chunksize=chunk))
