"""The report options of validate and check: formats, --output, --help."""

from __future__ import annotations

import json

import pytest
from junitparser import JUnitXml

from conftest import run
from redesign.cli import REPORT_FORMATS
from redesign.reporters import REPORTER_BY_NAME


def test_the_cli_offers_exactly_the_registered_reporters():
    assert REPORT_FORMATS == tuple(REPORTER_BY_NAME)


def test_one_run_prints_text_and_writes_sarif_and_junit(project):
    code, out, err = run("check", "specs", "--output", "sarif:reports/redesign.sarif",
                         "--output", "junit:reports/redesign.xml", cwd=project)
    assert (code, err) == (1, "")
    assert out.startswith("specs/post.yaml:7:9: error [RD301] ")
    assert out.endswith("2 errors, 1 warning in 1 file\n")
    sarif = json.loads((project / "reports" / "redesign.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["RD301", "RD208", "RD204"]
    suite = next(iter(JUnitXml.fromfile(str(project / "reports" / "redesign.xml"))))
    assert (suite.name, suite.tests, suite.failures) == ("redesign check", 3, 2)
    assert sorted(p.name for p in (project / "reports").iterdir()) == ["redesign.sarif", "redesign.xml"]


def test_output_files_are_never_coloured(project):
    run("check", "specs", "--color", "always", "--output", "text:report.txt", cwd=project)
    assert "\x1b[" not in (project / "report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["report.sarif", "xml:report.xml", "sarif:"])
def test_output_needs_a_known_format_and_a_file(project, value):
    code, _, err = run("check", "specs", "--output", value, cwd=project)
    assert code == 2
    assert (f"Invalid value for '--output': expected FORMAT:FILE with FORMAT one of text, json, "
            f"github, sarif, junit (e.g. sarif:redesign.sarif); got '{value}'") in err


def test_an_unwritable_output_is_a_one_line_usage_error(project):
    (project / "taken").mkdir()
    code, out, err = run("check", "specs", "--output", "sarif:taken", cwd=project)
    assert code == 2
    assert err == "redesign: cannot write taken: Is a directory\n"


@pytest.mark.parametrize("command", ["validate", "check"])
def test_help_describes_every_report_option(command):
    code, out, _ = run(command, "--help")
    assert code == 0
    for option in ("--format [text|json|github|sarif|junit]", "--output FORMAT:FILE",
                   "--fail-on", "--strict", "--baseline FILE", "--write-baseline FILE",
                   "--changed-since REV", "GITHUB_ACTIONS=true", "REDESIGN_RULES_URL",
                   "docs/ci.md"):
        assert option in out, option
