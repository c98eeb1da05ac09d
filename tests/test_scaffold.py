"""init: a pre/post pair that teaches the format, validates and is fmt-clean."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from conftest import ROOT, run
from redesign.loader import load_file
from redesign.model import Operation
from redesign.scaffold import (
    find_schema,
    new_operation,
    next_monday,
    scaffold_operation,
    schema_reference,
)
from redesign.schema import SPEC_SCHEMA_FILE
from redesign.validate import validate_paths

MODELINE = "# yaml-language-server: $schema="


def spec_files(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in ("pre.yaml", "post.yaml")}


def operation(path: Path) -> Operation:
    return Operation.model_validate(load_file(path).data)


def test_init_writes_a_pair_that_validates_and_is_fmt_clean(tmp_path):
    code, out, err = run("init", "--name", "acme-billing", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == (
        "wrote schemas/redesign-v1.schema.json\n"
        "wrote specs/acme-billing/pre.yaml\n"
        "wrote specs/acme-billing/post.yaml\n"
        "next: replace the placeholders, then run `redesign validate specs/acme-billing`\n"
    )
    assert run("validate", "specs", cwd=tmp_path) == (0, "2 files: no problems found\n", "")
    assert run("fmt", "--check", "specs", cwd=tmp_path) == (0, "", "2 files already formatted\n")


def test_names_roles_and_sector_reach_the_specs(tmp_path):
    code, _, _ = run("init", "--name", "acme-billing", "--organisation", "Acme: Billing & Co",
                     "--sector", "Healthcare billing", "--role",
                     "billing-coordinator:Billing coordinator", "--role", "payer-lead",
                     "--role", "ops:'Ops' # lead", cwd=tmp_path)
    assert code == 0
    directory = tmp_path / "specs" / "acme-billing"
    assert run("validate", str(directory)) == (0, "2 files: no problems found\n", "")
    assert run("fmt", "--check", str(directory))[0] == 0
    pre, post = operation(directory / "pre.yaml"), operation(directory / "post.yaml")
    for spec in (pre, post):
        assert spec.metadata.name == "acme-billing"
        assert spec.metadata.organisation == "Acme: Billing & Co"
        assert spec.metadata.sector == "Healthcare billing"
        assert [(r.id, r.title) for r in spec.team.roles] == [
            ("billing-coordinator", "Billing coordinator"), ("payer-lead", "Payer lead"),
            ("ops", "'Ops' # lead")]
        assert spec.workflows[0].owner == "billing-coordinator"
    assert post.workflow("client-updates").step("handle-exceptions").escalate_to == "payer-lead"
    assert post.readiness.improvement_loop.owner == "payer-lead"


def test_pre_is_all_human_and_post_has_the_redesign_shape(tmp_path):
    run("init", "--name", "acme", cwd=tmp_path)
    directory = tmp_path / "specs" / "acme"
    pre, post = operation(directory / "pre.yaml"), operation(directory / "post.yaml")
    assert pre.metadata.state == "pre" and post.metadata.state == "post"
    assert pre.workflows[0].trigger.kind == "human"
    assert all(step.is_human for step in pre.workflows[0].steps)
    assert [gate.mode for gate in pre.quality_gates] == ["individual"]

    workflow = post.workflow("client-updates")
    assert workflow.trigger.kind == "schedule"
    actors = {step.id: step.actor for step in workflow.steps}
    assert actors == {"export-report": "automated", "draft-updates": "ai",
                      "review-batch": "coordinator", "adjust-drafts": "coordinator",
                      "handle-exceptions": "coordinator", "approve-and-send": "coordinator"}
    send = workflow.step("approve-and-send")
    assert send.external and send.type == "submit" and send.is_human
    assert workflow.step("draft-updates").on_low_confidence == "handle-exceptions"
    assert [(g.mode, g.step) for g in post.quality_gates] == [("batch", "review-batch")]
    [allocation] = post.allocations
    assert (allocation.measured_by, str(allocation.recovered)) == (
        "client-retention", "2 hours per day")
    assert post.metric("client-retention").replaces == "updates-drafted"
    assert post.metric("updates-drafted").status == "retired"
    assert post.readiness.foundation.editing_percent == 100  # a placeholder that fails the gate
    assert post.team.pattern == "room-work-deepening"


def test_comments_teach_each_section(tmp_path):
    run("init", "--name", "acme", cwd=tmp_path)
    post = (tmp_path / "specs" / "acme" / "post.yaml").read_text(encoding="utf-8")
    for phrase in ("# Component 1, team structure", "# Component 2, workflows",
                   "human-initiated", "# Component 3, quality gates",
                   "# Component 4, capacity allocation", "# Component 5, metrics",
                   "# Readiness:", "# PLACEHOLDERS:", "# Rollout."):
        assert phrase in post
    pre = (tmp_path / "specs" / "acme" / "pre.yaml").read_text(encoding="utf-8")
    assert "people start every step" in pre


def test_the_start_date_sets_the_seed_timeline(tmp_path):
    run("init", "--name", "acme", "--start", "2026-01-05", cwd=tmp_path)
    directory = tmp_path / "specs" / "acme"
    pre, post = operation(directory / "pre.yaml"), operation(directory / "post.yaml")
    assert pre.metadata.effective == date(2026, 1, 5)
    assert post.metadata.effective == date(2026, 7, 6)
    phases = post.rollout.phases
    assert (phases.foundation.starts, phases.foundation.ends) == (date(2026, 1, 5), date(2026, 2, 15))
    assert (phases.adoption.starts, phases.adoption.ends) == (date(2026, 2, 16), date(2026, 4, 26))
    assert phases.redesign.starts == date(2026, 4, 27)
    assert [(t.stage, t.date) for t in post.rollout.transitions] == [
        ("informal-allocation", date(2026, 4, 27)),
        ("informal-expansion", date(2026, 5, 4)),
        ("formal-redesign", date(2026, 7, 6)),
    ]


def test_the_default_start_is_the_next_monday():
    assert next_monday(date(2026, 1, 5)) == date(2026, 1, 5)  # a Monday
    assert next_monday(date(2026, 1, 6)) == date(2026, 1, 12)
    assert next_monday(date(2026, 1, 11)) == date(2026, 1, 12)


# --------------------------------------------------------------------------
# Overwriting


def test_init_refuses_to_overwrite_without_force(tmp_path):
    run("init", "--name", "acme", cwd=tmp_path)
    directory = tmp_path / "specs" / "acme"
    (directory / "post.yaml").write_text("# mine\n", encoding="utf-8")
    before = spec_files(directory)
    code, out, err = run("init", "--name", "acme", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == ("redesign init: specs/acme/pre.yaml and specs/acme/post.yaml already exist; "
                   "pass --force to overwrite, or choose another --dir\n")
    assert spec_files(directory) == before


def test_one_existing_file_is_enough_to_refuse(tmp_path):
    directory = tmp_path / "here"
    directory.mkdir()
    (directory / "pre.yaml").write_text("# mine\n", encoding="utf-8")
    code, _, err = run("init", "--name", "acme", "--dir", "here", cwd=tmp_path)
    assert code == 2
    assert err == ("redesign init: here/pre.yaml already exists; "
                   "pass --force to overwrite, or choose another --dir\n")
    assert not (directory / "post.yaml").exists()


def test_force_overwrites(tmp_path):
    run("init", "--name", "acme", cwd=tmp_path)
    post = tmp_path / "specs" / "acme" / "post.yaml"
    post.write_text("# mine\n", encoding="utf-8")
    code, out, _ = run("init", "--name", "acme", "--force", cwd=tmp_path)
    assert code == 0
    assert out.splitlines()[:2] == ["wrote specs/acme/pre.yaml", "wrote specs/acme/post.yaml"]
    assert post.read_text(encoding="utf-8").startswith(MODELINE)


def test_a_file_where_the_directory_should_be_is_refused(tmp_path):
    (tmp_path / "taken").write_text("", encoding="utf-8")
    code, _, err = run("init", "--name", "acme", "--dir", "taken", cwd=tmp_path)
    assert (code, err) == (2, "redesign init: taken is a file, not a directory; "
                              "choose another --dir\n")


def test_a_directory_that_cannot_be_made_is_one_line_and_nothing_is_written(tmp_path):
    (tmp_path / "taken").write_text("", encoding="utf-8")
    code, out, err = run("init", "--name", "acme", "--dir", "taken/acme", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err == ("redesign init: cannot write taken/acme: Not a directory; "
                   "check that the directory is writable\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


# --------------------------------------------------------------------------
# Options


@pytest.mark.parametrize("args, message", [
    ([], "--name is required; give the operation's kebab-case id, e.g. --name acme-billing"),
    (["--name", "Acme Billing"], "--name 'Acme Billing' is not kebab-case; use lower-case "
                                 "letters, digits and single hyphens, e.g. 'acme-billing'"),
    (["--name", "acme", "--role", "Lead:Team lead"],
     "--role 'Lead:Team lead': the id 'Lead' is not kebab-case; write --role ID[:Title], "
     "e.g. --role billing-coordinator:'Billing coordinator'"),
    (["--name", "acme", "--role", "lead", "--role", "lead:Other"],
     "--role 'lead' is given twice; give each role its own id"),
    (["--name", "acme", "--start", "5 January"],
     "--start '5 January' is not a date; write it as YYYY-MM-DD, e.g. --start 2026-01-05"),
    (["--name", "acme", "--organisation", " "],
     "--organisation is empty; leave --organisation out, or give a name"),
])
def test_bad_options_are_one_line_each_and_write_nothing(tmp_path, args, message):
    code, out, err = run("init", *args, cwd=tmp_path)
    assert (code, out, err) == (2, "", f"redesign init: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_every_bad_option_is_reported_in_one_run(tmp_path):
    code, _, err = run("init", "--name", "X", "--role", "A B", "--start", "soon", cwd=tmp_path)
    assert code == 2
    assert [line[:27] for line in err.splitlines()] == [
        "redesign init: --name 'X' i",
        "redesign init: --role 'A B'",
        "redesign init: --start 'soo",
    ]


def test_init_help_has_examples():
    code, out, _ = run("init", "--help")
    assert code == 0
    assert "redesign init --name acme-billing --organisation 'Acme Billing'" in out


# --------------------------------------------------------------------------
# The schema the modeline points at


def modeline(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    return first[len(MODELINE):]


def test_the_nearest_schema_above_the_directory_is_used(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / SPEC_SCHEMA_FILE).write_text("{}", encoding="utf-8")
    code, out, _ = run("init", "--name", "acme", "--dir", "clients/acme/specs", cwd=tmp_path)
    assert code == 0
    assert "schema" not in out
    assert modeline(tmp_path / "clients/acme/specs/pre.yaml") == (
        "../../../schemas/redesign-v1.schema.json")


def test_in_the_repository_the_modeline_points_at_the_committed_schema():
    directory = ROOT / "specs" / "acme"
    assert schema_reference(directory, find_schema(directory)) == (
        "../../schemas/redesign-v1.schema.json")


def test_without_a_schema_it_is_written_at_the_repository_root(tmp_path):
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (tmp_path / "schemas").mkdir()  # outside the repository: not used
    (tmp_path / "schemas" / SPEC_SCHEMA_FILE).write_text("{}", encoding="utf-8")
    code, out, _ = run("init", "--name", "acme", cwd=repository)
    assert code == 0
    assert out.splitlines()[0] == "wrote schemas/redesign-v1.schema.json"
    assert (repository / "schemas" / SPEC_SCHEMA_FILE).is_file()
    assert modeline(repository / "specs/acme/post.yaml") == "../../schemas/redesign-v1.schema.json"
    assert run("validate", "specs", cwd=repository)[0] == 0


def test_outside_a_repository_the_schema_goes_under_the_current_directory(tmp_path):
    code, _, _ = run("init", "--name", "acme", "--dir", "a/b", cwd=tmp_path)
    assert code == 0
    assert (tmp_path / "schemas" / SPEC_SCHEMA_FILE).is_file()
    assert modeline(tmp_path / "a/b/pre.yaml") == "../../schemas/redesign-v1.schema.json"


def test_a_directory_outside_the_current_one_gets_its_own_schema(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    request, problems = new_operation("acme", directory=str(there))
    assert problems == []
    scaffold = scaffold_operation(request, cwd=here)
    assert scaffold.ok
    assert (there / "schemas" / SPEC_SCHEMA_FILE).is_file()
    assert modeline(there / "pre.yaml") == "schemas/redesign-v1.schema.json"
    assert validate_paths([str(there / "pre.yaml"), str(there / "post.yaml")]).diagnostics == []


def test_the_templates_ship_as_package_data():
    templates = resources.files("redesign") / "templates" / "init"
    assert sorted(p.name for p in templates.iterdir()) == ["post.yaml.j2", "pre.yaml.j2"]
