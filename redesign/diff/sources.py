"""Where the two states come from.

- two files: ``OLD NEW``;
- a file at a git revision, ``REV:path``, read with git in the repository of
  the current directory (the path as git reads it: from the repository root,
  or from the current directory when it starts with ``./`` or ``../``);
- a directory holding ``pre.yaml`` and ``post.yaml``;
- ``--base REV``: every spec changed since REV, each compared as it was at
  REV with how it is in the working tree (a spec added since REV is compared
  with nothing, and so is a deleted one).

Only bytes are read here; the loader turns them into documents. A problem
with the inputs (a missing file, an unknown revision, not a repository) is
a :class:`SourceError`: one line, a usage error.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..validate import SPEC_SUFFIXES


class SourceError(Exception):
    """The inputs name nothing that can be compared; the message is one line."""


@dataclass(frozen=True)
class SpecSource:
    """One state's bytes, how reports name it, and where its configuration is found."""

    label: str
    content: bytes
    #: The working-tree path whose configuration (limits) applies.
    config_path: Path


@dataclass(frozen=True)
class SpecPair:
    """The two states to compare; ``None`` for a spec added or deleted since a revision."""

    old: SpecSource | None
    new: SpecSource | None
    #: Whether the pair came from a search (``--base``) and may hold YAML that is not a spec.
    discovered: bool = False


# --------------------------------------------------------------------------
# Git


