"""The pre-commit hooks, run by the real pre-commit on a temporary repository.

The hooks' repository is a snapshot of this working tree (tracked and
untracked files, as git lists them), committed into a temporary repository,
so the test runs the code as it is now. pre-commit installs it into its own
virtual environment with pip, once per test session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
BAD_SPEC = "apiVersion: redesign/v1\nkind: Operation\nmetadata: {name: acme, state: post}\nowner: x\n"
NOT_A_SPEC = "on: push\njobs: {}\n"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def snapshot(destination: Path) -> str:
    """Commit the working tree's files into a new repository; return the commit."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "-q", cwd=destination)
    git("add", "-A", cwd=destination)
    git("commit", "-q", "-m", "snapshot", cwd=destination)
    return git("rev-parse", "HEAD", cwd=destination).strip()


@pytest.fixture(scope="module")
def hooks_repository(tmp_path_factory):
    source = tmp_path_factory.mktemp("hooks-repository")
    return source, snapshot(source)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user_repository(tmp_path, hooks_repository):
    source, revision = hooks_repository
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "post.yaml").write_bytes((EXAMPLES / "hvac-distributor" / "post.yaml").read_bytes())
    (tmp_path / "specs" / "bad.yaml").write_text(BAD_SPEC, encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(NOT_A_SPEC, encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(textwrap.dedent(f"""\
        repos:
          - repo: {source}
            rev: {revision}
            hooks:
              - id: redesign-validate
              - id: redesign-check
        """), encoding="utf-8")
    git("init", "-q", cwd=tmp_path)
    git("add", "-A", cwd=tmp_path)
    return tmp_path


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    env.update(GIT_ENV, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_manifest_is_valid_and_declares_the_three_hooks(tmp_path):
    result = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=ROOT,
                        home=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [(h["id"], h["entry"], h["language"], h["files"], h["pass_filenames"]) for h in hooks] == [
        ("redesign-validate", "redesign validate", "python", r"\.(ya?ml)$", True),
        ("redesign-check", "redesign check", "python", r"\.(ya?ml)$", True),
        ("redesign-fmt", "redesign fmt", "python", r"\.(ya?ml)$", True),
    ]


def test_hooks_fail_on_a_bad_spec_and_skip_hidden_files(user_repository, pre_commit_home):
    result = pre_commit("run", "--all-files", cwd=user_repository, home=pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    finding = "specs/bad.yaml:4:1: error [RD010] unknown key 'owner' in the spec\n"
    validate, check = out.split("redesign check")
    assert "redesign validate" in validate and "Failed\n- hook id: redesign-validate\n- exit code: 1\n" in validate
    assert finding in validate and "1 error in 2 files\n" in validate
    assert "Failed\n- hook id: redesign-check\n- exit code: 1\n" in check
    assert finding in check and "1 error in 2 files\n" in check
    assert "ci.yml" not in out and ".pre-commit-config" not in out


def test_hooks_pass_once_the_spec_is_fixed(user_repository, pre_commit_home):
    (user_repository / "specs" / "bad.yaml").unlink()
    git("add", "-A", cwd=user_repository)
    result = pre_commit("run", "--all-files", cwd=user_repository, home=pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("redesign ")]
    assert [(line.split(".")[0], line.rsplit(".", 1)[-1]) for line in lines] == [
        ("redesign validate", "Passed"), ("redesign check", "Passed")]


def test_try_repo_runs_the_check_hook(user_repository, hooks_repository, tmp_path_factory):
    source, revision = hooks_repository
    result = pre_commit("try-repo", str(source), "redesign-check", "--ref", revision, "--all-files",
                        cwd=user_repository, home=tmp_path_factory.mktemp("try-repo-home"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- hook id: redesign-check\n" in result.stdout
    assert "specs/bad.yaml:4:1: error [RD010] unknown key 'owner' in the spec\n" in result.stdout
    assert "redesign validate" not in result.stdout
