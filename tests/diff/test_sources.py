"""Inputs: two files, REV:path through git, a pre/post directory, --base REV.

Git revisions are read in a real temporary repository.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import DIFF_FIXTURES, ROOT, run
from redesign.diff import SourceError, diff_specs
from redesign.diff.sources import resolve_pairs

PRE = (DIFF_FIXTURES / "customer-service" / "pre.yaml").read_text()
POST = (DIFF_FIXTURES / "customer-service" / "post.yaml").read_text()
HEADCOUNT_1 = PRE.replace("headcount: 2", "headcount: 1")
SCHEMA = json.loads((ROOT / "schemas" / "redesign-diff-v1.schema.json").read_text(encoding="utf-8"))


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with one commit: spec.yaml, specs/{a,b,d}.yaml and ci.yml."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "spec.yaml").write_text(PRE)
    (root / "specs").mkdir()
    for name in ("a", "b", "d"):
        (root / "specs" / f"{name}.yaml").write_text(PRE.replace("customer-service", f"spec-{name}"))
    (root / "ci.yml").write_text("name: CI\non: [push]\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


def test_a_file_at_a_revision_against_the_working_tree(repo):
    (repo / "spec.yaml").write_text(HEADCOUNT_1)
    code, out, err = run("diff", "HEAD:spec.yaml", "spec.yaml", cwd=repo)
    assert (code, err) == (0, "")
    assert out == (
        "--- HEAD:spec.yaml  (customer-service, pre)\n"
        "+++ spec.yaml  (customer-service, pre)\n"
        "\n"
        "Team structure\n"
        "  ~ role cs-rep: headcount 2 -> 1 FTE (-50%)\n"
        "\n"
        "1 change: 0 added, 0 removed, 1 changed\n")


def test_two_revisions_and_a_path_relative_to_the_current_directory(repo):
    (repo / "specs" / "a.yaml").write_text(POST.replace("customer-service", "spec-a"))
    git(repo, "commit", "-q", "-am", "redesign a")
    code, out, _ = run("diff", "HEAD~1:./a.yaml", "HEAD:./a.yaml", cwd=repo / "specs")
    assert code == 0
    assert out.splitlines()[:2] == ["--- HEAD~1:./a.yaml  (spec-a, pre)", "+++ HEAD:./a.yaml  (spec-a, post)"]
    assert out.endswith("1 FTE moved cs-rep -> outbound-rep, accounts per rep 30 -> 60 (+100%)\n")


def test_base_compares_every_spec_changed_since_the_revision(repo):
    (repo / "specs" / "a.yaml").write_text(POST.replace("customer-service", "spec-a"))
    (repo / "specs" / "b.yaml").unlink()
    (repo / "specs" / "c.yaml").write_text(PRE.replace("customer-service", "spec-c"))
    git(repo, "mv", "specs/d.yaml", "specs/e.yaml")
    (repo / "ci.yml").write_text("name: CI\non: [push, pull_request]\n")
    (repo / "notes.txt").write_text("not yaml\n")
    pairs = resolve_pairs([], base="HEAD", cwd=repo)
    assert [(p.old.label if p.old else None, p.new.label if p.new else None) for p in pairs] == [
        ("HEAD:ci.yml", "ci.yml"),  # YAML, read; skipped later as not a spec
        ("HEAD:specs/a.yaml", "specs/a.yaml"),
        ("HEAD:specs/b.yaml", None),
        (None, "specs/c.yaml"),
        ("HEAD:specs/d.yaml", "specs/e.yaml"),
    ]
    outcome = diff_specs([], base="HEAD", cwd=repo)
    assert outcome.valid
    assert [(d.old.label if d.old else None, d.new.label if d.new else None, d.summary)
            for d in outcome.report.diffs] == [
        ("HEAD:specs/a.yaml", "specs/a.yaml",
         "1 FTE moved cs-rep -> outbound-rep, accounts per rep 30 -> 60 (+100%)"),
        ("HEAD:specs/b.yaml", None, "spec removed, compared with nothing: 1 thing removed"),
        (None, "specs/c.yaml", "spec added, compared with nothing: 1 thing added"),
        ("HEAD:specs/d.yaml", "specs/e.yaml", "no differences"),
    ]
    code, out, err = run("diff", "--base", "HEAD", "--exit-code", cwd=repo)
    assert (code, err) == (1, "")
    assert out.endswith("\n4 specs compared, 3 with differences\n")
    assert "--- (none)\n+++ specs/c.yaml  (spec-c, pre)\n" in out
    assert "--- HEAD:specs/b.yaml  (spec-b, pre)\n+++ (none)\n" in out
    code, out, _ = run("diff", "--base", "HEAD", "--format", "json", cwd=repo)
    data = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert [(d["old"] and d["old"]["label"], d["new"] and d["new"]["label"]) for d in data["diffs"]] == [
        ("HEAD:specs/a.yaml", "specs/a.yaml"), ("HEAD:specs/b.yaml", None),
        (None, "specs/c.yaml"), ("HEAD:specs/d.yaml", "specs/e.yaml")]
    assert (data["base"], data["summary"]) == (
        "HEAD", {"specs": 4, "with_differences": 3, "changes": 7, "risks": 0})
    code, out, _ = run("diff", "--base", "HEAD", "--format", "markdown", cwd=repo)
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## spec-a: pre → post", "## spec-b: pre → none", "## spec-c: none → pre", "## spec-d: pre → pre"]
    assert out.endswith("\n_4 specs compared, 3 with differences_\n")


def test_base_paths_limit_the_search_and_nothing_changed_is_said(repo):
    (repo / "spec.yaml").write_text(HEADCOUNT_1)
    code, out, _ = run("diff", "--base", "HEAD", "--exit-code", "specs", cwd=repo)
    assert (code, out) == (0, "no spec changed since HEAD\n")
    code, out, _ = run("diff", "--base", "HEAD", "--exit-code", "spec.yaml", cwd=repo)
    assert code == 1
    assert out.startswith("--- HEAD:spec.yaml  (customer-service, pre)\n+++ spec.yaml ")


def test_an_invalid_side_is_reported_like_validate(repo):
    (repo / "spec.yaml").write_text(PRE.replace("headcount: 2", "headcount: two"))
    code, out, err = run("diff", "HEAD:spec.yaml", "spec.yaml", cwd=repo)
    assert (code, err) == (1, "")
    assert out == (
        "spec.yaml:9:18: error [RD011] 'headcount' of role 'cs-rep' is the text 'two'; "
        "expected a number\n"
        "  9 |       headcount: two\n"
        "    |                  ^^^\n"
        "  hint: write the number without quotes\n"
        "1 error in 2 files\n")


@pytest.mark.parametrize("arguments, message", [
    (["nope:spec.yaml", "spec.yaml"], "redesign: unknown revision 'nope'\n"),
    (["HEAD:missing.yaml", "spec.yaml"], "redesign: 'missing.yaml' is not in revision 'HEAD'\n"),
    (["HEAD:specs", "spec.yaml"], "redesign: 'specs' is a directory in revision 'HEAD', not a spec file\n"),
    (["--base", "nope"], "redesign: unknown revision 'nope'\n"),
    (["--base", "-p"], "redesign: '-p' is not a revision\n"),
    (["missing.yaml", "spec.yaml"], "redesign: missing.yaml: no such file\n"),
    (["spec.yaml"], "redesign: spec.yaml: not a directory; give OLD and NEW, or a directory "
                    "holding pre.yaml and post.yaml\n"),
    (["specs"], "redesign: specs: no pre.yaml or post.yaml in the directory; a directory to "
                "diff holds pre.yaml and post.yaml\n"),
    ([], "redesign: give OLD and NEW, a directory holding pre.yaml and post.yaml, or --base REV "
         "(got 0 arguments)\n"),
])
def test_usage_errors_are_one_line_and_exit_2(repo, arguments, message):
    code, out, err = run("diff", *arguments, cwd=repo)
    assert (code, out, err) == (2, "", message)


def test_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "spec.yaml").write_text(PRE)
    code, out, err = run("diff", "HEAD:spec.yaml", "spec.yaml", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == f"redesign: {tmp_path} is not in a git repository; revisions are read through git\n"
    with pytest.raises(SourceError, match="is not in a git repository"):
        resolve_pairs([], base="HEAD", cwd=tmp_path)


def test_a_directory_with_pre_and_post(tmp_path):
    (tmp_path / "pre.yml").write_text(PRE)
    (tmp_path / "post.yaml").write_text(POST)
    (pair,) = resolve_pairs([str(tmp_path)])
    assert (pair.old.label, pair.new.label) == (str(tmp_path / "pre.yml"), str(tmp_path / "post.yaml"))
