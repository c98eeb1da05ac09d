"""RD4xx capacity and allocation: the hours add up, and freed hours have a use."""

from __future__ import annotations

from ..diagnostics import Severity
from ..model.base import format_number
from .base import Finding, RuleContext, rule

_HEAD = """apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post}
"""


def _hours(value: float) -> str:
    return format_number(round(value, 1))


def _load_detail(ctx: RuleContext, role_id: str) -> str:
    figures = ctx.capacity.roles[role_id]
    return (f"{_hours(figures.workflow_hours)} hours a week of workflow steps for "
            f"{_hours(figures.available_hours)} available ({format_number(round(figures.load_percent))}%)")


_OVERLOADED_WORKFLOW = """workflows:
  - id: appeals
    owner: clerk
    volume: {volume} appeals per week
    trigger: {{human: clerk}}
    steps:
      - {{id: draft, type: draft-generation, actor: clerk, minutes_per_item: 60}}
"""


@rule(
    "RD401", "role-overloaded", Severity.ERROR,
    "A role's workflow steps take more hours than the role has.",
    """
For each role, redesign adds up the human minutes of the workflow steps the
role does (minutes per item x items per week, plus minutes per batch x runs
per week; a step governed by a quality gate takes the gate's review minutes)
and compares them with headcount x hours per week. Over 100% means the
workflows cannot be done in the week.
""",
    bad=_HEAD + """team:
  roles: [{id: clerk, title: Billing clerk, hours_per_week: 40}]
""" + _OVERLOADED_WORKFLOW.format(volume=45),
    good=_HEAD + """team:
  roles: [{id: clerk, title: Billing clerk, hours_per_week: 40}]
""" + _OVERLOADED_WORKFLOW.format(volume=30),
)
def role_overloaded(ctx: RuleContext, options: dict):
    for role_id, figures in ctx.capacity.roles.items():
        if figures.load_percent > 100 + 1e-9:
            yield Finding(
                ctx.role_path(role_id, "id"),
                f"role '{role_id}' has {_load_detail(ctx, role_id)}",
                hint="add headcount, move steps to another role or to the AI, or lower the volume",
            )


@rule(
    "RD402", "role-near-capacity", Severity.WARNING,
    "A role's workflow load is above the configured ceiling (90% by default).",
    """
A role whose workflow steps fill nearly all its hours has no room for the
unplanned, nor for the room work (calls, reviews, relationships) the
redesign is meant to free time for. Above the ceiling (option
`ceiling_percent`, 90 by default) redesign warns; over 100% is RD401.
""",
    bad=_HEAD + """team:
  roles: [{id: clerk, title: Billing clerk, hours_per_week: 40}]
""" + _OVERLOADED_WORKFLOW.format(volume=38),
    good=_HEAD + """team:
  roles: [{id: clerk, title: Billing clerk, hours_per_week: 40}]
""" + _OVERLOADED_WORKFLOW.format(volume=30),
    options={"ceiling_percent": 90},
    option_docs={"ceiling_percent": "workflow load (%) above which a role is reported"},
)
def role_near_capacity(ctx: RuleContext, options: dict):
    ceiling = float(options["ceiling_percent"])
    for role_id, figures in ctx.capacity.roles.items():
        if ceiling < figures.load_percent <= 100 + 1e-9:
            yield Finding(
                ctx.role_path(role_id, "id"),
                f"role '{role_id}' has {_load_detail(ctx, role_id)}, above the "
                f"{format_number(ceiling)}% ceiling",
                hint="leave room for the unplanned and for room work, or raise "
                     "rules.RD402.ceiling_percent",
            )


@rule(
    "RD403", "caseload-beyond-edge", Severity.ERROR,
    "A role carries more accounts or cases per person than its edge of capacity.",
    """
`caseload.edge_of_capacity` is the most one person can carry at the quality
the role requires (45 accounts for the seed's coordinator before the
redesign). A caseload above it is a plan that quality will not survive.
""",
    bad=_HEAD + """team:
  roles:
    - id: coordinator
      title: Customer service coordinator
      caseload: {per_person: 65, unit: accounts, edge_of_capacity: 45}
""",
    good=_HEAD + """team:
  roles:
    - id: coordinator
      title: Customer service coordinator
      caseload: {per_person: 65, unit: accounts, edge_of_capacity: 70}
""",
)
def caseload_beyond_edge(ctx: RuleContext, options: dict):
    for index, role in enumerate(ctx.operation.team.roles):
        caseload = role.caseload
        if caseload and caseload.edge_of_capacity is not None and caseload.per_person > caseload.edge_of_capacity:
            yield Finding(
                ("team", "roles", index, "caseload", "per_person"),
                f"role '{role.id}' carries {format_number(caseload.per_person)} {caseload.unit} per "
                f"person, beyond its edge of capacity of {format_number(caseload.edge_of_capacity)}",
                hint="lower the caseload, or show (with recovered hours) why the edge has moved",
            )


