"""The root of a spec: one state (pre or post) of one operation."""

from __future__ import annotations

from functools import cached_property
from typing import Literal, Optional

from pydantic import BeforeValidator, Field
from typing_extensions import Annotated

from .allocations import Allocation
from .base import Day, Id, Number, SpecModel, Text
from .gates import QualityGate
from .metrics import Metric
from .readiness import Readiness
from .rollout import Rollout
from .team import Role, Team
from .workflows import Workflow

API_VERSION = "redesign/v1"
KIND = "Operation"


def _revision_text(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


class Metadata(SpecModel):
    """Which operation this is, and which state of it."""

    name: Id = Field(
        description="Id of the operation, e.g. 'hvac-distributor'; the same in the pre and post "
        "specs of one operation."
    )
    organisation: Optional[Text] = Field(default=None, description="The organisation's name.")
    sector: Optional[Text] = Field(default=None, description="The sector, e.g. 'distribution'.")
    state: Literal["pre", "post"] = Field(
        description="`pre`: the operation today; `post`: the operation redesigned around AI."
    )
    revision: Optional[Annotated[str, BeforeValidator(_revision_text)]] = Field(
        default=None, max_length=80, description="Revision of this spec, e.g. '3' or '2026-q2'."
    )
    effective: Optional[Day] = Field(
        default=None, description="The date this state is, or was, in effect."
    )
    description: Optional[Text] = Field(default=None, description="What this spec describes.")


class Calendar(SpecModel):
    """The working calendar used to convert rates between days, weeks and months."""

    working_days_per_week: Number = Field(
        default=5, gt=0, le=7, description="Working days in a week; '40 per day' is 200 per week at 5."
    )
    timezone: Optional[str] = Field(
        default=None, max_length=64, description="Timezone of schedules and day starts, e.g. 'Europe/London'."
    )


class Operation(SpecModel):
    """An operation in one state: its team, workflows, quality gates, readiness,
    capacity allocations, metrics and rollout."""

    api_version: Literal["redesign/v1"] = Field(
        alias="apiVersion", description="Version of the spec format: `redesign/v1`."
    )
    kind: Literal["Operation"] = Field(description="Always `Operation`.")
    metadata: Metadata = Field(description="Name, organisation, state (pre or post) and revision.")
    calendar: Calendar = Field(
        default_factory=Calendar, description="Working calendar; 5 working days a week by default."
    )
    team: Team = Field(default_factory=Team, description="Component 1: team structure.")
    workflows: list[Workflow] = Field(
        default_factory=list, description="Component 2: workflow sequence and trigger architecture."
    )
    quality_gates: list[QualityGate] = Field(
        default_factory=list, description="Component 3: quality gates, one per reviewed workflow."
    )
    allocations: list[Allocation] = Field(
        default_factory=list, description="Component 4: where recovered capacity goes."
    )
    metrics: list[Metric] = Field(default_factory=list, description="Component 5: metrics.")
    readiness: Optional[Readiness] = Field(
        default=None, description="The four prerequisites and their evidence."
    )
    rollout: Optional[Rollout] = Field(
        default=None, description="Phase dates and role transitions."
    )

    # ------------------------------------------------------------------
    # Look-ups by id

    @property
    def state(self) -> str:
        return self.metadata.state

    @property
    def is_post(self) -> bool:
        return self.metadata.state == "post"

    @cached_property
    def _index(self) -> "_Index":
        return _Index(self)

    def role(self, role_id: str) -> Role | None:
        return self._index.roles.get(role_id)

    def workflow(self, workflow_id: str) -> Workflow | None:
        return self._index.workflows.get(workflow_id)

    def metric(self, metric_id: str) -> Metric | None:
        return self._index.metrics.get(metric_id)

    def gates_for(self, workflow_id: str) -> list[QualityGate]:
        return list(self._index.gates.get(workflow_id, ()))

    def role_position(self, role_id: str) -> int | None:
        """Index of the role in ``team.roles`` (for JSON paths)."""
        return self._index.role_positions.get(role_id)

    def workflow_position(self, workflow_id: str) -> int | None:
        """Index of the workflow in ``workflows`` (for JSON paths)."""
        return self._index.workflow_positions.get(workflow_id)


class _Index:
    """Look-ups by id, built once per operation (ids are unique once validated;
    the first of duplicates wins)."""

    def __init__(self, operation: Operation):
        self.roles: dict[str, Role] = {}
        self.role_positions: dict[str, int] = {}
        for position, role in enumerate(operation.team.roles):
            self.roles.setdefault(role.id, role)
            self.role_positions.setdefault(role.id, position)
        self.workflows: dict[str, Workflow] = {}
        self.workflow_positions: dict[str, int] = {}
        for position, workflow in enumerate(operation.workflows):
            self.workflows.setdefault(workflow.id, workflow)
            self.workflow_positions.setdefault(workflow.id, position)
        self.metrics: dict[str, Metric] = {}
        for metric in operation.metrics:
            self.metrics.setdefault(metric.id, metric)
        self.gates: dict[str, list[QualityGate]] = {}
        for gate in operation.quality_gates:
            self.gates.setdefault(gate.workflow, []).append(gate)
