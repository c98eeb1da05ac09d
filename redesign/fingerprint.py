"""A finding's identity across edits: where it is in the repository and its fingerprint.

The fingerprint is the SHA-256 of the rule id, the file's path relative to
the source root (the directory redesign runs in, normally the repository
root), the JSON path of the node and the message, joined by NUL bytes. It
leaves out the line and column, so a finding keeps its fingerprint when
lines are added or removed elsewhere in the file; it changes when the
finding moves to another node, another file, or says something else.

SARIF output carries it as ``partialFingerprints["redesign/v1"]``; a
baseline (:mod:`redesign.baseline`) is a list of them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic

#: The key of the fingerprint in SARIF ``partialFingerprints``; bump the
#: version if the recipe ever changes.
FINGERPRINT_KEY = "redesign/v1"


def source_root(root: str | os.PathLike[str] = "") -> Path:
    """The directory paths are made relative to: ``root``, or the working directory."""
    return Path(os.path.abspath(root or os.getcwd()))


def relative_path(file: str, root: str | os.PathLike[str] = "") -> str | None:
    """``file`` relative to the source root, with ``/`` separators, or
    ``None`` when the file lies outside the root."""
    base = source_root(root)
    target = Path(os.path.abspath(file))
    try:
        relative = target.relative_to(base)
    except ValueError:
        return None
    return PurePosixPath(*relative.parts).as_posix() if relative.parts else "."


def repository_path(file: str, root: str | os.PathLike[str] = "") -> str:
    """How a file is named in reports meant for other tools: relative to the
    source root when it lies inside it, its absolute path otherwise."""
    relative = relative_path(file, root)
    if relative is not None:
        return relative
    return Path(os.path.abspath(file)).as_posix()


def fingerprint(diagnostic: Diagnostic, root: str | os.PathLike[str] = "") -> str:
    """The stable fingerprint of a finding (64 hex digits); see the module docstring."""
    parts = (diagnostic.rule, repository_path(diagnostic.file, root), diagnostic.json_path,
             diagnostic.message)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
