"""The documentation: generated documents are current, and say what the models say."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from redesign import docgen
from redesign.docgen import DOCUMENTS, main, spec_reference, walk_models
from redesign.model import Operation

DOCS = ROOT / "docs"


# --------------------------------------------------------------------------
# Generated documents


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_generated_document_is_current(name):
    committed = (ROOT / name).read_text(encoding="utf-8")
    assert committed == DOCUMENTS[name](), f"{name} is stale; run `python -m redesign.docgen`"


def test_check_passes_on_the_repository():
    result = subprocess.run([sys.executable, "-m", "redesign.docgen", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_names_the_stale_file_then_writing_fixes_it(tmp_path, capsys):
    assert main(["--check", "--root", str(tmp_path)]) == 1
    target = tmp_path / "docs" / "spec-reference.md"
    assert capsys.readouterr().err == (
        f"{target}: stale or missing; run `python -m redesign.docgen`\n")

    assert main(["--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == spec_reference()
    assert main(["--check", "--root", str(tmp_path)]) == 0

    target.write_text(spec_reference().replace("headcount", "head_count"), encoding="utf-8")
    assert main(["--check", "--root", str(tmp_path)]) == 1
    assert main(["--root", str(tmp_path)]) == 0
    assert main(["--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out.endswith("generated documents are up to date\n")


def test_spec_reference_is_deterministic():
    assert spec_reference() == spec_reference()


# --------------------------------------------------------------------------
# What the spec reference says


@pytest.mark.parametrize("row", [
    "| `headcount` | number above 0 | default `1` | People in the role, in full-time equivalents (FTE). |",
    "| `day_starts` | HH:MM time | default `08:00` | When the role's working day starts (HH:MM, 24-hour clock). |",
    "| `state` | one of `pre`/`post` | required | `pre`: the operation today; `post`: the operation redesigned around AI. |",
    "| `apiVersion` | `redesign/v1` | required | Version of the spec format: `redesign/v1`. |",
    "| `volume` | [rate](#rate) like '40 notifications per day' | optional "
    "| Items handled, e.g. '40 notifications per day' or '25 appeals per week'. |",
    "| `recovered` | [time rate](#time-rate) like '2 hours per day' | required "
    "| Time per person that goes to this use, e.g. '2 hours per day'. |",
    "| `after` | id, or list of ids | optional | Steps of this workflow that must finish first. |",
    "| `workflows` | list of ids | optional | The deployed workflows the measurement covers. |",
    "| `steps` | list of [Step](#step) mappings | required "
    "| The steps, in any order; `after` gives the ordering. |",
    "| `batch_size` | whole number above 0 | optional "
    "| Items per reviewed batch; defaults to one run's volume. |",
    "| `external` | true/false | default `false` | True when the step's output leaves the organisation. |",
    "| `since` | date YYYY-MM-DD | required | First day of production data. |",
    "| `target` | number or text | optional | The value aimed for (a number, or words). |",
    "| `id` | id | optional | Id of the gate; defaults to '&lt;workflow&gt;-gate'. |",
])
def test_spec_reference_rows(row):
    assert row in spec_reference().splitlines()


def test_spec_reference_has_one_section_per_model_in_reading_order():
    headings = [line[3:] for line in spec_reference().splitlines() if line.startswith("## ")]
    assert headings == [
        "Contents", "Operation", "Metadata", "Calendar", "Team", "Role", "Caseload", "Activity",
        "Workflow", "Trigger", "Step", "Quality gate", "Allocation", "Metric", "Readiness",
        "Thresholds", "Foundation evidence", "Adoption evidence", "Improvement loop evidence",
        "Production data evidence", "Rollout", "Phases", "Phase", "Role transition",
        "Time rate", "Rate",
    ]


def test_role_section_says_where_it_sits_and_what_it_is():
    text = spec_reference()
    section = text[text.index("## Role\n"):text.index("## Caseload\n")]
    assert section.startswith(
        "## Role\n\nWhere: `team.roles[]`.\n\n"
        "A role in the team: how many people hold it, their week, and what they carry.\n\n"
        "| key | type | required or default | description |\n|---|---|---|---|\n"
        "| `id` | id | required | Id that workflows, gates and allocations use to name the role. |\n"
    )
    assert section.count("\n| `") == 11


def test_every_key_of_every_model_has_a_description_and_a_row():
    text = spec_reference()
    for model, _ in walk_models(Operation):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            assert f"| `{info.alias or name}` | " in text


def test_unknown_types_are_refused_rather_than_guessed():
    with pytest.raises(TypeError, match="no plain-words name"):
        docgen.type_words(complex)
