"""RD6xx readiness and rollout: the prerequisites are met, and things happen in order."""

from __future__ import annotations

from datetime import timedelta

from ..diagnostics import Severity
from ..model.base import format_number
from ..model.rollout import TRANSITION_ORDER
from .base import Finding, RuleContext, rule

_HEAD = """apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post, effective: 2026-07-06}
"""
_READY = """readiness:
  foundation: {editing_percent: 12, workflows: [notices, quotes, reminders]}
  adoption: {adoption_percent: 80, uses_per_week: 4}
  improvement_loop: {cadence: weekly, context_updates: monthly, improving: true}
  production_data: {since: 2026-01-19, until: 2026-04-24}
"""


@rule(
    "RD601", "prerequisites-unmet", Severity.ERROR,
    "A post state whose readiness prerequisites are not all met by recorded evidence.",
    """
Redesign is a Phase 3 objective. Before it begins, four prerequisites must
be confirmed with evidence recorded under `readiness`: (1) the Foundation at
quality, 15% or less editing across at least three workflows; (2) 70% or
more of the trained team using their anchor workflows at least three times
a week unprompted; (3) the improvement loop running weekly, context
documents updated at least monthly, quality improving; (4) at least three
months of production data. Each prerequisite not met, or not recorded, is
one finding. Thresholds can be changed under `readiness.thresholds`.
""",
    bad=_HEAD + _READY.replace("editing_percent: 12", "editing_percent: 18"),
    good=_HEAD + _READY,
)
def prerequisites_unmet(ctx: RuleContext, options: dict):
    if not ctx.is_post:
        return
    for status in ctx.readiness.prerequisites:
        if status.met is True:
            continue
        if status.met is None:
            message = (f"prerequisite {status.number} ({status.title}) has no recorded evidence; "
                       f"the redesign needs {status.threshold}")
            hint = f"record the evidence under readiness.{status.key}"
        else:
            message = (f"prerequisite {status.number} ({status.title}) is not met: "
                       + "; ".join(status.problems))
            hint = f"the threshold is {status.threshold}"
        yield Finding(status.path, message, hint=hint, at_key=status.met is not None)


@rule(
    "RD602", "phases-out-of-order", Severity.ERROR,
    "Rollout phases overlap, run backwards, or come in the wrong order.",
    """
Phase 1 (foundation, weeks 1-6) comes before phase 2 (adoption, weeks 7-16),
which comes before the redesign (from month 4). Each phase ends after it
starts, and the next starts after the previous ends.
""",
    bad=_HEAD + """rollout:
  phases:
    foundation: {starts: 2026-01-05, ends: 2026-02-15}
    adoption: {starts: 2026-02-01, ends: 2026-04-26}
    redesign: {starts: 2026-04-27}
""",
    good=_HEAD + """rollout:
  phases:
    foundation: {starts: 2026-01-05, ends: 2026-02-15}
    adoption: {starts: 2026-02-16, ends: 2026-04-26}
    redesign: {starts: 2026-04-27}
""",
)
def phases_out_of_order(ctx: RuleContext, options: dict):
    rollout = ctx.operation.rollout
    if rollout is None:
        return
    named = [(name, getattr(rollout.phases, name)) for name in ("foundation", "adoption", "redesign")]
    present = [(name, phase) for name, phase in named if phase is not None]
    for name, phase in present:
        if phase.ends is not None and phase.ends < phase.starts:
            yield Finding(
                ("rollout", "phases", name, "ends"),
                f"the {name} phase ends ({phase.ends.isoformat()}) before it starts "
                f"({phase.starts.isoformat()})",
                hint="swap the dates, or correct one of them",
            )
    for (first_name, first), (second_name, second) in zip(present, present[1:]):
        boundary = first.ends or first.starts
        if second.starts <= boundary:
            yield Finding(
                ("rollout", "phases", second_name, "starts"),
                f"the {second_name} phase starts {second.starts.isoformat()}, not after the "
                f"{first_name} phase {'ends' if first.ends else 'starts'} ({boundary.isoformat()})",
                hint=f"start {second_name} after {first_name}: the phases run one after another",
            )


