"""--changed-since: only the specs changed since a revision, read through git."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import SMALL_POST, run
from redesign.changes import ChangesError, changed_files

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def git(*args: str, cwd) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def repository(project):
    """The project as a git repository: three specs, committed, then one changed,
    one added and one deleted; a non-spec file changed outside specs/."""
    specs = project / "specs"
    for name in ("kept.yaml", "edited.yaml", "deleted.yaml"):
        (specs / name).write_text(SMALL_POST.replace("name: acme", f"name: {name[:-5]}"), encoding="utf-8")
    (project / "notes.txt").write_text("notes\n", encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "specs", cwd=project)
    (specs / "edited.yaml").write_text("# edited\n" + (specs / "edited.yaml").read_text(), encoding="utf-8")
    (specs / "added.yaml").write_text(SMALL_POST, encoding="utf-8")
    (specs / "deleted.yaml").unlink()
    (project / "notes.txt").write_text("more notes\n", encoding="utf-8")
    return project


def files_in(out: str) -> list[str]:
    return sorted({line.split(":")[0] for line in out.splitlines() if line.startswith("specs/")})


def test_only_changed_and_untracked_specs_are_checked(repository):
    code, out, err = run("check", "specs", "--changed-since", "HEAD", cwd=repository)
    assert (code, err) == (1, "")
    assert files_in(out) == ["specs/added.yaml", "specs/edited.yaml"]
    assert out.endswith("4 errors, 2 warnings in 2 files\n")
    code, out, _ = run("check", "specs", cwd=repository)
    assert files_in(out) == ["specs/added.yaml", "specs/edited.yaml", "specs/kept.yaml", "specs/post.yaml"]


def test_staged_and_committed_changes_count(repository):
    git("add", "-A", cwd=repository)
    git("commit", "-q", "-m", "edit", cwd=repository)
    assert files_in(run("check", "specs", "--changed-since", "HEAD", cwd=repository)[1]) == []
    assert files_in(run("check", "specs", "--changed-since", "HEAD~1", cwd=repository)[1]) == [
        "specs/added.yaml", "specs/edited.yaml"]
    (repository / "specs" / "kept.yaml").write_text(SMALL_POST, encoding="utf-8")
    git("add", "specs/kept.yaml", cwd=repository)
    assert files_in(run("check", "specs", "--changed-since", "HEAD", cwd=repository)[1]) == [
        "specs/kept.yaml"]


def test_only_within_the_paths_given_and_from_a_subdirectory(repository):
    code, out, _ = run("validate", "specs/kept.yaml", "specs/edited.yaml", "--changed-since", "HEAD",
                       "--format", "json", cwd=repository)
    assert (code, json.loads(out)["files"]) == (0, ["specs/edited.yaml"])
    code, out, _ = run("check", ".", "--changed-since", "main", "--format", "json",
                       cwd=repository / "specs")
    assert json.loads(out)["files"] == ["added.yaml", "edited.yaml"]


def test_library_function_returns_resolved_paths(repository):
    assert changed_files("HEAD", repository) == {
        (repository / "specs" / "edited.yaml").resolve(),
        (repository / "specs" / "added.yaml").resolve(),
        (repository / "notes.txt").resolve(),
    }


@pytest.mark.parametrize("revision, message", [
    ("no-such-branch", "redesign: --changed-since no-such-branch: unknown revision 'no-such-branch'\n"),
    ("--output=x", "redesign: --changed-since --output=x: '--output=x' is not a revision\n"),
])
def test_git_errors_are_one_line_usage_errors(repository, revision, message):
    code, out, err = run("check", "specs", f"--changed-since={revision}", cwd=repository)
    assert (code, out, err) == (2, "", message)


def test_outside_a_repository(project):
    with pytest.raises(ChangesError) as raised:
        changed_files("HEAD", project)
    assert str(raised.value) == f"{project} is not in a git repository; revisions are read through git"
    code, out, err = run("check", "specs", "--changed-since", "HEAD", cwd=project)
    assert (code, out) == (2, "")
    assert err == (f"redesign: --changed-since HEAD: {project} is not in a git repository; "
                   "revisions are read through git\n")
    assert err.count("\n") == 1
