"""Component 3 of the redesign: quality gates."""

from __future__ import annotations

import math
from typing import Literal, Optional

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import Id, Number, SpecModel, Text

GateMode = Literal["individual", "batch", "sampled"]


class QualityGate(SpecModel):
    """How a person reviews a workflow's output before it is used.

    `individual`: every item is reviewed on its own. `batch`: the batch is
    reviewed for patterns, with full attention on what the AI flagged.
    `sampled`: a share of the items is reviewed in full.
    """

    id: Optional[Id] = Field(
        default=None, description="Id of the gate; defaults to '<workflow>-gate'."
    )
    workflow: Id = Field(description="The workflow whose output the gate reviews.")
    step: Optional[Id] = Field(
        default=None,
        description="The review or approval step the gate governs; defaults to the workflow's "
        "first review, approve or edit step done by a person.",
    )
    mode: GateMode = Field(
        description="`individual`: every item reviewed (needs `minutes_per_item`); `batch`: the "
        "batch reviewed for patterns (needs `minutes_per_batch`); `sampled`: `sample_rate` "
        "percent of items reviewed in full."
    )
    minutes_per_item: Optional[Number] = Field(
        default=None, ge=0, description="Review minutes per item reviewed."
    )
    minutes_per_batch: Optional[Number] = Field(
        default=None,
        ge=0,
        description="Review minutes per batch: required in batch mode; in sampled mode, added "
        "once per run.",
    )
    batch_size: Optional[int] = Field(
        default=None, gt=0, description="Items per reviewed batch; defaults to one run's volume."
    )
    sample_rate: Optional[Number] = Field(
        default=None, gt=0, le=100, description="Sampled mode: percent of items reviewed in full."
    )
    full_attention: list[Text] = Field(
        default_factory=list,
        description="What always gets full attention, e.g. 'items the AI flagged as low-confidence'.",
    )
    owner: Optional[Id] = Field(
        default=None, description="The role accountable for the gate; defaults to the workflow owner."
    )
    description: Optional[Text] = Field(default=None, description="Notes on the review procedure.")

    @model_validator(mode="after")
    def _mode_fields(self) -> "QualityGate":
        if self.mode == "sampled" and self.sample_rate is None:
            raise PydanticCustomError(
                "gate_mode", "a sampled gate needs 'sample_rate' (percent of items reviewed)"
            )
        if self.mode == "batch" and self.minutes_per_batch is None:
            raise PydanticCustomError(
                "gate_mode", "a batch gate needs 'minutes_per_batch' (review time per batch)"
            )
        if self.mode == "individual" and self.minutes_per_item is None:
            raise PydanticCustomError(
                "gate_mode", "an individual gate needs 'minutes_per_item' (review time per item)"
            )
        return self

    @property
    def gate_id(self) -> str:
        return self.id or f"{self.workflow}-gate"

    def review_minutes_per_week(self, items_per_week: float, runs_per_week: float) -> float:
        """Review minutes a week for ``items_per_week`` items arriving in ``runs_per_week`` runs."""
        if self.mode == "individual":
            return (self.minutes_per_item or 0) * items_per_week
        if self.mode == "sampled":
            sampled = items_per_week * (self.sample_rate or 0) / 100
            return (self.minutes_per_item or 0) * sampled + (self.minutes_per_batch or 0) * runs_per_week
        if self.batch_size:
            batches = math.ceil(items_per_week / self.batch_size - 1e-9) if items_per_week else 0
        else:
            batches = runs_per_week
        return (self.minutes_per_batch or 0) * batches
