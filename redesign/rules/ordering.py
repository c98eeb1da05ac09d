"""RD2xx ordering: AI processes and produces, a person reviews and approves."""

from __future__ import annotations

from ..diagnostics import Severity
from ..model.workflows import APPROVAL_STEP_TYPES, PRODUCTION_STEP_TYPES
from ..timing import clock, output_ready
from .base import Finding, RuleContext, path_text, rule

_POST = """apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post}
team:
  roles: [{id: clerk, title: Billing clerk}]
"""
_PRE = _POST.replace("state: post", "state: pre")


@rule(
    "RD201", "ai-output-unapproved", Severity.ERROR,
    "AI-produced content can leave the organisation without a human approval.",
    """
The redesigned sequence is "AI processes and produces, a person reviews and
approves". Every path from a step that produces AI content (an `ai` step, or
an automated triage or draft step) to a step whose output leaves the
organisation (`external: true`) must pass a human approval: an `approve` or
`submit` step done by a role. The finding prints the path that skips it.
""",
    bad=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters]}
      - {id: send, type: other, actor: automated, inputs: [letters], external: true}
""",
    good=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters]}
      - {id: approve, type: approve, actor: clerk, inputs: [letters]}
      - {id: send, type: other, actor: automated, after: [approve], inputs: [letters], external: true}
""",
)
def ai_output_unapproved(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        sources = [s for s in graph.steps if graph.produces_ai_content(s)]
        if not sources:
            continue
        parents = graph.reachable_from(sources, blocked=graph.is_approval, include_sources=True)
        for step_id in graph.steps:
            step = graph.step(step_id)
            if not step.external or graph.is_approval(step_id) or step_id not in parents:
                continue
            path = graph.trace(parents, step_id)
            yield Finding(
                graph.path(step_id, "external"),
                f"AI output reaches external step '{step_id}' of workflow '{graph.id}' "
                f"without a human approval: {path_text(path)}",
                hint="put a person's 'approve' or 'submit' step on that path, or make "
                     f"'{step_id}' a 'submit' step done by a role",
                at_key=True,
            )


@rule(
    "RD202", "changed-after-approval", Severity.ERROR,
    "An automated or AI step changes content after the last human approval.",
    """
Approval means a person signed off what goes out. An AI or automated step
that produces, triages or edits content between that approval and the
step that sends it out changes what was approved. Move the step before the
approval, or approve again after it.
""",
    bad=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters]}
      - {id: approve, type: approve, actor: clerk, inputs: [letters]}
      - {id: polish, type: edit, actor: ai, after: [approve], inputs: [letters], outputs: [final]}
      - {id: send, type: other, actor: automated, inputs: [final], external: true}
""",
    good=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters]}
      - {id: polish, type: edit, actor: ai, inputs: [letters], outputs: [final]}
      - {id: approve, type: approve, actor: clerk, inputs: [final]}
      - {id: send, type: other, actor: automated, after: [approve], inputs: [final], external: true}
""",
)
def changed_after_approval(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        approvals = [s for s in graph.steps if graph.is_approval(s)]
        if not approvals:
            continue
        after_approval = graph.reachable_from(approvals)
        outgoing = [s for s in graph.steps if graph.step(s).external and not graph.is_approval(s)]
        towards_exit = graph.reaching(outgoing, blocked=graph.is_approval)
        for step_id in graph.steps:
            if (
                step_id in after_approval
                and step_id in towards_exit
                and not graph.is_approval(step_id)
                and graph.changes_content(step_id)
            ):
                path = graph.trace(after_approval, step_id) + graph.follow(towards_exit, step_id)[1:]
                yield Finding(
                    graph.path(step_id, "id"),
                    f"step '{step_id}' of workflow '{graph.id}' changes content after the last "
                    f"human approval: {path_text(path)}",
                    hint="move it before the approval, or add a person's approval after it",
                )


@rule(
    "RD203", "approval-not-human", Severity.ERROR,
    "An approve or submit step is not done, or not started, by a person.",
    """
Approval and submission are human-initiated in the redesigned operation:
the person accountable signs off and sends. An `approve` or `submit` step
whose actor is `automated` or `ai`, or whose trigger is not `human`, removes
the person from the decision.
""",
    bad=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: review, type: review, actor: clerk, outputs: [letters]}
      - {id: submit, type: submit, actor: automated, inputs: [letters], external: true}
""",
    good=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: review, type: review, actor: clerk, outputs: [letters]}
      - {id: submit, type: submit, actor: clerk, inputs: [letters], external: true}
""",
)
def approval_not_human(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        for step_id in graph.steps:
            step = graph.step(step_id)
            if step.type not in APPROVAL_STEP_TYPES:
                continue
            if not step.is_human:
                yield Finding(
                    graph.path(step_id, "actor"),
                    f"{step.type} step '{step_id}' of workflow '{graph.id}' is done by "
                    f"'{step.actor}'; approval and submission are done by a person",
                    hint=f"set 'actor:' to the role that signs off, e.g. '{graph.workflow.owner}'",
                )
            elif step.effective_trigger != "human":
                yield Finding(
                    graph.path(step_id, "trigger"),
                    f"{step.type} step '{step_id}' of workflow '{graph.id}' is started "
                    f"'{step.effective_trigger}'; approval and submission are human-initiated",
                    hint="remove 'trigger:' or set it to 'human'",
                )


@rule(
    "RD204", "low-confidence-unrouted", Severity.ERROR,
    "Items the AI flags as low-confidence do not reach a person's exception step.",
    """
In the redesign the AI flags the items it is unsure of, and a person
handles them in full. Every AI step that produces content needs
`on_low_confidence:` naming an `exception-handling` step done by a role.
""",
    bad=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters]}
      - {id: submit, type: submit, actor: clerk, inputs: [letters], external: true}
