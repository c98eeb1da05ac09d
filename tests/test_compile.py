"""The `compile` command: where it writes, what it prints, and its exit codes."""

from __future__ import annotations

from conftest import EXAMPLES, ROOT, run

HVAC = EXAMPLES / "hvac-distributor"


def test_compile_writes_each_state_to_its_own_directory(tmp_path):
    code, out, err = run("compile", str(HVAC / "pre.yaml"), str(HVAC / "post.yaml"), cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == (
        "wrote 3 runbooks to build/runbooks/hvac-distributor/pre/ (start at index.md)\n"
        "wrote 4 runbooks to build/runbooks/hvac-distributor/post/ (start at index.md)\n"
    )
    root = tmp_path / "build" / "runbooks" / "hvac-distributor"
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*.md")) == [
        "post/index.md",
        "post/roles/cs-coordinator.md",
        "post/roles/operations-manager.md",
        "post/workflows/delay-notifications.md",
        "post/workflows/erp-exception-export.md",
        "pre/index.md",
        "pre/roles/cs-coordinator.md",
        "pre/roles/operations-manager.md",
        "pre/workflows/delay-notifications.md",
    ]


def test_compile_html_into_a_chosen_root(tmp_path):
    code, out, err = run("compile", str(HVAC / "post.yaml"), "--format", "html", "-o",
                         str(tmp_path / "site"))
    assert (code, err) == (0, "")
    assert out == (f"wrote 4 runbooks to {tmp_path / 'site' / 'hvac-distributor' / 'post'}/ "
                   "(start at index.html)\n")
    assert (tmp_path / "site" / "hvac-distributor" / "post" / "roles" / "cs-coordinator.html").is_file()


def test_a_spec_with_errors_is_not_compiled_and_its_errors_are_listed(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text((HVAC / "post.yaml").read_text().replace(
        "    owner: cs-coordinator\n    volume: 40", "    owner: cs-cordinator\n    volume: 40"))
    code, out, err = run("compile", str(broken), str(HVAC / "pre.yaml"), "-o", str(tmp_path / "out"))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == f"wrote 3 runbooks to {tmp_path / 'out' / 'hvac-distributor' / 'pre'}/ (start at index.md)"
    assert lines[1].startswith(f"{broken}:") and "error [RD0" in lines[1] and "cs-cordinator" in lines[1]
    assert lines[-1] == "1 error in 2 files"
    assert not (tmp_path / "out" / "hvac-distributor" / "post").exists()


def test_a_missing_spec_is_a_usage_error(tmp_path):
    code, out, err = run("compile", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert out.startswith(f"{tmp_path / 'nope.yaml'}: error [RD009] no such file or directory\n")
    assert not (tmp_path / "out").exists()


def test_an_output_that_cannot_be_written_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    code, out, err = run("compile", str(HVAC / "post.yaml"), "-o", str(blocker / "out"))
    assert (code, out) == (2, "")
    assert err == f"redesign: cannot write {blocker / 'out' / 'hvac-distributor' / 'post'}: Not a directory\n"


def test_two_specs_of_the_same_state_are_refused(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_text((HVAC / "post.yaml").read_text())
    code, out, err = run("compile", str(HVAC / "post.yaml"), str(copy), "-o", str(tmp_path / "out"))
    assert code == 2
    assert err == (f"redesign: {copy} and {HVAC / 'post.yaml'} are both hvac-distributor/post; "
                   "compile them separately\n")


def test_readme_quick_start_compiles_the_example_and_says_where(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("\n```", 1)[0]
    assert "\n" not in block
    assert block == ("python3 -m venv .venv && .venv/bin/pip install . && "
                     ".venv/bin/redesign compile specs/examples/hvac-distributor/post.yaml")
    code, out, err = run("compile", str(HVAC / "post.yaml"), cwd=tmp_path)
    assert (code, out, err) == (
        0, "wrote 4 runbooks to build/runbooks/hvac-distributor/post/ (start at index.md)\n", "")
