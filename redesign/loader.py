"""Read a spec file into plain data and a map of where every node came from.

The loader is the first stage of the pipeline. It turns bytes into a
:class:`SpecDocument`: JSON-like Python data (dicts, lists, str, int, float,
bool, None) plus a :class:`SourceMap` that answers "where is this node?" for
any JSON path. Problems with the text itself (encoding, syntax, duplicate
keys, tags, limits) are collected as :class:`Diagnostic` values; the loader
never raises for a user's mistake.

It drives the YAML event stream itself rather than composing a node tree:
libyaml's parser (through ``ruamel.yaml.clib``) produces the events, and one
Python loop builds the data, records positions, resolves scalars with the
YAML 1.2 core schema, refuses object-constructing tags, and enforces the
size, depth, alias and node limits before any of them can hurt. Nothing a
spec says is ever executed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

from .diagnostics import Diagnostic, JsonPath, Severity

__all__ = [
    "Limits",
    "SourceMap",
    "SpecDocument",
    "load_bytes",
    "load_file",
    "load_text",
]


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or runaway file from exhausting the machine.

    Every limit has a finding of its own when exceeded; raise a limit in
    ``[tool.redesign.limits]`` when a real spec needs more.
    """

    #: Largest file read, in bytes.
    max_file_bytes: int = 64 * 1024 * 1024
    #: Deepest nesting of mappings and lists.
    max_depth: int = 64
    #: Most alias uses (``*name``) in one file.
    max_aliases: int = 1000
    #: Most nodes, counting every alias as the nodes it stands for.
    max_nodes: int = 5_000_000
    #: Longest single scalar value, in characters.
    max_scalar_chars: int = 1_000_000


DEFAULT_LIMITS = Limits()


# --------------------------------------------------------------------------
# Positions


class Position:
    """Where one node sits: 1-based start line and column, and its end."""

    __slots__ = ("line", "column", "end_line", "end_column")

    def __init__(self, line: int, column: int, end_line: int, end_column: int):
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column

    def __repr__(self) -> str:
        return f"Position({self.line}:{self.column}-{self.end_line}:{self.end_column})"


class MappingPosition(Position):
    __slots__ = ("keys", "values")

    def __init__(self, line: int, column: int):
        super().__init__(line, column, line, column)
        self.keys: dict[str, Position] = {}
        self.values: dict[str, Position] = {}


class SequencePosition(Position):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int):
        super().__init__(line, column, line, column)
        self.items: list[Position] = []


@dataclass
class SourceMap:
    """Answers where a JSON path sits in the file.

    ``locate(path)`` gives the value's position; ``locate_key(path)`` the
    position of the key that names it (the better place for an unknown or
    misspelled key). A path that runs past what the file holds resolves to
    its deepest existing ancestor, so every finding has a place.
    """

    root: Position | None

    def _walk(self, path: Sequence[Any]) -> tuple[Position | None, Position | None, int]:
        """Return (value position, key position, how many parts resolved)."""
        node = self.root
        key_pos: Position | None = None
        for depth, part in enumerate(path):
            if isinstance(node, MappingPosition) and isinstance(part, str) and part in node.values:
                key_pos = node.keys.get(part)
                node = node.values[part]
            elif (
                isinstance(node, SequencePosition)
                and isinstance(part, int)
                and 0 <= part < len(node.items)
            ):
                key_pos = None
                node = node.items[part]
            else:
                return node, key_pos, depth
        return node, key_pos, len(path)

    def locate(self, path: Sequence[Any]) -> Position | None:
        return self._walk(path)[0]

    def locate_key(self, path: Sequence[Any]) -> Position | None:
        value, key, resolved = self._walk(path)
        if resolved == len(path) and key is not None:
            return key
        return value

    def resolves(self, path: Sequence[Any]) -> bool:
        return self._walk(path)[2] == len(path)

    def span(self, path: Sequence[Any]) -> tuple[int, int]:
        node = self.locate(path)
        if node is None:
            return (0, 0)
        return (node.line, node.end_line)


