"""``fmt``: rewrite specs in one canonical layout, keeping everything a person wrote.

The layout is the one the bundled examples use: mappings indented by 2,
list items indented by 2 with the ``-`` under the parent key (and the item's
keys 2 further), no line wrapping, no trailing spaces, exactly one newline
at the end. Everything else is kept as written: comments, key order, the
text of every scalar (quoting, ``~``/``null``, ``True``, ``0x1F``, dates),
flow (``{...}``/``[...]``) or block style of each collection, anchors and
aliases, blank lines, the ``---`` and ``...`` markers and the modeline.

The work is a ruamel.yaml round trip (``YAML(typ="rt")``) with plain scalars
kept as text (see :class:`_ScalarsAsWritten`), followed by a tidy pass that
ruamel does not do itself: own-line comments are re-indented to the block
they belong to, trailing spaces and surplus blank lines at either end go.

Two guards make a rewrite safe: the formatted text must load (with
:func:`redesign.loader.load_text`) to exactly the data of the original, and
it must hold the same comments in the same order, each still on its own
line or still at the end of a line. A file that fails either guard is
reported (RD015) and left as it is. Line endings follow the file's first
line (CRLF stays CRLF); a UTF-8 byte-order mark is dropped.
"""

from __future__ import annotations

import difflib
import io
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)
from ruamel.yaml.resolver import VersionedResolver

from .diagnostics import (
    Diagnostic,
    JsonPath,
    Severity,
    format_json_path,
    sort_diagnostics,
)
from .fileio import write_atomic
from .loader import DEFAULT_LIMITS, Limits, SpecDocument, load_bytes, load_text
from .model.base import counted
from .validate import display_path as shown_path

if TYPE_CHECKING:
    from .config import ConfigResolver

__all__ = [
    "CANONICAL_INDENT",
    "FormatReport",
    "FormattedFile",
    "FormattedText",
    "format_file",
    "format_paths",
    "format_text",
]

#: ruamel.yaml's ``indent()`` settings of the canonical layout: keys 2 deeper
#: than their parent, ``- `` 2 deeper than its parent key, item keys 4 deeper.
CANONICAL_INDENT = {"mapping": 2, "sequence": 4, "offset": 2}
#: Line width given to ruamel.yaml: large enough that nothing is ever wrapped.
NO_WRAP = 2**31 - 1

FORMAT_RULE = "RD015"
_LINE_BREAK = re.compile(r"\r\n?")
#: A document start marker alone on its line, perhaps with a comment.
_BARE_MARKER = re.compile(r"---\s*(?:#.*)?")
#: The indicators of a block scalar's header: style, indentation, chomping.
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


# --------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class FormattedText:
    """The canonical form of one text, or why it could not be produced."""

    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class FormattedFile:
    """One file: its bytes before, its canonical bytes, and what went wrong."""

    path: str
    before: bytes | None = None
    #: The canonical bytes; ``None`` when the file could not be formatted.
    after: bytes | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    io_error: bool = False
    written: bool = False

    @property
    def changed(self) -> bool:
        """True when formatting changes the file (whether or not it was written)."""
        return self.after is not None and self.after != self.before

    def diff(self) -> str:
        """A unified diff from the file as it is to its canonical form ('' if none)."""
        if not self.changed or self.before is None or self.after is None:
            return ""
        before = self.before.decode("utf-8", errors="replace").splitlines(keepends=True)
        after = self.after.decode("utf-8").splitlines(keepends=True)
        lines = []
        for line in difflib.unified_diff(before, after, f"{self.path}\t(original)",
                                         f"{self.path}\t(formatted)"):
            if not line.endswith("\n"):
                line += "\n\\ No newline at end of file\n"
            lines.append(line)
        return "".join(lines)


@dataclass
class FormatReport:
    """The outcome of formatting many files."""

    files: list[FormattedFile] = field(default_factory=list)
    #: Problems with the arguments themselves (missing paths): exit code 2.
    path_errors: list[Diagnostic] = field(default_factory=list)
    #: True when changed files were written; False for --check and --diff.
    write: bool = True

    @property
    def changed(self) -> list[FormattedFile]:
        return [f for f in self.files if f.changed]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = list(self.path_errors)
        for formatted in self.files:
            found.extend(formatted.diagnostics)
        return sort_diagnostics(found)

    @property
    def io_error(self) -> bool:
        return bool(self.path_errors) or any(f.io_error for f in self.files)

    @property
    def failed(self) -> list[FormattedFile]:
        return [f for f in self.files if f.after is None]

    def summary(self) -> str:
        """One line: how many files changed (or would), stayed, or could not be formatted."""
        def count(number: int, text: str) -> str:
            return f"{counted(number, 'file')} {text}"

        changed = len(self.changed)
        unchanged = len(self.files) - changed - len(self.failed)
        parts = []
        if changed:
            parts.append(count(changed, "reformatted" if self.write else "would be reformatted"))
        if unchanged:
            parts.append(count(unchanged, "already formatted"))
        if self.failed:
            parts.append(count(len(self.failed), "could not be formatted"))
        return ", ".join(parts) if parts else "no spec files to format"


