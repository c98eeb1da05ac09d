"""Writing files so that nothing is ever left half-written.

Every output goes to a temporary file beside its destination and is moved
into place with one ``os.replace``: a reader sees the old file or the new
one, never a part of either.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` to ``path`` atomically, keeping the file's mode if it exists."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = target.parent if str(target.parent) else Path(".")
    for ancestor in (directory, *directory.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise NotADirectoryError(20, "Not a directory", str(ancestor))
            break
    directory.mkdir(parents=True, exist_ok=True)
    mode = None
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def stale_files(expected: dict[Path, str]) -> list[Path]:
    """The generated files that are missing or differ from their expected text."""
    return [path for path, text in expected.items() if _current(path) != text]


def write_changed(expected: dict[Path, str]) -> list[Path]:
    """Write each generated file whose text changed (atomically); return them."""
    changed = stale_files(expected)
    for path in changed:
        write_atomic(path, expected[path])
    return changed
