"""What each runbook page says, as plain typed values built from the models.

One pure function per template: :func:`index_context`, :func:`workflow_context`
and :func:`role_context`. Each reads the operation and the figures derived
from it (:class:`Figures`: the capacity model, the workflow graphs, the
readiness assessment) and returns frozen dataclasses of finished sentences,
numbers already formatted, links already resolved. Templates only lay them
out; they compute nothing and never see a model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..capacity import CapacityModel, capacity_of, gated_steps, whole_percent
from ..diagram import actor_title, mermaid, step_title, trigger_phrase, words, workflow_title
from ..graph import OperationGraph
from ..model.base import format_number
from ..readiness import ReadinessAssessment, assess_readiness
from ..schedule import CronError, parse_cron
from ..timing import OutputReady, clock, machine_step_minutes, output_ready
from .pages import (
    ActivityRow,
    AllocationView,
    GateView,
    Header,
    IndexPage,
    Link,
    MetricChange,
    MetricRow,
    Moment,
    PreparedStep,
    PreparedWork,
    PrerequisiteRow,
    RolePage,
    RoleRow,
    RoleStep,
    RoleWorkflow,
    StepRef,
    StepView,
    WorkflowPage,
    WorkflowRow,
)
from .wording import (
    ALLOCATION_KIND_WORDS,
    CADENCE_WORDS,
    KIND_WORDS,
    METRIC_KIND_WORDS,
    MODE_TITLES,
    PATTERN_WORDS,
    STAGE_WORDS,
    TRIGGER_WORDS,
    count_words,
    hours_words,
    how_many,
    in_sentence,
    mid_sentence,
    lower_first,
    metric_change,
    minutes_words,
    people_words,
    per_item_minutes,
    ready_clock,
    singular,
)

if TYPE_CHECKING:
    from ..model import Allocation, Metric, Operation, QualityGate, Step, Workflow


# --------------------------------------------------------------------------
# Figures derived once per spec


@dataclass(frozen=True)
class Figures:
    """Everything derived from one spec that the pages share."""

    capacity: CapacityModel
    graph: OperationGraph
    readiness: ReadinessAssessment

    @classmethod
    def of(cls, operation: "Operation") -> "Figures":
        return cls(capacity_of(operation), OperationGraph(operation), assess_readiness(operation))


# --------------------------------------------------------------------------
# Paths of the pages, relative to the output directory


def index_path(ext: str) -> str:
    return f"index.{ext}"


def workflow_path(workflow_id: str, ext: str) -> str:
    return f"workflows/{workflow_id}.{ext}"


def role_path(role_id: str, ext: str) -> str:
    return f"roles/{role_id}.{ext}"


# --------------------------------------------------------------------------
# Shared pieces


def header(operation: "Operation", ext: str, depth: int) -> Header:
    meta = operation.metadata
    facts = []
    if meta.revision:
        facts.append(f"revision {meta.revision}")
    if meta.effective:
        facts.append(f"effective {meta.effective.isoformat()}")
    up = "../" * depth
    return Header(
        organisation=meta.organisation or words(meta.name).capitalize(),
        operation=meta.name,
        state=meta.state,
        state_title="Redesigned operation" if operation.is_post else "Current operation",
        facts=tuple(facts),
        home=Link("All runbooks", f"{up}{index_path(ext)}"),
    )


def _role_link(operation: "Operation", role_id: str, ext: str, up: str) -> Link:
    return Link(actor_title(operation, role_id), f"{up}{role_path(role_id, ext)}")


def _workflow_link(workflow: "Workflow", ext: str, up: str) -> Link:
    return Link(workflow_title(workflow), f"{up}{workflow_path(workflow.id, ext)}")


def _per_run_phrase(runs_per_week: float, working_days: float) -> str:
    if runs_per_week == working_days:
        return "a day"
    if runs_per_week == 1:
        return "a week"
    return "a run"


def _cadence(operation: "Operation", root: "Workflow", runs_per_week: float) -> str:
    """The days a workflow runs, from the schedule that starts its chain:
    'Monday to Friday', 'every Friday', 'each working day'."""
    if root.trigger.schedule:
        try:
            days = parse_cron(root.trigger.schedule).describe_days()
            return days[:1].upper() + days[1:]
        except CronError:
            pass
    working_days = operation.calendar.working_days_per_week
    if runs_per_week == working_days:
        return "Each working day"
    if runs_per_week == 1:
        return "Once a week"
    return f"{format_number(round(runs_per_week, 2))} times a week"


def _step_minutes_per_run(figures: Figures, workflow_id: str, step_id: str) -> float | None:
    """The people's minutes a step takes per run (the whole team's)."""
    capacity = figures.capacity.workflows[workflow_id]
    minutes = capacity.step_minutes(step_id)
    if minutes is None or not capacity.runs_per_week:
        return None
    return minutes / capacity.runs_per_week


def _step_time(operation: "Operation", figures: Figures, workflow: "Workflow", step: "Step",
               gate: "QualityGate | None", share_of: float = 1.0) -> str | None:
    """How long a step takes, in words: 'About 20 minutes a day.', 'About 10 of
    the 40 notifications (25%), 2 minutes each: about 20 minutes a day.'

    Figures are per run ('a day' for a daily workflow) unless fewer than two
    items reach the step per run, then per week. ``share_of`` scales the
    team's figures to one person's (1 / headcount)."""
    capacity = figures.capacity.workflows[workflow.id]
    runs = capacity.runs_per_week
    if not runs:
        return None
    unit = capacity.unit
    working_days = operation.calendar.working_days_per_week
    per = _per_run_phrase(runs, working_days)
    if not step.is_human:
        if step.minutes_per_item is None and step.minutes_per_batch is None:
            return None
        minutes = machine_step_minutes(step, capacity.items_per_week / runs)
        return f"About {minutes_words(minutes)} {per}, machine time."
    minutes_week = (capacity.step_minutes(step.id) or 0) * share_of
    if not minutes_week:
        return None
    share = step.percent_of_items / 100
    items_week = capacity.items_per_week * share_of
    divisor = runs
    per_item = step.minutes_per_item is not None and not step.minutes_per_batch and gate is None
    if runs > 1 and ((per_item and items_week * share / runs < 1.5) or minutes_week / runs < 1):
        divisor, per = 1.0, "a week"
    total = f"about {minutes_words(minutes_week / divisor)} {per}"
    if not per_item:
        return f"{total[0].upper()}{total[1:]}."
    reached = items_week * share / divisor
    if share < 1 and reached >= 1.5:
        head = (f"About {count_words(reached)} of the {count_words(items_week / divisor)} {unit} "
                f"({format_number(step.percent_of_items)}%)")
    elif share < 1:
        head = f"{format_number(step.percent_of_items)}% of the {unit}"
    else:
        head = how_many(reached, unit, per)
        head = head[0].upper() + head[1:]
    return f"{head}, {per_item_minutes(step.minutes_per_item)} each: {total}."


def _batch_words(figures: Figures, workflow_id: str) -> str | None:
    """'Each batch holds about 40 notifications.', or per week when runs are small."""
    capacity = figures.capacity.workflows[workflow_id]
    if not capacity.runs_per_week or not capacity.items_per_week:
        return None
    per_run = capacity.items_per_week / capacity.runs_per_week
    if per_run >= 1.5 or capacity.runs_per_week <= 1:
        return f"Each batch holds {how_many(per_run, capacity.unit, 'a run')}."
    in_all = how_many(capacity.items_per_week, capacity.unit, "a week")
    if capacity.items_per_week >= 0.95:
        in_all += " a week"
    return f"The batches hold {in_all} in all."


def _ready_sentence(operation: "Operation", ready: OutputReady | None, second_person: bool
                    ) -> str | None:
    if ready is None or ready.ready_minute is None:
        return None
    owner = operation.role(operation.workflow(ready.workflow).owner)
    when = ready_clock(ready.ready_minute)
    if owner is None or ready.day_starts_minute is None:
        return f"The batch is ready at about {when}."
    who = "you start" if second_person else f"the {in_sentence(owner.title)} starts"
    if ready.before_day_starts:
        return f"The batch is ready at about {when}, before {who} the day at {owner.day_starts}."
    late = ready.ready_minute - ready.day_starts_minute
    return (f"The batch is ready at about {when}, {minutes_words(late)} after {who} the day at "
            f"{owner.day_starts}: the schedule should start earlier.")


def allocation_statement(operation: "Operation", allocation: "Allocation") -> str:
    """The seed's sentence: 'When the customer service coordinator has 2 hours per
    day freed from notification drafting, those hours will be used for <to>,
    measured by <metric>.'"""
    role = operation.role(allocation.role)
    who = in_sentence(role.title) if role else words(allocation.role)
    freed = f"{allocation.recovered} freed"
    if allocation.freed_from:
        freed += f" from {allocation.freed_from.rstrip('.')}"
    hours = allocation.recovered.hours
    those = "those minutes" if hours < 1 else "that hour" if hours == 1 else "those hours"
    metric = operation.metric(allocation.measured_by) if allocation.measured_by else None
    if metric is not None:
        measured = f", measured by {mid_sentence(metric.title.rstrip('.'))}."
    elif allocation.measured_by:
        measured = f", measured by {words(allocation.measured_by)}."
    else:
        measured = "; no metric is named yet."
    return (f"When the {who} has {freed}, {those} will be used for "
            f"{mid_sentence(allocation.to.rstrip('.'))}{measured}")