# --------------------------------------------------------------------------
# ruamel.yaml, configured


class _ScalarsAsWritten(VersionedResolver):
    """Every plain scalar stays the text it was written as, so ``True``, ``~``,
    ``0x1F`` and ``2026-01-05`` are written back unchanged; only an empty
    value is null, so that ``{key: }`` keeps meaning null."""

    @property
    def versioned_resolver(self) -> Any:
        return {"": [("tag:yaml.org,2002:null", _EMPTY)]}


_EMPTY = re.compile(r"^$")


def _round_trip(explicit_start: bool, explicit_end: bool) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _ScalarsAsWritten
    yaml.preserve_quotes = True
    yaml.indent(**CANONICAL_INDENT)
    yaml.width = NO_WRAP
    yaml.explicit_start = explicit_start
    yaml.explicit_end = explicit_end
    return yaml


# --------------------------------------------------------------------------
# Where things are in a text: nodes, scalar interiors, comments


@dataclass(frozen=True)
class _Node:
    """A node event: a scalar, an alias, or the start of a collection."""

    kind: str  # "scalar", "alias", "mapping", "sequence"
    line: int  # 0-based
    column: int
    block: bool  # a block (not flow) collection
    #: For a collection: where its end event is (for a block collection,
    #: the token after it, so comments at its end are inside it).
    end_line: int = -1
    end_column: int = -1

    def encloses(self, line: int, column: int) -> bool:
        return (self.line, self.column) < (line, column) < (self.end_line, self.end_column)


@dataclass(frozen=True)
class _Comment:
    line: int  # 0-based
    column: int
    text: str
    own_line: bool


@dataclass
class _Layout:
    """What the event stream says about a text's lines."""

    nodes: list[_Node]
    #: Per line, the column ranges that belong to a scalar's text.
    covered: dict[int, list[tuple[int, int]]]
    #: Lines wholly inside a scalar (block scalar content, multi-line quotes).
    protected: set[int]
    explicit_start_line: int | None
    explicit_end: bool


_WHOLE_LINE = 1 << 62


def _layout(text: str) -> _Layout:
    """Read the event stream of ``text`` (raises ruamel.yaml's errors)."""
    nodes: list[_Node] = []
    open_collections: list[int] = []
    covered: dict[int, list[tuple[int, int]]] = {}
    protected: set[int] = set()
    explicit_start_line = None
    explicit_end = False

    lines = text.split("\n")

    def cover(line: int, start: int, end: int) -> None:
        covered.setdefault(line, []).append((start, end))

    for event in YAML(typ="rt").parse(text):
        start, end = event.start_mark, event.end_mark
        if isinstance(event, ScalarEvent):
            nodes.append(_Node("scalar", start.line, start.column, False))
            if event.style in ("|", ">"):
                # The header line keeps its comment; the content lines are
                # text. Blank lines after the content are text only when the
                # header says to keep them ('|+').
                last = end.line if end.column else end.line - 1
                header = _BLOCK_HEADER.search(lines[start.line], start.column)
                if header is None or "+" not in header.group():
                    while last > start.line and not lines[last].strip():
                        last -= 1
                for line in range(start.line + 1, last + 1):
                    protected.add(line)
                    cover(line, 0, _WHOLE_LINE)
            elif end.line == start.line:
                cover(start.line, start.column, end.column)
            else:
                cover(start.line, start.column, _WHOLE_LINE)
                for line in range(start.line, end.line + 1):
                    protected.add(line)
                for line in range(start.line + 1, end.line):
                    cover(line, 0, _WHOLE_LINE)
                cover(end.line, 0, end.column)
        elif isinstance(event, AliasEvent):
            nodes.append(_Node("alias", start.line, start.column, False))
            cover(start.line, start.column, end.column)
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            kind = "mapping" if isinstance(event, MappingStartEvent) else "sequence"
            open_collections.append(len(nodes))
            nodes.append(_Node(kind, start.line, start.column, not event.flow_style))
        elif isinstance(event, CollectionEndEvent):
            index = open_collections.pop()
            node = nodes[index]
            nodes[index] = _Node(node.kind, node.line, node.column, node.block,
                                 start.line, start.column)
        elif isinstance(event, DocumentStartEvent) and event.explicit:
            explicit_start_line = start.line
        elif isinstance(event, DocumentEndEvent) and event.explicit:
            explicit_end = True
    return _Layout(nodes, covered, protected, explicit_start_line, explicit_end)


