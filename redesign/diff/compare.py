"""The semantic diff: two operation states in, typed :class:`Change` values out.

:func:`compare_operations` pairs the roles, workflows, steps, quality gates,
allocations, metrics, prerequisites and rollout of two states by id (and by
identity, for renames: see :mod:`redesign.diff.matching`), and says what was
added, removed and changed, in the seed's terms: steps automated, triggers
moved from a person to a schedule, review minutes per week, accounts per
FTE, the screen/room split, FTE moved between functions. Every figure comes
from :func:`redesign.capacity.capacity_of` and
:func:`redesign.readiness.assess_readiness`; nothing is read from text.

It reads models only, never YAML, and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from ..capacity import CapacityModel, RoleCapacity, WorkflowCapacity, capacity_of, governed_step
from ..model.base import counted, format_number
from ..model.rollout import TRANSITION_ORDER
from ..model.workflows import APPROVAL_STEP_TYPES
from ..readiness import ReadinessAssessment, assess_readiness
from .matching import Pairing, pair_things, plain_words
from .model import (
    Aspect,
    Category,
    Change,
    GateFigures,
    Kind,
    PrerequisiteFigures,
    RoleFigures,
    Side,
    SpecDiff,
    Subject,
    Value,
    WorkflowFigures,
)

if TYPE_CHECKING:
    from ..model import Allocation, Metric, Operation, QualityGate, Role, Step, Trigger, Workflow
    from ..model.team import Activity


# --------------------------------------------------------------------------
# Words and figures


def show(value: Any) -> str:
    """A spec value as the report writes it."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(show(item) for item in value) if value else "none"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def plain(value: Any) -> Value:
    """A spec value in JSON terms: numbers stay numbers, rates and dates become text."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value == int(value) else round(value, 4)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def figure(value: float | None, places: int = 1) -> str:
    """A computed figure, rounded for reading: ``14.583 -> '14.6'``."""
    if value is None:
        return "none"
    return format_number(round(value, places))


def percent_change(old: float | None, new: float | None) -> str:
    """``' (+44%)'`` for 45 -> 65; empty when there is no base to compare with."""
    if not old or new is None:
        return ""
    change = Decimal(repr((new - old) / old * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f" ({int(change):+d}%)"


def split_text(capacity: RoleCapacity | None) -> str | None:
    """``'65/35'``: the role's screen/room split in whole percentages."""
    split = capacity.split_whole if capacity is not None else None
    return f"{split[0]}/{split[1]}" if split else None


def role_noun(role_id: str) -> str:
    """What one person in a role is called in a figure: the last word of its id
    (``cs-coordinator`` -> ``coordinator``)."""
    return role_id.rsplit("-", 1)[-1]


def trigger_class(trigger: "Trigger | None") -> str | None:
    """The trigger table's words: ``scheduled``, ``automated`` (an event) or ``human``."""
    if trigger is None:
        return None
    return {"schedule": "scheduled", "event": "automated", "human": "human"}[trigger.kind]


def describe_trigger(trigger: "Trigger | None") -> str | None:
    if trigger is None:
        return None
    if trigger.schedule:
        return f"scheduled ('{trigger.schedule}')"
    if trigger.workflow:
        what = f"{trigger.workflow}'s {trigger.artifact}" if trigger.artifact else trigger.workflow
        return f"automated (on {what})"
    return f"human ({trigger.human})"


def _hours_a_week(hours: float) -> str:
    return f"{figure(hours)} hour{'' if figure(hours) == '1' else 's'} a week"


def _quoted(text: str | None) -> str:
    return "none" if text is None else f"'{text}'"


# --------------------------------------------------------------------------
# The summary's facts, gathered while comparing


@dataclass
class _Facts:
    automated: int = 0
    triggers: dict[tuple[str, str], int] = field(default_factory=dict)
    approvals_removed: int = 0
    gate_modes: dict[tuple[str, str], int] = field(default_factory=dict)
    review_minutes: list[tuple[str, float, float]] = field(default_factory=list)
    fte_moved: list[tuple[float, str, str]] = field(default_factory=list)
    caseloads: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    allocations_added: int = 0
    metrics_replaced: int = 0
    #: Prerequisites met before and after, of how many.
    readiness: tuple[int, int, int] | None = None

    def phrases(self, risks: int) -> list[str]:
        out = []
        if self.automated:
            out.append(f"{counted(self.automated, 'step')} automated")
        for (old, new), count in sorted(self.triggers.items()):
            out.append(f"{counted(count, 'trigger')} {old} -> {new}")
        if self.approvals_removed:
            out.append(f"{counted(self.approvals_removed, 'human approval')} removed")
        for (old, new), count in sorted(self.gate_modes.items()):
            out.append(f"{counted(count, 'gate')} {old} -> {new}")
        for workflow, old, new in self.review_minutes:
            prefix = f"{workflow} " if len(self.review_minutes) > 1 else ""
            out.append(f"{prefix}review minutes per reviewer {figure(old)} -> {figure(new)}"
                       f"{percent_change(old, new)}")
        for amount, source, target in self.fte_moved:
            out.append(f"{format_number(amount)} FTE moved {source} -> {target}")
        out.extend(self.caseloads)
        out.extend(self.splits)
        if self.allocations_added:
            out.append(f"{counted(self.allocations_added, 'allocation')} added")
        if self.metrics_replaced:
            out.append(f"{counted(self.metrics_replaced, 'metric')} replaced")
        if self.readiness is not None:
            old, new, total = self.readiness
            out.append(f"readiness {old}/{total} -> {new}/{total} prerequisites met")
        if risks:
            out.append(f"{counted(risks, 'risk')} flagged")
        return out


# --------------------------------------------------------------------------
# The comparison


@dataclass(frozen=True)
class _StepFate:
    """What became of a person's step that has no human counterpart any more."""

    automated: bool
    detail: str = ""