class Git:
    """The few git questions a diff asks, run in one directory."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self._toplevel: Path | None = None

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(["git", *args], cwd=self.cwd, capture_output=True, timeout=120,
                                  check=False)
        except FileNotFoundError:
            raise SourceError("git is not installed or not on PATH; it is needed to read "
                              "REV:path and --base") from None
        except subprocess.TimeoutExpired:
            raise SourceError(f"git {args[0]} did not answer within 120 seconds") from None

    def toplevel(self) -> Path:
        if self._toplevel is None:
            result = self._run("rev-parse", "--show-toplevel")
            if result.returncode != 0:
                raise SourceError(f"{self.cwd} is not in a git repository; revisions are read "
                                  "through git")
            self._toplevel = Path(result.stdout.decode("utf-8", "replace").strip())
        return self._toplevel

    def verify(self, revision: str) -> None:
        if not revision or revision.startswith("-"):
            raise SourceError(f"'{revision}' is not a revision")
        self.toplevel()
        result = self._run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        if result.returncode != 0:
            raise SourceError(f"unknown revision '{revision}'")

    def show(self, revision: str, path: str) -> bytes:
        """The bytes of ``path`` at ``revision``."""
        self.verify(revision)
        spec = f"{revision}:{path}"
        kind = self._run("cat-file", "-t", spec)
        if kind.returncode != 0:
            raise SourceError(f"'{path}' is not in revision '{revision}'")
        if kind.stdout.strip() != b"blob":
            raise SourceError(f"'{path}' is a directory in revision '{revision}', not a spec file")
        result = self._run("cat-file", "blob", spec)
        if result.returncode != 0:
            raise SourceError(f"cannot read '{path}' at revision '{revision}'")
        return result.stdout

    def changed_since(self, revision: str, pathspecs: Sequence[str]) -> list[tuple[str, str | None, str | None]]:
        """Files changed between ``revision`` and the working tree, untracked ones
        included: (status, path at the revision, path in the working tree), paths
        from the repository root."""
        self.verify(revision)
        result = self._run("diff", "--name-status", "-z", "-M", "--no-color", "--no-ext-diff",
                           revision, "--", *pathspecs)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SourceError(f"git diff {revision} failed: {message[0] if message else 'no reason given'}")
        fields = result.stdout.decode("utf-8", "surrogateescape").split("\0")
        changes: list[tuple[str, str | None, str | None]] = []
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index][0]
            if status in "RC":
                old, new = fields[index + 1], fields[index + 2]
                changes.append((status, old if status == "R" else None, new))
                index += 3
                continue
            path = fields[index + 1]
            index += 2
            if status == "A":
                changes.append((status, None, path))
            elif status == "D":
                changes.append((status, path, None))
            else:
                changes.append((status, path, path))
        untracked = self._run("ls-files", "--others", "--exclude-standard", "--full-name", "-z",
                              "--", *pathspecs)
        if untracked.returncode == 0:
            for path in untracked.stdout.decode("utf-8", "surrogateescape").split("\0"):
                if path:
                    changes.append(("?", None, path))
        return changes


# --------------------------------------------------------------------------
# Arguments


def _read_file(argument: str, cwd: Path) -> SpecSource:
    path = Path(argument)
    full = path if path.is_absolute() else cwd / path
    try:
        content = full.read_bytes()
    except IsADirectoryError:
        raise SourceError(f"{argument}: is a directory; give two spec files, or one directory "
                          "holding pre.yaml and post.yaml") from None
    except FileNotFoundError:
        raise SourceError(f"{argument}: no such file") from None
    except OSError as error:
        raise SourceError(f"{argument}: cannot read: {error.strerror or error}") from None
    return SpecSource(label=argument, content=content, config_path=full)


def _revision_path(argument: str) -> tuple[str, str] | None:
    """``'main:specs/post.yaml' -> ('main', 'specs/post.yaml')``, or ``None`` when the
    argument is not written that way."""
    revision, colon, path = argument.partition(":")
    if not colon or not path or not revision:
        return None
    return revision, path


def _read(argument: str, cwd: Path, git: Git) -> SpecSource:
    """A file in the working tree or, when none is there and it reads ``REV:path``, in git."""
    if (cwd / argument).exists():
        return _read_file(argument, cwd)
    split = _revision_path(argument)
    if split is None:
        return _read_file(argument, cwd)
    revision, path = split
    content = git.show(revision, path)
    if path.startswith(("./", "../")):
        config_path = (cwd / path).resolve()
    else:
        config_path = git.toplevel() / path
    return SpecSource(label=argument, content=content, config_path=config_path)


def _pair_directory(argument: str, cwd: Path) -> SpecPair:
    directory = cwd / argument
    found = {}
    for state in ("pre", "post"):
        for suffix in SPEC_SUFFIXES:
            if (directory / f"{state}{suffix}").is_file():
                found[state] = os.path.join(argument, f"{state}{suffix}")
                break
    missing = [f"{state}.yaml" for state in ("pre", "post") if state not in found]
    if missing:
        raise SourceError(f"{argument}: no {' or '.join(missing)} in the directory; a directory "
                          "to diff holds pre.yaml and post.yaml")
    return SpecPair(_read_file(found["pre"], cwd), _read_file(found["post"], cwd))


def _pairs_since(revision: str, pathspecs: Sequence[str], git: Git) -> list[SpecPair]:
    top = git.toplevel()
    pairs = []
    for _status, old_path, new_path in git.changed_since(revision, pathspecs):
        if not any(p and p.endswith(SPEC_SUFFIXES) for p in (old_path, new_path)):
            continue
        old = None
        if old_path is not None:
            old = SpecSource(label=f"{revision}:{old_path}", content=git.show(revision, old_path),
                             config_path=top / old_path)
        new = None
        if new_path is not None:
            try:
                content = (top / new_path).read_bytes()
            except FileNotFoundError:
                content = None  # deleted in the working tree, not yet staged
            except OSError as error:
                raise SourceError(f"{new_path}: cannot read: {error.strerror or error}") from None
            if content is not None:
                new = SpecSource(label=new_path, content=content, config_path=top / new_path)
        if old is None and new is None:
            continue
        pairs.append((new_path or old_path, SpecPair(old, new, discovered=True)))
    return [pair for _, pair in sorted(pairs, key=lambda item: item[0])]


def resolve_pairs(arguments: Sequence[str], base: str | None = None,
                  cwd: str | os.PathLike[str] | None = None) -> list[SpecPair]:
    """Turn the command line's inputs into the pairs of states to compare.

    Without ``base``: ``[OLD, NEW]`` (each a file or ``REV:path``) or ``[DIR]``.
    With ``base``: the arguments, if any, are paths that limit the search.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    git = Git(here)
    if base is not None:
        return _pairs_since(base, arguments, git)
    if len(arguments) == 1:
        (argument,) = arguments
        if (here / argument).is_dir():
            return [_pair_directory(argument, here)]
        raise SourceError(f"{argument}: not a directory; give OLD and NEW, or a directory "
                          "holding pre.yaml and post.yaml")
    if len(arguments) == 2:
        return [SpecPair(_read(arguments[0], here, git), _read(arguments[1], here, git))]
    raise SourceError("give OLD and NEW, a directory holding pre.yaml and post.yaml, or --base REV "
                      f"(got {len(arguments)} arguments)")
