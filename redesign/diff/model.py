"""The values a diff is made of: one :class:`Change` per difference, the
capacity figures of both states side by side, and a summary line.

Every output format (text, Markdown, JSON) renders these values and decides
nothing about them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Union

if TYPE_CHECKING:
    from ..capacity import RoleCapacity, WorkflowCapacity

#: ``+`` added, ``-`` removed, ``~`` changed.
Kind = Literal["+", "-", "~"]

#: The redesign's components, in the order reports show them.
CATEGORIES: dict[str, str] = {
    "operation": "Operation",
    "team": "Team structure",
    "workflows": "Workflows and triggers",
    "quality-gates": "Quality gates",
    "allocations": "Capacity allocation",
    "metrics": "Metrics",
    "readiness": "Readiness",
    "rollout": "Rollout",
}
Category = Literal["operation", "team", "workflows", "quality-gates", "allocations", "metrics",
                   "readiness", "rollout"]

#: What was compared.
Subject = Literal["operation", "team", "role", "activity", "workflow", "step", "gate",
                  "allocation", "metric", "prerequisite", "phase", "transition"]

#: The domain kind of a change; the summary line counts these.
ASPECTS: dict[str, str] = {
    "added": "the thing is new",
    "removed": "the thing is gone",
    "renamed": "the id changed, the thing did not",
    "field": "a field of the spec changed",
    "automated": "a person's step is now done by automation or AI",
    "actor": "who does a step changed",
    "trigger": "what starts a workflow or step changed",
    "approvals": "the number of human approvals in a workflow changed",
    "human-minutes": "human minutes per item or per week changed (computed)",
    "headcount": "a role's headcount (FTE) changed",
    "fte-moved": "people moved from one role to another (moved_from)",
    "caseload": "accounts or cases per FTE changed",
    "work-split": "a role's screen/room split changed (computed)",
    "screen-hours": "a role's screen-work hours changed (computed)",
    "room-hours": "a role's room-work hours changed (computed)",
    "load": "a role's workflow load (hours of workflow steps) changed (computed)",
    "booked": "a role's booked week (activities and unlinked workflows) changed (computed)",
    "gate-mode": "a quality gate's mode changed",
    "review-minutes": "quality-gate review minutes per week changed (computed)",
    "allocation-added": "recovered capacity has a new destination",
    "metric-replaced": "a metric replaces another",
    "metric-retired": "a metric was retired",
    "readiness": "a prerequisite's status or evidence changed",
}
Aspect = Literal["added", "removed", "renamed", "field", "automated", "actor", "trigger",
                 "approvals", "human-minutes", "headcount", "fte-moved", "caseload",
                 "work-split", "screen-hours", "room-hours", "load", "booked", "gate-mode",
                 "review-minutes", "allocation-added", "metric-replaced", "metric-retired",
                 "readiness"]

#: A value as the spec or the capacity model gives it, in JSON terms.
Value = Union[str, float, int, bool, None, list]


@dataclass(frozen=True)
class Change:
    """One difference between the two states.

    ``id`` names the thing in the newer state (in the older one when it was
    removed); a step's id is ``<workflow>/<step>``, an activity's
    ``<role>/<activity>``. ``was`` is its id in the older state when it was
    renamed. ``field`` is what changed, ``None`` when the whole thing was
    added or removed. ``risk`` says why the change raises risk, if it does.
    """

    category: Category
    kind: Kind
    subject: Subject
    id: str
    message: str
    aspect: Aspect = "field"
    field: str | None = None
    old: Value = None
    new: Value = None
    risk: str | None = None
    was: str | None = None
    #: Orders things that read best out of id order (prerequisites by number,
    #: phases by date) and puts whole-spec changes first; 0 for most.
    rank: int = dataclasses.field(default=0, compare=False, repr=False)

    def sort_key(self) -> tuple:
        """Category, then rank, then id; a step or activity follows its owner."""
        return (list(CATEGORIES).index(self.category), self.rank, tuple(self.id.split("/")))

    def as_dict(self) -> dict:
        return {
            "category": self.category,
            "kind": self.kind,
            "subject": self.subject,
            "id": self.id,
            "was": self.was,
            "field": self.field,
            "aspect": self.aspect,
            "old": self.old,
            "new": self.new,
            "risk": self.risk,
            "message": self.message,
        }


@dataclass(frozen=True)
class Side:
    """One of the two states compared: where it came from and what it says it is."""

    label: str
    name: str
    state: str
    organisation: str | None = None
    revision: str | None = None
    effective: str | None = None

    def describe(self) -> str:
        parts = [self.name, self.state]
        if self.revision:
            parts.append(f"revision {self.revision}")
        if self.effective:
            parts.append(f"effective {self.effective}")
        return ", ".join(parts)


@dataclass(frozen=True)
class RoleFigures:
    """A role's capacity in both states (``None`` where the role does not exist)."""

    id: str
    title: str
    before: "RoleCapacity | None"
    after: "RoleCapacity | None"
    was: str | None = None
    moved_from: str | None = None


@dataclass(frozen=True)
class WorkflowFigures:
    """A workflow's capacity in both states, with its trigger described."""

    id: str
    before: "WorkflowCapacity | None"
    after: "WorkflowCapacity | None"
    trigger_before: str | None = None
    trigger_after: str | None = None
    was: str | None = None


@dataclass(frozen=True)
class GateFigures:
    """A quality gate in both states: its mode and its workflow's review minutes."""

    id: str
    workflow: str
    mode_before: str | None
    mode_after: str | None
    #: Review minutes per week (team total) and per reviewer, from the capacity model.
    minutes_before: float | None
    minutes_after: float | None
    per_reviewer_before: float | None
    per_reviewer_after: float | None
    was: str | None = None


@dataclass(frozen=True)
class PrerequisiteFigures:
    """One readiness prerequisite's status and evidence in both states."""

    number: int
    title: str
    before: str | None
    after: str | None
    evidence_before: str | None
    evidence_after: str | None


@dataclass(frozen=True)
class SpecDiff:
    """The comparison of two states of one operation (or of one spec across revisions)."""

    old: Side | None
    new: Side | None
    changes: tuple[Change, ...]
    summary: str
    roles: tuple[RoleFigures, ...] = ()
    workflows: tuple[WorkflowFigures, ...] = ()
    gates: tuple[GateFigures, ...] = ()
    readiness: tuple[PrerequisiteFigures, ...] = ()

    @property
    def has_differences(self) -> bool:
        return bool(self.changes)

    @property
    def risks(self) -> list[Change]:
        return [change for change in self.changes if change.risk]

    def count(self, kind: Kind) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    def in_category(self, category: str) -> list[Change]:
        return [change for change in self.changes if change.category == category]


@dataclass(frozen=True)
class DiffReport:
    """Every comparison one run made: one pair, or every spec changed since ``base``."""

    diffs: tuple[SpecDiff, ...] = ()
    base: str | None = None

    @property
    def has_differences(self) -> bool:
        return any(diff.has_differences for diff in self.diffs)