class _Comparison:
    def __init__(self, old: "Operation | None", new: "Operation | None"):
        self.old = old
        self.new = new
        self.old_capacity: CapacityModel | None = capacity_of(old) if old else None
        self.new_capacity: CapacityModel | None = capacity_of(new) if new else None
        self.old_readiness: ReadinessAssessment | None = assess_readiness(old) if old else None
        self.new_readiness: ReadinessAssessment | None = assess_readiness(new) if new else None
        self.changes: list[Change] = []
        self.facts = _Facts()
        # Old id -> new id, for every paired thing (renames included).
        self.role_ids: dict[str, str] = {}
        self.workflow_ids: dict[str, str] = {}
        self.metric_ids: dict[str, str] = {}
        self.step_ids: dict[str, dict[str, str]] = {}  # by old workflow id

    # ------------------------------------------------------------------
    # Recording

    def add(self, category: Category, kind: Kind, subject: Subject, thing_id: str, message: str,
            *, aspect: Aspect | None = None, field_name: str | None = None, old: Any = None,
            new: Any = None, risk: str | None = None, was: str | None = None) -> None:
        if aspect is None:
            aspect = {"+": "added", "-": "removed", "~": "field"}[kind]
        self.changes.append(Change(
            category=category, kind=kind, subject=subject, id=thing_id, message=message,
            aspect=aspect, field=field_name, old=plain(old), new=plain(new), risk=risk, was=was,
            rank=_rank(subject, thing_id)))

    def fields(self, category: Category, subject: Subject, thing_id: str, label: str,
               old_thing: Any, new_thing: Any, names: Iterable[str],
               translate: dict[str, Callable[[Any], Any]] | None = None,
               prose: Iterable[str] = ()) -> None:
        """One ``~`` change per field whose value differs.

        ``translate`` maps an old value into the new state's ids (a renamed
        role, a renamed step) before comparing; ``prose`` fields (long text)
        are reported as changed without their text.
        """
        translate = translate or {}
        prose = set(prose)
        for name in names:
            before = getattr(old_thing, name)
            if name in translate and before is not None:
                before = translate[name](before)
            after = getattr(new_thing, name)
            if _same(before, after):
                continue
            words = name.replace("_", " ")
            if name in prose:
                text = f"{label}: {words} changed"
            elif name in ("title", "to", "why", "note", "freed_from"):
                text = f"{label}: {words} {_quoted(before)} -> {_quoted(after)}"
            else:
                text = f"{label}: {words} {show(before)} -> {show(after)}"
            self.add(category, "~", subject, thing_id, text, field_name=name, old=before, new=after)

    def renamed(self, category: Category, subject: Subject, new_id: str, old_id: str,
                why: str) -> None:
        self.add(category, "~", subject, new_id, f"{subject} {new_id}: renamed from {old_id} ({why})",
                 aspect="renamed", field_name="id", old=old_id, new=new_id, was=old_id)

    # ------------------------------------------------------------------
    # Translating old references into new ids

    def role_id(self, old_id: str) -> str:
        return self.role_ids.get(old_id, old_id)

    def workflow_id(self, old_id: str) -> str:
        return self.workflow_ids.get(old_id, old_id)

    def metric_id(self, old_id: str) -> str:
        return self.metric_ids.get(old_id, old_id)

    # ------------------------------------------------------------------

    def run(self) -> SpecDiff:
        roles = self.pair_roles()
        metrics = self.pair_metrics()
        workflows = self.pair_workflows()
        steps = {id(old): self.pair_steps(old, new) for old, new in workflows.pairs}
        self.compare_operation()
        role_figures = self.compare_team(roles)
        workflow_figures = self.compare_workflows(workflows, steps)
        gate_figures = self.compare_gates()
        self.compare_allocations()
        self.compare_metrics(metrics)
        prerequisite_figures = self.compare_readiness()
        self.compare_rollout()
        changes = tuple(sorted(self.changes, key=Change.sort_key))
        risks = sum(1 for change in changes if change.risk)
        phrases = self.facts.phrases(risks)
        if self.old is None or self.new is None:
            summary = (f"spec added, compared with nothing: {counted(len(changes), 'thing')} added"
                       if self.old is None else
                       f"spec removed, compared with nothing: {counted(len(changes), 'thing')} removed")
        elif phrases:
            summary = ", ".join(phrases)
        elif changes:
            counts = [counted(len(changes), "change")]
            summary = (f"{counts[0]}: {sum(c.kind == '+' for c in changes)} added, "
                       f"{sum(c.kind == '-' for c in changes)} removed, "
                       f"{sum(c.kind == '~' for c in changes)} changed")
        else:
            summary = "no differences"
        return SpecDiff(old=None, new=None, changes=changes, summary=summary,
                        roles=role_figures, workflows=workflow_figures, gates=gate_figures,
                        readiness=prerequisite_figures)

    # ------------------------------------------------------------------
    # Pairing

    def pair_roles(self) -> Pairing["Role"]:
        pairing = pair_things(
            _roles(self.old), _roles(self.new), _id, _id,
            [(lambda role: plain_words(role.title), lambda role: plain_words(role.title))],
        )
        self.role_ids = {old.id: new.id for old, new in pairing.pairs}
        return pairing

    def pair_metrics(self) -> Pairing["Metric"]:
        pairing = pair_things(
            _metrics(self.old), _metrics(self.new), _id, _id,
            [(lambda metric: plain_words(metric.title), lambda metric: plain_words(metric.title))],
        )
        self.metric_ids = {old.id: new.id for old, new in pairing.pairs}
        return pairing

    def pair_workflows(self) -> Pairing["Workflow"]:
        pairing = pair_things(
            _workflows(self.old), _workflows(self.new), _id, _id,
            [
                (lambda w: plain_words(w.title), lambda w: plain_words(w.title)),
                (lambda w: frozenset(s.id for s in w.steps), lambda w: frozenset(s.id for s in w.steps)),
            ],
        )
        self.workflow_ids = {old.id: new.id for old, new in pairing.pairs}
        return pairing

    def pair_steps(self, old_workflow: "Workflow", new_workflow: "Workflow") -> Pairing["Step"]:
        def identity(actor: Callable[[str], str]):
            def key(step: "Step"):
                made = frozenset(step.outputs)
                return (step.type, actor(step.actor), "outputs" if made else "inputs",
                        made or frozenset(step.inputs))
            return key

        def titled(step: "Step"):
            words = plain_words(step.title)
            return (step.type, words) if words else None

        pairing = pair_things(
            old_workflow.steps, new_workflow.steps, _id, _id,
            [(identity(self.role_id), identity(lambda actor: actor)), (titled, titled)],
        )
        self.step_ids[old_workflow.id] = {old.id: new.id for old, new in pairing.pairs}
        return pairing

    # ------------------------------------------------------------------
    # Operation

    def compare_operation(self) -> None:
        if self.old is None or self.new is None:
            return
        self.fields("operation", "operation", "metadata", "operation", self.old.metadata,
                    self.new.metadata, ["name", "organisation", "sector"])
        self.fields("operation", "operation", "calendar", "calendar", self.old.calendar,
                    self.new.calendar, ["working_days_per_week", "timezone"])

    # ------------------------------------------------------------------
    # Team structure

    def compare_team(self, roles: Pairing["Role"]) -> tuple[RoleFigures, ...]:
        old_pattern = self.old.team.pattern if self.old else None
        new_pattern = self.new.team.pattern if self.new else None
        if old_pattern != new_pattern and (self.old is not None and self.new is not None):
            self.add("team", "~", "team", "team", f"team: pattern {show(old_pattern)} -> {show(new_pattern)}",
                     field_name="pattern", old=old_pattern, new=new_pattern)
        figures: list[RoleFigures] = []
        old_role_ids = {role.id for role in _roles(self.old)}
        for role in roles.removed:
            before = self.old_capacity.roles[role.id]
            self.add("team", "-", "role", role.id,
                     f"role {role.id} ({role.title}): removed, {format_number(role.headcount)} FTE")
            figures.append(RoleFigures(role.id, role.title, before, None))
        for old_role, new_role in roles.pairs:
            if old_role.id != new_role.id:
                self.renamed("team", "role", new_role.id, old_role.id, "same title")
            self.compare_role(old_role, new_role)
            figures.append(RoleFigures(
                new_role.id, new_role.title, self.old_capacity.roles[old_role.id],
                self.new_capacity.roles[new_role.id],
                was=old_role.id if old_role.id != new_role.id else None,
                moved_from=new_role.moved_from))
        for role in roles.added:
            after = self.new_capacity.roles[role.id]
            text = f"role {role.id} ({role.title}): added, {format_number(role.headcount)} FTE"
            aspect: Aspect = "added"
            if role.moved_from and role.moved_from in old_role_ids:
                text += f"; {format_number(role.headcount)} FTE moved {role.moved_from} -> {role.id}"
                aspect = "fte-moved"
                self.facts.fte_moved.append((role.headcount, role.moved_from, role.id))
            self.add("team", "+", "role", role.id, text, aspect=aspect,
                     field_name="moved_from" if aspect == "fte-moved" else None,
                     new=role.moved_from if aspect == "fte-moved" else None)
            for activity in role.activities:
                self.add("team", "+", "activity", f"{role.id}/{activity.id}",
                         f"activity {role.id}/{activity.id}: {self.activity_words(activity, after)}")
            figures.append(RoleFigures(role.id, role.title, None, after, moved_from=role.moved_from))
        return tuple(sorted(figures, key=lambda f: f.id))

    def compare_role(self, old: "Role", new: "Role") -> None:
        label = f"role {new.id}"
        before = self.old_capacity.roles[old.id]
        after = self.new_capacity.roles[new.id]
        self.fields("team", "role", new.id, label, old, new, ["title"])
        if old.headcount != new.headcount:
            self.add("team", "~", "role", new.id,
                     f"{label}: headcount {format_number(old.headcount)} -> "
                     f"{format_number(new.headcount)} FTE{percent_change(old.headcount, new.headcount)}",
                     aspect="headcount", field_name="headcount", old=old.headcount, new=new.headcount)
        if new.moved_from and new.moved_from != old.moved_from and new.headcount > old.headcount:
            moved = new.headcount - old.headcount
            self.facts.fte_moved.append((moved, new.moved_from, new.id))
            self.add("team", "~", "role", new.id,
                     f"{label}: {format_number(moved)} FTE moved {new.moved_from} -> {new.id}",
                     aspect="fte-moved", field_name="moved_from", old=old.moved_from,
                     new=new.moved_from)
        self.fields("team", "role", new.id, label, old, new, ["hours_per_week", "day_starts"])
        self.compare_caseload(label, old, new)
        self.fields("team", "role", new.id, label, old, new, ["primary_metric", "recovered"],
                    translate={"primary_metric": self.metric_id})
        if new.moved_from == old.moved_from or new.headcount <= old.headcount:
            self.fields("team", "role", new.id, label, old, new, ["moved_from"])
        self.fields("team", "role", new.id, label, old, new, ["description"], prose=["description"])
        self.compare_work(label, new, before, after)
        self.compare_activities(old, new, before, after)

    def compare_caseload(self, label: str, old: "Role", new: "Role") -> None:
        was, now = old.caseload, new.caseload
        if was is None and now is None:
            return
        if was is None or now is None or was.unit != now.unit or was.per != now.per:
            self.add("team", "~", "role", new.id,
                     f"{label}: caseload {_caseload_words(was)} -> {_caseload_words(now)}",
                     aspect="caseload", field_name="caseload",
                     old=_caseload_words(was) if was else None,
                     new=_caseload_words(now) if now else None)
            return
        if was.per_person != now.per_person:
            period = f" per {now.per}" if now.per else ""
            measure = f"{now.unit} per {role_noun(new.id)}{period}"
            headline = (f"{measure} {format_number(was.per_person)} -> "
                        f"{format_number(now.per_person)}{percent_change(was.per_person, now.per_person)}")
            text = f"{label}: {headline}"
            if old.headcount != new.headcount:
                text += (f"; {format_number(old.headcount)} x {format_number(was.per_person)} -> "
                         f"{format_number(new.headcount)} x {format_number(now.per_person)} = "
                         f"{format_number(old.headcount * was.per_person)} -> "
                         f"{format_number(new.headcount * now.per_person)} {now.unit}{period} "
                         "for the role")
            self.facts.caseloads.append(headline)
            self.add("team", "~", "role", new.id, text, aspect="caseload",
                     field_name="caseload.per_person", old=was.per_person, new=now.per_person)
        if was.edge_of_capacity != now.edge_of_capacity:
            self.add("team", "~", "role", new.id,
                     f"{label}: edge of capacity {show(was.edge_of_capacity)} -> "
                     f"{show(now.edge_of_capacity)} {now.unit}",
                     field_name="caseload.edge_of_capacity", old=was.edge_of_capacity,
                     new=now.edge_of_capacity)

    def compare_work(self, label: str, role: "Role", before: RoleCapacity,
                     after: RoleCapacity) -> None:
        """The computed figures: split, screen and room hours, load."""
        old_split, new_split = split_text(before), split_text(after)
        if old_split != new_split:
            self.add("team", "~", "role", role.id,
                     f"{label}: screen/room {show(old_split)} -> {show(new_split)}",
                     aspect="work-split", field_name="split", old=old_split, new=new_split)
            if old_split and new_split:
                self.facts.splits.append(f"{role_noun(role.id)} screen/room {old_split} -> {new_split}")
        if figure(before.screen_hours) != figure(after.screen_hours):
            freed = before.screen_hours - after.screen_hours
            note = (f"; {figure(freed)} hours a week recovered" if freed > 0 else
                    f"; {figure(-freed)} hours a week more")
            self.add("team", "~", "role", role.id,
                     f"{label}: screen work {figure(before.screen_hours)} -> "
                     f"{figure(after.screen_hours)} hours a week per person{note}",
                     aspect="screen-hours", field_name="screen_hours",
                     old=round(before.screen_hours, 4), new=round(after.screen_hours, 4))
        if figure(before.room_hours) != figure(after.room_hours):
            gained = after.room_hours - before.room_hours
            self.add("team", "~", "role", role.id,
                     f"{label}: room work {figure(before.room_hours)} -> {figure(after.room_hours)} "
                     f"hours a week per person ({'+' if gained > 0 else '-'}{figure(abs(gained))} h)",
                     aspect="room-hours", field_name="room_hours",
                     old=round(before.room_hours, 4), new=round(after.room_hours, 4))
        if figure(before.workflow_hours) != figure(after.workflow_hours) or \
                figure(before.load_percent, 0) != figure(after.load_percent, 0):
            self.add("team", "~", "role", role.id,
                     f"{label}: workflow load {figure(before.workflow_hours)} of "
                     f"{figure(before.available_hours)} -> {figure(after.workflow_hours)} of "
                     f"{figure(after.available_hours)} hours a week "
                     f"({figure(before.load_percent, 0)}% -> {figure(after.load_percent, 0)}%)",
                     aspect="load", field_name="load_percent",
                     old=round(before.load_percent, 4), new=round(after.load_percent, 4))
        described = (figure(before.booked_hours) != figure(before.workflow_hours)
                     or figure(after.booked_hours) != figure(after.workflow_hours))
        if described and (figure(before.booked_hours) != figure(after.booked_hours)
                          or figure(before.booked_percent, 0) != figure(after.booked_percent, 0)):
            self.add("team", "~", "role", role.id,
                     f"{label}: week booked {figure(before.booked_hours)} of "
                     f"{figure(before.available_hours)} -> {figure(after.booked_hours)} of "
                     f"{figure(after.available_hours)} hours a week "
                     f"({figure(before.booked_percent, 0)}% -> {figure(after.booked_percent, 0)}%)",
                     aspect="booked", field_name="booked_percent",
                     old=round(before.booked_percent, 4), new=round(after.booked_percent, 4))

    def activity_words(self, activity: "Activity", capacity: RoleCapacity) -> str:
        hours = capacity.activity_hours.get(activity.id, 0.0)
        source = f", from workflow {activity.workflow}" if activity.workflow else ""
        title = f": {activity.title}" if activity.title else ""
        return f"{activity.kind} work, {_hours_a_week(hours)} per person{source}{title}"

    def compare_activities(self, old: "Role", new: "Role", before: RoleCapacity,
                           after: RoleCapacity) -> None:
        pairing = pair_things(
            old.activities, new.activities, _id, _id,
            [
                (lambda a: (a.kind, plain_words(a.title)) if a.title else None,
                 lambda a: (a.kind, plain_words(a.title)) if a.title else None),
                (lambda a: (a.kind, self.workflow_id(a.workflow)) if a.workflow else None,
                 lambda a: (a.kind, a.workflow) if a.workflow else None),
            ],
        )
        for activity in pairing.removed:
            self.add("team", "-", "activity", f"{new.id}/{activity.id}",
                     f"activity {new.id}/{activity.id}: removed ({self.activity_words(activity, before)})")
        for was, now in pairing.pairs:
            thing_id = f"{new.id}/{now.id}"
            label = f"activity {thing_id}"
            if was.id != now.id:
                self.renamed("team", "activity", thing_id, f"{new.id}/{was.id}", "same kind and title")
            self.fields("team", "activity", thing_id, label, was, now, ["title", "kind", "workflow"],
                        translate={"workflow": self.workflow_id})
            hours_before = before.activity_hours.get(was.id, 0.0)
            hours_after = after.activity_hours.get(now.id, 0.0)
            if figure(hours_before) != figure(hours_after):
                shares = ""
                if was.percent is not None and now.percent is not None:
                    shares = f", {format_number(was.percent)}% -> {format_number(now.percent)}% of the week"
                computed = ", computed from the workflow" if now.workflow else ""
                self.add("team", "~", "activity", thing_id,
                         f"{label}: {figure(hours_before)} -> {figure(hours_after)} hours a week "
                         f"per person{percent_change(hours_before, hours_after)}{shares}{computed}",
                         field_name="hours_per_week", old=round(hours_before, 4),
                         new=round(hours_after, 4))
        for activity in pairing.added:
            self.add("team", "+", "activity", f"{new.id}/{activity.id}",
                     f"activity {new.id}/{activity.id}: {self.activity_words(activity, after)}")

    # ------------------------------------------------------------------
    # Workflows, triggers and steps

    def compare_workflows(self, workflows: Pairing["Workflow"],
                          steps: dict[int, Pairing["Step"]]) -> tuple[WorkflowFigures, ...]:
        fates = self.step_fates(workflows, steps)
        figures: list[WorkflowFigures] = []
        for workflow in workflows.removed:
            capacity = self.old_capacity.workflows[workflow.id]
            self.add("workflows", "-", "workflow", workflow.id,
                     f"workflow {workflow.id}{_titled(workflow.title)}: removed "
                     f"({figure(capacity.human_minutes_per_week)} human minutes a week)")
            for step in workflow.steps:
                self.removed_step(workflow.id, workflow, step, capacity, fates)
            figures.append(WorkflowFigures(workflow.id, capacity, None,
                                           trigger_before=describe_trigger(workflow.trigger)))
        for old, new in workflows.pairs:
            pairing = steps[id(old)]
            self.compare_workflow(old, new, pairing, fates)
            figures.append(WorkflowFigures(
                new.id, self.old_capacity.workflows[old.id], self.new_capacity.workflows[new.id],
                trigger_before=describe_trigger(old.trigger),
                trigger_after=describe_trigger(new.trigger),
                was=old.id if old.id != new.id else None))
        for workflow in workflows.added:
            capacity = self.new_capacity.workflows[workflow.id]
            volume = f"{workflow.volume}, " if workflow.volume else ""
            self.add("workflows", "+", "workflow", workflow.id,
                     f"workflow {workflow.id}{_titled(workflow.title)}: added; owner "
                     f"{workflow.owner}, {describe_trigger(workflow.trigger)}, {volume}"
                     f"{figure(capacity.human_minutes_per_week)} human minutes a week")
            for step in workflow.steps:
                self.added_step(workflow.id, step, capacity)
            figures.append(WorkflowFigures(workflow.id, None, capacity,
                                           trigger_after=describe_trigger(workflow.trigger)))
        return tuple(sorted(figures, key=lambda f: f.id))

    def compare_workflow(self, old: "Workflow", new: "Workflow", steps: Pairing["Step"],
                         fates: dict[tuple[str, str], _StepFate]) -> None:
        label = f"workflow {new.id}"
        if old.id != new.id:
            why = "same title" if plain_words(old.title) == plain_words(new.title) and new.title else "same steps"
            self.renamed("workflows", "workflow", new.id, old.id, why)
        self.fields("workflows", "workflow", new.id, label, old, new, ["title", "owner"],
                    translate={"owner": self.role_id})
        self.compare_trigger(label, old, new)
        self.fields("workflows", "workflow", new.id, label, old, new, ["volume", "inputs"])
        self.fields("workflows", "workflow", new.id, label, old, new, ["description"],
                    prose=["description"])
        before = self.old_capacity.workflows[old.id]
        after = self.new_capacity.workflows[new.id]
        if figure(before.runs_per_week, 2) != figure(after.runs_per_week, 2):
            self.add("workflows", "~", "workflow", new.id,
                     f"{label}: runs a week {figure(before.runs_per_week, 2)} -> "
                     f"{figure(after.runs_per_week, 2)}",
                     field_name="runs_per_week", old=before.runs_per_week, new=after.runs_per_week)
        if figure(before.human_minutes_per_week) != figure(after.human_minutes_per_week):
            self.add("workflows", "~", "workflow", new.id,
                     f"{label}: human minutes a week {figure(before.human_minutes_per_week)} -> "
                     f"{figure(after.human_minutes_per_week)}"
                     f"{percent_change(before.human_minutes_per_week, after.human_minutes_per_week)}",
                     aspect="human-minutes", field_name="human_minutes_per_week",
                     old=before.human_minutes_per_week, new=after.human_minutes_per_week)
        per_before, per_after = before.human_minutes_per_item, after.human_minutes_per_item
        if figure(per_before, 2) != figure(per_after, 2):
            unit = after.unit[:-1] if after.unit.endswith("s") else after.unit
            self.add("workflows", "~", "workflow", new.id,
                     f"{label}: human minutes per {unit} {figure(per_before, 2)} -> "
                     f"{figure(per_after, 2)}{percent_change(per_before, per_after)}",
                     aspect="human-minutes", field_name="human_minutes_per_item",
                     old=per_before, new=per_after)
        approvals_before, approvals_after = _approvals(old), _approvals(new)
        if approvals_before != approvals_after:
            risk = None
            if approvals_after < approvals_before:
                self.facts.approvals_removed += approvals_before - approvals_after
                risk = (f"a human approval removed: approve or submit steps done by a person "
                        f"{approvals_before} -> {approvals_after}; AI output may leave without "
                        "a person's approval")
            self.add("workflows", "~", "workflow", new.id,
                     f"{label}: human approvals (approve or submit steps done by a person) "
                     f"{approvals_before} -> {approvals_after}",
                     aspect="approvals", field_name="approvals", old=approvals_before,
                     new=approvals_after, risk=risk)
        for step in steps.removed:
            self.removed_step(new.id, old, step, before, fates)
        for was, now in steps.pairs:
            self.compare_step(old, new, was, now, before, after)
        for step in steps.added:
            self.added_step(new.id, step, after)

    def compare_trigger(self, label: str, old: "Workflow", new: "Workflow") -> None:
        was, now = old.trigger, new.trigger
        translated = (was.schedule, self.workflow_id(was.workflow) if was.workflow else None,
                      was.artifact, self.role_id(was.human) if was.human else None)
        if translated == (now.schedule, now.workflow, now.artifact, now.human):
            return
        old_class, new_class = trigger_class(was), trigger_class(now)
        if old_class != new_class:
            self.facts.triggers[(old_class, new_class)] = \
                self.facts.triggers.get((old_class, new_class), 0) + 1
        self.add("workflows", "~", "workflow", new.id,
                 f"{label}: trigger {describe_trigger(was)} -> {describe_trigger(now)}",
                 aspect="trigger", field_name="trigger", old=describe_trigger(was),
                 new=describe_trigger(now))

    def step_fates(self, workflows: Pairing["Workflow"],
                   steps: dict[int, Pairing["Step"]]) -> dict[tuple[str, str], _StepFate]:
        """What became of every person's step that no person does any more.

        A person's step is *automated* when its counterpart (same id, or
        renamed) is done by ``automated`` or ``ai``. A person's step that is
        gone is automated when everything it produced is, in the new state,
        produced by automation or AI only (the export moved to a scheduled
        job); when its workflow gained an automation or AI step of the same
        type (the drafting an AI step now does, under a new id); or when
        every step that read what it produced is itself automated (the
        triage the AI's drafting absorbed). Anything else is removed.
        """
        producers: dict[str, list[tuple[str, "Step"]]] = {}
        for workflow in _workflows(self.new):
            for step in workflow.steps:
                for artifact in step.outputs:
                    producers.setdefault(artifact, []).append((workflow.id, step))
        fates: dict[tuple[str, str], _StepFate] = {}
        gone: list[tuple["Workflow", "Step"]] = []
        machine_steps_added: dict[str, dict[str, list[str]]] = {}  # old workflow -> type -> names
        for old, new in workflows.pairs:
            pairing = steps[id(old)]
            for was, now in pairing.pairs:
                if was.is_human and not now.is_human:
                    fates[(old.id, was.id)] = _StepFate(True, f"now done by {now.actor}")
            gone.extend((old, step) for step in pairing.removed if step.is_human)
            by_type = machine_steps_added.setdefault(old.id, {})
            for step in pairing.added:
                if not step.is_human:
                    by_type.setdefault(step.type, []).append(f"{new.id}/{step.id} ({step.actor})")
        gone.extend((workflow, step) for workflow in workflows.removed
                    for step in workflow.steps if step.is_human)
        for workflow, step in gone:
            made_by = [producer for artifact in step.outputs
                       for producer in producers.get(artifact, [])]
            same_type = machine_steps_added.get(workflow.id, {}).get(step.type)
            if step.outputs and all(artifact in producers for artifact in step.outputs) \
                    and not any(producer.is_human for _, producer in made_by):
                where = ", ".join(sorted({f"{w}/{s.id} ({s.actor})" for w, s in made_by}))
                fates[(workflow.id, step.id)] = _StepFate(
                    True, f"{', '.join(step.outputs)} now produced by {where}")
            elif same_type:
                fates[(workflow.id, step.id)] = _StepFate(
                    True, f"{step.type} now done by {', '.join(sorted(same_type))}")
        changed = True
        while changed:
            changed = False
            for workflow, step in gone:
                if (workflow.id, step.id) in fates or not step.outputs:
                    continue
                readers = [other for other in workflow.steps if other.id != step.id
                           and set(other.inputs) & set(step.outputs)]
                if readers and all((workflow.id, r.id) in fates for r in readers):
                    names = ", ".join(sorted(r.id for r in readers))
                    fates[(workflow.id, step.id)] = _StepFate(
                        True, f"absorbed into {names}, now automated")
                    changed = True
        return fates

    def removed_step(self, workflow_id: str, old_workflow: "Workflow", step: "Step",
                     capacity: WorkflowCapacity, fates: dict[tuple[str, str], _StepFate]) -> None:
        minutes = _step_minutes(capacity, step.id)
        thing_id = f"{workflow_id}/{step.id}"
        words = f"step {thing_id} ({step.type}, {step.actor}"
        words += f", {figure(minutes)} human minutes a week)" if step.is_human else ")"
        fate = fates.get((old_workflow.id, step.id))
        if fate is not None and fate.automated:
            self.facts.automated += 1
            self.add("workflows", "-", "step", thing_id, f"{words}: automated; {fate.detail}",
                     aspect="automated", field_name="actor", old=step.actor)
        else:
            self.add("workflows", "-", "step", thing_id, f"{words}: removed")

    def added_step(self, workflow_id: str, step: "Step", capacity: WorkflowCapacity) -> None:
        thing_id = f"{workflow_id}/{step.id}"
        words = f"step {thing_id} ({step.type}, {step.actor}"
        if step.is_human:
            words += f", {figure(_step_minutes(capacity, step.id))} human minutes a week"
        if step.external:
            words += ", external"
        self.add("workflows", "+", "step", thing_id, f"{words}){_titled(step.title, ': ')}")

    def compare_step(self, old_workflow: "Workflow", new_workflow: "Workflow", was: "Step",
                     now: "Step", before: WorkflowCapacity, after: WorkflowCapacity) -> None:
        thing_id = f"{new_workflow.id}/{now.id}"
        label = f"step {thing_id}"
        step_ids = self.step_ids.get(old_workflow.id, {})

        def step_id(old_id: str) -> str:
            return step_ids.get(old_id, old_id)

        if was.id != now.id:
            if was.outputs and set(was.outputs) == set(now.outputs):
                why = "same type, actor and outputs"
            elif not was.outputs and was.inputs and set(was.inputs) == set(now.inputs):
                why = "same type, actor and inputs"
            else:
                why = "same type and title"
            self.renamed("workflows", "step", thing_id, f"{new_workflow.id}/{was.id}", why)
        self.fields("workflows", "step", thing_id, label, was, now, ["title", "type"])
        actor_before = self.role_id(was.actor)
        if actor_before != now.actor:
            if was.is_human and not now.is_human:
                self.facts.automated += 1
                self.add("workflows", "~", "step", thing_id,
                         f"{label}: actor {actor_before} -> {now.actor} (automated)",
                         aspect="automated", field_name="actor", old=actor_before, new=now.actor)
            else:
                note = " (now done by a person)" if now.is_human and not was.is_human else ""
                self.add("workflows", "~", "step", thing_id,
                         f"{label}: actor {actor_before} -> {now.actor}{note}",
                         aspect="actor", field_name="actor", old=actor_before, new=now.actor)
        trigger_before, trigger_after = was.effective_trigger, now.effective_trigger
        implied = was.trigger is None and now.trigger is None
        if trigger_before != trigger_after and not implied:
            self.facts.triggers[(trigger_before, trigger_after)] = \
                self.facts.triggers.get((trigger_before, trigger_after), 0) + 1
            self.add("workflows", "~", "step", thing_id,
                     f"{label}: trigger {trigger_before} -> {trigger_after}",
                     aspect="trigger", field_name="trigger", old=trigger_before, new=trigger_after)
        self.fields(
            "workflows", "step", thing_id, label, was, now,
            ["after", "inputs", "outputs", "minutes_per_item", "minutes_per_batch",
             "percent_of_items", "external", "on_low_confidence", "on_reject", "escalate_to"],
            translate={
                "after": lambda ids: [step_id(i) for i in ids],
                "on_low_confidence": step_id,
                "on_reject": step_id,
                "escalate_to": self.role_id,
            },
        )
        self.fields("workflows", "step", thing_id, label, was, now, ["instructions"],
                    prose=["instructions"])
        minutes_before = _step_minutes(before, was.id)
        minutes_after = _step_minutes(after, now.id)
        if figure(minutes_before) != figure(minutes_after):
            self.add("workflows", "~", "step", thing_id,
                     f"{label}: human minutes a week {figure(minutes_before)} -> "
                     f"{figure(minutes_after)}{percent_change(minutes_before, minutes_after)}",
                     aspect="human-minutes", field_name="human_minutes_per_week",
                     old=minutes_before, new=minutes_after)

    # ------------------------------------------------------------------
    # Quality gates

    def compare_gates(self) -> tuple[GateFigures, ...]:
        old_gates, new_gates = _gates(self.old), _gates(self.new)

        def old_gate_id(gate: "QualityGate") -> str:
            return gate.id or f"{self.workflow_id(gate.workflow)}-gate"

        def old_governs(gate: "QualityGate"):
            workflow = self.old.workflow(gate.workflow)
            step = governed_step(workflow, gate) if workflow else gate.step
            steps = self.step_ids.get(gate.workflow, {})
            return (self.workflow_id(gate.workflow), steps.get(step, step))

        def new_governs(gate: "QualityGate"):
            workflow = self.new.workflow(gate.workflow)
            return (gate.workflow, governed_step(workflow, gate) if workflow else gate.step)

        pairing = pair_things(old_gates, new_gates, old_gate_id, lambda g: g.gate_id,
                              [(old_governs, new_governs)])
        foundation = self.new_readiness.prerequisite("foundation") if self.new_readiness else None
        evidence_missing = foundation is not None and foundation.met is not True
        why_not = ""
        if foundation is not None and evidence_missing:
            why_not = ("; ".join(foundation.problems) if foundation.problems
                       else "no foundation evidence is recorded")
        figures: list[GateFigures] = []
        new_workflows = {w.id for w in _workflows(self.new)}
        gated_after = {g.workflow for g in new_gates}
        for gate in pairing.removed:
            gate_id = old_gate_id(gate)
            minutes = self.old_capacity.workflows.get(gate.workflow)
            workflow_now = self.workflow_id(gate.workflow)
            risk = None
            if workflow_now in new_workflows and workflow_now not in gated_after:
                risk = (f"the quality gate of workflow {workflow_now} is removed and the workflow "
                        "remains; the gate never disappears")
            self.add("quality-gates", "-", "gate", gate_id,
                     f"gate {gate_id} on workflow {gate.workflow}: removed ({gate.mode}"
                     f"{_review_words(minutes)})", risk=risk)
            figures.append(GateFigures(gate_id, gate.workflow, gate.mode, None,
                                       *_review_pair(minutes, None)))
        for was, now in pairing.pairs:
            figures.append(self.compare_gate(was, now, old_gate_id(was), evidence_missing, why_not))
        for gate in pairing.added:
            minutes = self.new_capacity.workflows.get(gate.workflow)
            risk = None
            if gate.mode != "individual" and evidence_missing:
                risk = f"{gate.mode} review without the readiness evidence: {why_not}"
            self.add("quality-gates", "+", "gate", gate.gate_id,
                     f"gate {gate.gate_id} on workflow {gate.workflow}: added ({gate.mode}"
                     f"{_gate_time(gate)}{_review_words(minutes)})", risk=risk)
            figures.append(GateFigures(gate.gate_id, gate.workflow, None, gate.mode,
                                       *_review_pair(None, minutes)))
        return tuple(sorted(figures, key=lambda f: f.id))

    def compare_gate(self, was: "QualityGate", now: "QualityGate", was_id: str,
                     evidence_missing: bool, why_not: str) -> GateFigures:
        gate_id = now.gate_id
        label = f"gate {gate_id}"
        if was_id != gate_id:
            self.renamed("quality-gates", "gate", gate_id, was_id, "same workflow and step")
        steps = self.step_ids.get(was.workflow, {})
        self.fields("quality-gates", "gate", gate_id, label, was, now, ["workflow", "step"],
                    translate={"workflow": self.workflow_id,
                               "step": lambda s: steps.get(s, s)})
        if was.mode != now.mode:
            risk = None
            if was.mode == "individual" and evidence_missing:
                risk = f"individual -> {now.mode} review without the readiness evidence: {why_not}"
            self.facts.gate_modes[(was.mode, now.mode)] = \
                self.facts.gate_modes.get((was.mode, now.mode), 0) + 1
            self.add("quality-gates", "~", "gate", gate_id, f"{label}: mode {was.mode} -> {now.mode}",
                     aspect="gate-mode", field_name="mode", old=was.mode, new=now.mode, risk=risk)
        self.fields("quality-gates", "gate", gate_id, label, was, now,
                    ["minutes_per_item", "minutes_per_batch", "batch_size", "sample_rate",
                     "full_attention", "owner"], translate={"owner": self.role_id})
        self.fields("quality-gates", "gate", gate_id, label, was, now, ["description"],
                    prose=["description"])
        before = self.old_capacity.workflows.get(was.workflow)
        after = self.new_capacity.workflows.get(now.workflow)
        pair = _review_pair(before, after)
        team_before, team_after, per_before, per_after = pair
        if figure(team_before) != figure(team_after) or figure(per_before) != figure(per_after):
            if per_before is not None and per_after is not None:
                self.facts.review_minutes.append((now.workflow, per_before, per_after))
            self.add("quality-gates", "~", "gate", gate_id,
                     f"{label}: review minutes a week per reviewer {figure(per_before)} -> "
                     f"{figure(per_after)}{percent_change(per_before, per_after)}; for the team "
                     f"{figure(team_before)} -> {figure(team_after)}"
                     f"{percent_change(team_before, team_after)}",
                     aspect="review-minutes", field_name="review_minutes_per_reviewer",
                     old=per_before, new=per_after)
        return GateFigures(gate_id, now.workflow, was.mode, now.mode, *pair,
                           was=was_id if was_id != gate_id else None)

    # ------------------------------------------------------------------
    # Capacity allocation

    def compare_allocations(self) -> None:
        def old_allocation_id(allocation: "Allocation") -> str:
            return allocation.id or f"{self.role_id(allocation.role)}-{allocation.kind}"

        pairing = pair_things(
            _allocations(self.old), _allocations(self.new), old_allocation_id,
            lambda a: a.allocation_id,
            [(lambda a: (self.role_id(a.role), a.kind, plain_words(a.to)),
              lambda a: (a.role, a.kind, plain_words(a.to)))],
        )
        working_days = self.new.calendar.working_days_per_week if self.new else 5
        for allocation in pairing.removed:
            allocation_id = old_allocation_id(allocation)
            self.add("allocations", "-", "allocation", allocation_id,
                     f"allocation {allocation_id}: removed "
                     f"({self.allocation_words(allocation, working_days)})")
        for was, now in pairing.pairs:
            was_id, allocation_id = old_allocation_id(was), now.allocation_id
            label = f"allocation {allocation_id}"
            if was_id != allocation_id:
                self.renamed("allocations", "allocation", allocation_id, was_id,
                             "same role, kind and destination")
            self.fields("allocations", "allocation", allocation_id, label, was, now,
                        ["role", "recovered", "freed_from", "to", "activity", "kind",
                         "measured_by", "decided_on", "recovered_from"],
                        translate={"role": self.role_id, "measured_by": self.metric_id})
        for allocation in pairing.added:
            self.facts.allocations_added += 1
            self.add("allocations", "+", "allocation", allocation.allocation_id,
                     f"allocation {allocation.allocation_id}: "
                     f"{self.allocation_words(allocation, working_days)}",
                     aspect="allocation-added")

    def allocation_words(self, allocation: "Allocation", working_days: float) -> str:
        hours = allocation.recovered.hours_per_week(working_days)
        text = f"{allocation.role}'s {allocation.recovered}"
        if allocation.recovered.per != "week":
            text += f" ({_hours_a_week(hours)} per person)"
        if allocation.freed_from:
            text += f" freed from {allocation.freed_from}"
        text += f" go to '{allocation.to}' ({allocation.kind})"
        if allocation.measured_by:
            text += f", measured by {allocation.measured_by}"
        if allocation.decided_on:
            text += f", decided {allocation.decided_on.isoformat()}"
        return text

    # ------------------------------------------------------------------
    # Metrics

    def compare_metrics(self, metrics: Pairing["Metric"]) -> None:
        old_ids = {metric.id for metric in _metrics(self.old)}
        replaced_by: dict[str, str] = {}
        for metric in _metrics(self.new):
            if metric.replaces:
                replaced_by[metric.replaces] = metric.id
        for metric in metrics.removed:
            successor = replaced_by.get(self.metric_id(metric.id))
            note = f", replaced by {successor}" if successor else ""
            self.add("metrics", "-", "metric", metric.id,
                     f"metric {metric.id} ({metric.title}, {metric.kind}): removed{note}")
        for was, now in metrics.pairs:
            label = f"metric {now.id}"
            if was.id != now.id:
                self.renamed("metrics", "metric", now.id, was.id, "same title")
            self.fields("metrics", "metric", now.id, label, was, now, ["title", "kind", "unit"])
            before_replaces = self.metric_id(was.replaces) if was.replaces else None
            if before_replaces != now.replaces:
                if now.replaces:
                    self.facts.metrics_replaced += 1
                self.add("metrics", "~", "metric", now.id,
                         f"{label}: replaces {show(before_replaces)} -> {show(now.replaces)}",
                         aspect="metric-replaced" if now.replaces else "field",
                         field_name="replaces", old=before_replaces, new=now.replaces)
            if was.status != now.status:
                successor = replaced_by.get(now.id)
                note = f" (replaced by {successor})" if successor and now.status == "retired" else ""
                self.add("metrics", "~", "metric", now.id,
                         f"{label}: status {was.status} -> {now.status}{note}",
                         aspect="metric-retired" if now.status == "retired" else "field",
                         field_name="status", old=was.status, new=now.status)
            self.fields("metrics", "metric", now.id, label, was, now,
                        ["baseline", "target", "role", "why"], translate={"role": self.role_id})
        for metric in metrics.added:
            text = f"metric {metric.id} ({metric.title}, {metric.kind}): added"
            aspect: Aspect = "added"
            if metric.replaces:
                replaced = next((m for m in _metrics(self.old)
                                 if self.metric_id(m.id) == metric.replaces), None)
                if replaced is not None or metric.replaces in old_ids:
                    aspect = "metric-replaced"
                    self.facts.metrics_replaced += 1
                    title = f" ({replaced.title})" if replaced else ""
                    text += f", replaces {metric.replaces}{title}"
            self.add("metrics", "+", "metric", metric.id, text, aspect=aspect,
                     field_name="replaces" if aspect == "metric-replaced" else None,
                     new=metric.replaces if aspect == "metric-replaced" else None)

    # ------------------------------------------------------------------
    # Readiness

    def compare_readiness(self) -> tuple[PrerequisiteFigures, ...]:
        before = {p.key: p for p in self.old_readiness.prerequisites} if self.old_readiness else {}
        after = {p.key: p for p in self.new_readiness.prerequisites} if self.new_readiness else {}
        figures = []
        for key in dict.fromkeys([*before, *after]):
            was, now = before.get(key), after.get(key)
            shown = now or was
            thing_id = key.replace("_", "-")
            label = f"prerequisite {shown.number}, {shown.title}"
            figures.append(PrerequisiteFigures(
                shown.number, shown.title, was.status if was else None, now.status if now else None,
                was.evidence if was else None, now.evidence if now else None))
            if was is None or now is None:
                continue
            if was.status != now.status:
                risk = None
                if was.met is True and now.met is not True:
                    why = "; ".join(now.problems) if now.problems else "no evidence is recorded"
                    risk = f"{shown.title} no longer met: {why}"
                evidence = f" ({now.evidence})" if now.met is not None else ""
                self.add("readiness", "~", "prerequisite", thing_id,
                         f"{label}: {was.status} -> {now.status}{evidence}",
                         aspect="readiness", field_name="status", old=was.status, new=now.status,
                         risk=risk)
            elif was.evidence != now.evidence:
                self.add("readiness", "~", "prerequisite", thing_id,
                         f"{label}: evidence {was.evidence} -> {now.evidence}",
                         aspect="readiness", field_name="evidence", old=was.evidence,
                         new=now.evidence)
        if self.old_readiness and self.new_readiness:
            met_before = sum(p.met is True for p in self.old_readiness.prerequisites)
            met_after = sum(p.met is True for p in self.new_readiness.prerequisites)
            if met_before != met_after:
                self.facts.readiness = (met_before, met_after,
                                        len(self.new_readiness.prerequisites))
            old_thresholds = (self.old.readiness or _no_readiness()).thresholds
            new_thresholds = (self.new.readiness or _no_readiness()).thresholds
            self.fields("readiness", "prerequisite", "thresholds", "readiness thresholds",
                        old_thresholds, new_thresholds, list(type(new_thresholds).model_fields))
        return tuple(figures)

    # ------------------------------------------------------------------
    # Rollout

    def compare_rollout(self) -> None:
        old_rollout = self.old.rollout if self.old else None
        new_rollout = self.new.rollout if self.new else None
        for name in ("foundation", "adoption", "redesign"):
            was = getattr(old_rollout.phases, name) if old_rollout else None
            now = getattr(new_rollout.phases, name) if new_rollout else None
            if was is None and now is None:
                continue
            if was is None:
                self.add("rollout", "+", "phase", name, f"phase {name}: {_phase_words(now)}")
            elif now is None:
                self.add("rollout", "-", "phase", name, f"phase {name}: removed ({_phase_words(was)})")
            else:
                self.fields("rollout", "phase", name, f"phase {name}", was, now,
                            ["starts", "ends", "note"])
        pairing = pair_things(
            list(old_rollout.transitions) if old_rollout else [],
            list(new_rollout.transitions) if new_rollout else [],
            lambda t: f"{self.role_id(t.role)}/{t.stage}", lambda t: f"{t.role}/{t.stage}")
        for transition in pairing.removed:
            thing_id = f"{self.role_id(transition.role)}/{transition.stage}"
            self.add("rollout", "-", "transition", thing_id,
                     f"transition {thing_id}: removed (was {transition.date.isoformat()})")
        for was, now in pairing.pairs:
            thing_id = f"{now.role}/{now.stage}"
            self.fields("rollout", "transition", thing_id, f"transition {thing_id}", was, now,
                        ["date", "note"])
        for transition in pairing.added:
            thing_id = f"{transition.role}/{transition.stage}"
            self.add("rollout", "+", "transition", thing_id,
                     f"transition {thing_id}: {transition.date.isoformat()}")


