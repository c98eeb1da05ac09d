"""Baselines: findings already accepted, so that only new ones block a change.

A baseline file is JSON: a format version and one entry per accepted
finding, with its fingerprint (see :mod:`redesign.fingerprint`) and, for the
reader of a pull request that changes it, its rule, file, JSON path and
message. Entries are sorted, so writing the same findings twice gives the
same bytes::

    {
      "version": 1,
      "findings": [
        {"fingerprint": "3f1c...", "rule": "RD402", "file": "specs/pre.yaml",
         "path": "$.team.roles[0].id", "message": "role 'cs-coordinator' is loaded at ..."}
      ]
    }

Applying a baseline leaves out each finding whose fingerprint it lists, as
many times as it lists it: two identical findings need two entries.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace

from .diagnostics import Diagnostic
from .fingerprint import fingerprint, repository_path
from .validate import Report

BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


@dataclass(frozen=True)
class Baseline:
    """Accepted findings: how many times each fingerprint is accepted."""

    fingerprints: Counter

    def __len__(self) -> int:
        return sum(self.fingerprints.values())


def _entry(diagnostic: Diagnostic, root: str) -> dict:
    return {
        "fingerprint": fingerprint(diagnostic, root),
        "rule": diagnostic.rule,
        "file": repository_path(diagnostic.file, root),
        "path": diagnostic.json_path,
        "message": diagnostic.message,
    }


def baseline_document(report: Report, root: str = "") -> str:
    """The baseline file accepting every finding in the report's files, as
    deterministic JSON text. Problems with the paths themselves are left out."""
    entries = sorted((_entry(d, root) for result in report.results for d in result.diagnostics),
                     key=lambda e: (e["file"], e["rule"], e["path"], e["message"], e["fingerprint"]))
    document = {"version": BASELINE_VERSION, "findings": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_baseline(text: str, source: str) -> Baseline:
    """Read a baseline from its JSON text; ``source`` names it in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{source}: not a baseline file: invalid JSON at line "
                            f"{error.lineno} column {error.colno}: {error.msg}") from None
    if not isinstance(data, dict) or "findings" not in data:
        raise BaselineError(f"{source}: not a baseline file: expected an object with "
                            "'version' and 'findings' (write one with --write-baseline)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{source}: baseline version {data.get('version')!r} is not "
                            f"supported; this redesign reads version {BASELINE_VERSION}")
    findings = data["findings"]
    if not isinstance(findings, list):
        raise BaselineError(f"{source}: 'findings' must be a list")
    counts: Counter = Counter()
    for index, entry in enumerate(findings):
        value = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(value, str) or not value:
            raise BaselineError(f"{source}: findings[{index}] has no 'fingerprint'")
        counts[value] += 1
    return Baseline(counts)


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a missing or malformed one raises :class:`BaselineError`."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise BaselineError(f"{os.fspath(path)}: no such baseline file "
                            "(write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise BaselineError(f"{os.fspath(path)}: cannot read baseline: {reason}") from None
    return parse_baseline(text, os.fspath(path))


def apply_baseline(report: Report, baseline: Baseline, root: str = "") -> Report:
    """The report without the findings the baseline accepts, counting them.

    Problems with the paths themselves are never baselined.
    """
    remaining = Counter(baseline.fingerprints)
    dropped = 0
    results = []
    for result in report.results:
        kept = []
        for diagnostic in result.diagnostics:
            key = fingerprint(diagnostic, root)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(diagnostic)
        results.append(replace(result, diagnostics=kept))
    return replace(report, results=results, baselined=report.baselined + dropped)
