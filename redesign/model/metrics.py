"""Component 5 of the redesign: metrics."""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import Field

from .base import Id, Number, SpecModel, Text

MetricKind = Literal["screen-volume", "room-outcome"]
MetricStatus = Literal["active", "retired"]


class Metric(SpecModel):
    """What the operation measures: screen-work volume, or room-work outcome."""

    id: Id = Field(description="Id that roles and allocations use to name the metric.")
    title: Text = Field(description="The metric as the team says it.")
    kind: MetricKind = Field(
        description="`screen-volume` (production counted) or `room-outcome` (results of judgement "
        "and relationships)."
    )
    unit: Optional[str] = Field(
        default=None, max_length=80,
        description="Unit of the metric, e.g. 'percent', 'accounts', 'notifications per day'.",
    )
    baseline: Optional[Number] = Field(default=None, description="The value before the redesign.")
    target: Optional[Union[Number, Text]] = Field(
        default=None, description="The value aimed for (a number, or words)."
    )
    role: Optional[Id] = Field(default=None, description="The role the metric measures.")
    replaces: Optional[Id] = Field(
        default=None, description="Id of the old metric this one replaces."
    )
    why: Optional[Text] = Field(default=None, description="Why the metric changed.")
    status: MetricStatus = Field(
        default="active", description="`retired` for an old metric kept to show what replaced it."
    )
