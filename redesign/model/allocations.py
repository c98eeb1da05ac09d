"""Component 4 of the redesign: capacity allocation."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .base import Day, Id, SpecModel, Text, TimeRate

AllocationKind = Literal["additional-accounts", "relationship-depth", "new-function"]


class Allocation(SpecModel):
    """Where recovered capacity goes, decided before it is recovered.

    Reads as the seed's sentence: "when <role> has <recovered> freed, those
    hours will be used for <to>, measured by <measured_by>".
    """

    id: Optional[Id] = Field(
        default=None, description="Id of the allocation; defaults to '<role>-<kind>'."
    )
    role: Id = Field(description="The role whose time is recovered.")
    recovered: TimeRate = Field(
        description="Time per person that goes to this use, e.g. '2 hours per day'."
    )
    freed_from: Optional[Text] = Field(
        default=None, description="The screen work the time comes from, e.g. 'notification drafting'."
    )
    to: Text = Field(description="The activity the time goes to, in plain words.")
    activity: Optional[Id] = Field(
        default=None, description="The role's activity (by id) that the time goes to."
    )
    kind: AllocationKind = Field(
        description="`additional-accounts` (more accounts per person; accounts per FTE), "
        "`relationship-depth` (deeper work on existing accounts; retention, NPS, expansion "
        "revenue) or `new-function` (a function that did not exist; its own outcome metric)."
    )
    measured_by: Optional[Id] = Field(
        default=None, description="Id of the metric that shows the allocation working."
    )
    decided_on: Optional[Day] = Field(default=None, description="When the allocation was decided.")
    recovered_from: Optional[Day] = Field(
        default=None, description="When the capacity is (or was) first recovered."
    )

    @property
    def allocation_id(self) -> str:
        return self.id or f"{self.role}-{self.kind}"
