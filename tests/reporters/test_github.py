"""github: workflow commands that GitHub turns into annotations, exactly."""

from __future__ import annotations

from conftest import ROOT, run, run_process
from redesign.reporters.github import escape_data, escape_property

PRE = "specs/examples/hvac-distributor/pre.yaml"


def test_escaping_follows_the_runner():
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"


def test_small_spec_annotations(project):
    code, out, err = run("check", "--format", "github", "specs", cwd=project)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "::error file=specs/post.yaml,line=7,col=9,endLine=7,endColumn=16,"
        "title=RD301 ai-output-ungated::workflow 'appeals' has AI output but no quality gate"
        "%0Ahint: add to quality_gates: {workflow: appeals, mode: individual, "
        "minutes_per_item: <minutes>}",
        "::warning file=specs/post.yaml,line=9,col=14,endLine=9,endColumn=28,"
        "title=RD208 ai-output-late::workflow 'appeals' has AI steps but is started by a person "
        "('appeals' is triggered by 'clerk'), so its output cannot be ready at the start of the day"
        "%0Ahint: trigger it from a schedule (e.g. '0 5 * * 1-5') or from an upstream workflow",
        "::error file=specs/post.yaml,line=11,col=14,endLine=11,endColumn=19,"
        "title=RD204 low-confidence-unrouted::AI step 'draft' of workflow 'appeals' does not "
        "route the items it flags as low-confidence"
        "%0Ahint: add 'on_low_confidence: <step>' naming a person's exception-handling step",
        "2 errors, 1 warning in 1 file",
    ]


def test_file_names_are_escaped_as_properties(project):
    (project / "specs" / "post.yaml").rename(project / "specs" / "north, east: 2.yaml")
    code, out, _ = run("check", "--format", "github", "specs", cwd=project)
    assert out.splitlines()[0].startswith(
        "::error file=specs/north%2C east%3A 2.yaml,line=7,col=9,")


def test_a_file_level_finding_has_no_line(project):
    code, out, _ = run("validate", "--format", "github", "missing.yaml", cwd=project)
    assert code == 2
    assert out.splitlines() == [
        "::error file=missing.yaml,title=RD009 unreadable-path::no such file or directory"
        "%0Ahint: check the path; run from the repository root",
        "1 error in 0 files",
    ]


def test_github_actions_selects_the_github_format_in_a_real_process():
    result = run_process("check", PRE, cwd=ROOT, env={"GITHUB_ACTIONS": "true"})
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"::warning file={PRE},line=27,col=30,endLine=27,endColumn=32,title=RD409 caseload-at-edge"
        "::role 'cs-coordinator' carries 45 accounts per person, at its edge of capacity: no headroom"
        "%0Ahint: this is what the redesign relieves; recovered hours move the edge",
        f"::notice file={PRE},line=28,col=23,endLine=28,endColumn=44,title=RD503 screen-metric-pre"
        "::role 'cs-coordinator' is measured first by screen-work volume: "
        "Notifications drafted per coordinator per day",
        f"::notice file={PRE},line=50,col=16,endLine=50,endColumn=30,title=RD206 screen-work-human-pre"
        "::data-export step 'pull-exception-report' of workflow 'delay-notifications' is screen work "
        "done by 'cs-coordinator'; a candidate for the redesign",
        f"::notice file={PRE},line=56,col=16,endLine=56,endColumn=30,title=RD206 screen-work-human-pre"
        "::triage step 'identify-delayed-orders' of workflow 'delay-notifications' is screen work "
        "done by 'cs-coordinator'; a candidate for the redesign",
        f"::notice file={PRE},line=64,col=16,endLine=64,endColumn=30,title=RD206 screen-work-human-pre"
        "::draft-generation step 'draft-notifications' of workflow 'delay-notifications' is screen "
        "work done by 'cs-coordinator'; a candidate for the redesign",
        f"::notice file={PRE},line=89,col=11,endLine=89,endColumn=21,title=RD303 individual-review-pre"
        "::quality gate 'delay-notifications-gate' reviews every item individually (100 review "
        "minutes a week per reviewer); a candidate for batch review once the Foundation is at quality",
        "1 warning, 5 infos in 1 file",
    ]


def test_an_explicit_format_wins_over_github_actions():
    result = run_process("check", "--format", "text", PRE, cwd=ROOT, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith(f"{PRE}:27:30: warning [RD409] ")
    assert "::" not in result.stdout.split("\n")[0]
    outside = run_process("check", PRE, cwd=ROOT)
    assert outside.stdout.startswith(f"{PRE}:27:30: warning [RD409] ")
