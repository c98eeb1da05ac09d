"""Rendering a :class:`~redesign.diff.model.DiffReport`: text, Markdown, JSON.

- text: terraform-like ``+``/``-``/``~`` lines grouped by component, the
  risks first, then the summary line; colour only when asked for;
- Markdown: a consultant's before/after report, also fit for a pull-request
  comment: risks at the top, one section per component with the computed
  figures side by side and the changes under them;
- JSON: the same values, in the shape :func:`report_schema` describes.

Renderers format; they decide nothing about the changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from ..capacity import RoleCapacity, WorkflowCapacity
from ..reporters.text import styled
from .compare import figure, percent_change, split_text
from .model import ASPECTS, CATEGORIES, Change, DiffReport, RoleFigures, Side, SpecDiff


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    version: str = ""


# --------------------------------------------------------------------------
# Text

_KIND_COLOUR = {"+": "green", "-": "red", "~": "yellow"}


def _side_line(symbol: str, side: Side | None) -> str:
    if side is None:
        return f"{symbol} (none)"
    return f"{symbol} {side.label}  ({side.describe()})"


def _text_one(diff: SpecDiff, options: RenderOptions) -> list[str]:
    out = [
        styled(_side_line("---", diff.old), options.color, bold=True),
        styled(_side_line("+++", diff.new), options.color, bold=True),
    ]
    if diff.risks:
        out += ["", styled("Risks", options.color, fg="red", bold=True)]
        out += [styled(f"  ! {change.subject} {change.id}: {change.risk}", options.color, fg="red")
                for change in diff.risks]
    for category, title in CATEGORIES.items():
        changes = diff.in_category(category)
        if not changes:
            continue
        out += ["", styled(title, options.color, bold=True)]
        for change in changes:
            kind = styled(change.kind, options.color, fg=_KIND_COLOUR[change.kind], bold=True)
            line = f"  {kind} {change.message}"
            if change.risk:
                line += styled("  (risk)", options.color, fg="red", bold=True)
            out.append(line)
    out += ["", diff.summary]
    return out


def render_text(report: DiffReport, options: RenderOptions) -> str:
    out: list[str] = []
    for index, diff in enumerate(report.diffs):
        if index:
            out.append("")
        out.extend(_text_one(diff, options))
    out.extend(_closing(report))
    return "\n".join(out) + "\n"


def _closing(report: DiffReport) -> list[str]:
    if report.base is not None and not report.diffs:
        return [f"no spec changed since {report.base}"]
    if len(report.diffs) > 1:
        changed = sum(1 for diff in report.diffs if diff.has_differences)
        return ["", f"{len(report.diffs)} specs compared, {changed} with differences"]
    return []


# --------------------------------------------------------------------------
# Markdown


def _md(text: str) -> str:
    """Text shown as written inside a Markdown paragraph or table cell: no
    HTML, emphasis or code spans from what a spec says."""
    for special in ("\\", "`", "*", "_", "|"):
        text = text.replace(special, "\\" + special)
    return text.replace("<", "&lt;")


def _pair(before: str | None, after: str | None) -> str:
    if before == after:
        return before if before is not None else "–"
    return f"{before if before is not None else '–'} → {after if after is not None else '–'}"


def _figure_pair(before: float | None, after: float | None, places: int = 1,
                 suffix: str = "") -> str:
    cell = _pair(None if before is None else figure(before, places) + suffix,
                 None if after is None else figure(after, places) + suffix)
    if before is not None and after is not None and figure(before, places) != figure(after, places):
        cell += percent_change(before, after)
    return cell


def _caseload(capacity: RoleCapacity | None) -> str | None:
    if capacity is None or capacity.caseload_per_person is None:
        return None
    period = f" per {capacity.caseload_per}" if capacity.caseload_per else ""
    return f"{figure(capacity.caseload_per_person)} {capacity.caseload_unit}{period}"


def _caseload_cell(row: RoleFigures) -> str:
    """Per FTE; as headcount x per FTE when the headcount changed too (3 × 25 → 2 × 35)."""
    before, after = row.before, row.after
    comparable = (before and after and before.caseload_per_person and after.caseload_per_person
                  and (before.caseload_unit, before.caseload_per)
                  == (after.caseload_unit, after.caseload_per))
    if not comparable:
        return _pair(_caseload(before), _caseload(after))
    change = ""
    if before.caseload_per_person != after.caseload_per_person:
        change = percent_change(before.caseload_per_person, after.caseload_per_person)
    if before.headcount == after.headcount:
        return _pair(_caseload(before), _caseload(after)) + change
    period = f" per {after.caseload_per}" if after.caseload_per else ""
    per_fte = f" ({change.strip()[1:-1]} per FTE)" if change else ""
    return (f"{figure(before.headcount, 2)} × {figure(before.caseload_per_person)} → "
            f"{figure(after.headcount, 2)} × {figure(after.caseload_per_person)} "
            f"{after.caseload_unit}{period}{per_fte}")


def _booked(capacity: RoleCapacity | None) -> str | None:
    if capacity is None:
        return None
    return f"{figure(capacity.booked_hours)} h ({figure(capacity.booked_percent, 0)}%)"


def _split(capacity: RoleCapacity | None) -> str | None:
    return split_text(capacity)


def _change_lines(changes: list[Change]) -> list[str]:
    lines = []
    for change in changes:
        line = f"- `{change.kind}` {_md(change.message)}"
        if change.risk:
            line += " **(risk)**"
        lines.append(line)
    return lines


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]]


def _team_section(diff: SpecDiff) -> list[str]:
    rows = []
    for row in diff.roles:
        name = row.id if not row.was else f"{row.id} (was {row.was})"
        if row.moved_from and row.before is None:
            name += f" (moved from {row.moved_from})"
        rows.append([
            name,
            _figure_pair(row.before.headcount if row.before else None,
                         row.after.headcount if row.after else None, 2),
            _caseload_cell(row),
            _pair(_booked(row.before), _booked(row.after)),
            _pair(_split(row.before), _split(row.after)),
            _figure_pair(row.before.screen_hours if row.before else None,
                         row.after.screen_hours if row.after else None),
            _figure_pair(row.before.room_hours if row.before else None,
                         row.after.room_hours if row.after else None),
        ])
    if not rows:
        return []
    total_before = sum(r.before.headcount for r in diff.roles if r.before)
    total_after = sum(r.after.headcount for r in diff.roles if r.after)
    rows.append(["all roles", _figure_pair(total_before, total_after, 2), "", "", "", "", ""])
    return _table(["role", "FTE", "accounts or cases per FTE", "week booked", "screen/room %",
                   "screen hours a week per person", "room hours a week per person"], rows)


def _trigger_cell(before: str | None, after: str | None) -> str:
    return _pair(before, after)


def _per_item(capacity: WorkflowCapacity | None) -> float | None:
    return capacity.human_minutes_per_item if capacity else None


def _workflow_section(diff: SpecDiff) -> list[str]:
    rows = []
    for row in diff.workflows:
        unit = (row.after or row.before).unit
        rows.append([
            row.id if not row.was else f"{row.id} (was {row.was})",
            _trigger_cell(row.trigger_before, row.trigger_after),
            _figure_pair(row.before.items_per_week if row.before else None,
                         row.after.items_per_week if row.after else None, 1, f" {unit}"),
            _figure_pair(_per_item(row.before), _per_item(row.after), 2),
            _figure_pair(row.before.human_minutes_per_week if row.before else None,
                         row.after.human_minutes_per_week if row.after else None),
        ])
    if not rows:
        return []
    return _table(["workflow", "trigger", "items a week", "human minutes per item",
                   "human minutes a week"], rows)


def _gate_section(diff: SpecDiff) -> list[str]:
    rows = []
    for row in diff.gates:
        rows.append([
            row.id if not row.was else f"{row.id} (was {row.was})",
            row.workflow,
            _pair(row.mode_before, row.mode_after),
            _figure_pair(row.per_reviewer_before, row.per_reviewer_after),
            _figure_pair(row.minutes_before, row.minutes_after),
        ])
    if not rows:
        return []
    return _table(["gate", "workflow", "mode", "review minutes a week per reviewer",
                   "review minutes a week for the team"], rows)


def _allocation_section(diff: SpecDiff) -> list[str]:
    rows = []
    for row in diff.roles:
        before, after = row.before, row.after
        if after is None or (not after.allocations and after.recovered_hours is None):
            continue
        recovered = None
        if before is not None:
            recovered = before.screen_hours - after.screen_hours
        destinations = "; ".join(
            f"{figure(a.hours_per_week)} h to {a.to} ({a.kind}"
            + (f", measured by {a.measured_by}" if a.measured_by else "") + ")"
            for a in after.allocations) or "none"
        rows.append([
            row.id,
            figure(recovered) if recovered is not None else "–",
            figure(after.recovered_hours) if after.recovered_hours is not None else "–",
            figure(after.allocated_hours),
            destinations,
        ])
    if not rows:
        return []
    return _table(["role", "screen hours a week recovered (computed)", "recovered (stated)",
                   "allocated", "where they go"], rows)


def _readiness_section(diff: SpecDiff) -> list[str]:
    rows = []
    for row in diff.readiness:
        def cell(status: str | None, evidence: str | None) -> str | None:
            if status is None:
                return None
            return status if status == "not recorded" else f"{status}: {evidence}"
        rows.append([f"{row.number}. {row.title}", cell(row.before, row.evidence_before) or "–",
                     cell(row.after, row.evidence_after) or "–"])
    if not rows:
        return []
    return _table(["prerequisite", "before", "after"], rows)


_SECTIONS: dict[str, Callable[[SpecDiff], list[str]]] = {
    "team": _team_section,
    "workflows": _workflow_section,
    "quality-gates": _gate_section,
    "allocations": _allocation_section,
    "readiness": _readiness_section,
}


def _markdown_one(diff: SpecDiff) -> list[str]:
    named = diff.new or diff.old
    title = named.name if named else "spec"
    out = [f"## {_md(title)}: {diff.old.state if diff.old else 'none'} → "
           f"{diff.new.state if diff.new else 'none'}", ""]
    organisation = named.organisation if named else None
    compared = (f"Compared `{diff.old.label if diff.old else '(none)'}` "
                f"({_md(diff.old.describe()) if diff.old else 'nothing'}) with "
                f"`{diff.new.label if diff.new else '(none)'}` "
                f"({_md(diff.new.describe()) if diff.new else 'nothing'}).")
    out += [f"{_md(organisation)}. {compared}" if organisation else compared, "",
            f"**{_md(diff.summary)}**", ""]
    if diff.risks:
        out += ["> [!WARNING]", f"> **{len(diff.risks)} {'change raises' if len(diff.risks) == 1 else 'changes raise'} risk**", ">"]
        out += [f"> - {change.subject} {_md(change.id)}: {_md(change.risk)}" for change in diff.risks]
        out.append("")
    elif diff.has_differences:
        out += ["No change raises risk.", ""]
    for category, title in CATEGORIES.items():
        table = _SECTIONS.get(category, lambda d: [])(diff)
        changes = diff.in_category(category)
        if not table and not changes:
            continue
        out += [f"### {title}", ""]
        if table:
            out += [*table, ""]
        if changes:
            out += [*_change_lines(changes), ""]
        else:
            out += ["No change.", ""]
    return out


def render_markdown(report: DiffReport, options: RenderOptions) -> str:
    out: list[str] = []
    for diff in report.diffs:
        out.extend(_markdown_one(diff))
    closing = [line for line in _closing(report) if line]
    if closing:
        out += [f"_{closing[0]}_", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------
# JSON


def _number(value: float | None):
    if value is None:
        return None
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


def _side_data(side: Side | None) -> dict | None:
    if side is None:
        return None
    return {"label": side.label, "name": side.name, "state": side.state,
            "organisation": side.organisation, "revision": side.revision,
            "effective": side.effective}


def _role_data(capacity: RoleCapacity | None) -> dict | None:
    if capacity is None:
        return None
    split = capacity.split
    caseload = None
    if capacity.caseload_per_person is not None:
        caseload = {"per_person": _number(capacity.caseload_per_person),
                    "unit": capacity.caseload_unit, "per": capacity.caseload_per,
                    "edge_of_capacity": _number(capacity.edge_of_capacity),
                    "for_role": _number(capacity.team_caseload)}
    return {
        "headcount": _number(capacity.headcount),
        "hours_per_week": _number(capacity.hours_per_week),
        "available_hours": _number(capacity.available_hours),
        "workflow_hours": _number(capacity.workflow_hours),
        "load_percent": _number(capacity.load_percent),
        "booked_hours": _number(capacity.booked_hours),
        "booked_percent": _number(capacity.booked_percent),
        "screen_hours": _number(capacity.screen_hours),
        "room_hours": _number(capacity.room_hours),
        "split": {"screen": _number(split[0]), "room": _number(split[1])} if split else None,
        "caseload": caseload,
        "review_minutes_per_week": _number(capacity.review_minutes),
        "recovered_hours": _number(capacity.recovered_hours),
        "allocated_hours": _number(capacity.allocated_hours),
        "allocations": [
            {"allocation": a.allocation, "hours_per_week": _number(a.hours_per_week), "to": a.to,
             "kind": a.kind, "activity": a.activity, "measured_by": a.measured_by}
            for a in capacity.allocations
        ],
        "activity_hours": {key: _number(value) for key, value in capacity.activity_hours.items()},
    }


def _workflow_data(capacity: WorkflowCapacity | None, trigger: str | None) -> dict | None:
    if capacity is None:
        return None
    return {
        "owner": capacity.owner,
        "trigger": trigger,
        "runs_per_week": _number(capacity.runs_per_week),
        "items_per_week": _number(capacity.items_per_week),
        "unit": capacity.unit,
        "human_minutes_per_week": _number(capacity.human_minutes_per_week),
        "human_minutes_per_item": _number(capacity.human_minutes_per_item),
        "review_minutes_per_week": _number(capacity.review_minutes_per_week),
        "review_minutes_per_reviewer": _number(capacity.review_minutes_per_reviewer),
    }


def _diff_data(diff: SpecDiff) -> dict:
    return {
        "old": _side_data(diff.old),
        "new": _side_data(diff.new),
        "summary": diff.summary,
        "counts": {"added": diff.count("+"), "removed": diff.count("-"),
                   "changed": diff.count("~"), "risks": len(diff.risks)},
        "changes": [change.as_dict() for change in diff.changes],
        "figures": {
            "roles": [{"id": r.id, "was": r.was, "title": r.title, "moved_from": r.moved_from,
                       "before": _role_data(r.before), "after": _role_data(r.after)}
                      for r in diff.roles],
            "workflows": [{"id": w.id, "was": w.was,
                           "before": _workflow_data(w.before, w.trigger_before),
                           "after": _workflow_data(w.after, w.trigger_after)}
                          for w in diff.workflows],
            "gates": [{"id": g.id, "was": g.was, "workflow": g.workflow,
                       "before": None if g.mode_before is None else {
                           "mode": g.mode_before,
                           "review_minutes_per_week": _number(g.minutes_before),
                           "review_minutes_per_reviewer": _number(g.per_reviewer_before)},
                       "after": None if g.mode_after is None else {
                           "mode": g.mode_after,
                           "review_minutes_per_week": _number(g.minutes_after),
                           "review_minutes_per_reviewer": _number(g.per_reviewer_after)}}
                      for g in diff.gates],
            "readiness": [{"number": p.number, "title": p.title,
                           "before": None if p.before is None else
                           {"status": p.before, "evidence": p.evidence_before},
                           "after": None if p.after is None else
                           {"status": p.after, "evidence": p.evidence_after}}
                          for p in diff.readiness],
        },
    }


def as_data(report: DiffReport, options: RenderOptions) -> dict:
    return {
        "tool": {"name": "redesign", "version": options.version},
        "command": "diff",
        "base": report.base,
        "diffs": [_diff_data(diff) for diff in report.diffs],
        "summary": {
            "specs": len(report.diffs),
            "with_differences": sum(1 for diff in report.diffs if diff.has_differences),
            "changes": sum(len(diff.changes) for diff in report.diffs),
            "risks": sum(len(diff.risks) for diff in report.diffs),
        },
    }


def render_json(report: DiffReport, options: RenderOptions) -> str:
    return json.dumps(as_data(report, options), indent=2, ensure_ascii=False) + "\n"


REPORTER_BY_NAME: dict[str, Callable[[DiffReport, RenderOptions], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}


def render(report: DiffReport, fmt: str, options: RenderOptions) -> str:
    return REPORTER_BY_NAME[fmt](report, options)


# --------------------------------------------------------------------------
# The JSON Schema of the JSON output


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def report_schema() -> dict:
    """The JSON Schema (Draft 2020-12) of ``redesign diff --format json``."""
    number = {"type": "number"}
    text = {"type": "string"}
    value = {"anyOf": [{"type": ["string", "number", "boolean", "null"]},
                       {"type": "array", "items": {"type": ["string", "number", "boolean"]}}]}

    def record(properties: dict, description: str) -> dict:
        return {"type": "object", "description": description, "properties": properties,
                "required": list(properties), "additionalProperties": False}

    side = record({
        "label": {"type": "string", "description": "How the report names the spec: a path, or REV:path."},
        "name": {"type": "string", "description": "metadata.name of the operation."},
        "state": {"enum": ["pre", "post"], "description": "metadata.state."},
        "organisation": _nullable(text) | {"description": "metadata.organisation."},
        "revision": _nullable(text) | {"description": "metadata.revision."},
        "effective": _nullable(text) | {"description": "metadata.effective, YYYY-MM-DD."},
    }, "One of the two states compared.")
    change = record({
        "category": {"enum": list(CATEGORIES), "description": "The redesign component the change belongs to."},
        "kind": {"enum": ["+", "-", "~"], "description": "+ added, - removed, ~ changed."},
        "subject": {"enum": ["operation", "team", "role", "activity", "workflow", "step", "gate",
                             "allocation", "metric", "prerequisite", "phase", "transition"],
                    "description": "What kind of thing changed."},
        "id": {"type": "string", "description": "The thing's id in the newer state (the older one "
               "when removed); '<workflow>/<step>' for a step, '<role>/<activity>' for an activity."},
        "was": _nullable(text) | {"description": "The thing's id in the older state, when it was renamed."},
        "field": _nullable(text) | {"description": "What changed; null when the whole thing was added or removed."},
        "aspect": {"enum": list(ASPECTS), "description": "The domain kind of the change: "
                   + "; ".join(f"{k}: {v}" for k, v in ASPECTS.items()) + "."},
        "old": value | {"description": "The value before (a number, text, a list, or null)."},
        "new": value | {"description": "The value after."},
        "risk": _nullable(text) | {"description": "Why the change raises risk, or null."},
        "message": {"type": "string", "description": "The change in words, as the text output shows it."},
    }, "One difference between the two states.")
    caseload = record({
        "per_person": number, "unit": text, "per": _nullable(text),
        "edge_of_capacity": _nullable(number), "for_role": number,
    }, "Accounts or cases per FTE, and for the whole role.")
    allocation = record({
        "allocation": text, "hours_per_week": number, "to": text, "kind": text,
        "activity": _nullable(text), "measured_by": _nullable(text),
    }, "Recovered hours per person per week one allocation sends somewhere.")
    role_figures = record({
        "headcount": number, "hours_per_week": number, "available_hours": number,
        "workflow_hours": number, "load_percent": number, "booked_hours": number,
        "booked_percent": number, "screen_hours": number,
        "room_hours": number,
        "split": _nullable(record({"screen": number, "room": number}, "Screen/room split, %.")),
        "caseload": _nullable(caseload),
        "review_minutes_per_week": number, "recovered_hours": _nullable(number),
        "allocated_hours": number, "allocations": {"type": "array", "items": allocation},
        "activity_hours": {"type": "object", "additionalProperties": number},
    }, "A role's capacity in one state (hours per person per week unless named otherwise).")
    workflow_figures = record({
        "owner": text, "trigger": _nullable(text), "runs_per_week": number,
        "items_per_week": number, "unit": text, "human_minutes_per_week": number,
        "human_minutes_per_item": _nullable(number), "review_minutes_per_week": number,
        "review_minutes_per_reviewer": _nullable(number),
    }, "A workflow's capacity in one state.")
    gate_figures = record({
        "mode": {"enum": ["individual", "batch", "sampled"]},
        "review_minutes_per_week": _nullable(number),
        "review_minutes_per_reviewer": _nullable(number),
    }, "A quality gate in one state, with its workflow's review minutes.")
    prerequisite_state = record({"status": {"enum": ["met", "not met", "not recorded"]},
                                 "evidence": text}, "A prerequisite in one state.")

    def row(extra: dict, figures: dict, description: str) -> dict:
        return record({**extra, "before": _nullable(figures), "after": _nullable(figures)},
                      description)

    diff = record({
        "old": _nullable(side), "new": _nullable(side),
        "summary": {"type": "string", "description": "The summary line."},
        "counts": record({"added": {"type": "integer"}, "removed": {"type": "integer"},
                          "changed": {"type": "integer"}, "risks": {"type": "integer"}},
                         "How many changes of each kind, and how many raise risk."),
        "changes": {"type": "array", "items": change},
        "figures": record({
            "roles": {"type": "array", "items": row(
                {"id": text, "was": _nullable(text), "title": text, "moved_from": _nullable(text)},
                role_figures, "A role in both states.")},
            "workflows": {"type": "array", "items": row(
                {"id": text, "was": _nullable(text)}, workflow_figures, "A workflow in both states.")},
            "gates": {"type": "array", "items": row(
                {"id": text, "was": _nullable(text), "workflow": text}, gate_figures,
                "A quality gate in both states.")},
            "readiness": {"type": "array", "items": row(
                {"number": {"type": "integer"}, "title": text}, prerequisite_state,
                "A readiness prerequisite in both states.")},
        }, "The capacity model's figures for both states, side by side."),
    }, "The comparison of two states of one spec.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "redesign diff report (redesign diff --format json)",
        "description": "What a redesign changes between two states of an operation: typed changes "
                       "keyed by id, and the capacity figures of both states. Generated from "
                       "redesign.diff.report; do not edit by hand.",
        "type": "object",
        "properties": {
            "tool": record({"name": {"const": "redesign"}, "version": text}, "The tool that wrote it."),
            "command": {"const": "diff"},
            "base": _nullable(text) | {"description": "The revision given with --base, or null."},
            "diffs": {"type": "array", "items": diff, "description": "One comparison per spec."},
            "summary": record({"specs": {"type": "integer"}, "with_differences": {"type": "integer"},
                               "changes": {"type": "integer"}, "risks": {"type": "integer"}},
                              "Totals over every comparison."),
        },
        "required": ["tool", "command", "base", "diffs", "summary"],
        "additionalProperties": False,
    }