def _comments(lines: Sequence[str], layout: _Layout) -> list[_Comment]:
    """Every comment: a ``#`` at a line's start or after a space, outside any scalar."""
    found = []
    for number, line in enumerate(lines):
        if "#" not in line:
            continue
        ranges = layout.covered.get(number, ())
        for match in re.finditer("#", line):
            column = match.start()
            if column and line[column - 1] not in " \t":
                continue
            if any(start <= column < end for start, end in ranges):
                continue
            found.append(_Comment(number, column, line[column:].rstrip(),
                                  not line[:column].strip()))
            break
    return found


# --------------------------------------------------------------------------
# Formatting one text


def format_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> FormattedText:
    """The canonical form of spec ``text`` (LF line endings).

    Returns the loader's diagnostics, and nothing else, when the text does not
    load; an RD015 diagnostic when the text cannot be rewritten without
    changing its data or its comments.
    """
    return _format_loaded(load_text(text, path, limits), limits)


def _format_loaded(document: SpecDocument, limits: Limits) -> FormattedText:
    problems = [d for d in document.diagnostics if d.severity is Severity.ERROR]
    if problems or document.text is None:
        return FormattedText(None, problems)
    source = _LINE_BREAK.sub("\n", document.text)
    try:
        layout = _layout(source)
    except Exception as error:  # noqa: BLE001 - ruamel.yaml's errors
        return FormattedText(None, [_cannot_read(document.path, error)])
    try:
        formatted = _canonical(source, layout)
    except Exception as error:  # noqa: BLE001 - ruamel.yaml's errors, and its bugs
        return FormattedText(None, [_cannot_write(document.path, error)])
    refusal = _check_unchanged(document, source, layout, formatted, limits)
    if refusal is not None:
        return FormattedText(None, [refusal])
    return FormattedText(formatted)


def _canonical(source: str, layout: _Layout) -> str:
    lines = source.split("\n")
    comments = _comments(lines, layout)
    # ruamel.yaml writes an own-line comment back at its original column,
    # where it could now fall inside a block scalar whose indentation
    # changed. Hand it every such comment at column 0; _tidy places it.
    for comment in comments:
        if comment.own_line:
            lines[comment.line] = comment.text
    marker = layout.explicit_start_line
    explicit_start = False
    if marker is None:
        prolog, body = [], "\n".join(lines)
    else:
        # ruamel.yaml drops the comments before '---' and moves one after
        # it; keep those lines as they are. A '---' followed by content
        # stays with the body.
        bare_marker = _BARE_MARKER.fullmatch(lines[marker]) is not None
        explicit_start = not bare_marker
        split = marker + 1 if bare_marker else marker
        prolog = [line.strip() for line in lines[:split]]
        body = "\n".join(lines[split:])
    yaml = _round_trip(explicit_start, layout.explicit_end)
    stream = io.StringIO()
    yaml.dump(yaml.load(body), stream)
    dumped = stream.getvalue()
    text = "\n".join(prolog + [dumped]) if prolog else dumped
    return _tidy(text, layout, comments)


def _tidy(text: str, source_layout: _Layout, source_comments: list[_Comment]) -> str:
    """What ruamel.yaml leaves: comment indentation, trailing spaces, blank ends."""
    layout = _layout(text)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if number not in layout.protected:
            lines[number] = line.rstrip()
    comments = _comments(lines, layout)
    if _same_shape(source_layout.nodes, layout.nodes) and (
        [c.text for c in comments] == [c.text for c in source_comments]
    ):
        placed = [(c.line, s.column) for c, s in zip(comments, source_comments) if c.own_line]
        for line, column in _comment_columns(placed, source_layout.nodes, layout.nodes):
            lines[line] = " " * column + lines[line].lstrip()
    first = 0
    while first < len(lines) and not lines[first] and first not in layout.protected:
        first += 1
    last = len(lines)
    while last > first and not lines[last - 1] and (last - 1) not in layout.protected:
        last -= 1
    return "\n".join(lines[first:last]) + "\n"