@rule(
    "RD404", "capacity-unallocated", Severity.WARNING,
    "Recovered hours are not all allocated.",
    """
Capacity that is not allocated before it is recovered is re-absorbed by
low-priority work within sixty days. A role's `recovered` hours must all be
assigned by `allocations` (each: how many hours, to what, measured by which
metric).
""",
    bad=_HEAD + """team:
  roles:
    - {id: coordinator, title: Coordinator, recovered: 2 hours per day}
allocations:
  - {role: coordinator, recovered: 1 hours per day, to: Twenty more accounts, kind: additional-accounts}
""",
    good=_HEAD + """team:
  roles:
    - {id: coordinator, title: Coordinator, recovered: 2 hours per day}
allocations:
  - {role: coordinator, recovered: 2 hours per day, to: Twenty more accounts, kind: additional-accounts}
""",
    options={"tolerance_hours": 0.5},
    option_docs={"tolerance_hours": "unallocated hours per person per week tolerated"},
)
def capacity_unallocated(ctx: RuleContext, options: dict):
    tolerance = float(options["tolerance_hours"])
    for role_id, figures in ctx.capacity.roles.items():
        unallocated = figures.unallocated_hours
        if unallocated is not None and unallocated > tolerance:
            yield Finding(
                ctx.role_path(role_id, "recovered"),
                f"role '{role_id}' recovers {_hours(figures.recovered_hours)} hours a week per "
                f"person but allocates {_hours(figures.allocated_hours)}; {_hours(unallocated)} "
                "hours will be re-absorbed by low-priority work within 60 days",
                hint="add an allocation: when <role> has the time freed, it goes to <activity>, "
                     "measured by <metric>",
            )


@rule(
    "RD405", "allocation-after-recovery", Severity.WARNING,
    "An allocation was decided after the capacity was recovered.",
    """
The allocation decision is made before the capacity is recovered, not
after: "when the coordinator has two hours per day freed, those hours will
be used for ..., measured by ...". A `decided_on` date later than
`recovered_from` means the hours were free before anyone said where they go.
""",
    bad=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator}]
allocations:
  - role: coordinator
    recovered: 2 hours per day
    to: Twenty more accounts
    kind: additional-accounts
    decided_on: 2026-06-01
    recovered_from: 2026-05-04
""",
    good=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator}]
allocations:
  - role: coordinator
    recovered: 2 hours per day
    to: Twenty more accounts
    kind: additional-accounts
    decided_on: 2026-04-27
    recovered_from: 2026-05-04
""",
)
def allocation_after_recovery(ctx: RuleContext, options: dict):
    for index, allocation in enumerate(ctx.operation.allocations):
        if allocation.decided_on and allocation.recovered_from and allocation.decided_on > allocation.recovered_from:
            days = (allocation.decided_on - allocation.recovered_from).days
            yield Finding(
                ("allocations", index, "decided_on"),
                f"allocation '{allocation.allocation_id}' was decided on "
                f"{allocation.decided_on.isoformat()}, {days} days after the capacity was "
                f"recovered ({allocation.recovered_from.isoformat()})",
                hint="decide where recovered hours go before they are recovered",
            )


@rule(
    "RD406", "allocation-without-metric", Severity.WARNING,
    "An allocation names no metric.",
    """
Each allocation says how its use of the recovered hours will be measured:
accounts per FTE for more accounts, retention, NPS or expansion revenue for
deeper relationships, the new function's own outcome for a new function.
""",
    bad=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator}]
allocations:
  - {role: coordinator, recovered: 2 hours per day, to: Twenty more accounts, kind: additional-accounts}
""",
    good=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator}]
metrics:
  - {id: accounts-per-coordinator, title: Accounts managed per coordinator, kind: room-outcome}
allocations:
  - role: coordinator
    recovered: 2 hours per day
    to: Twenty more accounts
    kind: additional-accounts
    measured_by: accounts-per-coordinator
""",
)
def allocation_without_metric(ctx: RuleContext, options: dict):
    for index, allocation in enumerate(ctx.operation.allocations):
        if allocation.measured_by is None:
            yield Finding(
                ("allocations", index, "to"),
                f"allocation '{allocation.allocation_id}' ({allocation.to}) names no metric",
                hint="add 'measured_by: <metric id>'",
            )