@dataclass
class SpecDocument:
    """One loaded file: its data, where each node came from, and what went wrong."""

    path: str
    text: str | None
    data: Any
    source_map: SourceMap
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: True when the file could not be read at all (exit code 2).
    io_error: bool = False

    @property
    def declares_spec(self) -> bool:
        """Whether the file says it is a redesign spec: a mapping whose
        ``apiVersion`` starts with ``redesign/`` or whose ``kind`` is ``Operation``.

        Tells specs from the other YAML in a repository (CI configuration,
        say) when a command looks at every changed file.
        """
        if not isinstance(self.data, dict):
            return False
        version = self.data.get("apiVersion")
        return (isinstance(version, str) and version.startswith("redesign/")) or \
            self.data.get("kind") == "Operation"

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics
        )

    def diagnostic(
        self,
        rule: str,
        message: str,
        *,
        path: JsonPath = (),
        hint: str = "",
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
    ) -> Diagnostic:
        """Build a diagnostic placed at ``path`` in this document."""
        position = (
            self.source_map.locate_key(path) if at_key else self.source_map.locate(path)
        )
        if position is None:
            line = column = end_line = end_column = 0
        else:
            line, column = position.line, position.column
            end_line, end_column = position.end_line, position.end_column
        return Diagnostic(
            file=self.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            rule=rule,
            severity=severity,
            message=message,
            hint=hint,
            path=tuple(path),
        )


# --------------------------------------------------------------------------
# Scalars: the YAML 1.2 core schema, nothing more.

_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
)
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_MAYBE_TYPED = frozenset("0123456789-+.~nNtTfF")

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _CORE + "str", _CORE + "int", _CORE + "float", _CORE + "bool",
    _CORE + "null", _CORE + "map", _CORE + "seq", "!",
}