def _allocation_view(operation: "Operation", allocation: "Allocation", ext: str, up: str
                     ) -> AllocationView:
    role = operation.role(allocation.role)
    activity = None
    if allocation.activity and role is not None:
        for candidate in role.activities:
            if candidate.id == allocation.activity:
                title = candidate.title or words(candidate.id).capitalize()
                hours = role.activity_hours(candidate)
                activity = f"{KIND_WORDS[candidate.kind]}: {title}" + (
                    f", {hours_words(hours)} a week" if hours is not None else "") + "."
    decided = None
    if allocation.decided_on and allocation.recovered_from:
        order = "before" if allocation.decided_on < allocation.recovered_from else "after"
        decided = (f"Decided on {allocation.decided_on.isoformat()}, {order} the time was "
                   f"recovered (from {allocation.recovered_from.isoformat()}).")
    elif allocation.decided_on:
        decided = f"Decided on {allocation.decided_on.isoformat()}."
    return AllocationView(
        statement=allocation_statement(operation, allocation),
        role=_role_link(operation, allocation.role, ext, up),
        kind=ALLOCATION_KIND_WORDS[allocation.kind],
        activity=activity,
        decided=decided,
    )


def _metric_row(operation: "Operation", metric: "Metric", primary: bool) -> MetricRow:
    change = metric_change(metric.baseline, metric.target, metric.unit)
    replaced = operation.metric(metric.replaces) if metric.replaces else None
    return MetricRow(
        title=metric.title,
        kind=METRIC_KIND_WORDS[metric.kind],
        role=actor_title(operation, metric.role) if metric.role else "the whole operation",
        change=change,
        replaces=replaced.title if replaced else (words(metric.replaces) if metric.replaces else None),
        why=metric.why,
        primary=primary,
    )


