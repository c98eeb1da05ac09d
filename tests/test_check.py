"""check: rules on real files, configuration, suppressions and exit codes."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import EXAMPLES, run

POST_SPEC = """\
apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post}
team:
  roles: [{id: clerk, title: Billing clerk}]
workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: review, type: review, actor: clerk, inputs: [letters]}
"""


def ids_and_lines(out: str) -> list[tuple[str, int]]:
    data = json.loads(out)
    return [(d["rule"], d["line"]) for d in data["diagnostics"]]


def test_example_posts_check_clean():
    code, out, err = run("check", *sorted(str(p) for p in EXAMPLES.glob("*/post.yaml")))
    assert (code, err) == (0, ""), out
    assert out.endswith("no problems found\n")


def test_hvac_pre_lists_what_makes_it_a_pre_state():
    code, out, _ = run("check", "--format", "json", str(EXAMPLES / "hvac-distributor" / "pre.yaml"))
    assert code == 0
    assert ids_and_lines(out) == [
        ("RD409", 27), ("RD503", 28), ("RD206", 50), ("RD206", 56), ("RD206", 64), ("RD303", 89),
    ]


def test_errors_fail_warnings_only_when_strict(tmp_spec):
    path = tmp_spec(POST_SPEC)
    code, out, _ = run("check", "--format", "json", str(path))
    assert code == 1
    assert [(d["rule"], d["line"], d["column"], d["severity"]) for d in json.loads(out)["diagnostics"]] == [
        ("RD601", 3, 31, "error"), ("RD601", 3, 31, "error"), ("RD601", 3, 31, "error"),
        ("RD601", 3, 31, "error"), ("RD205", 11, 52, "warning"), ("RD207", 12, 14, "warning"),
    ]
    warnings_only = tmp_spec("ignore: [RD6]\n", ".redesign.yaml")
    assert run("check", "--config", str(warnings_only), str(path))[0] == 0
    assert run("check", "--config", str(warnings_only), "--strict", str(path))[0] == 1
    assert run("check", "--config", str(warnings_only), "--fail-on", "warning", str(path))[0] == 1
    infos_only = tmp_spec("select: [RD206]\n", "infos.yaml")
    pre = tmp_spec(POST_SPEC.replace("state: post", "state: pre"), "pre.yaml")
    assert run("check", "--config", str(infos_only), "--strict", str(pre))[0] == 0
    assert run("check", "--config", str(infos_only), "--fail-on", "info", str(pre))[0] == 1


def test_suppression_on_the_line_and_unused_suppression(tmp_spec):
    text = POST_SPEC.replace(
        "      - {id: review, type: review, actor: clerk, inputs: [letters]}",
        "      - {id: review, type: review, actor: clerk, inputs: [letters]}  # redesign: ignore[RD207]",
    ).replace("  - id: appeals", "  - id: appeals  # redesign: ignore[RD999]")
    path = tmp_spec(text)
    code, out, _ = run("check", "--format", "json", "--config", str(tmp_spec("select: [RD2, RD090]\n", ".redesign.yaml")), str(path))
    assert code == 0
    data = json.loads(out)
    assert [(d["rule"], d["line"], d["message"]) for d in data["diagnostics"]] == [
        ("RD205", 11, "draft-generation step 'draft' of workflow 'appeals' is done by 'clerk'; in the redesign this screen work is automated or scheduled"),
    ]


def test_suppression_of_a_node_covers_its_lines(tmp_spec):
    text = textwrap.dedent("""\
        apiVersion: redesign/v1
        kind: Operation
        metadata: {name: acme, state: post}
        team:
          roles: [{id: clerk, title: Billing clerk}]
        workflows:
          - id: appeals  # redesign: ignore[RD205, RD207]
            owner: clerk
            trigger: {human: clerk}
            steps:
              - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
              - {id: review, type: review, actor: clerk, inputs: [letters], on_reject: draft}
        """)
    config = tmp_spec("select: [RD2, RD090]\n", ".redesign.yaml")
    code, out, _ = run("check", "--format", "json", "--config", str(config), str(tmp_spec(text)))
    assert ids_and_lines(out) == [("RD090", 7)]
    assert json.loads(out)["diagnostics"][0]["message"] == "suppression of RD207 matches no finding"


def test_config_from_pyproject_beside_the_specs(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.redesign]
        ignore = ["RD6"]
        severity = { RD205 = "error" }
        """))
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "post.yaml").write_text(POST_SPEC)
    code, out, _ = run("check", "--format", "json", str(tmp_path / "specs"))
    data = json.loads(out)
    assert code == 1
    assert [(d["rule"], d["severity"]) for d in data["diagnostics"]] == [
        ("RD205", "error"), ("RD207", "warning")]


