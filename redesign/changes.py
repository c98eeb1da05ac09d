"""Which files changed since a git revision, for ``--changed-since REV``.

Asks git, in the repository of the working directory: the files that differ
between REV and the working tree (staged or not, deleted ones left out),
plus the untracked files git does not ignore.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class ChangesError(Exception):
    """git could not answer; the message is one line."""


def _git(arguments: list[str], cwd: str | os.PathLike[str]) -> str:
    try:
        completed = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True,
                                   text=True, encoding="utf-8", errors="surrogateescape",
                                   timeout=120)
    except FileNotFoundError:
        raise ChangesError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise ChangesError(f"git {arguments[0]} did not finish within 120 seconds") from None
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.splitlines() if line.strip()]
        reason = lines[0].strip() if lines else f"exit status {completed.returncode}"
        raise ChangesError(f"git {arguments[0]}: {reason}")
    return completed.stdout


def changed_files(revision: str, cwd: str | os.PathLike[str] | None = None) -> set[Path]:
    """Resolved paths of the files changed since ``revision``, and untracked files."""
    if revision.startswith("-"):
        raise ChangesError(f"'{revision}' is not a revision")
    where = Path(cwd) if cwd is not None else Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], where).strip())
    # One revision and no `..`: compare it with the working tree.
    changed = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d",
                    revision, "--"], top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    names = [name for name in (changed + untracked).split("\0") if name]
    return {(top / name).resolve() for name in names}
