"""`redesign diff` output: text, Markdown and JSON (against its published schema),
exit codes, and colour."""

from __future__ import annotations

import json

import jsonschema
import pytest
from markdown_it import MarkdownIt

from conftest import DIFF_FIXTURES, EXAMPLES, ROOT, run, run_process
from redesign.schema import DIFF_SCHEMA_FILE

SCHEMA = json.loads((ROOT / "schemas" / DIFF_SCHEMA_FILE).read_text(encoding="utf-8"))
FIXTURE_NAMES = sorted(p.name for p in DIFF_FIXTURES.iterdir() if p.is_dir())
HVAC = str(EXAMPLES / "hvac-distributor")


def validate_json(out: str) -> dict:
    data = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    return data


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_json_validates_against_the_published_schema(name):
    code, out, err = run("diff", "--format", "json", str(DIFF_FIXTURES / name))
    assert (code, err) == (0, "")
    data = validate_json(out)
    (diff,) = data["diffs"]
    assert diff["counts"]["added"] + diff["counts"]["removed"] + diff["counts"]["changed"] == len(diff["changes"])


def test_the_schema_rejects_what_the_output_never_holds():
    code, out, _ = run("diff", "--format", "json", str(DIFF_FIXTURES / "billing"))
    data = json.loads(out)
    data["diffs"][0]["changes"][0]["kind"] = "*"
    with pytest.raises(jsonschema.ValidationError, match=r"'\*' is not one of \['\+', '-', '~'\]"):
        jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_json_carries_the_changes_and_both_states_figures():
    code, out, _ = run("diff", "--format", "json", str(DIFF_FIXTURES / "billing"))
    data = validate_json(out)
    assert (data["command"], data["base"], data["summary"]) == (
        "diff", None, {"specs": 1, "with_differences": 1, "changes": 25, "risks": 0})
    (diff,) = data["diffs"]
    assert diff["counts"] == {"added": 4, "removed": 0, "changed": 21, "risks": 0}
    moved = next(c for c in diff["changes"] if c["aspect"] == "fte-moved")
    assert moved == {
        "category": "team", "kind": "+", "subject": "role", "id": "payer-relations-coordinator",
        "was": None, "field": "moved_from", "aspect": "fte-moved", "old": None,
        "new": "billing-coordinator", "risk": None,
        "message": "role payer-relations-coordinator (Payer relations coordinator): added, 1 FTE; "
                   "1 FTE moved billing-coordinator -> payer-relations-coordinator",
    }
    assert diff["figures"]["gates"] == [{
        "id": "denial-appeals-gate", "was": None, "workflow": "denial-appeals",
        "before": {"mode": "individual", "review_minutes_per_week": 1125, "review_minutes_per_reviewer": 375},
        "after": {"mode": "batch", "review_minutes_per_week": 90, "review_minutes_per_reviewer": 45},
    }]
    coordinator = diff["figures"]["roles"][0]
    assert coordinator["id"] == "billing-coordinator"
    assert (coordinator["before"]["caseload"], coordinator["after"]["caseload"]) == (
        {"per_person": 25, "unit": "appeals", "per": "week", "edge_of_capacity": None, "for_role": 75},
        {"per_person": 35, "unit": "appeals", "per": "week", "edge_of_capacity": None, "for_role": 70},
    )
    workflow = diff["figures"]["workflows"][0]
    assert (workflow["before"]["human_minutes_per_week"], workflow["after"]["human_minutes_per_week"],
            workflow["after"]["trigger"]) == (3750, 510, "scheduled ('30 5 * * 1-5')")


@pytest.mark.parametrize("flag, same, different", [([], 0, 0), (["--exit-code"], 0, 1)])
def test_exit_code(flag, same, different):
    post = str(DIFF_FIXTURES / "billing" / "post.yaml")
    code, out, _ = run("diff", *flag, post, post)
    assert (code, out.splitlines()[-1]) == (same, "no differences")
    code, _, _ = run("diff", *flag, str(DIFF_FIXTURES / "billing"))
    assert code == different


def test_text_has_no_colour_off_a_terminal_or_with_no_color():
    risks = str(DIFF_FIXTURES / "risks")
    plain = run_process("diff", risks)
    assert plain.returncode == 0 and "\x1b[" not in plain.stdout
    assert plain.stdout.splitlines()[-1].endswith("4 risks flagged")
    assert "\x1b[" not in run("diff", risks, env={"NO_COLOR": "1"})[1]
    coloured = run("diff", "--color", "always", risks)[1]
    assert "\x1b[31m  ! workflow appeals: a human approval removed" in coloured
    assert "\x1b[33m\x1b[1m~\x1b[0m gate appeals-gate: mode individual -> batch" in coloured
    assert "\x1b[" not in run("diff", "--color", "never", risks)[1]