def _same_shape(before: list[_Node], after: list[_Node]) -> bool:
    return len(before) == len(after) and all(
        a.kind == b.kind and a.block == b.block for a, b in zip(before, after)
    )


def _comment_columns(comments: list[tuple[int, int]], source_nodes: list[_Node],
                     nodes: list[_Node]) -> list[tuple[int, int]]:
    """The column of each own-line comment, given as (formatted line, original column).

    The candidates are the block collections the comment sits inside and
    those that start on the next line with content. The comment belongs to
    the deepest of them whose column in the original text was at or left of
    the comment's original column, and takes that collection's column in
    the formatted text. One sweep over the nodes, in document order.
    """
    placed = []
    open_blocks: list[int] = []
    index = 0
    for line, source_column in sorted(comments):
        while index < len(nodes) and nodes[index].line < line:
            node = nodes[index]
            while open_blocks and (nodes[open_blocks[-1]].end_line, nodes[open_blocks[-1]]
                                   .end_column) <= (node.line, node.column):
                open_blocks.pop()
            if node.block:
                open_blocks.append(index)
            index += 1
        while open_blocks and nodes[open_blocks[-1]].end_line < line:
            open_blocks.pop()
        candidates = list(open_blocks)
        following = index
        while following < len(nodes) and nodes[following].line == nodes[index].line:
            if nodes[following].block:
                candidates.append(following)
            following += 1
        if not candidates:
            placed.append((line, 0))
            continue
        at_or_left = [i for i in candidates if source_nodes[i].column <= source_column]
        if at_or_left:
            deepest = max(source_nodes[i].column for i in at_or_left)
            chosen = [i for i in at_or_left if source_nodes[i].column == deepest][-1]
        else:
            chosen = min(candidates, key=lambda i: source_nodes[i].column)
        placed.append((line, nodes[chosen].column))
    return placed


# --------------------------------------------------------------------------
# The guards


def _check_unchanged(document: SpecDocument, source: str, layout: _Layout, formatted: str,
                     limits: Limits) -> Diagnostic | None:
    """An RD015 diagnostic when ``formatted`` differs from ``source`` in data or comments."""
    reloaded = load_text(formatted, document.path, limits)
    if not reloaded.ok:
        return _refusal(document, 1, 1, "the formatted text would not load: "
                        + (reloaded.diagnostics[0].message if reloaded.diagnostics else "unknown"))
    where = _first_difference(document.data, reloaded.data, ())
    if where is not None:
        position = document.source_map.locate(where)
        line, column = (position.line, position.column) if position else (1, 1)
        return _refusal(document, line, column,
                        f"formatting would change the value at {format_json_path(where)}",
                        path=where)
    before = _comments(source.split("\n"), layout)
    after = _comments(formatted.split("\n"), _layout(formatted))
    for index, comment in enumerate(before):
        kept = after[index] if index < len(after) else None
        if kept is None or kept.text != comment.text:
            in_brackets = any(not node.block and node.kind != "scalar"
                              and node.encloses(comment.line, comment.column)
                              for node in layout.nodes)
            why = " (comments inside [ ] or { } cannot be kept)" if in_brackets else ""
            return _refusal(document, comment.line + 1, comment.column + 1,
                            f"formatting would lose the comment '{_short(comment.text)}'{why}",
                            hint="move the comment onto a line of its own outside the brackets, "
                                 "then run fmt again; the file is left as it is")
        if kept.own_line != comment.own_line:
            return _refusal(document, comment.line + 1, comment.column + 1,
                            f"formatting would move the comment '{_short(comment.text)}' "
                            + ("onto a line of its own" if comment.own_line is False
                               else "to the end of a line"),
                            hint="put the comment on a line of its own above the value, "
                                 "then run fmt again; the file is left as it is")
    if len(after) != len(before):
        extra = after[len(before)]
        return _refusal(document, 1, 1,
                        f"formatting would add the comment '{_short(extra.text)}'")
    return None


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _first_difference(before: Any, after: Any, path: JsonPath) -> JsonPath | None:
    """The path of the first place the two values differ, type included; None if equal."""
    if type(before) is not type(after):
        return path
    if isinstance(before, dict):
        if list(before) != list(after):
            for key_before, key_after in zip(before, after):
                if key_before != key_after:
                    return path + (key_before,)
            return path
        for key in before:
            found = _first_difference(before[key], after[key], path + (key,))
            if found is not None:
                return found
        return None
    if isinstance(before, list):
        for index, (item_before, item_after) in enumerate(zip(before, after)):
            found = _first_difference(item_before, item_after, path + (index,))
            if found is not None:
                return found
        return None if len(before) == len(after) else path
    if isinstance(before, float) and math.isnan(before) and math.isnan(after):
        return None
    return None if before == after else path


