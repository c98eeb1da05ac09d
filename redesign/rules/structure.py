"""RD1xx structure: the workflow graphs are well formed."""

from __future__ import annotations

from ..diagnostics import Severity
from .base import Finding, RuleContext, path_text, rule

_HEADER = """apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: pre}
team:
  roles: [{id: clerk, title: Billing clerk}]
"""


@rule(
    "RD101", "workflow-cycle", Severity.ERROR,
    "A workflow's steps wait on each other in a cycle.",
    """
A step that, through `after:` or the artifacts it reads, ends up waiting for
itself can never start. The finding prints the cycle as a path of step ids,
beginning and ending at the same step.
""",
    bad=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, after: [review]}
      - {id: review, type: review, actor: clerk, after: [draft]}
""",
    good=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk}
      - {id: review, type: review, actor: clerk, after: [draft]}
""",
)
def workflow_cycle(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        cycle = graph.find_cycle()
        if not cycle:
            continue
        closing = cycle[-1]
        key = "after" if graph.edge_kind(cycle[-2], closing) == "after" else "inputs"
        yield Finding(
            graph.path(closing, key),
            f"workflow '{graph.id}' has a cycle: {path_text(cycle)}",
            hint=f"no step can wait for itself; remove the '{key}' link from '{cycle[-2]}' "
                 f"to '{closing}' or another link in the loop",
            at_key=True,
        )


@rule(
    "RD102", "unreachable-step", Severity.ERROR,
    "A step the workflow's trigger never leads to.",
    """
A workflow starts at its trigger: the steps that nothing precedes and that
take the trigger's artifact, export data, or are done by the person who
starts the workflow. Every other step must follow from those, through
`after:` or through an artifact an earlier step writes. A step that
nothing leads to is never started: it floats outside the workflow.
""",
    bad=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {schedule: "0 5 * * 1-5"}
    steps:
      - {id: export, type: data-export, actor: automated, outputs: [denials]}
      - {id: draft, type: draft-generation, actor: clerk, inputs: [denials]}
      - {id: follow-up, type: other, actor: clerk}
""",
    good=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {schedule: "0 5 * * 1-5"}
    steps:
      - {id: export, type: data-export, actor: automated, outputs: [denials]}
      - {id: draft, type: draft-generation, actor: clerk, inputs: [denials]}
      - {id: follow-up, type: other, actor: clerk, after: [draft]}
""",
)
def unreachable_step(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        if graph.find_cycle():
            continue  # RD101 reports it; reachability means little in a loop
        entries = graph.trigger_entries()
        for step_id in graph.unreachable_steps():
            yield Finding(
                graph.path(step_id, "id"),
                f"step '{step_id}' of workflow '{graph.id}' is not reachable from the "
                f"workflow's trigger (it starts from: {', '.join(entries)})",
                hint="give it 'after: [<earlier step>]' or an input an earlier step produces",
            )


@rule(
    "RD103", "input-produced-downstream", Severity.ERROR,
    "A step reads an artifact that only later steps produce.",
    """
Every artifact a step reads must exist when the step starts: produced by a
step ordered before it, brought by the workflow's trigger, or listed in the
workflow's `inputs` (for what arrives from outside). A step that reads what
only its own successors write waits for something that cannot exist yet.
""",
    bad=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: review, type: review, actor: clerk, after: [draft], inputs: [checklist]}
      - {id: checklist, type: other, actor: clerk, after: [review], outputs: [checklist]}
""",
    good=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    inputs: [checklist]
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: review, type: review, actor: clerk, after: [draft], inputs: [checklist]}
""",
)
def input_produced_downstream(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        for missing in graph.missing_inputs:
            index = graph.step(missing.step).inputs.index(missing.artifact)
            writers = ", ".join(f"'{w}'" for w in missing.downstream_writers)
            if missing.downstream_writers:
                message = (f"step '{missing.step}' reads '{missing.artifact}', which is produced "
                           f"only after it (by {writers})")
            else:
                message = (f"step '{missing.step}' reads '{missing.artifact}', which only it "
                           "produces itself")
            yield Finding(
                graph.path(missing.step, "inputs", index),
                message,
                hint="order a producing step before it, or list the artifact under the "
                     "workflow's 'inputs' if it arrives from outside",
            )


@rule(
    "RD104", "unordered-writers", Severity.ERROR,
    "Two steps write the same artifact with no order between them.",
    """
When two steps write one artifact and neither comes after the other, which
version the next step reads depends on timing. Order them with `after:`, or
give each its own output.
""",
    bad=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: tidy, type: edit, actor: clerk, outputs: [letters]}
""",
    good=_HEADER + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: tidy, type: edit, actor: clerk, after: [draft], outputs: [letters]}
""",
)
def unordered_writers(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        for pair in graph.unordered_writers():
            step = graph.step(pair.second)
            yield Finding(
                graph.path(pair.second, "outputs", step.outputs.index(pair.artifact)),
                f"steps '{pair.first}' and '{pair.second}' of workflow '{graph.id}' both write "
                f"'{pair.artifact}' with no order between them",
                hint=f"add 'after: [{pair.first}]' to '{pair.second}', or give one step its own output",
            )


@rule(
    "RD105", "trigger-cycle", Severity.ERROR,
    "Workflows trigger each other in a cycle.",
    """
A workflow triggered by another's output (`trigger: {workflow: ...}`) forms
an edge of the organisation graph. A cycle of such triggers never settles:
each run starts the next forever. The finding prints the cycle of workflow ids.
""",
    bad=_HEADER + """workflows:
  - id: intake
    owner: clerk
    trigger: {workflow: follow-up}
    steps: [{id: log, type: other, actor: automated, outputs: [case]}]
  - id: follow-up
    owner: clerk
    trigger: {workflow: intake}
    steps: [{id: call, type: other, actor: clerk, outputs: [notes]}]
""",
    good=_HEADER + """workflows:
  - id: intake
    owner: clerk
    trigger: {schedule: "0 6 * * 1-5"}
    steps: [{id: log, type: other, actor: automated, outputs: [case]}]
  - id: follow-up
    owner: clerk
    trigger: {workflow: intake}
    steps: [{id: call, type: other, actor: clerk, outputs: [notes]}]
""",
)
def trigger_cycle(ctx: RuleContext, options: dict):
    cycle = ctx.graph.trigger_cycle()
    if cycle:
        yield Finding(
            ctx.workflow_path(cycle[-1], "trigger", "workflow"),
            f"workflows trigger each other in a cycle: {path_text(cycle)}",
            hint="start one of them from a schedule or by a person instead",
        )


RULES = [workflow_cycle, unreachable_step, input_produced_downstream, unordered_writers,
         trigger_cycle]