def test_strict_preset_turns_warnings_into_errors(tmp_path):
    (tmp_path / ".redesign.yaml").write_text("preset: strict\nselect: [RD207]\n")
    (tmp_path / "post.yaml").write_text(POST_SPEC)
    code, out, _ = run("check", "--format", "json", str(tmp_path / "post.yaml"))
    assert code == 1
    assert [(d["rule"], d["severity"]) for d in json.loads(out)["diagnostics"]] == [("RD207", "error")]


def test_rule_options_from_config(tmp_path):
    spec = POST_SPEC.replace(
        "    trigger: {human: clerk}",
        "    volume: 34 letters per week\n    trigger: {human: clerk}",
    ).replace(
        "      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}",
        "      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters], minutes_per_item: 60}",
    )
    (tmp_path / "post.yaml").write_text(spec)
    (tmp_path / ".redesign.yaml").write_text("select: [RD402]\n")
    code, out, _ = run("check", "--format", "json", str(tmp_path / "post.yaml"))
    assert json.loads(out)["diagnostics"] == []
    (tmp_path / ".redesign.yaml").write_text("select: [RD402]\nrules:\n  RD402: {ceiling_percent: 80}\n")
    code, out, _ = run("check", "--format", "json", str(tmp_path / "post.yaml"))
    [finding] = json.loads(out)["diagnostics"]
    assert finding["message"] == (
        "role 'clerk' has 34 hours a week of workflow steps for 40 available (85%), above the 80% ceiling")


@pytest.mark.parametrize("config, message", [
    ("selct: [RD2]\n", "Extra inputs are not permitted"),
    ("ignore: [RD999]\n", "'RD999' matches no rule id"),
    ("rules:\n  RD402: {ceiling: 80}\n", "rules.RD402.ceiling: unknown option (options of RD402: ceiling_percent)"),
    ("rules:\n  RD402: {ceiling_percent: high}\n", "rules.RD402.ceiling_percent: expected a number"),
    ("preset: lenient\n", "preset: Input should be 'recommended' or 'strict'"),
])
def test_configuration_errors_exit_2(tmp_path, config, message):
    (tmp_path / ".redesign.yaml").write_text(config)
    (tmp_path / "post.yaml").write_text(POST_SPEC)
    code, out, err = run("check", str(tmp_path / "post.yaml"))
    assert code == 2
    assert err.startswith(f"redesign: configuration error: {tmp_path / '.redesign.yaml'}")
    assert message in err


def test_invalid_spec_is_not_checked(tmp_spec):
    path = tmp_spec(POST_SPEC.replace("owner: clerk", "owner: nobody"))
    code, out, _ = run("check", "--format", "json", str(path))
    assert code == 1
    assert ids_and_lines(out) == [("RD020", 8)]


def test_explain_and_rules():
    code, out, _ = run("explain", "RD201")
    assert code == 0
    assert out.startswith("RD201 ai-output-unapproved (human and automated ordering, default severity: error)\n")
    assert "Fails:\n" in out and "Passes:\n" in out
    assert out.endswith("More: docs/rules.md#rd201-ai-output-unapproved\n")
    assert run("explain", "ai-output-unapproved")[1] == out
    code, _, err = run("explain", "RD2O1")
    assert code == 2
    assert err == "redesign: no rule 'RD2O1'; did you mean RD201?\n"
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    assert len(json.loads(out)) >= 18 + 17


def test_stale_rules_doc_is_caught():
    from redesign.docgen import DOCUMENTS
    from redesign.explain import rules_markdown

    assert DOCUMENTS["docs/rules.md"]() == rules_markdown()


def test_parallel_run_reports_what_a_single_process_does(tmp_path):
    for index in range(4):
        (tmp_path / f"spec-{index}.yaml").write_text(POST_SPEC if index % 2 else POST_SPEC.replace("owner: clerk", "owner: nobody"))
    serial = run("check", "--format", "json", str(tmp_path))
    parallel = run("check", "--format", "json", "-j", "2", str(tmp_path))
    assert parallel == serial
    assert serial[0] == 1
    text_serial = run("check", str(tmp_path))
    assert run("check", "-j", "0", str(tmp_path)) == text_serial
    assert run("validate", "-j", "2", "--format", "json", str(tmp_path)) == run(
        "validate", "--format", "json", str(tmp_path))
