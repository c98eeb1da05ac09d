"""The positioned loader: data, positions, and every text-level problem as a finding."""

from __future__ import annotations

import pytest

from redesign.loader import Limits, load_bytes, load_file, load_text, resolve_plain


def problems(text: str, limits: Limits = Limits()):
    doc = load_text(text, "t.yaml", limits)
    return [(d.rule, d.line, d.column, d.message) for d in doc.diagnostics]


def test_data_and_positions():
    doc = load_text("a: 1\nb:\n  - x\n  - {c: 2}\n", "t.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    value = doc.source_map.locate(("b", 1, "c"))
    key = doc.source_map.locate_key(("b", 1, "c"))
    assert (value.line, value.column) == (4, 9)
    assert (key.line, key.column) == (4, 6)
    # A path past what the file holds resolves to its deepest existing node.
    deepest = doc.source_map.locate(("b", 1, "missing", 3))
    assert (deepest.line, deepest.column) == (4, 5)


@pytest.mark.parametrize(
    "text, value",
    [
        ("2026-04-01", "2026-04-01"),  # YAML 1.2: dates stay text; the model parses them
        ("yes", "yes"),  # YAML 1.2: yes/no are text, not booleans
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("12", 12),
        ("-3", -3),
        ("0x1F", 31),
        ("0o17", 15),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", float("inf")),
        ("08:00", "08:00"),  # no sexagesimal numbers
        ("1_000", "1_000"),
        ("0 5 * * 1-5", "0 5 * * 1-5"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text, value):
    assert resolve_plain(text) == value


def test_quoted_scalars_stay_text():
    assert load_text("a: '12'\nb: \"true\"\n").data == {"a": "12", "b": "true"}


def test_duplicate_key_keeps_first_and_reports_second():
    doc = load_text("w:\n  - s:\n      - {a: 1, a: 2}\n", "t.yaml")
    assert doc.data == {"w": [{"s": [{"a": 1}]}]}
    assert [(d.rule, d.line, d.column, d.message, d.json_path) for d in doc.diagnostics] == [
        ("RD002", 3, 16, "key 'a' is already defined at line 3", "$.w[0].s[0].a")
    ]


def test_object_constructing_tags_are_refused():
    assert problems("x: !!python/object/apply:os.system [ls]\n") == [
        ("RD003", 1, 4, "tag '!!python/object/apply:os.system' is not allowed; "
                        "tags that construct program objects are never honoured")
    ]
    assert problems("x: !custom 3\n") == [
        ("RD003", 1, 4, "tag '!custom' is not allowed; specs use plain YAML values only")
    ]


def test_core_tags_are_honoured():
    doc = load_text("a: !!str 12\nb: !!int '7'\nc: !!float 2\n")
    assert doc.data == {"a": "12", "b": 7, "c": 2.0}
    assert problems("a: !!int x\n") == [("RD011", 1, 4, "'x' is not a valid !!int")]


def test_syntax_error_points_at_the_problem():
    assert problems("a: [1, 2\nb: 3\n") == [
        ("RD001", 2, 2, "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)")
    ]


def test_unclosed_quote_points_at_the_opening_quote():
    assert problems("a: 1\nb: 'unclosed\n") == [
        ("RD001", 2, 4, "invalid YAML: found unexpected end of stream (while scanning a quoted scalar)")
    ]


def test_tab_indentation_has_its_own_message():
    doc = load_text("a:\n\tb: 1\n", "t.yaml")
    [diagnostic] = doc.diagnostics
    assert (diagnostic.rule, diagnostic.line, diagnostic.column) == ("RD001", 2, 1)
    assert "tab character" in diagnostic.message
    assert diagnostic.hint == "indent with spaces; YAML does not allow tab characters for indentation"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ("RD008", 1, 1, "file holds no spec (it is empty)")),
        ("# only a comment\n", ("RD008", 1, 1, "file holds no spec (it is empty)")),
        ("- a\n- b\n", ("RD008", 1, 1, "a spec must be a mapping of keys, but this file holds a list")),
        ("just text\n", ("RD008", 1, 1, "a spec must be a mapping of keys, but this file holds a single value ('just text')")),
        ("a: 1\n---\nb: 2\n", ("RD008", 2, 1, "file holds more than one YAML document")),
    ],
)
def test_document_shape(text, expected):
    assert problems(text) == [expected]


def test_undefined_alias():
    assert problems("a: *nothing\n") == [("RD001", 1, 4, "found undefined alias 'nothing'")]