""",
    good=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters], on_low_confidence: exceptions}
      - {id: exceptions, type: exception-handling, actor: clerk, after: [draft]}
      - {id: submit, type: submit, actor: clerk, after: [exceptions], inputs: [letters], external: true}
""",
)
def low_confidence_unrouted(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        for step_id in graph.steps:
            step = graph.step(step_id)
            if step.actor != "ai":
                continue
            if step.on_low_confidence is None:
                yield Finding(
                    graph.path(step_id, "id"),
                    f"AI step '{step_id}' of workflow '{graph.id}' does not route the items it "
                    "flags as low-confidence",
                    hint="add 'on_low_confidence: <step>' naming a person's exception-handling step",
                )
                continue
            target = graph.step(step.on_low_confidence)
            if not target.is_human or target.type != "exception-handling":
                what = "not done by a person" if not target.is_human else f"a '{target.type}' step"
                yield Finding(
                    graph.path(step_id, "on_low_confidence"),
                    f"AI step '{step_id}' routes low-confidence items to '{target.id}', which is "
                    f"{what}; they need a person's exception-handling step",
                    hint="route them to a step with 'type: exception-handling' and a role as actor",
                )


def _screen_work_started_by_a_person(ctx: RuleContext):
    for graph in ctx.graph:
        for step_id in graph.steps:
            step = graph.step(step_id)
            if step.type in PRODUCTION_STEP_TYPES and (
                step.is_human or step.effective_trigger == "human"
            ):
                who = f"done by '{step.actor}'" if step.is_human else "started by a person"
                yield graph, step_id, step, who


@rule(
    "RD205", "screen-work-human-post", Severity.WARNING,
    "In a post state, a person still exports data, processes, triages or drafts.",
    """
The seed's trigger table: data export is automated or scheduled; AI
processing, triage and drafting are automated. A post state in which a
person still does or starts one of these steps has not yet moved that
screen work to the AI.
""",
    bad=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: submit, type: submit, actor: clerk, inputs: [letters], external: true}
""",
    good=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: ai, outputs: [letters], on_low_confidence: check}
      - {id: check, type: exception-handling, actor: clerk, after: [draft]}
      - {id: submit, type: submit, actor: clerk, after: [check], inputs: [letters], external: true}
""",
)
def screen_work_human_post(ctx: RuleContext, options: dict):
    if not ctx.is_post:
        return
    for graph, step_id, step, who in _screen_work_started_by_a_person(ctx):
        yield Finding(
            graph.path(step_id, "actor" if step.is_human else "trigger"),
            f"{step.type} step '{step_id}' of workflow '{graph.id}' is {who}; in the redesign "
            "this screen work is automated or scheduled",
            hint="set 'actor: ai' (or 'automated') and let the schedule or the previous step start it",
        )


@rule(
    "RD206", "screen-work-human-pre", Severity.INFO,
    "In a pre state, a person does screen work the redesign can move to AI.",
    """
Reported on pre states to show what makes them pre: every data export,
processing, triage and drafting step a person does or starts is screen work
the redesign can hand to the AI. Information, not a problem.
""",
    bad=_PRE + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: submit, type: submit, actor: clerk, inputs: [letters], external: true}
""",
    good=_PRE + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: submit, type: submit, actor: clerk, external: true}
""",
)
def screen_work_human_pre(ctx: RuleContext, options: dict):
    if ctx.is_post:
        return
    for graph, step_id, step, who in _screen_work_started_by_a_person(ctx):
        yield Finding(
            graph.path(step_id, "actor" if step.is_human else "trigger"),
            f"{step.type} step '{step_id}' of workflow '{graph.id}' is screen work {who}; "
            "a candidate for the redesign",
        )


