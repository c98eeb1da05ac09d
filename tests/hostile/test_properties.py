"""Property-based tests: valid specs round-trip through the model; mutated
specs never crash a command (they get findings, exit 1 or 2, never 3)."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import EXAMPLES, run
from redesign.loader import load_text
from redesign.model import Operation
from redesign.validate import validate_document

IDS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
    min_size=1, max_size=30,
).filter(lambda s: s.strip() == s and s.strip())
STEP_TYPES = ["data-export", "ai-processing", "triage", "draft-generation", "review", "edit",
              "approve", "submit", "exception-handling", "other"]


@st.composite
def specs(draw):
    """A valid spec as plain data: unique ids, and references that resolve."""
    role_ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    roles = [
        {"id": role_id, "title": draw(TEXT),
         "headcount": draw(st.sampled_from([1, 2, 0.5, 3])),
         "hours_per_week": draw(st.sampled_from([20, 37.5, 40])),
         "caseload": {"per_person": draw(st.integers(1, 90)), "unit": "accounts"}}
        for role_id in role_ids
    ]
    metric_ids = draw(st.lists(IDS, min_size=0, max_size=3, unique=True))
    metrics = [{"id": m, "title": draw(TEXT), "kind": draw(st.sampled_from(["screen-volume", "room-outcome"]))}
               for m in metric_ids]
    workflows = []
    for workflow_id in draw(st.lists(IDS, min_size=1, max_size=3, unique=True)):
        step_ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
        steps = []
        for index, step_id in enumerate(step_ids):
            step = {"id": step_id, "type": draw(st.sampled_from(STEP_TYPES)),
                    "actor": draw(st.sampled_from(role_ids + ["ai", "automated"]))}
            if index:
                step["after"] = draw(st.lists(st.sampled_from(step_ids[:index]), max_size=2, unique=True))
            if draw(st.booleans()):
                step["minutes_per_item"] = draw(st.sampled_from([0.5, 1, 2.25, 15]))
            if draw(st.booleans()):
                step["outputs"] = [f"{step_id}-out"]
            steps.append(step)
        trigger = draw(st.sampled_from([
            {"human": draw(st.sampled_from(role_ids))},
            {"schedule": draw(st.sampled_from(["0 5 * * 1-5", "30 6 * * *", "@daily", "*/15 8-17 * * mon-fri"]))},
        ]))
        workflows.append({
            "id": workflow_id, "owner": draw(st.sampled_from(role_ids)),
            "volume": f"{draw(st.integers(1, 500))} {draw(st.sampled_from(['items', 'appeals', 'notifications']))} per {draw(st.sampled_from(['day', 'week', 'month']))}",
            "trigger": trigger, "steps": steps,
        })
    return {
        "apiVersion": "redesign/v1", "kind": "Operation",
        "metadata": {"name": draw(IDS), "state": draw(st.sampled_from(["pre", "post"])),
                     "organisation": draw(TEXT), "effective": "2026-07-06"},
        "team": {"roles": roles}, "workflows": workflows, "metrics": metrics,
    }


def dump(data) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def model_of(text: str) -> Operation:
    operation, diagnostics = validate_document(load_text(text, "generated.yaml"))
    assert operation is not None, [(d.rule, d.line, d.message) for d in diagnostics]
    return operation


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_valid_specs_round_trip_through_the_model(data):
    first = model_of(dump(data))
    again = model_of(dump(first.model_dump(mode="json", by_alias=True, exclude_none=True)))
    assert again == first


SEEDS = sorted(str(p) for p in EXAMPLES.glob("*/*.yaml"))
JUNK = st.sampled_from([
    "", " ", "\t", "\n", ":", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object ",
    "!x ", "'", '"', "#", "|", ">", "? ", "---\n", "...", "%YAML 1.1\n", "\x00", "\x1b", "é",
    "\ud7ff", "0x", "1e999", "~", "yes", "<<: ", "@", "`", "\r\n", "\ufeff",
])


@st.composite
def mutated(draw):
    text = Path(draw(st.sampled_from(SEEDS))).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "indent"]))
        if action == "insert":
            text = text[:position] + draw(JUNK) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)):]
        elif action == "duplicate-line":
            lines = text.splitlines(keepends=True)
            if lines:
                index = draw(st.integers(0, len(lines) - 1))
                lines.insert(index, lines[index])
                text = "".join(lines)
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                index = draw(st.integers(0, len(lines) - 1))
                lines[index] = " " * draw(st.integers(1, 3)) + lines[index]
                text = "".join(lines)
    return text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutated_specs_never_crash(tmp_path, text):
    path = tmp_path / "mutated.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    original = SEEDS[0]
    for command in (("validate",), ("check",), ("fmt", "--check"),
                    ("compile", "-o", str(tmp_path / "out")),
                    ("compile", "--format", "html", "-o", str(tmp_path / "html")),
                    ("diff", original, str(path)), ("graph", str(path))):
        arguments = [*command] if command[0] in ("diff", "graph") else [*command, str(path)]
        code, out, err = run(*arguments)
        assert code in (0, 1) or (command[0] == "graph" and code == 2), (command, code, out, err)
        assert "Traceback" not in out + err and "internal error" not in err