# --------------------------------------------------------------------------
# The workflow runbook


def workflow_context(operation: "Operation", figures: Figures, workflow_id: str, ext: str
                     ) -> WorkflowPage:
    """The context of one workflow's runbook."""
    up = "../"
    workflow = operation.workflow(workflow_id)
    graph = figures.graph.workflow(workflow_id)
    capacity = figures.capacity.workflows[workflow_id]
    working_days = operation.calendar.working_days_per_week
    order = graph.order()
    numbers = {step_id: n for n, step_id in enumerate(order, start=1)}
    gated = gated_steps(operation, workflow)

    def ref(step_id: str | None) -> StepRef | None:
        if step_id is None or step_id not in numbers:
            return None
        return StepRef(numbers[step_id], step_title(graph.step(step_id)))

    steps = []
    for step_id in order:
        step = graph.step(step_id)
        kind = "human" if step.is_human else ("ai" if step.actor == "ai" else "automated")
        steps.append(StepView(
            number=numbers[step_id],
            title=step_title(step),
            actor=actor_title(operation, step.actor),
            actor_kind=kind,
            actor_link=_role_link(operation, step.actor, ext, up) if step.is_human else None,
            trigger=TRIGGER_WORDS[step.effective_trigger],
            time=_step_time(operation, figures, workflow, step, gated.get(step_id)),
            reads=tuple(words(a) for a in step.inputs),
            produces=tuple(words(a) for a in step.outputs),
            after=tuple(ref(s) for s in graph.flow_predecessors(step_id)),
            after_text=_after_text([numbers[s] for s in graph.flow_predecessors(step_id)]),
            then=tuple(ref(s) for s in graph.flow_successors(step_id)),
            instructions=step.instructions,
            low_confidence_to=ref(step.on_low_confidence),
            rejects_to=ref(step.on_reject),
            escalate_to=actor_title(operation, step.escalate_to) if step.escalate_to else None,
            external=step.external,
            gated=step_id in gated,
        ))

    chain = figures.graph.upstream_chain(workflow_id)
    chain_start = None
    if chain:
        root = operation.workflow(chain[-1])
        if root is not None:
            chain_start = f"{workflow_title(root)} {lower_first(trigger_phrase(operation, root))}."
    ready = output_ready(operation, figures.graph, figures.capacity, workflow_id)

    volume = None
    if workflow.volume is not None and capacity.runs_per_week < 1:
        volume = f"{str(workflow.volume)}."
    elif workflow.volume is not None:
        volume = (f"{str(workflow.volume)}: {count_words(capacity.items_per_week)} a week, in "
                  f"{count_words(capacity.runs_per_week)} run{'' if capacity.runs_per_week == 1 else 's'}.")
    people_time = None
    if capacity.human_minutes_per_week:
        people_time = (f"{hours_words(capacity.human_minutes_per_week / 60)} a week, "
                       f"about {minutes_words(capacity.human_minutes_per_week / working_days)} "
                       "a working day.")
    else:
        people_time = "No person's time: every step is automated or done by the AI."

    produced = [a for s in order for a in graph.step(s).outputs]
    consumed = [a for s in order for a in graph.step(s).inputs]
    inputs = _unique([*workflow.inputs, *(a for a in consumed if a not in produced)])
    outputs = _unique([a for a in produced if a not in consumed]
                      + [a for s in order if graph.step(s).external for a in graph.step(s).outputs])
    feeds = tuple(_workflow_link(w, ext, up) for w in operation.workflows
                  if w.trigger.workflow == workflow_id)

    gates = tuple(_gate_view(operation, figures, workflow, gate, ref)
                  for gate in operation.gates_for(workflow_id))
    return WorkflowPage(
        header=header(operation, ext, depth=1),
        id=workflow.id,
        title=workflow_title(workflow),
        description=workflow.description,
        owner=_role_link(operation, workflow.owner, ext, up),
        trigger=trigger_phrase(operation, workflow) + ".",
        chain_start=chain_start,
        ready=_ready_sentence(operation, ready, second_person=False),
        volume=volume,
        people_time=people_time,
        inputs=tuple(words(a) for a in inputs),
        outputs=tuple(words(a) for a in outputs),
        feeds=feeds,
        steps=tuple(steps),
        gates=gates,
        exceptions=_exception_routes(operation, workflow, graph, ref),
        mermaid=mermaid(figures.graph, workflow_id),
    )


