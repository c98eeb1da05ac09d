"""The documentation: generated documents are current, and say what the models say."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, run
from redesign import docgen
from redesign.docgen import DOCUMENTS, main, spec_reference, walk_models
from redesign.loader import load_text
from redesign.model import Operation
from redesign.validate import validate_document

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
    rules = tmp_path / "docs" / "rules.md"
    assert capsys.readouterr().err == (
        f"{target}: stale or missing; run `python -m redesign.docgen`\n"
        f"{rules}: stale or missing; run `python -m redesign.docgen`\n")

    assert main(["--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\nwrote {rules}\n"
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
    "| Items handled, e.g. '40 notifications per day' or '25 appeals per week'. For a workflow "
    "a person starts, its period also sets how often it runs (per day: once each working day). |",
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


# --------------------------------------------------------------------------
# The tutorial: every complete spec in it validates, every output it shows is real

TUTORIAL = DOCS / "tutorial.md"
SPEC_BLOCK = re.compile(r"<!-- spec: ([a-z0-9-]+) -->\n```yaml\n(.*?)\n```\n", re.DOTALL)
OUTPUT_BLOCK = re.compile(r"<!-- output: ([a-z0-9-]+) -->\n```text\n\$ (.*?)\n(.*?)```\n", re.DOTALL)


def marked_blocks(pattern: re.Pattern, marker: str, text: str) -> dict[str, tuple[str, ...]]:
    blocks = {match.group(1): match.groups()[1:] for match in pattern.finditer(text)}
    assert len(blocks) == text.count(f"<!-- {marker}: "), \
        f"every '{marker}' marker must sit right before its code fence, with a unique name"
    return blocks


def tutorial_specs() -> dict[str, str]:
    text = TUTORIAL.read_text(encoding="utf-8")
    return {name: body + "\n" for name, (body,) in marked_blocks(SPEC_BLOCK, "spec", text).items()}


def test_tutorial_marks_its_complete_specs():
    specs = tutorial_specs()
    assert len(specs) >= 2
    assert sorted(specs) == ["tutorial-minimal", "tutorial-post", "tutorial-pre"]


@pytest.mark.parametrize("name", sorted(tutorial_specs()))
def test_tutorial_spec_validates(name):
    operation, diagnostics = validate_document(load_text(tutorial_specs()[name], f"{name}.yaml"))
    assert [(d.rule, d.line, d.column, d.message) for d in diagnostics] == []
    assert operation is not None


def test_tutorial_pre_and_post_are_two_states_of_one_operation():
    specs = tutorial_specs()
    pre, _ = validate_document(load_text(specs["tutorial-pre"], "pre.yaml"))
    post, _ = validate_document(load_text(specs["tutorial-post"], "post.yaml"))
    assert (pre.metadata.name, pre.state) == ("harbour-lane", "pre")
    assert (post.metadata.name, post.state) == ("harbour-lane", "post")
    assert specs["tutorial-pre"].startswith(specs["tutorial-minimal"])


def _with_typos(pre: str) -> str:
    """The tutorial's pre spec with the three mistakes its section 8 describes."""
    for old, new in [
        ('title: "Rent, deposit and tenancy paperwork",', "title: Rent, deposit and tenancy paperwork,"),
        ("    owner: property-coordinator\n", "    owner: property-cordinator\n"),
        ("        outputs: [triaged-requests]\n        minutes_per_item: 2\n",
         "        outputs: [triaged-requests]\n        minuts_per_item: 2\n"),
    ]:
        assert pre.count(old) == 1, old
        pre = pre.replace(old, new)
    return pre


def _files_for_output(name: str) -> dict[str, str]:
    specs = tutorial_specs()
    return {
        "tutorial-minimal": {"pre.yaml": specs["tutorial-minimal"]},
        "tutorial-typos": {"pre.yaml": _with_typos(specs["tutorial-pre"])},
        "tutorial-pair": {"pre.yaml": specs["tutorial-pre"], "post.yaml": specs["tutorial-post"]},
    }[name]


def tutorial_outputs() -> dict[str, tuple[str, str]]:
    return marked_blocks(OUTPUT_BLOCK, "output", TUTORIAL.read_text(encoding="utf-8"))


def test_tutorial_marks_its_outputs():
    assert sorted(tutorial_outputs()) == ["tutorial-minimal", "tutorial-pair", "tutorial-typos"]


@pytest.mark.parametrize("name", sorted(tutorial_outputs()))
def test_tutorial_output_is_what_redesign_prints(name, tmp_path):
    command, shown = tutorial_outputs()[name]
    folder = tmp_path / "specs" / "harbour-lane"
    folder.mkdir(parents=True)
    for file_name, text in _files_for_output(name).items():
        (folder / file_name).write_text(text, encoding="utf-8")
    program, *args = command.split()
    assert program == "redesign"
    code, out, err = run(*args, cwd=tmp_path)
    assert (out, err) == (shown, "")
    assert code == (1 if "error" in shown else 0)


# --------------------------------------------------------------------------
# Links between the pages


def _parse(path: Path):
    return MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))


def github_anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    tokens = _parse(path)
    return {github_anchor(tokens[i + 1].content)
            for i, token in enumerate(tokens) if token.type == "heading_open"}


def links(path: Path) -> list[str]:
    return [child.attrs["href"] for token in _parse(path) if token.type == "inline"
            for child in token.children or [] if child.type == "link_open"]