def test_text_lists_risks_first_and_marks_them():
    code, out, _ = run("diff", str(DIFF_FIXTURES / "risks"))
    assert out.splitlines()[:8] == [
        f"--- {DIFF_FIXTURES / 'risks' / 'pre.yaml'}  (risks, post, revision 1)",
        f"+++ {DIFF_FIXTURES / 'risks' / 'post.yaml'}  (risks, post, revision 2)",
        "",
        "Risks",
        "  ! workflow appeals: a human approval removed: approve or submit steps done by a person "
        "1 -> 0; AI output may leave without a person's approval",
        "  ! gate appeals-gate: individual -> batch review without the readiness evidence: "
        "editing is 30%, at or above 25%: the Foundation is clearly not at quality",
        "  ! gate reminders-gate: the quality gate of workflow reminders is removed and the "
        "workflow remains; the gate never disappears",
        "  ! prerequisite foundation: Foundation at quality no longer met: editing is 30%, at "
        "or above 25%: the Foundation is clearly not at quality",
    ]
    assert "  ~ gate appeals-gate: mode individual -> batch  (risk)" in out.splitlines()


def _tables(markdown: str) -> list[list[list[str]]]:
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables, rows, row = [], None, None
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def test_markdown_is_a_before_after_report():
    code, out, _ = run("diff", "--format", "markdown", HVAC)
    assert code == 0
    assert out.startswith(
        "## hvac-distributor: pre → post\n\nNorthwind HVAC Parts. Compared "
        f"`{EXAMPLES / 'hvac-distributor' / 'pre.yaml'}` (hvac-distributor, pre, revision 1, "
        "effective 2026-01-05) with ")
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings == ["### Team structure", "### Workflows and triggers", "### Quality gates",
                        "### Capacity allocation", "### Metrics", "### Readiness", "### Rollout"]
    team, workflows, gates, allocation, readiness = _tables(out)
    assert team[0] == ["role", "FTE", "accounts or cases per FTE", "week booked", "screen/room %",
                       "screen hours a week per person", "room hours a week per person"]
    assert team[1] == ["cs-coordinator", "1", "45 accounts → 65 accounts (+44%)",
                       "39.6 h (99%) → 35.6 h (89%)", "65/35 → 33/67", "25.6 → 11.6 (-55%)",
                       "14 → 24 (+71%)"]
    assert workflows[1] == ["delay-notifications",
                            "human (cs-coordinator) → automated (on erp-exception-export's exception-report)",
                            "200 notifications", "4.38 → 1.38 (-69%)", "875 → 275 (-69%)"]
    assert gates[1] == ["delay-notifications-gate", "delay-notifications", "individual → batch", "100", "100"]
    assert allocation[1] == ["cs-coordinator", "14", "10", "10",
                             "10 h to Own 20 more accounts at the same service level "
                             "(additional-accounts, measured by accounts-per-coordinator)"]
    assert readiness[1] == ["1. Foundation at quality", "not recorded",
                            "met: 11% editing across 3 workflows, measured 2026-04-24"]
    assert "No change raises risk.\n" in out
    assert "- `~` role cs-coordinator: accounts per coordinator 45 -> 65 (+44%)\n" in out


def test_markdown_calls_the_risks_out_at_the_top():
    code, out, _ = run("diff", "--format", "markdown", str(DIFF_FIXTURES / "risks"))
    top = out[:out.index("### ")]
    assert "> [!WARNING]\n> **4 changes raise risk**\n>\n> - workflow appeals: a human approval removed" in top
    assert "- `~` gate appeals-gate: mode individual -> batch **(risk)**\n" in out


def test_markdown_shows_spec_text_as_written():
    from redesign.diff.report import _md

    assert _md("a <b> | *c* _d_ `e`") == "a &lt;b> \\| \\*c\\* \\_d\\_ \\`e\\`"


def test_an_invalid_side_in_json_is_reported_like_validate(tmp_path):
    broken = tmp_path / "post.yaml"
    broken.write_text((DIFF_FIXTURES / "billing" / "post.yaml").read_text().replace(
        "headcount: 2", "headcount: -2"))
    code, out, _ = run("diff", "--format", "json", str(DIFF_FIXTURES / "billing" / "pre.yaml"), str(broken))
    assert code == 1
    data = json.loads(out)
    assert data["command"] == "diff"
    assert [(d["file"], d["rule"], d["line"]) for d in data["diagnostics"]] == [(str(broken), "RD013", 10)]


def test_help_shows_the_inputs_and_examples():
    code, out, _ = run("diff", "--help")
    assert code == 0
    for text in ("[OLD NEW | DIR]", "--format [text|markdown|json]", "--exit-code", "--base REV",
                 "redesign diff main:specs/acme/post.yaml specs/acme/post.yaml"):
        assert text in out


def test_markdown_caseload_with_a_headcount_change_reads_like_the_seed():
    code, out, _ = run("diff", "--format", "markdown", str(DIFF_FIXTURES / "billing"))
    team = _tables(out)[0]
    assert team[1][:3] == ["billing-coordinator", "3 → 2 (-33%)", "3 × 25 → 2 × 35 appeals per week (+40% per FTE)"]
    assert team[2][0] == "payer-relations-coordinator (moved from billing-coordinator)"
    assert team[-1][:2] == ["all roles", "3"]