@rule(
    "RD407", "capacity-overallocated", Severity.WARNING,
    "Allocations assign more hours than the role recovers.",
    """
The allocations of a role promise its recovered hours to new uses. Promising
more hours than the role's `recovered` figure plans work that has no time.
""",
    bad=_HEAD + """team:
  roles:
    - {id: coordinator, title: Coordinator, recovered: 1 hours per day}
allocations:
  - {role: coordinator, recovered: 2 hours per day, to: Twenty more accounts, kind: additional-accounts}
""",
    good=_HEAD + """team:
  roles:
    - {id: coordinator, title: Coordinator, recovered: 2 hours per day}
allocations:
  - {role: coordinator, recovered: 2 hours per day, to: Twenty more accounts, kind: additional-accounts}
""",
    options={"tolerance_hours": 0.5},
    option_docs={"tolerance_hours": "over-allocated hours per person per week tolerated"},
)
def capacity_overallocated(ctx: RuleContext, options: dict):
    tolerance = float(options["tolerance_hours"])
    for role_id, figures in ctx.capacity.roles.items():
        unallocated = figures.unallocated_hours
        if unallocated is not None and -unallocated > tolerance:
            yield Finding(
                ctx.role_path(role_id, "recovered"),
                f"role '{role_id}' recovers {_hours(figures.recovered_hours)} hours a week per "
                f"person but its allocations assign {_hours(figures.allocated_hours)}",
                hint="lower the allocations, or correct the role's 'recovered' figure",
            )


@rule(
    "RD408", "week-overbooked", Severity.ERROR,
    "A role's activities add up to more than its week.",
    """
A role's `activities` describe its week, each screen or room work, in
percent, in hours, or as a workflow (its hours computed). Together with the
workflows no activity stands for, they cannot exceed 100% of the role's
hours: the screen/room split and the recovered hours would be fiction.
""",
    bad=_HEAD + """team:
  roles:
    - id: clerk
      title: Billing clerk
      hours_per_week: 40
      activities:
        - {id: appeals, kind: screen, percent: 60}
        - {id: payer-calls, kind: room, hours_per_week: 20}
""",
    good=_HEAD + """team:
  roles:
    - id: clerk
      title: Billing clerk
      hours_per_week: 40
      activities:
        - {id: appeals, kind: screen, percent: 50}
        - {id: payer-calls, kind: room, hours_per_week: 20}
""",
)
def week_overbooked(ctx: RuleContext, options: dict):
    for role_id, figures in ctx.capacity.roles.items():
        if figures.booked_percent > 100 + 1e-6:
            yield Finding(
                ctx.role_path(role_id, "activities"),
                f"role '{role_id}' is booked for {_hours(figures.booked_hours)} of "
                f"{_hours(figures.available_hours)} hours a week "
                f"({format_number(round(figures.booked_percent))}%)",
                hint="the activities (and workflows no activity stands for) must fit in "
                     "headcount x hours_per_week",
                at_key=True,
            )


@rule(
    "RD409", "caseload-at-edge", Severity.WARNING,
    "A role carries exactly as many accounts or cases per person as its edge of capacity.",
    """
At the edge of capacity there is no headroom: one more account, or one bad
week, and quality drops. This is where the seed's coordinator stood before
the redesign (45 accounts, at the edge given the screen work); the redesign
moves the edge (65 accounts, edge 70). Beyond the edge is RD403.
""",
    bad=_HEAD + """team:
  roles:
    - id: coordinator
      title: Customer service coordinator
      caseload: {per_person: 45, unit: accounts, edge_of_capacity: 45}
""",
    good=_HEAD + """team:
  roles:
    - id: coordinator
      title: Customer service coordinator
      caseload: {per_person: 65, unit: accounts, edge_of_capacity: 70}
""",
)
def caseload_at_edge(ctx: RuleContext, options: dict):
    for index, role in enumerate(ctx.operation.team.roles):
        caseload = role.caseload
        if caseload and caseload.edge_of_capacity is not None and caseload.per_person == caseload.edge_of_capacity:
            yield Finding(
                ("team", "roles", index, "caseload", "per_person"),
                f"role '{role.id}' carries {format_number(caseload.per_person)} {caseload.unit} per "
                "person, at its edge of capacity: no headroom",
                hint="this is what the redesign relieves; recovered hours move the edge",
            )


RULES = [role_overloaded, role_near_capacity, caseload_beyond_edge, capacity_unallocated,
         allocation_after_recovery, allocation_without_metric, capacity_overallocated,
         week_overbooked, caseload_at_edge]