def _to_int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema."""
    if not text:
        return None
    if text[0] not in _MAYBE_TYPED:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT_RE.fullmatch(text):
        return _to_int(text)
    if _FLOAT_RE.fullmatch(text):
        return float(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    return text


def _resolve_tagged(tag: str, text: str) -> tuple[Any, str | None]:
    """Resolve a scalar with an explicit core tag. Returns (value, problem)."""
    kind = tag[len(_CORE):] if tag.startswith(_CORE) else "str"
    if kind == "str":
        return text, None
    value = resolve_plain(text)
    expected = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}.get(kind)
    if expected is None or (isinstance(value, expected) and not (kind != "bool" and isinstance(value, bool))):
        if kind == "float" and isinstance(value, int):
            value = float(value)
        return value, None
    return text, f"'{text}' is not a valid !!{kind}"


# --------------------------------------------------------------------------
# Text decoding

_DISALLOWED_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def _decode(raw: bytes, doc: SpecDocument) -> str | None:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "UTF-32"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "UTF-16"
    else:
        encoding = None
    if encoding:
        doc.diagnostics.append(
            Diagnostic(doc.path, 1, 1, "RD007", Severity.ERROR,
                       f"file is encoded as {encoding}; specs must be UTF-8",
                       hint="re-save the file as UTF-8 (without a byte-order mark)")
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8", errors="replace")
        line, column = _line_col(prefix, len(prefix))
        doc.diagnostics.append(
            Diagnostic(doc.path, line, column, "RD007", Severity.ERROR,
                       f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                       hint="re-save the file as UTF-8; text pasted from another program "
                            "may carry a different encoding (Latin-1, Windows-1252)")
        )
        return None


# --------------------------------------------------------------------------
# The event loop


class _LimitExceeded(Exception):
    def __init__(self, rule: str, message: str, hint: str, line: int, column: int):
        super().__init__(message)
        self.rule, self.message, self.hint = rule, message, hint
        self.line, self.column = line, column


class _YamlProblem(Exception):
    def __init__(self, message: str, hint: str, line: int, column: int):
        super().__init__(message)
        self.message, self.hint, self.line, self.column = message, hint, line, column


_NO_KEY = object()
_BAD_KEY = object()
_MERGE = "<<"


def _event_source(text: str):
    """Yield YAML events, from libyaml when available, else pure Python."""
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - exercised only without the C extension
        CParser = None
    if CParser is not None:
        parser = CParser(text)
        get_event = parser.get_event
        while True:
            event = get_event()
            yield event
            if event is None or type(event).__name__ == "StreamEndEvent":
                return
    else:  # pragma: no cover
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)


_PARSE_HINTS = (
    ("found character '\\t'", "indent with spaces; YAML does not allow tab characters for indentation"),
    ("found a tab character", "indent with spaces; YAML does not allow tab characters for indentation"),
    ("found unexpected end of stream", "a quote or bracket opened here is never closed"),
    ("found unknown escape character", "inside double quotes write a backslash as \\\\, or use single quotes"),
    ("mapping values are not allowed here", "a value containing ': ' must be quoted, or the indentation is off"),
    ("did not find expected key", "check the indentation of this line against the keys above it"),
    ("did not find expected ',' or ']'", "a '[' list opened earlier is not closed with ']'"),
    ("did not find expected ',' or '}'", "a '{' mapping opened earlier is not closed with '}'"),
    ("did not find expected '-' indicator", "list items at one level must line up under each other"),
    ("found undefined alias", "define the anchor (&name) before using the alias (*name)"),
    ("could not find expected ':'", "a key is missing its ':' or a quoted value is not closed"),
    ("found duplicate anchor", "give each anchor (&name) a different name"),
)


def _parse_hint(problem: str) -> str:
    for needle, hint in _PARSE_HINTS:
        if needle in problem:
            return hint
    return "fix the YAML syntax at this point; `redesign fmt` cannot repair it"


class _Builder:
    """Builds data and positions from an event stream."""

    def __init__(self, doc: SpecDocument, limits: Limits):
        self.doc = doc
        self.limits = limits
        self.nodes = 0
        self.aliases = 0
        self.anchors: dict[str, tuple[Any, Position, int]] = {}
        self.documents = 0
        self.root: Any = None
        self.root_pos: Position | None = None
        self.stack: list[list[Any]] = []

    @property
    def path(self) -> list[Any]:
        """JSON path of the node being built, for duplicate-key and tag findings."""
        parts: list[Any] = []
        for frame in self.stack:
            container = frame[0]
            if isinstance(container, list):
                parts.append(len(container))
            elif isinstance(frame[2], str):
                parts.append(frame[2])
        return parts

    def _count(self, amount: int, mark) -> None:
        self.nodes += amount
        if self.nodes > self.limits.max_nodes:
            raise _LimitExceeded(
                "RD006",
                f"file expands to more than {self.limits.max_nodes:,} nodes",
                "this is what an alias bomb looks like; remove nested aliases, or raise "
                "limits.max_nodes if the spec is really this large",
                mark.line + 1, mark.column + 1,
            )

    def _note(self, rule: str, message: str, hint: str, mark, end_mark=None, path=None) -> None:
        self.doc.diagnostics.append(
            Diagnostic(
                self.doc.path, mark.line + 1, mark.column + 1, rule, Severity.ERROR,
                message, hint=hint, path=tuple(self.path if path is None else path),
                end_line=(end_mark.line + 1) if end_mark else mark.line + 1,
                end_column=(end_mark.column + 1) if end_mark else mark.column + 1,
            )
        )

    def _check_tag(self, tag: str | None, event) -> None:
        if tag is None or tag in _ALLOWED_TAGS:
            return
        shown = tag.replace(_CORE, "!!")
        if tag.startswith(_CORE + "python/") or "python" in tag:
            why = "tags that construct program objects are never honoured"
        else:
            why = "specs use plain YAML values only"
        self._note("RD003", f"tag '{shown}' is not allowed; {why}",
                   "remove the tag and write the value as plain text, a number, a list or a mapping",
                   event.start_mark, event.end_mark)

    def build(self, events: Iterator[Any]) -> None:
        # frames: [container, position, pending key, start node count, anchor, merges]
        stack = self.stack
        limits = self.limits
        max_depth = limits.max_depth
        max_scalar = limits.max_scalar_chars
        for event in events:
            kind = type(event).__name__
            if kind == "ScalarEvent":
                mark = event.start_mark
                self._count(1, mark)
                text = event.value
                if len(text) > max_scalar:
                    raise _LimitExceeded(
                        "RD004",
                        f"a value of {len(text):,} characters exceeds the limit of {max_scalar:,}",
                        "shorten the value, or raise limits.max_scalar_chars",
                        mark.line + 1, mark.column + 1,
                    )
                tag = event.tag
                end = event.end_mark
                pos = Position(mark.line + 1, mark.column + 1, end.line + 1, end.column + 1)
                if stack and stack[-1][2] is _NO_KEY and isinstance(stack[-1][0], dict):
                    # A mapping key: keep the text exactly as written.
                    frame = stack[-1]
                    if tag is not None and tag not in _ALLOWED_TAGS:
                        self._check_tag(tag, event)
                    frame[2] = text
                    frame[6] = pos
                    continue
                if tag is None:
                    value = resolve_plain(text) if event.implicit[0] else text
                elif tag in _ALLOWED_TAGS:
                    value, problem = _resolve_tagged(tag, text)
                    if problem:
                        self._note("RD011", problem, "remove the tag or correct the value",
                                   mark, end)
                else:
                    self._check_tag(tag, event)
                    value = resolve_plain(text) if event.implicit[0] else text
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, pos, 1)
                self._attach(stack, value, pos)
            elif kind == "MappingStartEvent" or kind == "SequenceStartEvent":
                mark = event.start_mark
                self._count(1, mark)
                if len(stack) >= max_depth:
                    raise _LimitExceeded(
                        "RD005",
                        f"nesting deeper than {max_depth} levels",
                        "flatten the structure, or raise limits.max_depth",
                        mark.line + 1, mark.column + 1,
                    )
                if event.tag is not None and event.tag not in _ALLOWED_TAGS:
                    self._check_tag(event.tag, event)
                if stack and stack[-1][2] is _NO_KEY and isinstance(stack[-1][0], dict):
                    self._note("RD011", "a key must be plain text, not a mapping or a list",
                               "write the key as a single word such as 'steps'",
                               mark, event.end_mark)
                    stack[-1][2] = _BAD_KEY
                    stack[-1][6] = None
                if kind == "MappingStartEvent":
                    stack.append([{}, MappingPosition(mark.line + 1, mark.column + 1),
                                  _NO_KEY, self.nodes, event.anchor, None, None])
                else:
                    stack.append([[], SequencePosition(mark.line + 1, mark.column + 1),
                                  None, self.nodes, event.anchor, None, None])
            elif kind == "MappingEndEvent" or kind == "SequenceEndEvent":
                frame = stack.pop()
                container, pos = frame[0], frame[1]
                end = event.end_mark
                pos.end_line, pos.end_column = end.line + 1, end.column + 1
                if frame[5]:
                    self._apply_merges(container, pos, frame[5])
                if frame[4] is not None:
                    self.anchors[frame[4]] = (container, pos, self.nodes - frame[3] + 1)
                self._attach(stack, container, pos)
            elif kind == "AliasEvent":
                mark = event.start_mark
                self.aliases += 1
                if self.aliases > limits.max_aliases:
                    raise _LimitExceeded(
                        "RD006",
                        f"more than {limits.max_aliases:,} aliases",
                        "repeat the values instead of aliasing them, or raise limits.max_aliases",
                        mark.line + 1, mark.column + 1,
                    )
                anchored = self.anchors.get(event.anchor)
                if anchored is None:
                    raise _YamlProblem(
                        f"found undefined alias '{event.anchor}'",
                        _parse_hint("found undefined alias"),
                        mark.line + 1, mark.column + 1,
                    )
                value, pos, size = anchored
                self._count(size, mark)
                if stack and stack[-1][2] is _NO_KEY and isinstance(stack[-1][0], dict):
                    if not isinstance(value, (dict, list)):
                        stack[-1][2] = str(value)
                        stack[-1][6] = pos
                        continue
                    self._note("RD011", "a key must be plain text, not a mapping or a list",
                               "write the key as a single word", mark)
                    stack[-1][2] = _BAD_KEY
                    stack[-1][6] = None
                    continue
                self._attach(stack, value, pos)
            elif kind == "DocumentStartEvent":
                self.documents += 1
                if self.documents > 1:
                    mark = event.start_mark
                    raise _YamlProblem(
                        "file holds more than one YAML document",
                        "a spec is one document: split the documents after '---' into their own files",
                        mark.line + 1, mark.column + 1,
                    )

    def _attach(self, stack: list[list[Any]], value: Any, pos: Position) -> None:
        if not stack:
            self.root, self.root_pos = value, pos
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
            frame[1].items.append(pos)
            return
        key = frame[2]
        frame[2] = _NO_KEY
        key_pos = frame[6]
        if key is _BAD_KEY:
            return
        if key == _MERGE:
            frame[5] = (frame[5] or []) + [(value, pos)]
            return
        mapping_pos: MappingPosition = frame[1]
        if key in container:
            first = mapping_pos.keys[key]
            self.doc.diagnostics.append(
                Diagnostic(
                    self.doc.path, key_pos.line, key_pos.column, "RD002", Severity.ERROR,
                    f"key '{key}' is already defined at line {first.line}",
                    hint="remove one of the two; YAML keeps only one value per key",
                    path=tuple(self.path) + (key,),
                    end_line=key_pos.end_line, end_column=key_pos.end_column,
                )
            )
            return
        container[key] = value
        mapping_pos.keys[key] = key_pos
        mapping_pos.values[key] = pos

    def _apply_merges(self, container: dict, pos: MappingPosition, merges: list) -> None:
        """Apply YAML merge keys (``<<: *defaults``); explicit keys win."""
        for value, merged_pos in merges:
            sources = value if isinstance(value, list) else [value]
            source_positions = (
                merged_pos.items if isinstance(merged_pos, SequencePosition) else [merged_pos]
            )
            for source, source_pos in zip(sources, source_positions):
                if not isinstance(source, dict) or not isinstance(source_pos, MappingPosition):
                    self.doc.diagnostics.append(
                        Diagnostic(self.doc.path, source_pos.line, source_pos.column, "RD011",
                                   Severity.ERROR, "a merge key '<<' must name a mapping",
                                   hint="write '<<: *anchor' where the anchor is a mapping",
                                   path=tuple(self.path))
                    )
                    continue
                for key, item in source.items():
                    if key not in container:
                        container[key] = item
                        pos.keys[key] = source_pos.keys[key]
                        pos.values[key] = source_pos.values[key]


def load_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> SpecDocument:
    """Load spec text that is already decoded."""
    doc = SpecDocument(path=path, text=text, data=None, source_map=SourceMap(None))
    bad = _DISALLOWED_CHARS.search(text)
    if bad:
        line, column = _line_col(text, bad.start())
        count = len(_DISALLOWED_CHARS.findall(text))
        more = f" (and {count - 1} more)" if count > 1 else ""
        doc.diagnostics.append(
            Diagnostic(path, line, column, "RD007", Severity.ERROR,
                       f"control character U+{ord(bad.group()):04X} is not allowed in YAML{more}",
                       hint="delete the invisible character; it often arrives with text pasted "
                            "from another program")
        )
        return doc
    builder = _Builder(doc, limits)
    try:
        builder.build(_event_source(text))
    except _LimitExceeded as error:
        doc.diagnostics.append(
            Diagnostic(path, error.line, error.column, error.rule, Severity.ERROR,
                       error.message, hint=error.hint)
        )
        return doc
    except _YamlProblem as error:
        doc.diagnostics.append(
            Diagnostic(path, error.line, error.column,
                       "RD008" if "document" in error.message else "RD001",
                       Severity.ERROR, error.message, hint=error.hint)
        )
        return doc
    except Exception as error:  # the YAML library's own errors
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None)
        if mark is None and not hasattr(error, "problem"):
            raise
        context_mark = getattr(error, "context_mark", None)
        if "end of stream" in str(problem) and context_mark is not None:
            mark = context_mark  # point at the quote or bracket that never closed
        message = f"{problem} ({context})" if context else str(problem)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        hint = _parse_hint(str(problem))
        if mark is not None and text[getattr(mark, "index", -1):][:1] == "\t":
            message = "found a tab character where indentation or a value was expected"
            hint = _parse_hint("found a tab character")
        doc.diagnostics.append(
            Diagnostic(path, line, column, "RD001", Severity.ERROR,
                       f"invalid YAML: {message}", hint=hint)
        )
        return doc
    if builder.documents == 0 or builder.root_pos is None:
        doc.diagnostics.append(
            Diagnostic(path, 1, 1, "RD008", Severity.ERROR, "file holds no spec (it is empty)",
                       hint="start with 'apiVersion: redesign/v1' and 'kind: Operation'; "
                            "`redesign init` writes a starting pair")
        )
        return doc
    doc.data = builder.root
    doc.source_map = SourceMap(builder.root_pos)
    if builder.root is None:
        doc.diagnostics.append(
            Diagnostic(path, 1, 1, "RD008", Severity.ERROR, "file holds no spec (only comments)",
                       hint="start with 'apiVersion: redesign/v1' and 'kind: Operation'")
        )
        doc.data = None
    elif not isinstance(builder.root, dict):
        got = "a list" if isinstance(builder.root, list) else f"a single value ({builder.root!r:.40})"
        doc.diagnostics.append(
            Diagnostic(path, builder.root_pos.line, builder.root_pos.column, "RD008",
                       Severity.ERROR, f"a spec must be a mapping of keys, but this file holds {got}",
                       hint="start with 'apiVersion: redesign/v1' and 'kind: Operation'")
        )
        doc.data = None
    return doc


def load_file(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS,
              display_path: str | None = None) -> SpecDocument:
    """Read and load one spec file. I/O problems become diagnostics."""
    shown = display_path if display_path is not None else os.fspath(path)
    doc = SpecDocument(path=shown, text=None, data=None, source_map=SourceMap(None))
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)
    except IsADirectoryError:
        doc.diagnostics.append(Diagnostic(shown, 0, 0, "RD009", Severity.ERROR,
                                          "is a directory, not a spec file",
                                          hint="pass the directory itself to scan the specs in it"))
        doc.io_error = True
        return doc
    except OSError as error:
        reason = error.strerror or str(error)
        doc.diagnostics.append(Diagnostic(shown, 0, 0, "RD009", Severity.ERROR,
                                          f"cannot read file: {reason}",
                                          hint="check that the path exists and is readable"))
        doc.io_error = True
        return doc
    return load_bytes(raw, shown, limits)


def load_bytes(raw: bytes, path: str = "<bytes>", limits: Limits = DEFAULT_LIMITS) -> SpecDocument:
    """Load the bytes of a spec file: size limit, UTF-8 decoding (a byte-order
    mark is accepted and dropped from ``text``), then :func:`load_text`."""
    doc = SpecDocument(path=path, text=None, data=None, source_map=SourceMap(None))
    if len(raw) > limits.max_file_bytes:
        doc.diagnostics.append(Diagnostic(
            path, 1, 1, "RD004", Severity.ERROR,
            f"file is larger than the limit of {limits.max_file_bytes:,} bytes",
            hint="split the operation into several specs, or raise limits.max_file_bytes"))
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    loaded = load_text(text, path, limits)
    loaded.diagnostics[:0] = doc.diagnostics
    return loaded
