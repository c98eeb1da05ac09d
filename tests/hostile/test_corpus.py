"""Hostile and broken input: every case gets its exact findings and exit code,
a message that names the file and the line, and never a traceback."""

from __future__ import annotations

import json
import os

import pytest

from conftest import run
from hostile.cases import CASES, VALID


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / (name.replace(" ", "-") + ".yaml")
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_corpus_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", list(CASES))
def test_case(tmp_path, name):
    content, command, expected, exit_code = CASES[name]
    path = write(tmp_path, name, content)
    code, out, err = run(command, "--format", "json", str(path))
    assert err == ""
    found = [(d["rule"], d["line"], d["column"]) for d in json.loads(out)["diagnostics"]]
    assert (found, code) == (expected, exit_code)


@pytest.mark.parametrize("name", [n for n, case in CASES.items() if case[2]])
def test_text_output_names_file_and_line(tmp_path, name):
    content, command, expected, _ = CASES[name]
    path = write(tmp_path, name, content)
    code, out, err = run(command, str(path))
    heads = [line for line in out.splitlines() if line.startswith(str(path))]
    assert [h.split(": ", 1)[0] for h in heads] == [f"{path}:{line}:{column}" for _, line, column in expected]
    assert "Traceback" not in out + err


def test_limits_from_configuration(tmp_path):
    (tmp_path / ".redesign.yaml").write_text(
        "limits: {max_file_bytes: 2000, max_scalar_chars: 100, max_depth: 8, max_aliases: 2}\n")
    big = write(tmp_path, "big", VALID + "# " + "x" * 3000 + "\n")
    long_value = write(tmp_path, "long", VALID.replace("Billing clerk", "B" * 150))
    deep = write(tmp_path, "deep", VALID + "x: " + "[" * 9 + "]" * 9 + "\n")
    aliases = write(tmp_path, "aliases", VALID + "x: &a 1\ny: [*a, *a, *a]\n")
    code, out, _ = run("validate", "--format", "json", str(tmp_path))
    assert code == 1
    assert [(os.path.basename(d["file"]), d["rule"], d["line"], d["message"])
            for d in json.loads(out)["diagnostics"]] == [
        ("aliases.yaml", "RD006", 17, "more than 2 aliases"),
        ("big.yaml", "RD004", 1, "file is larger than the limit of 2,000 bytes"),
        ("deep.yaml", "RD005", 16, "nesting deeper than 8 levels"),
        ("long.yaml", "RD004", 6, "a value of 150 characters exceeds the limit of 100"),
    ]
    assert {big.name, long_value.name, deep.name, aliases.name} == {
        "big.yaml", "long.yaml", "deep.yaml", "aliases.yaml"}


def test_directory_and_symlinks_among_the_paths(tmp_path):
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "good.yaml").write_text(VALID)
    outside = tmp_path / "outside.yaml"
    outside.write_text("a: [\n")
    (specs / "escape.yaml").symlink_to(outside)          # points outside: skipped in a walk
    (specs / "inside.yml").symlink_to(specs / "good.yaml")  # stays inside: followed
    (specs / "broken.yaml").symlink_to(tmp_path / "missing.yaml")
    (specs / "loop").symlink_to(specs)                   # a loop: directories are not followed
    code, out, _ = run("validate", "--format", "json", str(specs))
    data = json.loads(out)
    assert sorted(os.path.basename(f) for f in data["files"]) == ["good.yaml", "inside.yml"]
    assert (code, data["diagnostics"]) == (0, [])
    # Named explicitly, a symlink is the user's choice and is read.
    code, out, _ = run("validate", "--format", "json", str(specs / "escape.yaml"))
    assert (code, [d["rule"] for d in json.loads(out)["diagnostics"]]) == (1, ["RD001"])


def test_unreadable_paths_exit_2(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.symlink_to(tmp_path / "missing.yaml")
    fifo_dir = tmp_path / "named.yaml"
    fifo_dir.mkdir()
    code, out, err = run("validate", str(broken), str(tmp_path / "nope.yaml"))
    assert code == 2
    assert f"{broken}: error [RD009] cannot read file: No such file or directory" in out
    assert f"{tmp_path / 'nope.yaml'}: error [RD009] no such file or directory" in out
    assert err == ""


def test_debug_shows_the_traceback_of_an_internal_error(tmp_path, monkeypatch):
    import redesign.validate as validate_module

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(validate_module, "validate_document", explode)
    path = write(tmp_path, "spec", VALID)
    code, out, err = run("validate", str(path))
    assert code == 3
    assert err.startswith("redesign: internal error: RuntimeError: boom (redesign ")
    assert "please report it at" in err and "--debug" in err
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(RuntimeError, match="boom"):
        run("--debug", "validate", str(path))


def test_outputs_that_cannot_be_written_exit_2_with_one_line(tmp_path):
    from conftest import EXAMPLES

    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    post = str(EXAMPLES / "hvac-distributor" / "post.yaml")
    code, out, err = run("compile", post, "-o", str(blocker / "runbooks"))
    assert (code, out) == (2, "")
    assert err == (f"redesign: cannot write {blocker / 'runbooks' / 'hvac-distributor' / 'post'}: "
                   "Not a directory\n")
    code, out, err = run("validate", post, "--output", f"sarif:{blocker / 'report.sarif'}")
    assert code == 2
    assert err == f"redesign: cannot write {blocker / 'report.sarif'}: Not a directory\n"
    assert blocker.read_text() == "not a directory\n"
