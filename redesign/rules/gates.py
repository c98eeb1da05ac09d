"""RD3xx quality gates: the gate never disappears; batch review only at quality."""

from __future__ import annotations

from ..capacity import governed_step
from ..diagnostics import Severity
from ..model.base import format_number
from .base import Finding, RuleContext, rule

_POST = """apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post}
team:
  roles: [{id: clerk, title: Billing clerk}]
"""
_WORKFLOW = """workflows:
  - id: appeals
    owner: clerk
    volume: 25 appeals per week
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters], on_low_confidence: exceptions}
      - {id: exceptions, type: exception-handling, actor: clerk, after: [draft]}
      - {id: review, type: review, actor: clerk, after: [exceptions], inputs: [letters], on_reject: draft}
      - {id: submit, type: submit, actor: clerk, after: [review], inputs: [letters], external: true}
"""


@rule(
    "RD301", "ai-output-ungated", Severity.ERROR,
    "A workflow with AI output has no quality gate.",
    """
The gate does not disappear in the redesign; it becomes more efficient.
Every workflow in which AI produces content needs a quality gate in
`quality_gates` saying how a person reviews that output (individual,
batch or sampled) and how long it takes.
""",
    bad=_POST + _WORKFLOW,
    good=_POST + _WORKFLOW + """quality_gates:
  - {workflow: appeals, step: review, mode: individual, minutes_per_item: 15}
""",
)
def ai_output_ungated(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        if not any(graph.produces_ai_content(s) for s in graph.steps):
            continue
        if not ctx.operation.gates_for(graph.workflow.id):
            yield Finding(
                ctx.workflow_path(graph.workflow.id, "id"),
                f"workflow '{graph.id}' has AI output but no quality gate",
                hint=f"add to quality_gates: {{workflow: {graph.id}, mode: individual, "
                     "minutes_per_item: <minutes>}",
            )


@rule(
    "RD302", "batch-review-before-quality", Severity.ERROR,
    "A batch or sampled gate while the Foundation is not at quality.",
    """
Batch review is only safe when the Foundation produces consistent quality:
prerequisite 1, AI outputs needing 15% or less editing across at least three
deployed workflows. A `batch` or `sampled` gate without recorded evidence
that meets that threshold lets inadequate output through.
""",
    bad=_POST + _WORKFLOW + """quality_gates:
  - {workflow: appeals, step: review, mode: batch, minutes_per_batch: 45}
readiness:
  foundation: {editing_percent: 22, workflows: [appeals, intake, reminders]}
""",
    good=_POST + _WORKFLOW + """quality_gates:
  - {workflow: appeals, step: review, mode: batch, minutes_per_batch: 45}
readiness:
  foundation: {editing_percent: 12, workflows: [appeals, intake, reminders]}
""",
)
def batch_review_before_quality(ctx: RuleContext, options: dict):
    foundation = ctx.readiness.prerequisite("foundation")
    if foundation.met:
        return
    why = "; ".join(foundation.problems) if foundation.problems else "no evidence is recorded"
    for index, gate in enumerate(ctx.operation.quality_gates):
        if gate.mode in ("batch", "sampled"):
            yield Finding(
                ("quality_gates", index, "mode"),
                f"quality gate '{gate.gate_id}' reviews by {gate.mode} while the Foundation is "
                f"not at quality ({why})",
                hint="keep individual review until readiness.foundation shows editing at or "
                     "below the threshold across enough workflows",
            )


@rule(
    "RD303", "individual-review-pre", Severity.INFO,
    "In a pre state, a person reviews every item individually.",
    """
Reported on pre states to show what makes them pre: an individual gate
costs minutes for every item (15 minutes x 25 letters = 375 minutes a week
in the seed). Once the Foundation is at quality, the redesign can move it to
batch review. Information, not a problem.
""",
    bad=_POST.replace("state: post", "state: pre") + """workflows:
  - id: appeals
    owner: clerk
    volume: 25 appeals per week
    trigger: {human: clerk}
    steps:
      - {id: review, type: review, actor: clerk, on_reject: review}
quality_gates:
  - {workflow: appeals, mode: individual, minutes_per_item: 15}
""",
    good=_POST.replace("state: post", "state: pre") + """workflows:
  - id: appeals
    owner: clerk
    volume: 25 appeals per week
    trigger: {human: clerk}
    steps:
      - {id: review, type: review, actor: clerk, on_reject: review}
""",
)
def individual_review_pre(ctx: RuleContext, options: dict):
    if ctx.is_post:
        return
    capacity = ctx.capacity
    for index, gate in enumerate(ctx.operation.quality_gates):
        if gate.mode != "individual":
            continue
        figures = capacity.workflows.get(gate.workflow)
        minutes = ""
        if figures is not None:
            per_reviewer = figures.review_minutes_per_reviewer
            if per_reviewer is not None:
                minutes = f" ({format_number(round(per_reviewer, 1))} review minutes a week per reviewer)"
        yield Finding(
            ("quality_gates", index, "mode"),
            f"quality gate '{gate.gate_id}' reviews every item individually{minutes}; "
            "a candidate for batch review once the Foundation is at quality",
        )


@rule(
    "RD304", "gate-without-review-step", Severity.ERROR,
    "A quality gate governs no step a person does.",
    """
A quality gate is carried out by a person at a step of its workflow: the
step it names with `step:`, or by default the first `review`, `approve`,
`edit` or `submit` step done by a role. A gate whose workflow has no such
step, or that names a step done by `automated` or `ai`, is a gate nobody
carries out.
""",
    bad=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: check, type: review, actor: ai, outputs: [letters]}
quality_gates:
  - {workflow: appeals, mode: individual, minutes_per_item: 15}
""",
    good=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: check, type: review, actor: clerk, outputs: [letters], on_reject: check}
quality_gates:
  - {workflow: appeals, mode: individual, minutes_per_item: 15}
""",
)
def gate_without_review_step(ctx: RuleContext, options: dict):
    for index, gate in enumerate(ctx.operation.quality_gates):
        workflow = ctx.operation.workflow(gate.workflow)
        if workflow is None:
            continue
        step_id = governed_step(workflow, gate)
        if step_id is None:
            yield Finding(
                ("quality_gates", index, "workflow"),
                f"quality gate '{gate.gate_id}' has no step to govern: workflow "
                f"'{workflow.id}' has no review, approve, edit or submit step done by a person",
                hint="add a person's review step to the workflow, or name it with 'step:'",
            )
            continue
        step = workflow.step(step_id)
        if step is not None and not step.is_human:
            yield Finding(
                ("quality_gates", index, "step"),
                f"quality gate '{gate.gate_id}' governs step '{step_id}', which is done by "
                f"'{step.actor}', not a person",
                hint="name a step done by a role",
            )


RULES = [ai_output_ungated, batch_review_before_quality, individual_review_pre,
         gate_without_review_step]