def _refusal(document: SpecDocument, line: int, column: int, message: str,
             hint: str = "", path: JsonPath = ()) -> Diagnostic:
    return Diagnostic(
        document.path, line, column, FORMAT_RULE, Severity.ERROR, message,
        hint=hint or "the file is left as it is; write this part in a plainer form, "
                     "or report it as a bug in redesign fmt",
        path=path, name="format-unsafe",
    )


def _problem(error: Exception) -> str:
    problem = getattr(error, "problem", None) or (str(error).splitlines() or [""])[0]
    return problem or type(error).__name__


def _cannot_read(path: str, error: Exception) -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Diagnostic(
        path, line, column, FORMAT_RULE, Severity.ERROR,
        f"fmt's round-trip parser cannot read this file: {_problem(error)}",
        hint="the file is left as it is; the round-trip parser is stricter than the validator "
             "here (a tab before a comment is the usual cause): use spaces",
        name="format-unsafe",
    )


def _cannot_write(path: str, error: Exception) -> Diagnostic:
    return Diagnostic(
        path, 1, 1, FORMAT_RULE, Severity.ERROR,
        f"fmt's round-trip writer produced text that does not load back: {_problem(error)}",
        hint="the file is left as it is; this is a ruamel.yaml limit, usually a comment next "
             "to an empty {} or []: move the comment, or report the file as a bug",
        name="format-unsafe",
    )


# --------------------------------------------------------------------------
# Files


def _line_ending(raw: bytes) -> bytes:
    """The file's line ending, from its first line: CRLF, or LF."""
    first = raw.find(b"\n")
    return b"\r\n" if first > 0 and raw[first - 1:first] == b"\r" else b"\n"


def format_file(path: str | os.PathLike[str], *, write: bool = True,
                limits: Limits = DEFAULT_LIMITS, display_path: str | None = None) -> FormattedFile:
    """Format one file; with ``write``, replace it atomically when it changes."""
    shown = display_path if display_path is not None else shown_path(Path(path))
    result = FormattedFile(shown)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)
    except OSError as error:
        reason = "is a directory, not a spec file" if isinstance(error, IsADirectoryError) \
            else f"cannot read file: {error.strerror or error}"
        result.diagnostics.append(Diagnostic(shown, 0, 0, "RD009", Severity.ERROR, reason,
                                             hint="check that the path exists and is readable",
                                             name="unreadable-path"))
        result.io_error = True
        return result
    result.before = raw
    formatted = _format_loaded(load_bytes(raw, shown, limits), limits)
    result.diagnostics.extend(formatted.diagnostics)
    if formatted.text is None:
        return result
    result.after = formatted.text.encode("utf-8").replace(b"\n", _line_ending(raw))
    if write and result.changed:
        try:
            write_atomic(os.path.realpath(path), result.after)
        except OSError as error:
            result.diagnostics.append(Diagnostic(
                shown, 0, 0, "RD009", Severity.ERROR,
                f"cannot write file: {error.strerror or error}",
                hint="check that the file and its directory are writable",
                name="unreadable-path"))
            result.io_error = True
        else:
            result.written = True
    return result


def format_paths(arguments: Sequence[str], *, write: bool = True,
                 resolver: "ConfigResolver | None" = None) -> FormatReport:
    """Format every spec the arguments name (files, directories, globs).

    With ``write`` (the default) each file whose canonical form differs is
    replaced atomically; without it nothing is written and the report says
    what would change. Files that do not load, or that cannot be rewritten
    safely, are reported and never touched. Each file is read within the
    limits of its configuration (``resolver``; by default the nearest one).
    """
    from .catalog import stamp_names
    from .config import ConfigResolver
    from .validate import select_files

    resolver = resolver or ConfigResolver()
    files, problems = select_files(arguments)
    report = FormatReport(path_errors=problems, write=write)
    for path in files:
        formatted = format_file(path, write=write, limits=resolver.for_path(path).limits)
        formatted.diagnostics = stamp_names(formatted.diagnostics)
        report.files.append(formatted)
    return report
