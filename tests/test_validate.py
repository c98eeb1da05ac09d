"""validate: schema, models and references, each finding at its file:line:col."""

from __future__ import annotations

import json

from conftest import EXAMPLES, findings, run, spec


def test_examples_are_valid():
    code, out, err = run("validate", str(EXAMPLES))
    assert (code, err) == (0, "")
    assert out.endswith("files: no problems found\n")


def test_misspelled_key_wrong_type_and_dangling_reference_in_one_run():
    text = spec("""
        team:
          roles:
            - id: coordinator
              title: Coordinator
              headcount: "two"
        workflows:
          - id: notices
            owner: cordinator
            trigger: {human: coordinator}
            steps:
              - id: draft
                type: draft-generation
                actor: ai
                minuts_per_item: 2
        """)
    assert findings(text) == [
        ("RD011", 8, 18, "'headcount' of role 'coordinator' is the text 'two'; expected a number"),
        ("RD020", 11, 12, "workflow 'notices' names owner 'cordinator', but no role has that id"),
        ("RD010", 17, 9, "unknown key 'minuts_per_item' in step 'draft' of workflow 'notices'"),
    ]


def test_hints_suggest_the_closest_name(tmp_spec):
    path = tmp_spec(spec("""
        workflow:
          - id: x
        """))
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert f"{path}:4:1: error [RD010] unknown key 'workflow' in the spec\n" in out
    assert "  hint: did you mean 'workflows'?\n" in out


def test_text_output_shows_the_source_line_and_a_caret(tmp_spec):
    path = tmp_spec(spec("""
        team:
          roles:
            - {id: lead, title: Lead, headcount: -1}
        """))
    code, out, _ = run("validate", str(path))
    assert code == 1
    assert out == (
        f"{path}:6:42: error [RD013] 'headcount' of role 'lead' must be greater than 0; got the number -1\n"
        "  6 |     - {id: lead, title: Lead, headcount: -1}\n"
        "    |                                          ^^\n"
        "  hint: correct the value\n"
        "1 error in 1 file\n"
    )


def test_color_always_colours_output_that_is_not_a_terminal(tmp_spec):
    path = tmp_spec(spec("team: {roles: [{id: lead, title: Lead, headcount: -1}]}\n"))
    code, out, _ = run("validate", "--color", "always", str(path))
    assert code == 1
    assert f"\x1b[1m{path}:4:51\x1b[0m: \x1b[31m\x1b[1merror\x1b[0m [RD013]" in out
    assert "\x1b[" not in run("validate", str(path))[1]
    assert "\x1b[" not in run("validate", "--color", "auto", str(path), env={"NO_COLOR": "1"})[1]


def test_missing_required_keys_name_the_key_and_what_it_is():
    text = spec("""
        workflows:
          - id: notices
            trigger: {schedule: "0 5 * * 1-5"}
            steps:
              - {id: draft, actor: ai}
        """)
    assert findings(text) == [
        ("RD012", 5, 5, "workflow 'notices' is missing required key 'owner'"),
        ("RD012", 8, 9, "step 'draft' of workflow 'notices' is missing required key 'type'"),
    ]


def test_enum_values_get_a_did_you_mean():
    text = spec("""
        workflows:
          - id: notices
            owner: lead
            trigger: {human: lead}
            steps:
              - {id: draft, type: drafting, actor: ai}
        team:
          roles: [{id: lead, title: Lead}]
        """)
    [(rule, line, column, message)] = findings(text)
    assert (rule, line, column) == ("RD013", 9, 27)
    assert message.startswith("'type' of step 'draft' of workflow 'notices' is the text 'drafting'; expected one of: data-export,")


def test_api_version_and_kind():
    text = "apiVersion: redesign/v2\nkind: Organisation\nmetadata: {name: acme, state: pre}\n"
    assert findings(text) == [
        ("RD014", 1, 13, "apiVersion is 'redesign/v2', but this version reads 'redesign/v1'"),
        ("RD014", 2, 7, "kind is 'Organisation', but this version reads 'Operation'"),
    ]


def test_ids_must_be_kebab_case():
    text = spec("""
        team:
          roles: [{id: Billing Coordinator, title: Billing coordinator}]
        """)
    document_findings = findings(text)
    assert document_findings == [
        ("RD013", 5, 16, "'id' of role 'Billing Coordinator' is not a valid id: 'Billing Coordinator'"),
    ]


