"""Baselines: accepted findings do not fail a run; new ones still do."""

from __future__ import annotations

import json

import pytest

from conftest import SMALL_POST, run
from redesign.baseline import BaselineError, parse_baseline


def test_round_trip(project):
    code, out, err = run("check", "specs", "--write-baseline", "baseline.json", cwd=project)
    assert code == 0
    assert out.endswith("2 errors, 1 warning in 1 file\n")
    assert err == "redesign: wrote baseline baseline.json (3 findings)\n"
    written = (project / "baseline.json").read_text(encoding="utf-8")
    data = json.loads(written)
    assert data["version"] == 1
    assert [(f["file"], f["rule"], f["path"]) for f in data["findings"]] == [
        ("specs/post.yaml", "RD204", "$.workflows[0].steps[0].id"),
        ("specs/post.yaml", "RD208", "$.workflows[0].trigger"),
        ("specs/post.yaml", "RD301", "$.workflows[0].id"),
    ]
    assert all(len(f["fingerprint"]) == 64 for f in data["findings"])

    code, out, err = run("check", "specs", "--baseline", "baseline.json", cwd=project)
    assert (code, out, err) == (0, "1 file: no problems found (3 baselined)\n", "")
    code, out, _ = run("check", "specs", "--baseline", "baseline.json", "--format", "json", cwd=project)
    assert json.loads(out)["summary"]["baselined"] == 3

    # Writing again gives the same bytes.
    run("check", "specs", "--write-baseline", "again.json", cwd=project)
    assert (project / "again.json").read_text(encoding="utf-8") == written


def test_lines_moved_by_an_edit_elsewhere_stay_baselined(project):
    run("check", "specs", "--write-baseline", "baseline.json", cwd=project)
    (project / "specs" / "post.yaml").write_text("# Acme billing.\n\n" + SMALL_POST, encoding="utf-8")
    code, out, _ = run("check", "specs", "--baseline", "baseline.json", cwd=project)
    assert (code, out) == (0, "1 file: no problems found (3 baselined)\n")


def test_a_new_finding_still_fails(project):
    run("check", "specs", "--write-baseline", "baseline.json", cwd=project)
    (project / "specs" / "second.yaml").write_text(SMALL_POST.replace("name: acme", "name: other"),
                                                   encoding="utf-8")
    code, out, _ = run("check", "specs", "--baseline", "baseline.json", cwd=project)
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines() if line.startswith("specs/")] == [
        "specs/second.yaml:7:9", "specs/second.yaml:9:14", "specs/second.yaml:11:14"]
    assert out.endswith("2 errors, 1 warning in 2 files (3 baselined)\n")


def test_each_entry_accepts_one_finding(project):
    run("check", "specs", "--write-baseline", "baseline.json", cwd=project)
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    data["findings"] = [f for f in data["findings"] if f["rule"] != "RD204"]
    (project / "baseline.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run("check", "specs", "--baseline", "baseline.json", "--format", "json", cwd=project)
    assert code == 1
    assert [d["rule"] for d in json.loads(out)["diagnostics"]] == ["RD204"]
    assert json.loads(out)["summary"]["baselined"] == 2


def test_updating_a_baseline_drops_what_was_fixed(project):
    run("check", "specs", "--write-baseline", "baseline.json", cwd=project)
    fixed = SMALL_POST.replace("trigger: {human: clerk}", 'trigger: {schedule: "0 5 * * 1-5"}')
    (project / "specs" / "post.yaml").write_text(fixed, encoding="utf-8")
    code, _, err = run("check", "specs", "--baseline", "baseline.json",
                       "--write-baseline", "baseline.json", cwd=project)
    assert (code, err) == (0, "redesign: wrote baseline baseline.json (2 findings)\n")
    rules = [f["rule"] for f in json.loads((project / "baseline.json").read_text())["findings"]]
    assert rules == ["RD204", "RD301"]


@pytest.mark.parametrize("content, message", [
    (None, "baseline.json: no such baseline file (write one with --write-baseline)"),
    ("{not json", "baseline.json: not a baseline file: invalid JSON at line 1 column 2: "
                  "Expecting property name enclosed in double quotes"),
    ("[]", "baseline.json: not a baseline file: expected an object with 'version' and "
           "'findings' (write one with --write-baseline)"),
    ('{"version": 2, "findings": []}', "baseline.json: baseline version 2 is not supported; "
                                       "this redesign reads version 1"),
    ('{"version": 1, "findings": [{"rule": "RD204"}]}', "baseline.json: findings[0] has no 'fingerprint'"),
])
def test_a_missing_or_invalid_baseline_is_a_usage_error(project, content, message):
    if content is not None:
        (project / "baseline.json").write_text(content, encoding="utf-8")
    code, out, err = run("check", "specs", "--baseline", "baseline.json", cwd=project)
    assert (code, out, err) == (2, "", f"redesign: {message}\n")


def test_parse_baseline_counts_repeated_fingerprints():
    baseline = parse_baseline('{"version": 1, "findings": [{"fingerprint": "a"}, {"fingerprint": "a"}]}', "b")
    assert (len(baseline), baseline.fingerprints["a"]) == (2, 2)
    with pytest.raises(BaselineError):
        parse_baseline('{"version": 1, "findings": {}}', "b")


def test_no_baseline_is_written_when_a_path_cannot_be_read(project):
    code, _, err = run("check", "specs", "gone.yaml", "--write-baseline", "baseline.json", cwd=project)
    assert (code, err) == (2, "redesign: baseline baseline.json not written: a path could not be read\n")
    assert not (project / "baseline.json").exists()


def test_a_baseline_of_the_changed_specs_only_is_refused(project):
    code, out, err = run("check", "specs", "--changed-since", "HEAD", "--write-baseline", "b.json",
                         cwd=project)
    assert (code, out) == (2, "")
    assert err == ("redesign: --write-baseline cannot be combined with --changed-since: "
                   "the baseline would hold the changed specs only\n")