@rule(
    "RD207", "gate-without-rework", Severity.WARNING,
    "A person's review or approval step has no path for rejected items.",
    """
A human gate that can only say yes is not a gate. Every `review` and
`approve` step done by a role names, with `on_reject:`, the step that
rejected items go back to (the AI draft to regenerate, or a person's edit).
The gate's owner role is the quality gate's `owner`, or the workflow owner.
""",
    bad=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: review, type: review, actor: clerk, inputs: [letters]}
""",
    good=_POST + """workflows:
  - id: appeals
    owner: clerk
    trigger: {human: clerk}
    steps:
      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}
      - {id: review, type: review, actor: clerk, inputs: [letters], on_reject: draft}
""",
)
def gate_without_rework(ctx: RuleContext, options: dict):
    for graph in ctx.graph:
        for step_id in graph.steps:
            step = graph.step(step_id)
            if step.is_human and step.type in ("review", "approve") and step.on_reject is None:
                yield Finding(
                    graph.path(step_id, "id"),
                    f"{step.type} step '{step_id}' of workflow '{graph.id}' has no rework path "
                    "for rejected items",
                    hint="add 'on_reject: <step>' naming the step rejected items go back to",
                )


@rule(
    "RD208", "ai-output-late", Severity.WARNING,
    "The AI output is not ready before the owning role's day starts.",
    """
The redesigned sequence delivers at the start of the day what the old one
produced by 10am. From the workflow's schedule (or the schedule of the
workflow whose output triggers it) and the minutes of its automated and AI
steps along the longest chain, redesign computes when the AI output is
ready and compares it with the owner role's `day_starts`. A workflow with
AI steps that a person starts by hand cannot have its output ready at the
start of the day either.
""",
    bad=_POST.replace("title: Billing clerk}", "title: Billing clerk, day_starts: \"08:00\"}") + """workflows:
  - id: appeals
    owner: clerk
    volume: 40 appeals per day
    trigger: {schedule: "30 7 * * 1-5"}
    steps:
      - {id: export, type: data-export, actor: automated, outputs: [denials], minutes_per_batch: 15}
      - {id: draft, type: draft-generation, actor: ai, inputs: [denials], outputs: [letters], minutes_per_item: 1}
      - {id: submit, type: submit, actor: clerk, inputs: [letters], external: true}
""",
    good=_POST.replace("title: Billing clerk}", "title: Billing clerk, day_starts: \"08:00\"}") + """workflows:
  - id: appeals
    owner: clerk
    volume: 40 appeals per day
    trigger: {schedule: "0 5 * * 1-5"}
    steps:
      - {id: export, type: data-export, actor: automated, outputs: [denials], minutes_per_batch: 15}
      - {id: draft, type: draft-generation, actor: ai, inputs: [denials], outputs: [letters], minutes_per_item: 1}
      - {id: submit, type: submit, actor: clerk, inputs: [letters], external: true}
""",
)
def ai_output_late(ctx: RuleContext, options: dict):
    if not ctx.is_post:
        return
    operation = ctx.operation
    for graph in ctx.graph:
        if not any(graph.produces_ai_content(s) for s in graph.steps):
            continue
        ready = output_ready(operation, ctx.graph, ctx.capacity, graph.id)
        if ready is None:
            continue
        root = operation.workflow(ready.root)
        if ready.started_by == "human":
            yield Finding(
                ctx.workflow_path(root.id, "trigger"),
                f"workflow '{graph.id}' has AI steps but is started by a person "
                f"('{root.id}' is triggered by '{root.trigger.human}'), so its output cannot be "
                "ready at the start of the day",
                hint="trigger it from a schedule (e.g. '0 5 * * 1-5') or from an upstream workflow",
            )
            continue
        if ready.before_day_starts is not False:
            continue
        owner = operation.role(graph.workflow.owner)
        late = ready.ready_minute - ready.day_starts_minute
        yield Finding(
            ctx.workflow_path(root.id, "trigger", "schedule"),
            f"AI output of workflow '{graph.id}' is ready at {clock(ready.ready_minute)}, after "
            f"'{owner.id}' starts the day at {owner.day_starts}",
            hint=f"start the schedule at least {int(late + 0.999)} minutes earlier",
        )


RULES = [ai_output_unapproved, changed_after_approval, approval_not_human,
         low_confidence_unrouted, screen_work_human_post, screen_work_human_pre,
         gate_without_rework, ai_output_late]
