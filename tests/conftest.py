"""Shared test helpers: one per kind of unit.

- ``findings(yaml_text)``: validate a spec snippet, return (rule, line, column, message) tuples.
- ``run(*args)``: run the real CLI in-process, return (exit code, stdout, stderr).
- ``project``: a directory with a ``.redesign.yaml`` and ``specs/post.yaml``
  (:data:`SMALL_POST`) that has two errors and a warning.
- ``compared(old, new)``: load, validate and compare two specs (files or text), return the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from redesign.cli import cli
from redesign.loader import load_text
from redesign.validate import validate_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "specs" / "examples"
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())
DIFF_FIXTURES = ROOT / "tests" / "fixtures" / "diff"

HEADER = """\
apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post}
"""


def spec(body: str = "", header: str = HEADER) -> str:
    """A spec: the standard three-line header followed by ``body``."""
    return header + textwrap.dedent(body).lstrip("\n")


def findings(text: str, path: str = "spec.yaml") -> list[tuple[str, int, int, str]]:
    """Validate ``text``; return its findings as (rule, line, column, message)."""
    document = load_text(text, path)
    _, diagnostics = validate_document(document)
    return [(d.rule, d.line, d.column, d.message) for d in sorted(diagnostics, key=lambda d: d.sort_key())]


def _operation(source: "str | Path | None", label: str):
    if source is None:
        return None
    if isinstance(source, Path):
        document = load_text(source.read_text(encoding="utf-8"), str(source))
    else:
        document = load_text(source, label)
    operation, diagnostics = validate_document(document)
    assert [(d.rule, d.line, d.message) for d in diagnostics] == [], label
    return operation


def compared(old: "str | Path | None", new: "str | Path | None"):
    """Compare two specs, each a file, spec text or None; both must be valid."""
    from redesign.diff.compare import compare_operations

    return compare_operations(_operation(old, "old.yaml"), _operation(new, "new.yaml"),
                              "old.yaml", "new.yaml")


def run(*args: str, env: dict | None = None, cwd: str | Path | None = None):
    """Run the CLI in-process. Returns (exit_code, stdout, stderr)."""
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(cli, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def run_process(*args: str, cwd: str | Path | None = None, env: dict | None = None,
                input: str | None = None) -> subprocess.CompletedProcess:
    """Run ``redesign`` as a real process (for exit codes, tty detection, pre-commit)."""
    full_env = dict(os.environ)
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "redesign", *args], cwd=cwd, env=full_env, input=input,
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def tmp_spec(tmp_path):
    """Write a spec into a temporary file and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    return write


#: A small post spec with two errors (RD301, RD204) and a warning (RD208)
#: under the configuration in :data:`SMALL_CONFIG`.
SMALL_POST = """\
apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post}
team:
  roles: [{id: clerk, title: Billing clerk}]
workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters]}
      - {id: send, type: submit, actor: clerk, inputs: [letters], external: true}
"""
SMALL_CONFIG = "select: [RD2, RD3]\n"


@pytest.fixture
def project(tmp_path):
    """A directory holding ``.redesign.yaml`` and ``specs/post.yaml``; run with ``cwd=``."""
    (tmp_path / ".redesign.yaml").write_text(SMALL_CONFIG, encoding="utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "post.yaml").write_text(SMALL_POST, encoding="utf-8")
    return tmp_path
