"""The values runbook templates receive: one page each, plain and typed.

Every field is finished text (sentences, formatted numbers) or a resolved
link; a template lays them out and computes nothing. The builders in
:mod:`redesign.runbooks.context` make them from the models.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Header:
    """What every page shows at its top."""

    organisation: str
    operation: str
    #: ``pre`` or ``post``.
    state: str
    #: "Redesigned operation" or "Current operation".
    state_title: str
    #: Short facts: "revision 1", "effective 2026-07-06".
    facts: tuple[str, ...]
    home: Link


@dataclass(frozen=True)
class StepRef:
    number: int
    title: str


@dataclass(frozen=True)
class StepView:
    """One step of a workflow runbook."""

    number: int
    title: str
    #: "AI", "Automated" or the role's title.
    actor: str
    #: ``human``, ``ai`` or ``automated``.
    actor_kind: str
    actor_link: Link | None
    #: What starts it, in the seed's trigger words: "starts automatically",
    #: "starts on its schedule", "human-initiated".
    trigger: str
    #: How long the step takes per run, in words; None when the spec does not say.
    time: str | None
    reads: tuple[str, ...]
    produces: tuple[str, ...]
    after: tuple[StepRef, ...]
    #: "After step 1." / "After steps 3 and 4."; None for a first step.
    after_text: str | None
    then: tuple[StepRef, ...]
    instructions: str | None
    low_confidence_to: StepRef | None
    rejects_to: StepRef | None
    escalate_to: str | None
    external: bool
    #: The quality gate governs this step.
    gated: bool


@dataclass(frozen=True)
class GateView:
    mode: str
    step: StepRef | None
    owner: str
    summary: str | None
    procedure: tuple[str, ...]
    full_attention: tuple[str, ...]
    foundation: str | None
    description: str | None


@dataclass(frozen=True)
class WorkflowPage:
    header: Header
    id: str
    title: str
    description: str | None
    owner: Link
    trigger: str
    #: For a workflow another one triggers: when that chain starts.
    chain_start: str | None
    ready: str | None
    volume: str | None
    people_time: str | None
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    feeds: tuple[Link, ...]
    steps: tuple[StepView, ...]
    gates: tuple[GateView, ...]
    exceptions: tuple[str, ...]
    mermaid: str


@dataclass(frozen=True)
class PreparedStep:
    """A machine step done before the person starts."""

    title: str
    #: "AI" or "Automated".
    actor: str
    #: ``ai`` or ``automated``.
    actor_kind: str
    #: The upstream workflow the step belongs to; None for the workflow itself.
    workflow: str | None


@dataclass(frozen=True)
class Moment:
    """One point of the morning: 'about 05:30', 'the batch is ready'."""

    time: str
    text: str


@dataclass(frozen=True)
class PreparedWork:
    """What the machines did for one workflow before the person starts."""

    workflow: Link
    starts: str
    ready: str | None
    batch: str | None
    steps: tuple[PreparedStep, ...]
    #: The run's start, the batch ready, the person's start, in order of time.
    timeline: tuple[Moment, ...]


@dataclass(frozen=True)
class RoleStep:
    number: int
    title: str
    note: str | None
    time: str | None
    instructions: str | None
    points: tuple[str, ...]


@dataclass(frozen=True)
class RoleWorkflow:
    workflow: Link
    cadence: str
    total: str | None
    steps: tuple[RoleStep, ...]


@dataclass(frozen=True)
class ActivityRow:
    title: str
    kind: str
    hours: str
    workflow: Link | None


@dataclass(frozen=True)
class MetricRow:
    title: str
    kind: str
    role: str
    change: str
    replaces: str | None
    why: str | None
    primary: bool


@dataclass(frozen=True)
class MetricChange:
    old: str
    new: str
    why: str


@dataclass(frozen=True)
class AllocationView:
    #: The seed's sentence: "When the <role> has <time> freed from <work>, those
    #: hours will be used for <activity>, measured by <metric>."
    statement: str
    role: Link
    kind: str
    activity: str | None
    decided: str | None


@dataclass(frozen=True)
class PrerequisiteRow:
    number: int
    title: str
    threshold: str
    evidence: str
    status: str
    #: ``met``, ``not-met`` or ``not-recorded``: for styling.
    status_key: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class RolePage:
    header: Header
    id: str
    title: str
    facts: tuple[str, ...]
    description: str | None
    moved_from: str | None
    prepared: tuple[PreparedWork, ...]
    prepared_note: str | None
    steps_heading: str
    workflows: tuple[RoleWorkflow, ...]
    per_person_note: str | None
    week: tuple[ActivityRow, ...]
    week_summary: str | None
    allocations: tuple[AllocationView, ...]
    unallocated: str | None
    metrics: tuple[MetricRow, ...]
    escalations: tuple[str, ...]
    owns: tuple[str, ...]
    transitions: tuple[str, ...]


@dataclass(frozen=True)
class WorkflowRow:
    link: Link
    owner: str
    starts: str
    volume: str
    people_time: str


@dataclass(frozen=True)
class RoleRow:
    link: Link
    people: str
    day_starts: str
    caseload: str
    split: str
    booked: str


@dataclass(frozen=True)
class IndexPage:
    header: Header
    title: str
    description: str | None
    sector: str | None
    pattern: str | None
    workflows: tuple[WorkflowRow, ...]
    roles: tuple[RoleRow, ...]
    allocations: tuple[AllocationView, ...]
    metric_changes: tuple[MetricChange, ...]
    metrics: tuple[MetricRow, ...]
    readiness: tuple[PrerequisiteRow, ...]
    readiness_summary: str | None
    phases: tuple[str, ...]
