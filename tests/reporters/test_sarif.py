"""sarif: valid against the official SARIF 2.1.0 schema, with rule metadata,
regions and fingerprints that survive edits elsewhere in the file."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT, SMALL_POST, run
from redesign.catalog import all_rules
from redesign.reporters import DEFAULT_RULES_URL

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def schema_errors(document: dict) -> list[str]:
    """Every way the document breaks the official schema (formats included)."""
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator = validator_class(SCHEMA, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


def sarif(*args: str, cwd: Path, env: dict | None = None) -> tuple[int, dict]:
    code, out, err = run("check", "--format", "sarif", *args, cwd=cwd, env=env)
    assert err == ""
    return code, json.loads(out)


def test_the_validator_is_real():
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    assert validator_class is jsonschema.Draft4Validator  # the schema's own $schema
    assert "uri" in validator_class.FORMAT_CHECKER.checkers
    assert schema_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}) == [
        "runs/0/tool/driver: 'name' is a required property"]
    assert schema_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {
        "name": "x", "informationUri": "not a uri"}}}]}) == [
        "runs/0/tool/driver/informationUri: 'not a uri' is not a 'uri'"]


def test_examples_invalid_and_missing_files_all_validate(tmp_path):
    for example in EXAMPLES.iterdir():
        for spec in example.glob("*.yaml"):
            (tmp_path / f"{example.name}-{spec.name}").write_bytes(spec.read_bytes())
    (tmp_path / "broken.yaml").write_text("apiVersion: [\n", encoding="utf-8")
    (tmp_path / "small.yaml").write_text(SMALL_POST, encoding="utf-8")
    code, document = sarif(".", "missing.yaml", cwd=tmp_path)
    assert code == 2
    assert schema_errors(document) == []
    rules = {r["ruleId"] for r in document["runs"][0]["results"]}
    assert {"RD001", "RD009", "RD204", "RD301", "RD409", "RD206"} <= rules
    assert document["runs"][0]["invocations"] == [{"executionSuccessful": False}]


def test_driver_lists_every_rule_with_its_documentation(project):
    _, document = sarif("specs", cwd=project)
    driver = document["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("redesign", "0.1.0")
    assert driver["informationUri"] == "https://github.com/redesign-ops/redesign"
    catalog = all_rules()
    assert [r["id"] for r in driver["rules"]] == list(catalog)
    rd201 = next(r for r in driver["rules"] if r["id"] == "RD201")
    assert rd201["name"] == "ai-output-unapproved"
    assert rd201["shortDescription"] == {"text": catalog["RD201"].summary}
    assert rd201["fullDescription"] == {"text": catalog["RD201"].explanation}
    assert rd201["help"]["text"] == catalog["RD201"].explanation
    assert rd201["help"]["markdown"].startswith("### RD201 ai-output-unapproved\n")
    assert f"```yaml\n{catalog['RD201'].bad}\n```" in rd201["help"]["markdown"]
    assert rd201["helpUri"] == f"{DEFAULT_RULES_URL}#rd201-ai-output-unapproved"
    assert rd201["defaultConfiguration"] == {"level": "error"}
    assert next(r for r in driver["rules"] if r["id"] == "RD206")["defaultConfiguration"] == {
        "level": "note"}


def test_help_uri_base_is_configurable(project):
    _, document = sarif("specs", cwd=project,
                        env={"REDESIGN_RULES_URL": "https://docs.example.com/redesign/rules.html"})
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == "https://docs.example.com/redesign/rules.html#rd001-yaml-syntax"
    assert schema_errors(document) == []


def test_results_carry_rule_level_location_region_and_fingerprint(project):
    code, document = sarif("specs", cwd=project)
    assert code == 1
    assert schema_errors(document) == []
    run_ = document["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.resolve().as_uri() + "/"}}
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("RD301", "error"), ("RD208", "warning"), ("RD204", "error")]
    for result in results:
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    first = results[0]
    assert first["message"] == {"text": "workflow 'appeals' has AI output but no quality gate\n"
                                        "hint: add to quality_gates: {workflow: appeals, mode: "
                                        "individual, minutes_per_item: <minutes>}"}
    assert first["locations"] == [{
        "physicalLocation": {
            "artifactLocation": {"uri": "specs/post.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 7, "startColumn": 9, "endLine": 7, "endColumn": 16},
        },
        "logicalLocations": [{"fullyQualifiedName": "$.workflows[0].id", "kind": "element"}],
    }]
    assert list(first["partialFingerprints"]) == ["redesign/v1"]
    assert len({r["partialFingerprints"]["redesign/v1"] for r in results}) == 3


def test_a_file_level_finding_has_no_region(tmp_path):
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    _, document = sarif("dangling.yaml", "gone.yaml", cwd=tmp_path)
    assert schema_errors(document) == []
    assert [(r["ruleId"], r["message"]["text"].split("\n")[0], r["locations"])
            for r in document["runs"][0]["results"]] == [
        ("RD009", "cannot read file: No such file or directory",
         [{"physicalLocation": {"artifactLocation": {"uri": "dangling.yaml", "uriBaseId": "%SRCROOT%"}}}]),
        ("RD009", "no such file or directory",
         [{"physicalLocation": {"artifactLocation": {"uri": "gone.yaml", "uriBaseId": "%SRCROOT%"}}}]),
    ]


def fingerprints(document: dict) -> list[tuple[str, int, str]]:
    return [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["partialFingerprints"]["redesign/v1"]) for r in document["runs"][0]["results"]]


def test_fingerprints_survive_edits_elsewhere_in_the_file(project):
    _, before = sarif("specs", cwd=project)
    spec = project / "specs" / "post.yaml"
    spec.write_text("# Acme billing, after the redesign.\n# Reviewed weekly.\n\n" + SMALL_POST,
                    encoding="utf-8")
    _, after = sarif("specs", cwd=project)
    assert [line + 3 for _, line, _ in fingerprints(before)] == [line for _, line, _ in fingerprints(after)]
    assert [f for _, _, f in fingerprints(before)] == [f for _, _, f in fingerprints(after)]

    spec.write_text(SMALL_POST.replace("appeals", "refunds"), encoding="utf-8")
    _, renamed = sarif("specs", cwd=project)
    assert not {f for *_, f in fingerprints(before)} & {f for *_, f in fingerprints(renamed)}


def test_paths_outside_the_working_directory_are_absolute_file_uris(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    _, document = sarif(str(project / "specs"), cwd=elsewhere)
    assert schema_errors(document) == []
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": (project / "specs" / "post.yaml").resolve().as_uri()}


@pytest.mark.parametrize("mutation", [
    lambda d: d["runs"][0]["results"][0].update(level="fatal"),
    lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
    lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].update(helpUri="docs/rules.md#rd001"),
])
def test_the_schema_rejects_a_broken_copy(project, mutation):
    _, document = sarif("specs", cwd=project)
    broken = copy.deepcopy(document)
    mutation(broken)
    assert schema_errors(broken) != []
