"""The four readiness prerequisites that gate any redesign."""

from __future__ import annotations

from datetime import date
from typing import Literal, Optional

from pydantic import Field

from .base import Day, Id, Number, SpecModel, Text

Cadence = Literal["daily", "weekly", "fortnightly", "monthly", "quarterly", "irregular", "none"]

#: Days between two occurrences of each cadence, to compare them.
CADENCE_DAYS = {
    "daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 31, "quarterly": 92,
    "irregular": 10_000, "none": 100_000,
}


class Thresholds(SpecModel):
    """The bars each prerequisite must clear. Defaults are the seed's figures."""

    max_editing_percent: Number = Field(
        default=15, ge=0, le=100,
        description="Prerequisite 1: AI outputs need at most this much editing before use (%).",
    )
    not_at_quality_editing_percent: Number = Field(
        default=25, ge=0, le=100,
        description="Prerequisite 1: at or above this editing share the Foundation is clearly "
        "not at quality (%).",
    )
    min_workflows: int = Field(
        default=3, ge=1, description="Prerequisite 1: deployed workflows at quality, at least."
    )
    min_adoption_percent: Number = Field(
        default=70, ge=0, le=100,
        description="Prerequisite 2: share of the trained team running their anchor workflows (%).",
    )
    min_uses_per_week: Number = Field(
        default=3, ge=0, description="Prerequisite 2: anchor-workflow runs per person per week, at least."
    )
    loop_cadence: Cadence = Field(
        default="weekly", description="Prerequisite 3: the improvement loop runs at least this often."
    )
    context_updates: Cadence = Field(
        default="monthly",
        description="Prerequisite 3: context documents are updated at least this often.",
    )
    min_production_months: Number = Field(
        default=3, ge=0, description="Prerequisite 4: months of production data, at least."
    )


class FoundationEvidence(SpecModel):
    """Prerequisite 1, Foundation at quality: how much AI output is edited before use."""

    editing_percent: Number = Field(
        ge=0, le=100, description="How much of an AI output is edited before use, on average (%)."
    )
    workflows: list[Id] = Field(
        default_factory=list, description="The deployed workflows the measurement covers."
    )
    measured_on: Optional[Day] = Field(default=None, description="When it was measured.")
    note: Optional[Text] = Field(default=None, description="Where the figure comes from.")


class AdoptionEvidence(SpecModel):
    """Prerequisite 2, team adoption: who runs their anchor workflows unprompted."""

    adoption_percent: Number = Field(
        ge=0, le=100,
        description="Share of the trained team running their anchor workflows unprompted (%).",
    )
    uses_per_week: Number = Field(
        ge=0, description="Anchor-workflow runs per person per week (median)."
    )
    measured_on: Optional[Day] = Field(default=None, description="When it was measured.")
    note: Optional[Text] = Field(default=None, description="Where the figure comes from.")


class ImprovementLoopEvidence(SpecModel):
    """Prerequisite 3, the improvement loop: run by the AI system owner, improving quality."""

    owner: Optional[Id] = Field(default=None, description="The role that owns the AI system.")
    cadence: Cadence = Field(description="How often the loop actually runs.")
    context_updates: Cadence = Field(description="How often the context documents are updated.")
    last_context_update: Optional[Day] = Field(
        default=None, description="When the context documents were last updated."
    )
    improving: bool = Field(description="Output quality is improving month over month.")
    measured_on: Optional[Day] = Field(default=None, description="When this was recorded.")
    note: Optional[Text] = Field(default=None, description="Where the evidence comes from.")


class ProductionDataEvidence(SpecModel):
    """Prerequisite 4, production data: time recovered, adoption per person, loop history."""

    since: Day = Field(description="First day of production data.")
    until: Optional[Day] = Field(
        default=None, description="Last day of the data; defaults to the spec's effective date."
    )
    covers: list[Text] = Field(
        default_factory=list,
        description="What the data holds, e.g. 'time recovered per workflow'.",
    )

    def months(self, as_of: date | None) -> float | None:
        end = self.until or as_of
        if end is None:
            return None
        return (end - self.since).days / (365.25 / 12)


class Readiness(SpecModel):
    """The readiness gate: thresholds and the recorded evidence for each prerequisite."""

    thresholds: Thresholds = Field(
        default_factory=Thresholds, description="Thresholds; the seed's figures by default."
    )
    foundation: Optional[FoundationEvidence] = Field(
        default=None, description="Prerequisite 1: Foundation at quality."
    )
    adoption: Optional[AdoptionEvidence] = Field(
        default=None, description="Prerequisite 2: team adoption."
    )
    improvement_loop: Optional[ImprovementLoopEvidence] = Field(
        default=None, description="Prerequisite 3: improvement loop running consistently."
    )
    production_data: Optional[ProductionDataEvidence] = Field(
        default=None, description="Prerequisite 4: at least three months of production data."
    )
