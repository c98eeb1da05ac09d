"""junit: read back by a real JUnit parser (junitparser)."""

from __future__ import annotations

from junitparser import Error, Failure, JUnitXml

from conftest import run


def cases(path) -> list[tuple[str, str, str, str]]:
    """(suite, classname, name, outcome) for every test case in the file."""
    xml = JUnitXml.fromfile(str(path))
    found = []
    for suite in xml:
        for case in suite:
            if case.is_passed:
                outcome = "passed"
            else:
                [result] = case.result
                outcome = f"{type(result).__name__.lower()}:{result.type}"
            found.append((suite.name, case.classname, case.name, outcome))
    return found


def test_one_case_per_file_and_rule_plus_one_per_clean_file(project):
    (project / "specs" / "clean.yaml").write_text(
        "apiVersion: redesign/v1\nkind: Operation\nmetadata: {name: acme, state: post}\n",
        encoding="utf-8")
    code, out, _ = run("check", "--format", "junit", "specs", cwd=project)
    assert code == 1
    (project / "report.xml").write_text(out, encoding="utf-8")
    assert cases(project / "report.xml") == [
        ("redesign check", "specs/clean.yaml", "no problems found", "passed"),
        ("redesign check", "specs/post.yaml", "RD204 low-confidence-unrouted", "failure:error"),
        ("redesign check", "specs/post.yaml", "RD208 ai-output-late", "passed"),
        ("redesign check", "specs/post.yaml", "RD301 ai-output-ungated", "failure:error"),
    ]
    xml = JUnitXml.fromfile(str(project / "report.xml"))
    [suite] = list(xml)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (4, 2, 0, 0)
    case = next(c for c in suite if c.name == "RD301 ai-output-ungated")
    [failure] = case.result
    assert failure.message == "workflow 'appeals' has AI output but no quality gate"
    assert failure.text == (
        "specs/post.yaml:7:9: error [RD301] workflow 'appeals' has AI output but no quality gate\n"
        "  hint: add to quality_gates: {workflow: appeals, mode: individual, "
        "minutes_per_item: <minutes>}")
    below = next(c for c in suite if c.name == "RD208 ai-output-late")
    assert below.system_out.startswith("specs/post.yaml:9:14: warning [RD208] ")


def test_the_threshold_decides_what_fails_and_each_finding_is_listed(tmp_path):
    from conftest import EXAMPLES

    pre = EXAMPLES / "hvac-distributor" / "pre.yaml"
    (tmp_path / "pre.yaml").write_bytes(pre.read_bytes())
    code, out, _ = run("check", "--format", "junit", "--fail-on", "info", "pre.yaml", cwd=tmp_path)
    assert code == 1
    (tmp_path / "report.xml").write_text(out, encoding="utf-8")
    assert [c[2:] for c in cases(tmp_path / "report.xml")] == [
        ("RD206 screen-work-human-pre", "failure:info"),
        ("RD303 individual-review-pre", "failure:info"),
        ("RD409 caseload-at-edge", "failure:warning"),
        ("RD503 screen-metric-pre", "failure:info"),
    ]
    suite = next(iter(JUnitXml.fromfile(str(tmp_path / "report.xml"))))
    [failure] = next(c for c in suite if c.name.startswith("RD206")).result
    assert failure.message.startswith("3 findings: data-export step 'pull-exception-report'")
    assert [line.split(": ")[0] for line in failure.text.splitlines()] == [
        "pre.yaml:50:16", "pre.yaml:56:16", "pre.yaml:64:16"]


def test_unreadable_paths_are_errors(project):
    code, out, _ = run("validate", "--format", "junit", "specs", "gone.yaml", cwd=project)
    assert code == 2
    (project / "report.xml").write_text(out, encoding="utf-8")
    assert cases(project / "report.xml") == [
        ("redesign validate", "specs/post.yaml", "no problems found", "passed"),
        ("redesign validate", "gone.yaml", "RD009 unreadable-path", "error:RD009"),
    ]
    suite = next(iter(JUnitXml.fromfile(str(project / "report.xml"))))
    assert (suite.tests, suite.failures, suite.errors) == (2, 0, 1)
    assert isinstance(next(c for c in suite if c.classname == "gone.yaml").result[0], Error)
    assert not any(isinstance(r, Failure) for c in suite for r in c.result)
