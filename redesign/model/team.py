"""Component 1 of the redesign: team structure."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import ClockTime, Id, Number, Period, SpecModel, Text, TimeRate

TeamPattern = Literal[
    "expanded-account-ownership",
    "room-work-deepening",
    "new-function-activation",
]
WorkKind = Literal["screen", "room"]


class Caseload(SpecModel):
    """The accounts or cases one person carries, and where their capacity ends."""

    per_person: Number = Field(
        gt=0, description="Accounts or cases one person carries (per period, if `per` is set)."
    )
    unit: str = Field(
        default="accounts",
        min_length=1,
        max_length=80,
        description="What is carried: accounts, cases, appeals, matters. Defaults to 'accounts'.",
    )
    per: Optional[Period] = Field(
        default=None,
        description="Set for a flow of cases (25 appeals per week); leave out for a standing book of accounts.",
    )
    edge_of_capacity: Optional[Number] = Field(
        default=None,
        gt=0,
        description="The most one person can carry at the quality the role requires.",
    )


class Activity(SpecModel):
    """A named part of a role's week, marked screen work or room work."""

    id: Id = Field(description="Id of the activity, unique within the role.")
    title: Optional[Text] = Field(default=None, description="What the activity is, in plain words.")
    kind: WorkKind = Field(
        description="`screen`: production at a screen, which AI can absorb; "
        "`room`: judgement and relationships, which stays human."
    )
    percent: Optional[Number] = Field(
        default=None, ge=0, le=100,
        description="Share of the role's week, in percent (give one of `percent`, "
        "`hours_per_week` or `workflow`).",
    )
    hours_per_week: Optional[Number] = Field(
        default=None, ge=0, le=168,
        description="Hours per person per week (give one of `percent`, `hours_per_week` or "
        "`workflow`).",
    )
    workflow: Optional[Id] = Field(
        default=None,
        description="The workflow this activity is: its hours are then computed from the "
        "workflow's steps and volume, not written here.",
    )

    @model_validator(mode="after")
    def _one_measure(self) -> "Activity":
        given = [name for name in ("percent", "hours_per_week", "workflow")
                 if getattr(self, name) is not None]
        if len(given) > 1:
            raise PydanticCustomError(
                "one_of",
                "give one of 'percent', 'hours_per_week' or 'workflow', not {given}",
                {"given": " and ".join(given)},
            )
        return self


class Role(SpecModel):
    """A role in the team: how many people hold it, their week, and what they carry."""

    id: Id = Field(description="Id that workflows, gates and allocations use to name the role.")
    title: Text = Field(description="The role's title as the team says it.")
    headcount: Number = Field(
        default=1, gt=0, description="People in the role, in full-time equivalents (FTE)."
    )
    hours_per_week: Number = Field(
        default=40, gt=0, le=168, description="Working hours per person per week."
    )
    day_starts: ClockTime = Field(
        default="08:00", description="When the role's working day starts (HH:MM, 24-hour clock)."
    )
    caseload: Optional[Caseload] = Field(
        default=None, description="Accounts or cases per person and the edge of capacity."
    )
    activities: list[Activity] = Field(
        default_factory=list,
        description="How the week divides into activities, each screen or room work.",
    )
    primary_metric: Optional[Id] = Field(
        default=None, description="Id of the metric the role is measured by first."
    )
    recovered: Optional[TimeRate] = Field(
        default=None,
        description="Time per person that AI frees in this state, e.g. '2 hours per day'.",
    )
    moved_from: Optional[Id] = Field(
        default=None,
        description="In a post state: the pre-state role these people came from.",
    )
    description: Optional[Text] = Field(default=None, description="Notes about the role.")

    def hours_available(self) -> float:
        """Team hours per week: headcount x hours per week."""
        return self.headcount * self.hours_per_week

    def activity_hours(self, activity: Activity) -> float | None:
        """Hours per person per week of one activity, if the spec states them
        (a workflow-backed activity's hours come from the capacity model)."""
        if activity.hours_per_week is not None:
            return activity.hours_per_week
        if activity.percent is not None:
            return self.hours_per_week * activity.percent / 100
        return None


class Team(SpecModel):
    """Team structure: the roles and, in a post state, the redesign pattern."""

    pattern: Optional[TeamPattern] = Field(
        default=None,
        description="The team-structure pattern of a post state: `expanded-account-ownership` (A), "
        "`room-work-deepening` (B) or `new-function-activation` (C).",
    )
    roles: list[Role] = Field(default_factory=list, description="The roles in the team.")