# --------------------------------------------------------------------------
# Small look-ups

_PREREQUISITE_RANK = {"foundation": 1, "adoption": 2, "improvement-loop": 3, "production-data": 4,
                      "thresholds": 5}
_PHASE_RANK = {"foundation": 1, "adoption": 2, "redesign": 3}


def _rank(subject: str, thing_id: str) -> int:
    if subject in ("operation", "team"):
        return -1
    if subject == "prerequisite":
        return _PREREQUISITE_RANK.get(thing_id, 9)
    if subject == "phase":
        return _PHASE_RANK.get(thing_id, 9)
    if subject == "transition":
        stage = thing_id.rsplit("/", 1)[-1]
        return 10 + (TRANSITION_ORDER.index(stage) if stage in TRANSITION_ORDER else 9)
    return 0



def _id(thing: Any) -> str:
    return thing.id


def _roles(operation: "Operation | None") -> list:
    return list(operation.team.roles) if operation else []


def _workflows(operation: "Operation | None") -> list:
    return list(operation.workflows) if operation else []


def _gates(operation: "Operation | None") -> list:
    return list(operation.quality_gates) if operation else []


def _allocations(operation: "Operation | None") -> list:
    return list(operation.allocations) if operation else []


def _metrics(operation: "Operation | None") -> list:
    return list(operation.metrics) if operation else []


