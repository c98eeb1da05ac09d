"""Reference integrity: every id a spec uses is defined, and ids are unique.

This phase runs on the loaded data, not on the models, so that a spec with
a schema error still has its references checked in the same run (one run
reports every problem). It reads defensively: a node of the wrong type was
already reported by the schema phase and is skipped here.
"""

from __future__ import annotations

from typing import Any, Iterator

from .diagnostics import Diagnostic
from .loader import SpecDocument
from .model.workflows import MACHINE_ACTORS
from .schema_errors import describe_place, did_you_mean


def _items(node: Any, key: str) -> Iterator[tuple[int, dict]]:
    value = node.get(key) if isinstance(node, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _text(node: dict, key: str) -> str | None:
    value = node.get(key)
    return value if isinstance(value, str) else None


def _texts(node: dict, key: str) -> Iterator[tuple[tuple, str]]:
    """(sub-path, id) pairs for a key holding one id or a list of ids."""
    value = node.get(key)
    if isinstance(value, str):
        yield (key,), value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield (key, index), item


class _Checker:
    def __init__(self, doc: SpecDocument):
        self.doc = doc
        self.data = doc.data
        self.findings: list[Diagnostic] = []

    # -- helpers ---------------------------------------------------------

    def unique(self, kind: str, entries: list[tuple[tuple, str]], scope: str = "") -> set[str]:
        seen: dict[str, tuple] = {}
        for path, ident in entries:
            if ident in seen:
                first = self.doc.source_map.locate(seen[ident])
                where = f" (first at line {first.line})" if first else ""
                self.findings.append(self.doc.diagnostic(
                    "RD021", f"{kind} id '{ident}' is used twice{scope}{where}", path=path,
                    hint=f"give each {kind} its own id"))
            else:
                seen[ident] = path
        return set(seen)

    def reference(self, path: tuple, ident: str, kind: str, known: set[str], what: str,
                  extra_choices: tuple[str, ...] = (), otherwise: str = "") -> None:
        if ident in known or ident in extra_choices:
            return
        place = describe_place(self.data, path[:-1] if isinstance(path[-1], str) else path[:-2])
        choices = sorted(known) + list(extra_choices)
        guess = did_you_mean(ident, choices)
        if guess:
            hint = f"did you mean '{guess}'?"
            if otherwise:
                hint += f" Otherwise {otherwise}"
        elif otherwise:
            hint = otherwise[0].upper() + otherwise[1:]
        elif choices:
            shown = ", ".join(choices[:8]) + (", ..." if len(choices) > 8 else "")
            hint = f"defined {kind}s: {shown}"
        else:
            hint = f"this spec defines no {kind}s yet"
        self.findings.append(self.doc.diagnostic(
            "RD020", f"{place} names {what} '{ident}', but no {kind} has that id",
            path=path, hint=hint))

    # -- the checks ------------------------------------------------------

    def run(self) -> list[Diagnostic]:
        data = self.data
        team = data.get("team") if isinstance(data.get("team"), dict) else {}
        roles = list(_items(team, "roles"))
        role_ids = self.unique("role", [
            (("team", "roles", i, "id"), r["id"]) for i, r in roles if isinstance(r.get("id"), str)
        ])
        workflows = list(_items(data, "workflows"))
        workflow_ids = self.unique("workflow", [
            (("workflows", i, "id"), w["id"]) for i, w in workflows if isinstance(w.get("id"), str)
        ])
        metrics = list(_items(data, "metrics"))
        metric_ids = self.unique("metric", [
            (("metrics", i, "id"), m["id"]) for i, m in metrics if isinstance(m.get("id"), str)
        ])

        activities_by_role: dict[str, set[str]] = {}
        for i, role in roles:
            path = ("team", "roles", i)
            activity_ids = self.unique("activity", [
                (path + ("activities", j, "id"), a["id"])
                for j, a in _items(role, "activities") if isinstance(a.get("id"), str)
            ], scope=f" in role '{role.get('id')}'")
            if isinstance(role.get("id"), str):
                activities_by_role[role["id"]] = activity_ids
            if _text(role, "primary_metric"):
                self.reference(path + ("primary_metric",), role["primary_metric"], "metric",
                               metric_ids, "primary metric")

        outputs_by_workflow: dict[str, set[str]] = {}
        for _, workflow in workflows:
            outputs: set[str] = set()
            for _, step in _items(workflow, "steps"):
                outputs.update(ident for _, ident in _texts(step, "outputs"))
            if isinstance(workflow.get("id"), str):
                outputs_by_workflow[workflow["id"]] = outputs

        for i, workflow in workflows:
            self._workflow(("workflows", i), workflow, role_ids, workflow_ids,
                           outputs_by_workflow)

        steps_by_workflow: dict[str, set[str]] = {}
        for _, workflow in workflows:
            if isinstance(workflow.get("id"), str):
                steps_by_workflow.setdefault(workflow["id"], set()).update(
                    s["id"] for _, s in _items(workflow, "steps") if isinstance(s.get("id"), str))
        gate_ids = []
        for g, gate in _items(data, "quality_gates"):
            path = ("quality_gates", g)
            workflow_id = _text(gate, "workflow")
            ident = _text(gate, "id") or (f"{workflow_id}-gate" if workflow_id else None)
            if ident:
                gate_ids.append((path + (("id",) if "id" in gate else ("workflow",)), ident))
            if workflow_id:
                self.reference(path + ("workflow",), workflow_id, "workflow", workflow_ids,
                               "workflow")
            if _text(gate, "step") and workflow_id in workflow_ids:
                self.reference(path + ("step",), gate["step"], "step",
                               steps_by_workflow.get(workflow_id, set()),
                               f"step (of workflow '{workflow_id}')")
            if _text(gate, "owner"):
                self.reference(path + ("owner",), gate["owner"], "role", role_ids, "owner")
        self.unique("quality gate", gate_ids)

        allocation_ids = []
        for a, allocation in _items(data, "allocations"):
            path = ("allocations", a)
            role_id = _text(allocation, "role")
            kind = _text(allocation, "kind")
            ident = _text(allocation, "id") or (f"{role_id}-{kind}" if role_id and kind else None)
            if ident:
                allocation_ids.append((path + (("id",) if "id" in allocation else ("role",)), ident))
            if role_id:
                self.reference(path + ("role",), role_id, "role", role_ids, "role")
            if _text(allocation, "activity") and role_id in activities_by_role:
                self.reference(path + ("activity",), allocation["activity"], "activity",
                               activities_by_role[role_id], f"activity (of role '{role_id}')")
            if _text(allocation, "measured_by"):
                self.reference(path + ("measured_by",), allocation["measured_by"], "metric",
                               metric_ids, "metric")
        self.unique("allocation", allocation_ids)

        for m, metric in metrics:
            if _text(metric, "role"):
                self.reference(("metrics", m, "role"), metric["role"], "role", role_ids, "role")

        readiness = data.get("readiness")
        if isinstance(readiness, dict):
            loop = readiness.get("improvement_loop")
            if isinstance(loop, dict) and _text(loop, "owner"):
                self.reference(("readiness", "improvement_loop", "owner"), loop["owner"], "role",
                               role_ids, "owner")
        rollout = data.get("rollout")
        if isinstance(rollout, dict):
            for t, transition in _items(rollout, "transitions"):
                if _text(transition, "role"):
                    self.reference(("rollout", "transitions", t, "role"), transition["role"],
                                   "role", role_ids, "role")
        return self.findings

    def _workflow(self, path: tuple, workflow: dict, role_ids: set[str], workflow_ids: set[str],
                  outputs_by_workflow: dict[str, set[str]]) -> None:
        if _text(workflow, "owner"):
            self.reference(path + ("owner",), workflow["owner"], "role", role_ids, "owner")
        available: set[str] = {ident for _, ident in _texts(workflow, "inputs")}
        trigger = workflow.get("trigger")
        if isinstance(trigger, dict):
            if _text(trigger, "human"):
                self.reference(path + ("trigger", "human"), trigger["human"], "role", role_ids,
                               "trigger role")
            source = _text(trigger, "workflow")
            if source:
                self.reference(path + ("trigger", "workflow"), source, "workflow", workflow_ids,
                               "trigger workflow")
                artifact = _text(trigger, "artifact")
                if artifact and source in outputs_by_workflow:
                    self.reference(path + ("trigger", "artifact"), artifact, "output",
                                   outputs_by_workflow[source],
                                   f"artifact (of workflow '{source}')")
                if artifact:
                    available.add(artifact)
                else:
                    available.update(outputs_by_workflow.get(source, set()))
        steps = list(_items(workflow, "steps"))
        step_ids = self.unique("step", [
            (path + ("steps", j, "id"), s["id"]) for j, s in steps if isinstance(s.get("id"), str)
        ], scope=f" in workflow '{workflow.get('id')}'")
        produced = set(available)
        for _, step in steps:
            produced.update(ident for _, ident in _texts(step, "outputs"))
        for j, step in steps:
            step_path = path + ("steps", j)
            actor = _text(step, "actor")
            if actor:
                self.reference(step_path + ("actor",), actor, "role", role_ids, "actor",
                               extra_choices=tuple(sorted(MACHINE_ACTORS)))
            for sub, ident in _texts(step, "after"):
                self.reference(step_path + sub, ident, "step", step_ids, "earlier step")
            for key, what in (("on_low_confidence", "low-confidence route"),
                              ("on_reject", "rework step")):
                if _text(step, key):
                    self.reference(step_path + (key,), step[key], "step", step_ids, what)
            if _text(step, "escalate_to"):
                self.reference(step_path + ("escalate_to",), step["escalate_to"], "role", role_ids,
                               "escalation role")
            for sub, ident in _texts(step, "inputs"):
                if ident not in produced:
                    self.reference(step_path + sub, ident, "artifact", produced, "input",
                                   otherwise="list it under the workflow's 'inputs' if it "
                                             "arrives from outside the workflow")


def check_references(doc: SpecDocument) -> list[Diagnostic]:
    """Reference-integrity findings for a loaded document (RD020, RD021)."""
    if not isinstance(doc.data, dict):
        return []
    return _Checker(doc).run()