def test_rates_written_as_text_or_mapping():
    base = """
        team:
          roles: [{{id: lead, title: Lead}}]
        workflows:
          - id: notices
            owner: lead
            volume: {volume}
            trigger: {{human: lead}}
            steps: [{{id: send, type: submit, actor: lead}}]
        """
    assert findings(spec(base.format(volume="40 notifications per day"))) == []
    assert findings(spec(base.format(volume="{count: 40, unit: notices, per: week}"))) == []
    assert findings(spec(base.format(volume="forty a day"))) == [
        ("RD013", 9, 13, "'volume' of workflow 'notices': expected a rate such as '40 notifications per day', got 'forty a day'"),
    ]


def test_cron_schedules_are_parsed():
    text = spec("""
        team:
          roles: [{id: lead, title: Lead}]
        workflows:
          - id: notices
            owner: lead
            trigger: {schedule: "0 25 * * 1-5"}
            steps: [{id: send, type: submit, actor: lead}]
        """)
    assert findings(text) == [
        ("RD013", 9, 25, "'schedule' of 'trigger' of workflow 'notices': 25 is outside 0-23 in the hour field"),
    ]


def test_trigger_needs_exactly_one_kind():
    text = spec("""
        team:
          roles: [{id: lead, title: Lead}]
        workflows:
          - id: notices
            owner: lead
            trigger: {human: lead, schedule: "0 5 * * *"}
            steps: [{id: send, type: submit, actor: lead}]
        """)
    assert findings(text) == [
        ("RD013", 9, 14, "'trigger' of workflow 'notices': a trigger needs exactly one of 'schedule', "
                          "'workflow' or 'human' (got schedule, human)"),
    ]


def test_references_inside_a_workflow():
    text = spec("""
        team:
          roles: [{id: lead, title: Lead}]
        workflows:
          - id: notices
            owner: lead
            trigger: {human: lead}
            steps:
              - {id: draft, type: draft-generation, actor: ai, outputs: [drafts], on_low_confidence: exeptions}
              - {id: send, type: submit, actor: lead, after: [drat], inputs: [draft]}
              - {id: send, type: other, actor: robot}
        """)
    assert findings(text) == [
        ("RD020", 11, 94, "step 'draft' of workflow 'notices' names low-confidence route 'exeptions', but no step has that id"),
        ("RD020", 12, 55, "step 'send' of workflow 'notices' names earlier step 'drat', but no step has that id"),
        ("RD020", 12, 71, "step 'send' of workflow 'notices' names input 'draft', but no artifact has that id"),
        ("RD021", 13, 14, "step id 'send' is used twice in workflow 'notices' (first at line 12)"),
        ("RD020", 13, 40, "step 'send' of workflow 'notices' names actor 'robot', but no role has that id"),
    ]


def test_duplicate_ids_across_the_spec():
    text = spec("""
        team:
          roles:
            - {id: lead, title: Lead}
            - {id: lead, title: Lead again}
        metrics:
          - {id: m, title: M, kind: room-outcome}
          - {id: m, title: M2, kind: room-outcome}
        """)
    assert findings(text) == [
        ("RD021", 7, 12, "role id 'lead' is used twice (first at line 6)"),
        ("RD021", 10, 10, "metric id 'm' is used twice (first at line 9)"),
    ]


def test_json_format(tmp_spec):
    path = tmp_spec(spec("owner: x\n"))
    code, out, _ = run("validate", "--format", "json", str(path))
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "baselined": 0}
    assert data["diagnostics"] == [{
        "file": str(path), "line": 4, "column": 1, "end_line": 4, "end_column": 6,
        "rule": "RD010", "name": "unknown-key", "severity": "error",
        "message": "unknown key 'owner' in the spec",
        "hint": "known keys here: apiVersion, kind, metadata, calendar, team, workflows, "
                "quality_gates, allocations, metrics, readiness, rollout",
        "path": "$.owner",
    }]


def test_every_file_is_reported_in_one_run(tmp_path):
    (tmp_path / "a.yaml").write_text("a: [\n")
    (tmp_path / "b.yml").write_text(spec("extra: 1\n"))
    (tmp_path / "notes.txt").write_text("not a spec")
    (tmp_path / ".hidden.yaml").write_text("a: [\n")
    code, out, _ = run("validate", "--format", "json", str(tmp_path))
    data = json.loads(out)
    assert code == 1
    assert [(d["file"].rsplit("/", 1)[-1], d["rule"]) for d in data["diagnostics"]] == [
        ("a.yaml", "RD001"), ("b.yml", "RD010"),
    ]


def test_missing_path_is_an_io_error_exit_2(tmp_path):
    code, out, _ = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert f"{tmp_path / 'nope.yaml'}: error [RD009] no such file or directory" in out


def test_glob_patterns_are_expanded(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "post.yaml").write_text(spec())
    code, out, _ = run("validate", str(tmp_path / "**" / "post.yaml"))
    assert (code, out) == (0, "1 file: no problems found\n")