def _after_text(numbers: list[int]) -> str | None:
    if not numbers:
        return None
    if len(numbers) == 1:
        return f"After step {numbers[0]}."
    return f"After steps {_and([str(n) for n in sorted(numbers)])}."


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _full_attention(item: str) -> str:
    return f"Give full attention to {in_sentence(item.rstrip('.'))}."


def _gate_view(operation: "Operation", figures: Figures, workflow: "Workflow",
               gate: "QualityGate", ref) -> GateView:
    from ..capacity import governed_step

    capacity = figures.capacity.workflows[workflow.id]
    unit = capacity.unit
    step_id = governed_step(workflow, gate)
    step_ref = ref(step_id)
    step = workflow.step(step_id) if step_id else None
    items = capacity.items_per_week * (step.percent_of_items / 100 if step else 1)
    weekly = capacity.step_minutes(step_id) if step_id else None
    if weekly is None:  # the gate governs no step a person does (RD304)
        weekly = gate.review_minutes_per_week(items, capacity.runs_per_week)
    per_batch = gate.batch_size or (items / capacity.runs_per_week if capacity.runs_per_week else items)
    procedure: list[str] = []
    summary = None
    if gate.mode == "batch":
        batches = weekly / gate.minutes_per_batch if gate.minutes_per_batch else 0
        summary = (f"{format_number(gate.minutes_per_batch)} minutes per batch of about "
                   f"{count_words(per_batch)} {unit}, {count_words(batches)} "
                   f"batch{'' if batches == 1 else 'es'} a week: {minutes_words(weekly)} a week.")
        procedure.append(f"Open the whole batch, about {count_words(per_batch)} {unit}, at once.")
        procedure.append("Review it for patterns, not item by item: the same mistake repeated, a "
                         "wrong date or name, a tone that does not fit.")
    elif gate.mode == "individual":
        summary = (f"{format_number(gate.minutes_per_item)} minutes per {singular(unit)}, about "
                   f"{count_words(items)} {unit} a week: {minutes_words(weekly)} a week.")
        procedure.append(f"Review every {singular(unit)} on its own, in full, before it goes on.")
    else:
        summary = (f"{format_number(gate.sample_rate)}% of the {unit} reviewed in full: "
                   f"{minutes_words(weekly)} a week.")
        procedure.append(f"Pick {format_number(gate.sample_rate)}% of the {unit} at random and "
                         "review each of them in full.")
        procedure.append("Read the rest for patterns.")
    procedure.extend(_full_attention(item) for item in gate.full_attention)
    rejected = ref(step.on_reject) if step and step.on_reject else None
    if rejected is not None:
        verb = "send the batch back" if gate.mode == "batch" else "send it back"
        procedure.append(f"When something is wrong, {verb} to step {rejected.number} "
                         f"({rejected.title}) rather than fixing it by hand every time.")
    foundation = None
    if gate.mode in ("batch", "sampled"):
        status = figures.readiness.prerequisite("foundation")
        evidence = (f"Last measured: {status.evidence} ({status.status})."
                    if status.met is not None else "The editing share has not been recorded.")
        foundation = (f"{MODE_TITLES[gate.mode]} is only safe while the Foundation is at quality: "
                      f"{status.threshold}. {evidence} If editing rises above the threshold, go "
                      "back to reviewing every item.")
    owner = gate.owner or workflow.owner
    return GateView(
        mode=MODE_TITLES[gate.mode],
        step=step_ref,
        owner=actor_title(operation, owner),
        summary=summary,
        procedure=tuple(procedure),
        full_attention=tuple(gate.full_attention),
        foundation=foundation,
        description=gate.description,
    )


