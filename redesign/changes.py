"""Which files changed since a git revision, for ``--changed-since REV``.

Asks git, in the repository of the working directory: the files that differ
between REV and the working tree (staged or not, deleted ones left out),
plus the untracked files git does not ignore.
"""

from __future__ import annotations

import os
from pathlib import Path


class ChangesError(Exception):
    """git could not answer; the message is one line."""


def changed_files(revision: str, cwd: str | os.PathLike[str] | None = None) -> set[Path]:
    """Resolved paths of the files changed since ``revision``, and untracked files
    (deleted files left out). Git is asked through :class:`redesign.diff.sources.Git`."""
    from .diff.sources import Git, SourceError

    git = Git(Path(cwd) if cwd is not None else Path.cwd())
    try:
        top = git.toplevel()
        changes = git.changed_since(revision, [])
    except SourceError as error:
        raise ChangesError(str(error)) from None
    return {(top / new).resolve() for _status, _old, new in changes if new is not None}