def _no_readiness():
    from ..model import Readiness

    return Readiness()


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)):
        return list(before) == list(after)
    return before == after


def _titled(title: Optional[str], separator: str = " ") -> str:
    if not title:
        return ""
    return f": {title}" if separator == ": " else f" ({title})"


def _approvals(workflow: "Workflow") -> int:
    return sum(1 for step in workflow.steps if step.type in APPROVAL_STEP_TYPES and step.is_human)


def _step_minutes(capacity: WorkflowCapacity, step_id: str) -> float:
    return capacity.step_minutes(step_id) or 0.0


def _caseload_words(caseload) -> str:
    if caseload is None:
        return "none"
    period = f" per {caseload.per}" if caseload.per else ""
    return f"{format_number(caseload.per_person)} {caseload.unit}{period} per person"


def _gate_time(gate: "QualityGate") -> str:
    parts = []
    if gate.minutes_per_item is not None:
        parts.append(f"{format_number(gate.minutes_per_item)} minutes per item")
    if gate.minutes_per_batch is not None:
        size = f" of {gate.batch_size}" if gate.batch_size else ""
        parts.append(f"{format_number(gate.minutes_per_batch)} minutes per batch{size}")
    if gate.sample_rate is not None:
        parts.append(f"{format_number(gate.sample_rate)}% sampled")
    return ", " + ", ".join(parts) if parts else ""


