"""When the machine work of a workflow is done: the time of day its output is ready.

The redesigned sequence puts at the start of the owner's day what the old
sequence produced by 10am. :func:`output_ready` answers, for one workflow,
when its automated and AI steps finish: the schedule that starts the chain
(its own, or that of the workflow whose output triggers it), plus the
minutes of the machine steps along the longest chain. The check rule that
warns about late AI output and the runbooks that tell a person when their
batch is ready both ask it, so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .model.base import clock_minutes
from .schedule import CronError, parse_cron

if TYPE_CHECKING:
    from .capacity import CapacityModel
    from .graph import OperationGraph
    from .model import Operation, Step

MINUTES_PER_DAY = 24 * 60


def machine_step_minutes(step: "Step", items_per_run: float) -> float:
    """Minutes one run of a step takes: its batch minutes plus its minutes per item
    for the share of the run's items that reach it."""
    share = step.percent_of_items / 100
    return (step.minutes_per_batch or 0) + (step.minutes_per_item or 0) * items_per_run * share


def clock(minutes: float) -> str:
    """``330 -> '05:30'``; past midnight the day is counted: ``'00:10 (+1 day)'``."""
    minutes = int(round(minutes))
    days, minutes = divmod(minutes, MINUTES_PER_DAY)
    text = f"{minutes // 60:02d}:{minutes % 60:02d}"
    return text + (f" (+{days} day)" if days == 1 else f" (+{days} days)" if days else "")


@dataclass(frozen=True)
class OutputReady:
    """When one workflow's machine work is done, and what starts it."""

    workflow: str
    #: The workflow whose trigger starts the chain: this one, or the furthest upstream.
    root: str
    #: How the root starts: ``schedule``, ``human`` (a person), or ``event``
    #: (an upstream workflow outside the spec, or a loop of triggers).
    started_by: Literal["schedule", "human", "event"]
    #: Minutes of machine work, this workflow's and its upstream chain's.
    machine_minutes: float
    #: Minute of the day the root's schedule first fires; None unless scheduled.
    start_minute: int | None
    #: The owner's day start, in minutes after midnight; None without an owner role.
    day_starts_minute: int | None

    @property
    def ready_minute(self) -> float | None:
        """Minute of the day the output is ready; None unless the chain is scheduled."""
        if self.start_minute is None:
            return None
        return self.start_minute + self.machine_minutes

    @property
    def before_day_starts(self) -> bool | None:
        """Whether the output is ready by the time the owner starts the day."""
        if self.ready_minute is None or self.day_starts_minute is None:
            return None
        return self.ready_minute <= self.day_starts_minute


def output_ready(operation: "Operation", graph: "OperationGraph", capacity: "CapacityModel",
                 workflow_id: str) -> OutputReady | None:
    """When the machine work of ``workflow_id`` is done; None when the workflow
    has no automated or AI steps (or a cycle)."""
    own = _machine_minutes(graph, capacity, workflow_id)
    if own is None:
        return None
    chain = graph.upstream_chain(workflow_id)
    root = operation.workflow(chain[-1]) if chain else operation.workflow(workflow_id)
    if root is None:
        return None
    started_by: Literal["schedule", "human", "event"] = "event"
    start: int | None = None
    if root.trigger.human:
        started_by = "human"
    elif root.trigger.schedule:
        try:
            start = parse_cron(root.trigger.schedule).first_run_minute()
            started_by = "schedule"
        except CronError:
            pass
    upstream = sum(_machine_minutes(graph, capacity, w) or 0 for w in chain)
    owner = operation.role(operation.workflow(workflow_id).owner)
    return OutputReady(
        workflow=workflow_id,
        root=root.id,
        started_by=started_by,
        machine_minutes=own + upstream,
        start_minute=start,
        day_starts_minute=clock_minutes(owner.day_starts) if owner else None,
    )


def _machine_minutes(graph: "OperationGraph", capacity: "CapacityModel", workflow_id: str
                     ) -> float | None:
    figures = capacity.workflows[workflow_id]
    per_run = figures.items_per_week / figures.runs_per_week if figures.runs_per_week else 0
    return graph.workflow(workflow_id).machine_ready_minutes(
        lambda step: machine_step_minutes(step, per_run))
