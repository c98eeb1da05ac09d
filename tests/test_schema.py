"""The published JSON Schema: current, valid Draft 2020-12, and agreeing with the models."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT, run, spec
from redesign.schema import DIFF_SCHEMA_FILE, SPEC_SCHEMA_FILE, schema_documents

SCHEMA_PATH = ROOT / "schemas" / SPEC_SCHEMA_FILE
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_committed_schema_is_current():
    code, out, err = run("schema", "--check", str(ROOT / "schemas"))
    assert (code, err) == (0, "")


def test_check_fails_when_stale(tmp_path):
    (tmp_path / SPEC_SCHEMA_FILE).write_text("{}\n")
    code, _, err = run("schema", "--check", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / SPEC_SCHEMA_FILE}: stale or missing" in err
    code, out, _ = run("schema", str(tmp_path))
    assert (code, out) == (0, f"wrote {tmp_path / SPEC_SCHEMA_FILE}\nwrote {tmp_path / DIFF_SCHEMA_FILE}\n")
    assert run("schema", "--check", str(tmp_path))[0] == 0


@pytest.mark.parametrize("name", [SPEC_SCHEMA_FILE, DIFF_SCHEMA_FILE])
def test_schema_is_valid_draft_2020_12(name):
    schema = json.loads((ROOT / "schemas" / name).read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description():
    schema = json.loads(schema_documents()[SPEC_SCHEMA_FILE])
    missing = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, body in definition.get("properties", {}).items()
        if "description" not in body
    ]
    assert missing == []


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_modeline_and_independent_validation(example):
    first = example.read_text().splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{example} must start with a yaml-language-server modeline"
    schema = (example.parent / match.group(1)).resolve()
    assert schema == SCHEMA_PATH.resolve()
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(example)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_independent_client_rejects_an_unknown_top_level_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(spec("surprise: 1\n"))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_PATH), str(bad)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Additional properties are not allowed ('surprise' was unexpected)" in result.stdout