@rule(
    "RD603", "transitions-out-of-order", Severity.ERROR,
    "A role's transitions are out of order.",
    """
Role changes happen in a sequence: the informal capacity allocation
decision (month 4), informal role expansion (months 4 to 6), and the formal
role redesign once the pattern is stable (month 6 or 7). For each role the
dates must follow that order, each stage once.
""",
    bad=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator}]
rollout:
  transitions:
    - {role: coordinator, stage: formal-redesign, date: 2026-05-04}
    - {role: coordinator, stage: informal-allocation, date: 2026-05-11}
""",
    good=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator}]
rollout:
  transitions:
    - {role: coordinator, stage: informal-allocation, date: 2026-05-04}
    - {role: coordinator, stage: formal-redesign, date: 2026-07-06}
""",
)
def transitions_out_of_order(ctx: RuleContext, options: dict):
    rollout = ctx.operation.rollout
    if rollout is None:
        return
    by_role: dict[str, list[tuple[int, object]]] = {}
    for index, transition in enumerate(rollout.transitions):
        by_role.setdefault(transition.role, []).append((index, transition))
    for role_id, entries in by_role.items():
        seen: dict[str, int] = {}
        for index, transition in entries:
            if transition.stage in seen:
                yield Finding(
                    ("rollout", "transitions", index, "stage"),
                    f"role '{role_id}' has the '{transition.stage}' stage twice",
                    hint="keep one date per stage",
                )
            seen[transition.stage] = index
        ordered = sorted(entries, key=lambda e: TRANSITION_ORDER.index(e[1].stage))
        for (_, earlier), (index, later) in zip(ordered, ordered[1:]):
            if later.date < earlier.date:
                yield Finding(
                    ("rollout", "transitions", index, "date"),
                    f"role '{role_id}': {later.stage} ({later.date.isoformat()}) comes before "
                    f"{earlier.stage} ({earlier.date.isoformat()})",
                    hint="order: informal-allocation, then informal-expansion, then formal-redesign",
                )


@rule(
    "RD604", "redesign-too-early", Severity.WARNING,
    "The redesign, or a role transition, starts before month four.",
    """
The redesign conversation typically begins at month four of a well-executed
Phase 1+2 (option `min_months`, 3 months after the foundation phase starts).
Role transitions belong to the redesign, so none starts before the redesign
phase does.
""",
    bad=_HEAD + """rollout:
  phases:
    foundation: {starts: 2026-01-05, ends: 2026-02-15}
    adoption: {starts: 2026-02-16, ends: 2026-03-01}
    redesign: {starts: 2026-03-02}
""",
    good=_HEAD + """rollout:
  phases:
    foundation: {starts: 2026-01-05, ends: 2026-02-15}
    adoption: {starts: 2026-02-16, ends: 2026-04-26}
    redesign: {starts: 2026-04-27}
""",
    options={"min_months": 3},
    option_docs={"min_months": "months between the foundation start and the redesign start"},
)
def redesign_too_early(ctx: RuleContext, options: dict):
    rollout = ctx.operation.rollout
    if rollout is None:
        return
    phases = rollout.phases
    min_months = float(options["min_months"])
    if phases.foundation and phases.redesign:
        earliest = phases.foundation.starts + timedelta(days=round(min_months * 365.25 / 12))
        if phases.redesign.starts < earliest:
            months = (phases.redesign.starts - phases.foundation.starts).days / (365.25 / 12)
            yield Finding(
                ("rollout", "phases", "redesign", "starts"),
                f"the redesign starts {months:.1f} months after the foundation phase, before "
                f"month {format_number(min_months + 1)} ({earliest.isoformat()})",
                hint="confirm the four prerequisites first; they take about three months",
            )
    if phases.redesign:
        for index, transition in enumerate(rollout.transitions):
            if transition.date < phases.redesign.starts:
                yield Finding(
                    ("rollout", "transitions", index, "date"),
                    f"role '{transition.role}' starts {transition.stage} on "
                    f"{transition.date.isoformat()}, before the redesign phase "
                    f"({phases.redesign.starts.isoformat()})",
                    hint="role transitions follow the redesign decision",
                )


RULES = [prerequisites_unmet, phases_out_of_order, transitions_out_of_order, redesign_too_early]
