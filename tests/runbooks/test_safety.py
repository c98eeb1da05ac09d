"""Spec text cannot break out of any output; the same spec gives the same bytes;
a failed compile leaves the previous output as it was; user templates run in
a sandbox."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import run, run_process
from redesign.diagram import dot, mermaid, mermaid_label
from redesign.graph import OperationGraph
from redesign.runbooks import RunbookOutputError, compile_runbooks, write_runbooks
from redesign.runbooks.environment import markdown_text

from . import HVAC_POST, operation_from_text
from .test_render import parse_html

SCRIPT = "<script>alert(1)</script>"


def hostile_text() -> str:
    """The HVAC post spec with spec text that tries every way out."""
    text = HVAC_POST.read_text(encoding="utf-8")
    for old, new in [
        ("    title: Delay notifications\n", f'    title: "Delay {SCRIPT} notifications"\n'),
        ("title: Customer service coordinator\n",
         'title: "Customer <b>service</b> | coordinator # \\" ` [x](http://evil.example)"\n'),
        ("        title: Review the batch for patterns\n",
         "        title: \"Review ]] \\\"the\\\" batch --> x;\\nclick x call alert() \\\\n #lt; `\"\n"),
        ("    to: Own 20 more accounts at the same service level\n",
         f'    to: "Own 20 more accounts | {SCRIPT} *now*"\n'),
        ("  description: >-\n    AI processes", f'  description: >-\n    # {SCRIPT}\n    AI processes'),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def hostile():
    return operation_from_text(hostile_text(), "post.yaml")


def test_html_escapes_every_spec_text(hostile):
    pages = compile_runbooks(hostile, "html")
    for path, text in pages.items():
        assert "<script" not in text.lower(), path
        assert "<b>service" not in text, path
        document = parse_html(text)
        assert document.findall(".//script") == [] and document.findall(".//b") == [], path
        assert not [e for e in document.iter() if e.get("href", "").startswith("http")], path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["workflows/delay-notifications.html"]
    title = parse_html(pages["workflows/delay-notifications.html"]).find("head/title").text
    assert title == f"Runbook: Delay {SCRIPT} notifications · Northwind HVAC Parts"


def test_markdown_keeps_spec_text_inert(hostile):
    pages = compile_runbooks(hostile, "markdown")
    parser = MarkdownIt("commonmark").enable("table")
    for path, text in pages.items():
        tokens = parser.parse(text)
        assert not [t for t in tokens if t.type in ("html_block", "html_inline")], path
        links = [c.attrs["href"] for t in tokens if t.type == "inline" for c in t.children
                 if c.type == "link_open"]
        assert not [h for h in links if h.startswith("http")], path
        assert not re.search(r"(?<!\\)<script", text), path
    assert "\\<script\\>alert(1)\\</script\\>" in pages["index.md"]
    index = parser.parse(pages["index.md"])
    rows = [t for t in index if t.type == "tr_open"]
    cells_per_row = {sum(1 for _ in _row_cells(index, index.index(row))) for row in rows[:3]}
    assert cells_per_row == {5}, "a '|' in spec text split a table cell"
    fence = [t for t in parser.parse(pages["workflows/delay-notifications.md"]) if t.type == "fence"]
    assert [f.info for f in fence] == ["mermaid"]


def _row_cells(tokens, start):
    for token in tokens[start + 1:]:
        if token.type == "tr_close":
            return
        if token.type in ("td_open", "th_open"):
            yield token


def test_markdown_text_escapes_what_markdown_reads():
    assert markdown_text("a | b\n\n# c") == "a \\| b \\# c"
    assert markdown_text("- item") == "\\- item"
    assert markdown_text("1. first") == "1\\. first"
    assert markdown_text("4.6 hours") == "4.6 hours"
    assert markdown_text("[x](y) <b> *s* _u_ `c` ~t~ & \\") == \
        "\\[x\\](y) \\<b\\> \\*s\\* \\_u\\_ \\`c\\` \\~t\\~ \\& \\\\"


def test_mermaid_labels_cannot_break_out(hostile):
    assert mermaid_label('a "b" <c> #d; `e`\n f') == "a #quot;b#quot; #lt;c#gt; #35;d; #96;e#96; f"
    text = mermaid(OperationGraph(hostile), "delay-notifications")
    for line in text.splitlines()[1:]:
        assert line.startswith("  "), line
        assert line.count('"') in (0, 2), line
    assert "click" not in [word for line in text.splitlines() for word in line.split()[:1]]
    assert "<script" not in text and "`" not in text


def graphviz() -> str:
    """The Graphviz ``dot`` program: .ci/run installs it, so its absence is a failure."""
    path = shutil.which("dot")
    assert path, "Graphviz 'dot' is not installed (apt-get install graphviz; .ci/run does this)"
    return path


def test_dot_of_hostile_text_is_accepted_by_graphviz(hostile):
    source = dot(OperationGraph(hostile))
    result = subprocess.run([graphviz(), "-Tsvg"], input=source, capture_output=True, text=True,
                            timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert "&lt;script&gt;" in result.stdout and "<script" not in result.stdout


# --------------------------------------------------------------------------
# Determinism


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_two_compiles_are_byte_identical(tmp_path, fmt):
    for name, seed in (("one", "1"), ("two", "2")):
        result = run_process("compile", str(HVAC_POST), "--format", fmt, "-o", str(tmp_path / name),
                             env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
    first = snapshot(tmp_path / "one" / "hvac-distributor" / "post")
    second = snapshot(tmp_path / "two" / "hvac-distributor" / "post")
    assert len(first) == 5 and first == second


# --------------------------------------------------------------------------
# Atomic output


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def test_a_template_error_leaves_the_previous_output_as_it_was(tmp_path):
    out = tmp_path / "out"
    assert run("compile", str(HVAC_POST), "-o", str(out))[0] == 0
    target = out / "hvac-distributor" / "post"
    before = snapshot(target)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "role.md.j2").write_text("# {{ page.title }}\n{{ page.no_such_field }}\n")
    code, stdout, stderr = run("compile", str(HVAC_POST), "-o", str(out), "--templates", str(templates))
    assert (code, stdout) == (2, "")
    assert stderr == ("redesign: template error: role.md.j2, line 2: "
                      "'redesign.runbooks.pages.RolePage object' has no attribute 'no_such_field'\n")
    assert snapshot(target) == before
    assert leftovers(target.parent) == []


def test_a_failure_while_writing_leaves_the_previous_output(tmp_path, monkeypatch):
    target = tmp_path / "runbooks"
    write_runbooks({"index.md": "old\n", "roles/a.md": "old a\n"}, target)
    before = snapshot(target)
    written = []
    real = Path.write_bytes

    def failing(self, data):
        written.append(self.name)
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(RunbookOutputError, match="No space left on device"):
        write_runbooks({"index.md": "new\n", "roles/a.md": "new a\n", "roles/b.md": "b\n"}, target)
    assert snapshot(target) == before
    assert leftovers(tmp_path) == []


def test_a_successful_write_replaces_the_whole_directory(tmp_path):
    target = tmp_path / "runbooks"
    write_runbooks({"index.md": "old\n", "roles/gone.md": "x\n"}, target)
    write_runbooks({"index.md": "new\n"}, target)
    assert snapshot(target) == {"index.md": b"new\n"}
    assert leftovers(tmp_path) == []
    assert oct(target.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_directory_that_does_not_hold_runbooks_is_not_replaced(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    with pytest.raises(RunbookOutputError, match="exists and does not hold runbooks"):
        write_runbooks({"index.md": "x\n"}, target)
    assert (target / "notes.txt").read_text() == "keep me"


# --------------------------------------------------------------------------
# The sandbox


@pytest.mark.parametrize("expression, refused", [
    ("''.__class__.__mro__", "access to attribute '__class__' of 'str' object is unsafe."),
    ("page.header.__init__.__globals__",
     "access to attribute '__init__' of 'Header' object is unsafe."),
    ("page.__dict__", "access to attribute '__dict__' of 'IndexPage' object is unsafe."),
    ("cycler.__init__.__globals__", "access to attribute '__init__' of 'type' object is unsafe."),
])
def test_user_templates_run_in_a_sandbox(tmp_path, expression, refused):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "index.md.j2").write_text("{{ %s }}\n" % expression)
    code, stdout, stderr = run("compile", str(HVAC_POST), "-o", str(tmp_path / "out"),
                               "--templates", str(templates))
    assert (code, stdout) == (2, "")
    assert stderr == f"redesign: template error: index.md.j2, line 1: {refused}\n"
    assert not (tmp_path / "out").exists()


def test_packaged_templates_are_sandboxed_too():
    from jinja2.sandbox import SandboxedEnvironment

    from redesign.runbooks import get_env

    for fmt in ("markdown", "html"):
        env = get_env(fmt)
        assert isinstance(env, SandboxedEnvironment)
        assert env.autoescape is (fmt == "html")


def test_a_user_template_overrides_one_page_and_keeps_the_others(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "role.md.j2").write_text("# {{ page.title }}\n\n{{ page.facts | join(', ') }}\n")
    pages = compile_runbooks(operation_from_text(HVAC_POST.read_text()), "markdown", templates)
    assert pages["roles/cs-coordinator.md"] == (
        "# Customer service coordinator\n\n"
        "1 person, 40 hours a week, day starts 08:00, 65 accounts, edge of capacity 70\n")
    assert re.match(r"# Northwind HVAC Parts: runbooks\n", pages["index.md"])