def test_anchor_slugs_follow_github():
    assert github_anchor("1. From an empty file to a valid spec") == "1-from-an-empty-file-to-a-valid-spec"
    assert github_anchor("Component 3: a batch gate") == "component-3-a-batch-gate"


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_links_between_pages_resolve(page):
    source = DOCS / page
    broken = []
    for href in links(source):
        if re.match(r"^[a-z]+:", href):
            continue
        target_name, _, fragment = href.partition("#")
        target = (source.parent / target_name).resolve() if target_name else source
        if not target.exists():
            broken.append(href)
        elif fragment and fragment not in anchors(target):
            broken.append(href)
    assert broken == []


def test_readme_links_every_page():
    readme_links = links(ROOT / "README.md")
    for page in ("index.md", "tutorial.md", "concepts.md", "spec-reference.md", "ci.md"):
        assert f"docs/{page}" in readme_links


# --------------------------------------------------------------------------
# docs/ci.md: every configuration it shows is valid for its tool, every
# command parses, and the output it shows is what redesign prints

CI_PAGE = DOCS / "ci.md"


def ci_blocks(marker: str) -> dict[str, str]:
    pattern = re.compile(rf"<!-- {marker}: ([a-z0-9-]+) -->\n```yaml\n(.*?)\n```\n", re.DOTALL)
    text = CI_PAGE.read_text(encoding="utf-8")
    return {name: body + "\n" for name, (body,) in marked_blocks(pattern, marker, text).items()}


@pytest.mark.parametrize("marker, schema, names", [
    ("github-workflow", "vendor.github-workflows", ["action", "plain"]),
    ("gitlab-ci", "vendor.gitlab-ci", ["changed", "junit"]),
])
def test_ci_configurations_are_valid(tmp_path, marker, schema, names):
    blocks = ci_blocks(marker)
    assert sorted(blocks) == names
    files = []
    for name, body in blocks.items():
        files.append(tmp_path / f"{name}.yml")
        files[-1].write_text(body, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                             *map(str, files)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_pre_commit_config_is_valid_and_names_our_hooks(tmp_path):
    from ruamel.yaml import YAML

    [body] = ci_blocks("pre-commit-config").values()
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(body, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config)],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    ours = {hook["id"] for hook in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    used = {hook["id"] for repo in YAML(typ="safe").load(body)["repos"] for hook in repo["hooks"]}
    assert used <= ours


def test_ci_action_example_uses_declared_inputs():
    from ruamel.yaml import YAML

    workflow = YAML(typ="safe").load(ci_blocks("github-workflow")["action"])
    [step] = [s for s in workflow["jobs"]["check"]["steps"] if s["uses"].startswith("redesign-ops/")]
    inputs = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    assert set(step["with"]) <= set(inputs)
    table = CI_PAGE.read_text(encoding="utf-8").split("### With the action")[1].split("### Without")[0]
    assert sorted(re.findall(r"^\| `([a-z-]+)` \|", table, re.M)) == sorted(inputs)


def redesign_commands(text: str) -> list[list[str]]:
    """Every `redesign validate|check ...` command in the page's code."""
    import shlex

    commands = []
    for line in text.splitlines():
        line = re.sub(r"\$\{\{.*?\}\}", "EXPRESSION", line)  # a GitHub expression is one word
        for match in re.finditer(r"(?:^|[\s`$])(redesign (?:validate|check) [^`#\n]*)", line):
            command = match.group(1).strip().rstrip('"')
            commands.append(shlex.split(command)[1:])
    return commands


def test_ci_commands_parse():
    from redesign.cli import cli

    commands = redesign_commands(CI_PAGE.read_text(encoding="utf-8"))
    assert len(commands) >= 10
    for args in commands:
        name, *rest = args
        with cli.commands[name].make_context(name, list(rest)) as ctx:
            assert ctx.params["paths"], args


def test_ci_annotation_output_is_what_redesign_prints():
    from conftest import run_process

    [(name, (command, shown))] = marked_blocks(OUTPUT_BLOCK, "output",
                                               CI_PAGE.read_text(encoding="utf-8")).items()
    environment, program, *args = command.split()
    assert (environment, program) == ("GITHUB_ACTIONS=true", "redesign")
    result = run_process(*args, cwd=ROOT, env={"GITHUB_ACTIONS": "true"})
    assert (result.stdout, result.stderr, result.returncode) == (shown, "", 0)


def test_readme_library_example_runs(tmp_path, monkeypatch):
    """The Python block of the README runs as written, from the repository root."""
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"## Library.*?```python\n(.*?)```", readme, flags=re.S)
    monkeypatch.chdir(ROOT)
    block = block.replace('"build/runbooks"', repr(str(tmp_path / "runbooks")))
    printed: list[str] = []
    exec(compile(block, "README.md", "exec"), {"print": lambda *a: printed.append(" ".join(map(str, a)))})
    screen, room = (float(x) for x in printed[-2].strip("()").split(", "))
    assert (round(screen), round(room)) == (33, 67)
    assert printed[-1].startswith("3 steps automated, 1 trigger human -> automated, 1 gate individual -> batch, "
                                  "accounts per coordinator 45 -> 65 (+44%)")
    assert (tmp_path / "runbooks" / "hvac-distributor" / "post" / "index.md").is_file()
