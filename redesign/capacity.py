"""The capacity model: where every role's hours go, computed from a spec.

One pure function, :func:`capacity_of`, turns an :class:`Operation` into
figures that ``check``, ``diff`` and ``compile`` share:

- per workflow: runs and items per week, human minutes per item and per
  week, by role and by step, and the review minutes of its quality gate;
- per role: available hours, load (hours and %), the screen/room split,
  caseload (accounts or cases per FTE, and for the team), recovered hours
  and where its allocations send them.

How the figures are computed (also in docs/concepts.md):

- rates convert with the calendar's working days per week (5) and 52/12
  weeks per month;
- a workflow runs as often as its cron schedule fires, as often as its
  upstream workflow for an event trigger, and once per period of its volume
  for a human trigger ('40 per day' runs daily);
- a step's human minutes per week are ``minutes_per_item x items per week x
  percent_of_items / 100 + minutes_per_batch x runs per week``; a step
  governed by a quality gate takes the gate's review minutes instead;
- a role's load is the human hours of the workflow steps it does, over
  headcount x hours per week;
- a role's booked week is the hours of its activities (a workflow-backed
  activity's hours computed from the workflow) plus the hours of workflows
  it works in that no activity stands for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .model.base import WEEKS_PER_MONTH, WEEKS_PER_QUARTER, WEEKS_PER_YEAR
from .schedule import CronError, parse_cron

if TYPE_CHECKING:
    from .model import Operation, QualityGate, Workflow

#: Step types a quality gate can govern, in order of preference.
GATE_STEP_TYPES = ("review", "approve", "edit", "submit")


@dataclass(frozen=True)
class StepLoad:
    """Human minutes per week one step takes, and who spends them."""

    workflow: str
    step: str
    role: str
    minutes_per_week: float
    #: ``step`` when the step's own minutes apply, ``gate`` when a quality gate's do.
    source: str


@dataclass(frozen=True)
class WorkflowCapacity:
    workflow: str
    owner: str
    runs_per_week: float
    items_per_week: float
    unit: str
    steps: tuple[StepLoad, ...]
    #: Review minutes per week spent at the workflow's quality gates (team total).
    review_minutes_per_week: float
    #: Review minutes per week per person doing the review.
    review_minutes_per_reviewer: float | None

    @property
    def human_minutes_per_week(self) -> float:
        return sum(load.minutes_per_week for load in self.steps)

    @property
    def human_minutes_per_item(self) -> float | None:
        if not self.items_per_week:
            return None
        return self.human_minutes_per_week / self.items_per_week

    def step_minutes(self, step_id: str) -> float | None:
        """Human minutes per week of one step (team total); None for a machine step."""
        found = [load.minutes_per_week for load in self.steps if load.step == step_id]
        return sum(found) if found else None

    def minutes_by_role(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for load in self.steps:
            totals[load.role] = totals.get(load.role, 0.0) + load.minutes_per_week
        return totals


@dataclass(frozen=True)
class AllocatedTime:
    """Recovered hours one allocation sends somewhere, and how that is measured."""

    allocation: str
    #: Hours per person per week.
    hours_per_week: float
    #: The activity the time goes to, in the spec's words.
    to: str
    kind: str
    #: The role's activity (by id) the time goes to, if the spec names it.
    activity: str | None = None
    measured_by: str | None = None


@dataclass(frozen=True)
class RoleCapacity:
    role: str
    headcount: float
    hours_per_week: float
    #: Team hours per week: headcount x hours per week.
    available_hours: float
    #: Team hours per week of workflow steps the role does: its load.
    workflow_hours: float
    #: Team hours per week the role's week is booked for: activities plus
    #: the workflows no activity stands for.
    booked_hours: float
    #: Hours per person per week of each activity (workflow-backed ones computed).
    activity_hours: dict[str, float] = field(default_factory=dict)
    screen_hours: float = 0.0
    room_hours: float = 0.0
    caseload_per_person: float | None = None
    caseload_unit: str | None = None
    #: The caseload's period for a flow of cases (`week` in 25 appeals per week); None for a book.
    caseload_per: str | None = None
    edge_of_capacity: float | None = None
    #: Hours per person per week that AI frees, as the spec states.
    recovered_hours: float | None = None
    #: Hours per person per week the role's allocations assign.
    allocated_hours: float = 0.0
    #: Where the allocated hours go, one entry per allocation, in spec order.
    allocations: tuple[AllocatedTime, ...] = ()
    #: Quality-gate review minutes per week the role spends (team total).
    review_minutes: float = 0.0

    @property
    def load_percent(self) -> float:
        """Workflow hours over available hours, in percent."""
        return 100 * self.workflow_hours / self.available_hours if self.available_hours else 0.0

    @property
    def booked_percent(self) -> float:
        """Booked hours (activities and unlinked workflows) over available hours, in percent."""
        return 100 * self.booked_hours / self.available_hours if self.available_hours else 0.0

    @property
    def team_caseload(self) -> float | None:
        """Accounts or cases the whole role carries: per person x headcount."""
        if self.caseload_per_person is None:
            return None
        return self.caseload_per_person * self.headcount

    @property
    def split(self) -> tuple[float, float] | None:
        """(screen %, room %) of the hours whose kind is known."""
        total = self.screen_hours + self.room_hours
        if not total:
            return None
        return (100 * self.screen_hours / total, 100 * self.room_hours / total)

    @property
    def split_whole(self) -> tuple[int, int] | None:
        """The split in whole percentages that add up to 100 (halves round up):
        the one rounding every report of the split uses."""
        split = self.split
        if split is None:
            return None
        screen = whole_percent(split[0])
        return (screen, 100 - screen)

    @property
    def unallocated_hours(self) -> float | None:
        if self.recovered_hours is None:
            return None
        return self.recovered_hours - self.allocated_hours


@dataclass(frozen=True)
class CapacityModel:
    working_days_per_week: float
    workflows: dict[str, WorkflowCapacity]
    roles: dict[str, RoleCapacity]


def whole_percent(value: float) -> int:
    """A percentage rounded to a whole number, halves up (12.5 -> 13)."""
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------


def _period_runs(period: str, working_days: float) -> float:
    return {
        "day": working_days,
        "week": 1.0,
        "month": 1 / WEEKS_PER_MONTH,
        "quarter": 1 / WEEKS_PER_QUARTER,
        "year": 1 / WEEKS_PER_YEAR,
    }[period]


def runs_per_week(operation: "Operation") -> dict[str, float]:
    """Runs per week of every workflow, following event triggers upstream."""
    working_days = operation.calendar.working_days_per_week
    by_id = {w.id: w for w in operation.workflows}
    runs: dict[str, float] = {}

    def resolve(workflow: "Workflow", visiting: set[str]) -> float:
        if workflow.id in runs:
            return runs[workflow.id]
        trigger = workflow.trigger
        value: float
        if trigger.schedule:
            try:
                value = parse_cron(trigger.schedule).runs_per_week()
            except CronError:
                value = working_days
        elif trigger.workflow and trigger.workflow in by_id and trigger.workflow not in visiting:
            value = resolve(by_id[trigger.workflow], visiting | {workflow.id})
        elif workflow.volume is not None:
            value = _period_runs(workflow.volume.per, working_days)
        else:
            value = working_days
        runs[workflow.id] = value
        return value

    for workflow in operation.workflows:
        resolve(workflow, {workflow.id})
    return runs


def governed_step(workflow: "Workflow", gate: "QualityGate") -> str | None:
    """The step a quality gate governs: its ``step``, else the first human review step."""
    if gate.step:
        return gate.step
    for kind in GATE_STEP_TYPES:
        for step in workflow.steps:
            if step.type == kind and step.is_human:
                return step.id
    return None


def gated_steps(operation: "Operation", workflow: "Workflow") -> dict[str, "QualityGate"]:
    """The quality gate of each step a gate governs (the first gate wins)."""
    gated: dict[str, "QualityGate"] = {}
    for gate in operation.gates_for(workflow.id):
        step_id = governed_step(workflow, gate)
        if step_id and step_id not in gated:
            gated[step_id] = gate
    return gated


def _workflow_capacity(operation: "Operation", workflow: "Workflow", runs: float) -> WorkflowCapacity:
    working_days = operation.calendar.working_days_per_week
    items = workflow.volume.per_week(working_days) if workflow.volume else runs
    gated = gated_steps(operation, workflow)
    loads: list[StepLoad] = []
    review_total = 0.0
    reviewers: set[str] = set()
    for step in workflow.steps:
        if not step.is_human:
            continue
        share = step.percent_of_items / 100
        gate = gated.get(step.id)
        if gate is not None:
            minutes = gate.review_minutes_per_week(items * share, runs)
            review_total += minutes
            reviewers.add(step.actor)
            source = "gate"
        else:
            minutes = (step.minutes_per_item or 0) * items * share + (step.minutes_per_batch or 0) * runs
            source = "step"
        loads.append(StepLoad(workflow.id, step.id, step.actor, minutes, source))
    per_reviewer = None
    if reviewers:
        people = sum((operation.role(r).headcount if operation.role(r) else 1) for r in reviewers)
        per_reviewer = review_total / people if people else None
    return WorkflowCapacity(
        workflow=workflow.id,
        owner=workflow.owner,
        runs_per_week=runs,
        items_per_week=items,
        unit=workflow.volume.unit if workflow.volume else "runs",
        steps=tuple(loads),
        review_minutes_per_week=review_total,
        review_minutes_per_reviewer=per_reviewer,
    )


def capacity_of(operation: "Operation") -> CapacityModel:
    """Compute the capacity model of one operation state."""
    working_days = operation.calendar.working_days_per_week
    runs = runs_per_week(operation)
    workflows = {
        w.id: _workflow_capacity(operation, w, runs[w.id]) for w in operation.workflows
    }
    minutes_by_role: dict[str, dict[str, float]] = {}
    review_by_role: dict[str, float] = {}
    for capacity in workflows.values():
        for load in capacity.steps:
            per_workflow = minutes_by_role.setdefault(load.role, {})
            per_workflow[capacity.workflow] = per_workflow.get(capacity.workflow, 0.0) + load.minutes_per_week
            if load.source == "gate":
                review_by_role[load.role] = review_by_role.get(load.role, 0.0) + load.minutes_per_week

    allocated: dict[str, list[AllocatedTime]] = {}
    for allocation in operation.allocations:
        allocated.setdefault(allocation.role, []).append(AllocatedTime(
            allocation=allocation.allocation_id,
            hours_per_week=allocation.recovered.hours_per_week(working_days),
            to=allocation.to,
            kind=allocation.kind,
            activity=allocation.activity,
            measured_by=allocation.measured_by,
        ))

    roles: dict[str, RoleCapacity] = {}
    for role in operation.team.roles:
        worked = minutes_by_role.get(role.id, {})
        headcount = role.headcount
        activity_hours: dict[str, float] = {}
        screen = room = 0.0
        linked: set[str] = set()
        for activity in role.activities:
            if activity.workflow is not None:
                linked.add(activity.workflow)
                hours = worked.get(activity.workflow, 0.0) / 60 / headcount
            else:
                hours = role.activity_hours(activity) or 0.0
            activity_hours[activity.id] = hours
            if activity.kind == "screen":
                screen += hours
            else:
                room += hours
        unlinked_hours = sum(m for w, m in worked.items() if w not in linked) / 60
        booked = sum(activity_hours.values()) * headcount + unlinked_hours
        caseload = role.caseload
        roles[role.id] = RoleCapacity(
            role=role.id,
            headcount=headcount,
            hours_per_week=role.hours_per_week,
            available_hours=role.hours_available(),
            workflow_hours=sum(worked.values()) / 60,
            booked_hours=booked,
            activity_hours=activity_hours,
            screen_hours=screen,
            room_hours=room,
            caseload_per_person=caseload.per_person if caseload else None,
            caseload_unit=caseload.unit if caseload else None,
            caseload_per=caseload.per if caseload else None,
            edge_of_capacity=caseload.edge_of_capacity if caseload else None,
            recovered_hours=role.recovered.hours_per_week(working_days) if role.recovered else None,
            allocated_hours=sum(a.hours_per_week for a in allocated.get(role.id, ())),
            allocations=tuple(allocated.get(role.id, ())),
            review_minutes=review_by_role.get(role.id, 0.0),
        )
    return CapacityModel(working_days_per_week=working_days, workflows=workflows, roles=roles)