def _exception_routes(operation: "Operation", workflow: "Workflow", graph, ref) -> tuple[str, ...]:
    routes = []
    for step_id in graph.order():
        step = graph.step(step_id)
        source = ref(step_id)
        target = ref(step.on_low_confidence)
        if target is not None:
            handler = workflow.step(step.on_low_confidence)
            share = (f", about {format_number(handler.percent_of_items)}% of the items"
                     if handler.percent_of_items < 100 else "")
            routes.append(
                f"Low-confidence items: at step {source.number} ({source.title}) the AI flags the "
                f"items it is not confident about. They go to step {target.number} "
                f"({target.title}), done by the {in_sentence(actor_title(operation, handler.actor))}"
                f"{share}.")
        rejected = ref(step.on_reject)
        if rejected is not None:
            routes.append(f"Rejects: what step {source.number} ({source.title}) rejects goes back "
                          f"to step {rejected.number} ({rejected.title}).")
        if step.escalate_to:
            routes.append(f"Escalation: what cannot be resolved at step {source.number} "
                          f"({source.title}) goes to the "
                          f"{in_sentence(actor_title(operation, step.escalate_to))}.")
    if not routes:
        routes.append(f"This workflow names no exception route. Anything unusual goes to its "
                      f"owner, the {in_sentence(actor_title(operation, workflow.owner))}.")
    return tuple(routes)


# --------------------------------------------------------------------------
# The role runbook: "your day"