def test_merge_keys_apply_and_explicit_keys_win():
    doc = load_text("base: &b {k: 1, j: 2}\nm:\n  <<: *b\n  k: 3\n")
    assert doc.data["m"] == {"k": 3, "j": 2}
    assert doc.diagnostics == []


def test_alias_bomb_is_stopped_by_the_node_limit():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    found = problems("\n".join(lines) + "\n")
    assert found == [("RD006", 7, 45, "file expands to more than 5,000,000 nodes")]


def test_alias_count_limit():
    text = "a: &x 1\nb: [" + ", ".join(["*x"] * 5) + "]\n"
    assert problems(text, Limits(max_aliases=3)) == [("RD006", 2, 17, "more than 3 aliases")]


def test_deep_nesting_is_stopped_before_the_parser_recurses():
    depth = 200_000  # deep enough to crash a recursive composer
    assert problems("[" * depth + "]" * depth) == [("RD005", 1, 65, "nesting deeper than 64 levels")]


def test_long_scalar_limit():
    assert problems("a: " + "x" * 50 + "\n", Limits(max_scalar_chars=10)) == [
        ("RD004", 1, 4, "a value of 50 characters exceeds the limit of 10")
    ]


def test_control_characters(tmp_path):
    assert problems("a: 1\nb: x\x00y\n") == [
        ("RD007", 2, 5, "control character U+0000 is not allowed in YAML")
    ]


def test_invalid_utf8_is_located(tmp_path):
    target = tmp_path / "latin1.yaml"
    target.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    doc = load_file(target)
    assert [(d.rule, d.line, d.column, d.message) for d in doc.diagnostics] == [
        ("RD007", 2, 7, "byte 0xe9 is not valid UTF-8")
    ]


def test_utf16_is_named(tmp_path):
    target = tmp_path / "wide.yaml"
    target.write_bytes("a: 1\n".encode("utf-16"))
    doc = load_file(target)
    assert [(d.rule, d.message) for d in doc.diagnostics] == [
        ("RD007", "file is encoded as UTF-16; specs must be UTF-8")
    ]


def test_bom_and_crlf_are_accepted(tmp_path):
    target = tmp_path / "windows.yaml"
    target.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    doc = load_file(target)
    assert doc.diagnostics == []
    assert doc.data == {"a": 1, "b": "two"}
    assert doc.source_map.locate(("b",)).line == 2


def test_file_size_limit(tmp_path):
    target = tmp_path / "big.yaml"
    target.write_text("a: " + "x" * 100 + "\n")
    doc = load_file(target, Limits(max_file_bytes=50))
    assert [(d.rule, d.message) for d in doc.diagnostics] == [
        ("RD004", "file is larger than the limit of 50 bytes")
    ]


def test_unreadable_paths_are_io_errors(tmp_path):
    doc = load_file(tmp_path / "missing.yaml")
    assert doc.io_error
    assert [(d.rule, d.line, d.message) for d in doc.diagnostics] == [
        ("RD009", 0, "cannot read file: No such file or directory")
    ]
    directory = load_file(tmp_path)
    assert directory.io_error
    assert directory.diagnostics[0].message == "is a directory, not a spec file"


def test_bytes_from_elsewhere_load_like_a_file():
    doc = load_bytes(b"\xef\xbb\xbfa: 1\nb: caf\xc3\xa9\n", "HEAD:spec.yaml")
    assert (doc.path, doc.data, doc.diagnostics) == ("HEAD:spec.yaml", {"a": 1, "b": "café"}, [])
    bad = load_bytes(b"a: caf\xe9\n", "HEAD:spec.yaml")
    assert [(d.file, d.rule, d.line, d.column) for d in bad.diagnostics] == [
        ("HEAD:spec.yaml", "RD007", 1, 7)]
    big = load_bytes(b"a: 12345\n", "big.yaml", Limits(max_file_bytes=4))
    assert [d.rule for d in big.diagnostics] == ["RD004"]


@pytest.mark.parametrize("text, declares", [
    ("apiVersion: redesign/v1\nkind: Operation\n", True),
    ("apiVersion: redesign/v2\n", True),
    ("kind: Operation\n", True),
    ("name: CI\non: [push]\n", False),
    ("- a\n- b\n", False),
    ("apiVersion: redesign/v1\n  bad: [\n", False),
])
def test_declares_spec_tells_specs_from_other_yaml(text, declares):
    assert load_text(text).declares_spec is declares