def _review_pair(before: WorkflowCapacity | None, after: WorkflowCapacity | None):
    return (
        before.review_minutes_per_week if before else None,
        after.review_minutes_per_week if after else None,
        before.review_minutes_per_reviewer if before else None,
        after.review_minutes_per_reviewer if after else None,
    )


def _review_words(capacity: WorkflowCapacity | None) -> str:
    if capacity is None or capacity.review_minutes_per_reviewer is None:
        return ""
    return (f", {figure(capacity.review_minutes_per_reviewer)} review minutes a week per reviewer, "
            f"{figure(capacity.review_minutes_per_week)} for the team")


def _phase_words(phase) -> str:
    ends = f" to {phase.ends.isoformat()}" if phase.ends else " onwards"
    return f"{phase.starts.isoformat()}{ends}"


# --------------------------------------------------------------------------


def side_of(operation: "Operation | None", label: str) -> Side | None:
    """How a report names one state."""
    if operation is None:
        return None
    metadata = operation.metadata
    return Side(label=label, name=metadata.name, state=metadata.state,
                organisation=metadata.organisation, revision=metadata.revision,
                effective=metadata.effective.isoformat() if metadata.effective else None)


def compare_operations(old: "Operation | None", new: "Operation | None",
                       old_label: str = "old", new_label: str = "new") -> SpecDiff:
    """Compare two states of an operation; either may be ``None`` (a spec
    added or deleted), and everything the other has is then added or removed."""
    result = _Comparison(old, new).run()
    return SpecDiff(old=side_of(old, old_label), new=side_of(new, new_label),
                    changes=result.changes, summary=result.summary, roles=result.roles,
                    workflows=result.workflows, gates=result.gates, readiness=result.readiness)