def role_context(operation: "Operation", figures: Figures, role_id: str, ext: str) -> RolePage:
    """The context of one role's runbook, written to the person in the role."""
    up = "../"
    role = operation.role(role_id)
    capacity = figures.capacity.roles[role_id]
    working_days = operation.calendar.working_days_per_week
    headcount = role.headcount

    facts = [people_words(headcount), f"{format_number(role.hours_per_week)} hours a week",
             f"day starts {role.day_starts}"]
    if role.caseload is not None:
        load = f"{format_number(role.caseload.per_person)} {role.caseload.unit}"
        if role.caseload.per:
            load += f" per {role.caseload.per}"
        if headcount != 1:
            load += " each"
        if role.caseload.edge_of_capacity:
            load += f", edge of capacity {format_number(role.caseload.edge_of_capacity)}"
        facts.append(load)

    worked = [w for w in operation.workflows
              if any(s.is_human and s.actor == role_id for s in w.steps)]

    prepared = []
    for workflow in worked:
        ready = output_ready(operation, figures.graph, figures.capacity, workflow.id)
        if ready is None or ready.started_by != "schedule":
            continue
        chain = [*reversed(figures.graph.upstream_chain(workflow.id)), workflow.id]
        steps = []
        for chain_id in chain:
            chain_graph = figures.graph.workflow(chain_id)
            for step_id in chain_graph.steps_before_people():
                step = chain_graph.step(step_id)
                steps.append(PreparedStep(
                    title=step_title(step),
                    actor=actor_title(operation, step.actor),
                    actor_kind="ai" if step.actor == "ai" else "automated",
                    workflow=None if chain_id == workflow.id else workflow_title(chain_graph.workflow),
                ))
        root = operation.workflow(ready.root)
        starter = "the run starts" if root.id == workflow.id else f"{workflow_title(root)} starts"
        moments = [(ready.start_minute, Moment(clock(ready.start_minute), starter)),
                   (ready.ready_minute, Moment(f"about {ready_clock(ready.ready_minute)}",
                                               "the batch is ready"))]
        if ready.day_starts_minute is not None:
            moments.append((ready.day_starts_minute, Moment(role.day_starts, "you start the day")))
        prepared.append(PreparedWork(
            workflow=_workflow_link(workflow, ext, up),
            starts=(trigger_phrase(operation, root)
                    + (f", with {workflow_title(root)}." if root.id != workflow.id else ".")),
            ready=_ready_sentence(operation, ready, second_person=True),
            batch=_batch_words(figures, workflow.id),
            steps=tuple(steps),
            timeline=tuple(moment for _, moment in sorted(moments, key=lambda m: m[0])),
        ))
    prepared_note = None
    if not prepared:
        started = [workflow_title(w) for w in worked if w.trigger.human == role_id]
        if started:
            prepared_note = ("Nothing is prepared for you before you start: you start "
                             + _and(started) + " yourself.")
        elif worked:
            prepared_note = "Nothing is prepared for you on a schedule before your day starts."

    role_workflows = []
    for workflow in worked:
        graph = figures.graph.workflow(workflow.id)
        wcap = figures.capacity.workflows[workflow.id]
        per = _per_run_phrase(wcap.runs_per_week, working_days)
        numbers = {s: n for n, s in enumerate(graph.order(), start=1)}
        gated = gated_steps(operation, workflow)
        steps = []
        total = 0.0
        for step_id in graph.order():
            step = graph.step(step_id)
            if not (step.is_human and step.actor == role_id):
                continue
            gate = gated.get(step_id)
            minutes = _step_minutes_per_run(figures, workflow.id, step_id)
            total += (minutes or 0) / headcount
            points = []
            note = None
            if gate is not None:
                note = f"{MODE_TITLES[gate.mode]}: the quality gate"
                points.extend(_full_attention(item) for item in gate.full_attention)
            if step.on_reject and step.on_reject in numbers:
                points.append(f"Send what is wrong back to step {numbers[step.on_reject]} "
                              f"({step_title(graph.step(step.on_reject))}).")
            if step.escalate_to:
                points.append("What you cannot resolve, escalate to the "
                              f"{in_sentence(actor_title(operation, step.escalate_to))}.")
            if step.external:
                points.append("This goes out of the organisation: nothing leaves without your approval.")
            steps.append(RoleStep(
                number=numbers[step_id],
                title=step_title(step),
                note=note,
                time=_step_time(operation, figures, workflow, step, gate, 1 / headcount),
                instructions=step.instructions,
                points=tuple(points),
            ))
        role_workflows.append(RoleWorkflow(
            workflow=_workflow_link(workflow, ext, up),
            cadence=_cadence(operation, operation.workflow(
                (figures.graph.upstream_chain(workflow.id) or [workflow.id])[-1]), wcap.runs_per_week),
            total=f"About {minutes_words(total)} {per}." if total else None,
            steps=tuple(steps),
        ))

    week = []
    for activity in role.activities:
        hours = capacity.activity_hours.get(activity.id, 0.0)
        linked = operation.workflow(activity.workflow) if activity.workflow else None
        week.append(ActivityRow(
            title=activity.title or words(activity.id).capitalize(),
            kind=KIND_WORDS[activity.kind],
            hours=format_number(round(hours, 1)),
            workflow=_workflow_link(linked, ext, up) if linked else None,
        ))
    week_summary = None
    split = capacity.split_whole
    if split is not None:
        per_person = capacity.booked_hours / headcount
        week_summary = (f"Screen work {split[0]}%, room work {split[1]}%. Your week adds up to "
                        f"{hours_words(per_person)} of {format_number(role.hours_per_week)} "
                        f"({whole_percent(capacity.booked_percent)}%).")

    allocations = tuple(_allocation_view(operation, a, ext, up)
                        for a in operation.allocations if a.role == role_id)
    unallocated = None
    if capacity.unallocated_hours is not None and capacity.unallocated_hours > 0.05:
        unallocated = (f"{hours_words(capacity.unallocated_hours)} a week of your recovered time "
                       "have no use decided yet. Time that is not allocated before it is recovered "
                       "is re-absorbed by low-priority work within sixty days.")

    metrics = []
    for metric in operation.metrics:
        if metric.status != "active":
            continue
        if metric.role == role_id or metric.id == role.primary_metric:
            metrics.append(_metric_row(operation, metric, metric.id == role.primary_metric))
    metrics.sort(key=lambda m: not m.primary)

    escalations = []
    owns = []
    for workflow in operation.workflows:
        graph = figures.graph.workflow(workflow.id)
        numbers = {s: n for n, s in enumerate(graph.order(), start=1)}
        for step_id in graph.order():
            step = graph.step(step_id)
            if step.escalate_to == role_id:
                escalations.append(
                    f"You receive what the {in_sentence(actor_title(operation, step.actor))} cannot "
                    f"resolve at step {numbers[step_id]} of {workflow_title(workflow)} "
                    f"({step_title(step)}).")
        if workflow.owner == role_id and workflow not in worked:
            owns.append(f"You own {workflow_title(workflow)}, which runs without a person's step. "
                        f"{trigger_phrase(operation, workflow)}.")
    loop = operation.readiness.improvement_loop if operation.readiness else None
    if loop is not None and loop.owner == role_id:
        thresholds = operation.readiness.thresholds
        owns.append(f"You own the AI system: run the improvement loop "
                    f"{CADENCE_WORDS[thresholds.loop_cadence]} and update the context documents at "
                    f"least {CADENCE_WORDS[thresholds.context_updates]}, so that the quality of the "
                    "AI's output keeps improving month on month.")

    transitions = []
    if operation.rollout is not None:
        for transition in sorted(operation.rollout.transitions, key=lambda t: t.date):
            if transition.role == role_id:
                text = f"From {transition.date.isoformat()}: {STAGE_WORDS[transition.stage]}."
                note = (transition.note or "").strip().rstrip(".")
                if note and note.lower() not in text.lower():
                    text += f" {note}."
                transitions.append(text)

    moved_from = None
    if role.moved_from:
        moved_from = f"This role was formed from the {in_sentence(actor_title(operation, role.moved_from))} role."

    return RolePage(
        header=header(operation, ext, depth=1),
        id=role.id,
        title=role.title,
        facts=tuple(facts),
        description=role.description,
        moved_from=moved_from,
        prepared=tuple(prepared),
        prepared_note=prepared_note,
        steps_heading=("What you review, approve and submit" if operation.is_post
                       else "Your steps in each workflow"),
        workflows=tuple(role_workflows),
        per_person_note=(f"Times are per person: the work is shared between {people_words(headcount)}."
                         if headcount != 1 and role_workflows else None),
        week=tuple(week),
        week_summary=week_summary,
        allocations=allocations,
        unallocated=unallocated,
        metrics=tuple(metrics),
        escalations=tuple(escalations),
        owns=tuple(owns),
        transitions=tuple(transitions),
    )


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------
# The index


