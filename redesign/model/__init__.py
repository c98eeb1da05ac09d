"""The spec models: the typed form of a spec, and the source of its JSON Schema."""

from .allocations import Allocation, AllocationKind
from .base import Rate, TimeRate, format_number, per_week
from .gates import GateMode, QualityGate
from .metrics import Metric
from .operation import API_VERSION, KIND, Calendar, Metadata, Operation
from .readiness import (
    AdoptionEvidence,
    FoundationEvidence,
    ImprovementLoopEvidence,
    ProductionDataEvidence,
    Readiness,
    Thresholds,
)
from .rollout import Phase, Phases, RoleTransition, Rollout, TRANSITION_ORDER
from .team import Activity, Caseload, Role, Team
from .workflows import (
    AI,
    APPROVAL_STEP_TYPES,
    AUTOMATED,
    HUMAN_STEP_TYPES,
    MACHINE_ACTORS,
    PRODUCTION_STEP_TYPES,
    Step,
    Trigger,
    Workflow,
)

__all__ = [
    "AI", "API_VERSION", "APPROVAL_STEP_TYPES", "AUTOMATED", "Activity", "AdoptionEvidence",
    "Allocation", "AllocationKind", "Calendar", "Caseload", "FoundationEvidence", "GateMode",
    "HUMAN_STEP_TYPES", "ImprovementLoopEvidence", "KIND", "MACHINE_ACTORS", "Metadata", "Metric",
    "Operation", "PRODUCTION_STEP_TYPES", "Phase", "Phases", "ProductionDataEvidence",
    "QualityGate", "Rate", "Readiness", "Role", "RoleTransition", "Rollout", "Step",
    "TRANSITION_ORDER", "Team", "Thresholds", "TimeRate", "Trigger", "Workflow",
    "format_number", "per_week",
]
