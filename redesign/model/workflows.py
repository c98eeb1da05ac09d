"""Component 2 of the redesign: workflow sequence and trigger architecture."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..schedule import CronError, parse_cron
from .base import ActorId, Id, IdList, Number, Rate, SpecModel, Text

StepType = Literal[
    "data-export",
    "ai-processing",
    "triage",
    "draft-generation",
    "review",
    "edit",
    "approve",
    "submit",
    "exception-handling",
    "other",
]

#: Step types that are screen-work production: in a post state, the
#: automation or AI does them (the seed's trigger table).
PRODUCTION_STEP_TYPES = frozenset({"data-export", "ai-processing", "triage", "draft-generation"})
#: Step types a person initiates in a redesigned operation.
HUMAN_STEP_TYPES = frozenset({"review", "edit", "approve", "submit", "exception-handling"})
#: Step types that count as a human approval of content.
APPROVAL_STEP_TYPES = frozenset({"approve", "submit"})

StepTrigger = Literal["automated", "scheduled", "human"]

#: The two non-human actors.
AUTOMATED = "automated"
AI = "ai"
MACHINE_ACTORS = frozenset({AUTOMATED, AI})


class Trigger(SpecModel):
    """What starts a workflow: a schedule, another workflow's output, or a person.

    Give exactly one of `schedule`, `workflow` or `human`.
    """

    schedule: Optional[str] = Field(
        default=None,
        max_length=200,
        description="A cron schedule, minute hour day-of-month month day-of-week, "
        "e.g. '0 5 * * 1-5' for 05:00 Monday to Friday.",
    )
    workflow: Optional[Id] = Field(
        default=None, description="Event trigger: the workflow whose output starts this one."
    )
    artifact: Optional[Id] = Field(
        default=None,
        description="With `workflow`: the output artifact that starts this workflow.",
    )
    human: Optional[Id] = Field(
        default=None, description="Human trigger: the role that starts the workflow by hand."
    )

    @field_validator("schedule")
    @classmethod
    def _cron(cls, value: Optional[str]) -> Optional[str]:
        if value is not None:
            try:
                parse_cron(value)
            except CronError as error:
                raise PydanticCustomError("cron", "{reason}", {"reason": str(error)})
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> "Trigger":
        given = [name for name in ("schedule", "workflow", "human") if getattr(self, name)]
        if len(given) != 1:
            raise PydanticCustomError(
                "trigger_kind",
                "a trigger needs exactly one of 'schedule', 'workflow' or 'human' (got {given})",
                {"given": ", ".join(given) or "none"},
            )
        if self.artifact and not self.workflow:
            raise PydanticCustomError(
                "trigger_kind", "'artifact' belongs with 'workflow' (an event trigger)"
            )
        return self

    @property
    def kind(self) -> Literal["schedule", "event", "human"]:
        if self.schedule:
            return "schedule"
        if self.workflow:
            return "event"
        return "human"


class Step(SpecModel):
    """One step of a workflow: what it does, who does it, and what starts it."""

    id: Id = Field(description="Id of the step, unique within the workflow.")
    title: Optional[Text] = Field(default=None, description="What the step does, in plain words.")
    type: StepType = Field(
        description="The kind of step, from the trigger table: `data-export`, `ai-processing`, "
        "`triage`, `draft-generation` (automation or AI once redesigned); `review`, `edit`, "
        "`approve`, `submit`, `exception-handling` (started by a person); `other`."
    )
    actor: ActorId = Field(
        description="Who does the step: `automated` (a system or script), `ai`, or a role id."
    )
    trigger: Optional[StepTrigger] = Field(
        default=None,
        description="What starts the step: `automated` (when its inputs are ready), `scheduled`, "
        "or `human` (a person starts it). Defaults to `human` for a role and `automated` otherwise.",
    )
    after: IdList = Field(
        default_factory=list, description="Steps of this workflow that must finish first."
    )
    inputs: IdList = Field(default_factory=list, description="Artifacts the step reads.")
    outputs: IdList = Field(default_factory=list, description="Artifacts the step produces.")
    minutes_per_item: Optional[Number] = Field(
        default=None,
        ge=0,
        description="Minutes of work per item of the workflow's volume that reaches the step "
        "(see `percent_of_items`); on `ai` and `automated` steps it is machine time, in no "
        "role's load.",
    )
    minutes_per_batch: Optional[Number] = Field(
        default=None, ge=0, description="Minutes of work per run of the workflow (per batch)."
    )
    percent_of_items: Number = Field(
        default=100,
        gt=0,
        le=100,
        description="Percent of the workflow's items that reach this step, e.g. 10 for the "
        "items the AI flags as low-confidence. Defaults to 100.",
    )
    external: bool = Field(
        default=False, description="True when the step's output leaves the organisation."
    )
    on_low_confidence: Optional[Id] = Field(
        default=None,
        description="The step that receives the items the AI flags as low-confidence.",
    )
    on_reject: Optional[Id] = Field(
        default=None, description="For a review or approval: the step rejected items go back to."
    )
    escalate_to: Optional[Id] = Field(
        default=None, description="The role that handles what this step cannot resolve."
    )
    instructions: Optional[Text] = Field(
        default=None, description="What the person doing the step should know (shown in runbooks)."
    )

    @property
    def is_human(self) -> bool:
        return self.actor not in MACHINE_ACTORS

    @property
    def effective_trigger(self) -> StepTrigger:
        if self.trigger is not None:
            return self.trigger
        return "human" if self.is_human else "automated"


class Workflow(SpecModel):
    """A workflow: its owner, volume, trigger and steps."""

    id: Id = Field(description="Id of the workflow, unique in the spec.")
    title: Optional[Text] = Field(default=None, description="The workflow's name.")
    owner: Id = Field(description="The role that owns the workflow and its output.")
    volume: Optional[Rate] = Field(
        default=None,
        description="Items handled, e.g. '40 notifications per day' or '25 appeals per week'. "
        "For a workflow a person starts, its period also sets how often it runs (per day: "
        "once each working day).",
    )
    trigger: Trigger = Field(description="What starts the workflow.")
    inputs: IdList = Field(
        default_factory=list,
        description="Artifacts that arrive from outside the workflow (a system, a mailbox).",
    )
    steps: list[Step] = Field(
        min_length=1, description="The steps, in any order; `after` gives the ordering."
    )
    description: Optional[Text] = Field(default=None, description="Notes about the workflow.")

    def step(self, step_id: str) -> Step | None:
        for step in self.steps:
            if step.id == step_id:
                return step
        return None