def index_context(operation: "Operation", figures: Figures, ext: str) -> IndexPage:
    """The context of the index page: the operation at a glance."""
    meta = operation.metadata
    workflows = []
    for workflow in operation.workflows:
        capacity = figures.capacity.workflows[workflow.id]
        minutes = capacity.human_minutes_per_week
        workflows.append(WorkflowRow(
            link=_workflow_link(workflow, ext, ""),
            owner=actor_title(operation, workflow.owner),
            starts=trigger_phrase(operation, workflow),
            volume=str(workflow.volume) if workflow.volume else "not stated",
            people_time=(f"{hours_words(minutes / 60)} a week" if minutes else "none"),
        ))
    roles = []
    for role in operation.team.roles:
        capacity = figures.capacity.roles[role.id]
        caseload = "—"
        if role.caseload is not None:
            caseload = f"{format_number(role.caseload.per_person)} {role.caseload.unit}"
            if role.caseload.per:
                caseload += f" per {role.caseload.per}"
        split = capacity.split_whole
        roles.append(RoleRow(
            link=Link(role.title, role_path(role.id, ext)),
            people=people_words(role.headcount),
            day_starts=role.day_starts,
            caseload=caseload + (" each" if role.caseload and role.headcount != 1 else ""),
            split=f"{split[0]}% / {split[1]}%" if split else "—",
            booked=f"{whole_percent(capacity.booked_percent)}%" if capacity.booked_hours else "—",
        ))

    metric_changes = []
    for metric in operation.metrics:
        if metric.status == "active" and metric.replaces:
            old = operation.metric(metric.replaces)
            metric_changes.append(MetricChange(
                old=old.title if old else words(metric.replaces),
                new=metric.title,
                why=metric.why or "",
            ))
    primary = {role.primary_metric for role in operation.team.roles if role.primary_metric}
    metrics = tuple(_metric_row(operation, m, m.id in primary)
                    for m in operation.metrics if m.status == "active")

    readiness_rows: tuple[PrerequisiteRow, ...] = ()
    readiness_summary = None
    if operation.is_post or operation.readiness is not None:
        readiness_rows = tuple(
            PrerequisiteRow(
                number=p.number, title=p.title, threshold=p.threshold, evidence=p.evidence,
                status=p.status, status_key=p.status.replace(" ", "-"), problems=p.problems)
            for p in figures.readiness.prerequisites)
        met = sum(1 for p in figures.readiness.prerequisites if p.met is True)
        if figures.readiness.all_met:
            readiness_summary = "All four prerequisites are met: the redesign can go ahead."
        else:
            readiness_summary = (f"{met} of the four prerequisites {'is' if met == 1 else 'are'} "
                                 f"met. The redesign waits "
                                 "until all four are.")

    phases = []
    if operation.rollout is not None:
        for key, title in (("foundation", "Phase 1, Foundation"), ("adoption", "Phase 2, adoption"),
                           ("redesign", "Redesign")):
            phase = getattr(operation.rollout.phases, key)
            if phase is None:
                continue
            span = f"from {phase.starts.isoformat()}"
            if phase.ends:
                span += f" to {phase.ends.isoformat()}"
            text = f"{title}: {span}."
            if phase.note:
                text += f" {phase.note.rstrip('.')}."
            phases.append(text)

    organisation = meta.organisation or words(meta.name).capitalize()
    return IndexPage(
        header=header(operation, ext, depth=0),
        title=f"{organisation}: runbooks",
        description=meta.description,
        sector=meta.sector,
        pattern=PATTERN_WORDS.get(operation.team.pattern or ""),
        workflows=tuple(workflows),
        roles=tuple(roles),
        allocations=tuple(_allocation_view(operation, a, ext, "") for a in operation.allocations),
        metric_changes=tuple(metric_changes),
        metrics=metrics,
        readiness=readiness_rows,
        readiness_summary=readiness_summary,
        phases=tuple(phases),
    )
