"""The rollout: phase dates and role transitions."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Day, Id, SpecModel, Text

TransitionStage = Literal["informal-allocation", "informal-expansion", "formal-redesign"]

#: The order role transitions happen in.
TRANSITION_ORDER: tuple[TransitionStage, ...] = (
    "informal-allocation",
    "informal-expansion",
    "formal-redesign",
)


class Phase(SpecModel):
    """A phase of the rollout, from its first day to its last."""

    starts: Day = Field(description="First day of the phase.")
    ends: Optional[Day] = Field(default=None, description="Last day of the phase.")
    note: Optional[Text] = Field(default=None, description="What happens in the phase.")


class Phases(SpecModel):
    """The three phases: foundation (weeks 1-6), adoption (weeks 7-16), redesign (month 4 on)."""

    foundation: Optional[Phase] = Field(
        default=None,
        description="Phase 1, weeks 1-6: Foundation build, first workflow, training starts.",
    )
    adoption: Optional[Phase] = Field(
        default=None,
        description="Phase 2, weeks 7-16: whole team trained, loop running, adoption at 70%+.",
    )
    redesign: Optional[Phase] = Field(
        default=None,
        description="From month 4: prerequisites confirmed, the redesign begins.",
    )


class RoleTransition(SpecModel):
    """One step of a role's change: informal allocation, informal expansion, formal redesign."""

    role: Id = Field(description="The role that changes.")
    stage: TransitionStage = Field(
        description="`informal-allocation` (month 4), `informal-expansion` (months 4-6) or "
        "`formal-redesign` (month 6 or 7)."
    )
    date: Day = Field(description="When the stage starts.")
    note: Optional[Text] = Field(default=None, description="What changes for the role.")


class Rollout(SpecModel):
    """When the phases run and when each role changes."""

    phases: Phases = Field(default_factory=Phases, description="The rollout phases.")
    transitions: list[RoleTransition] = Field(
        default_factory=list, description="Role transitions, in any order."
    )
