"""The readiness gate: is each of the four prerequisites met by its evidence?

:func:`assess_readiness` compares a spec's recorded evidence with its
thresholds (the seed's figures by default) and says, per prerequisite,
met, not met (and why), or not recorded. Rules, runbooks and diffs share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .diagnostics import JsonPath
from .model.base import counted, format_number
from .model.readiness import CADENCE_DAYS, Readiness, Thresholds

if TYPE_CHECKING:
    from .model import Operation


@dataclass(frozen=True)
class PrerequisiteStatus:
    number: int
    key: str
    title: str
    #: True met, False not met, None no evidence recorded.
    met: bool | None
    threshold: str
    evidence: str
    problems: tuple[str, ...]
    path: JsonPath

    @property
    def status(self) -> str:
        return {True: "met", False: "not met", None: "not recorded"}[self.met]


@dataclass(frozen=True)
class ReadinessAssessment:
    prerequisites: tuple[PrerequisiteStatus, ...]

    @property
    def all_met(self) -> bool:
        return all(p.met is True for p in self.prerequisites)

    def prerequisite(self, key: str) -> PrerequisiteStatus:
        return next(p for p in self.prerequisites if p.key == key)



def _at_least_as_often(actual: str, required: str) -> bool:
    return CADENCE_DAYS[actual] <= CADENCE_DAYS[required]


def assess_readiness(operation: "Operation") -> ReadinessAssessment:
    readiness = operation.readiness or Readiness()
    t: Thresholds = readiness.thresholds
    # Evidence not recorded is placed at the readiness section, or, when the
    # spec has none, at the state that calls for it.
    base: JsonPath = ("readiness",) if operation.readiness else ("metadata", "state")
    statuses = []

    # 1. Foundation at quality
    threshold = (f"at most {format_number(t.max_editing_percent)}% editing before use, across "
                 f"at least {counted(t.min_workflows, 'deployed workflow')}")
    evidence = readiness.foundation
    if evidence is None:
        statuses.append(PrerequisiteStatus(1, "foundation", "Foundation at quality", None, threshold,
                                           "not recorded", (), base))
    else:
        problems = []
        if evidence.editing_percent >= t.not_at_quality_editing_percent:
            problems.append(
                f"editing is {format_number(evidence.editing_percent)}%, at or above "
                f"{format_number(t.not_at_quality_editing_percent)}%: the Foundation is clearly not at quality")
        elif evidence.editing_percent > t.max_editing_percent:
            problems.append(
                f"editing is {format_number(evidence.editing_percent)}%, above "
                f"{format_number(t.max_editing_percent)}%: the Foundation is still calibrating")
        if len(evidence.workflows) < t.min_workflows:
            problems.append(f"{counted(len(evidence.workflows), 'deployed workflow')} measured, "
                            f"fewer than {t.min_workflows}")
        text = (f"{format_number(evidence.editing_percent)}% editing across "
                f"{counted(len(evidence.workflows), 'workflow')}")
        if evidence.measured_on:
            text += f", measured {evidence.measured_on.isoformat()}"
        statuses.append(PrerequisiteStatus(1, "foundation", "Foundation at quality", not problems,
                                           threshold, text, tuple(problems), base + ("foundation",)))

    # 2. Team adoption
    threshold = (f"at least {format_number(t.min_adoption_percent)}% of the trained team "
                 f"running their anchor workflows at least {format_number(t.min_uses_per_week)} "
                 "times a week, unprompted")
    adoption = readiness.adoption
    if adoption is None:
        statuses.append(PrerequisiteStatus(2, "adoption", "Team adoption", None, threshold,
                                           "not recorded", (), base))
    else:
        problems = []
        if adoption.adoption_percent < t.min_adoption_percent:
            problems.append(f"adoption is {format_number(adoption.adoption_percent)}%, below "
                            f"{format_number(t.min_adoption_percent)}%")
        if adoption.uses_per_week < t.min_uses_per_week:
            problems.append(f"{format_number(adoption.uses_per_week)} uses per week, below "
                            f"{format_number(t.min_uses_per_week)}")
        text = (f"{format_number(adoption.adoption_percent)}% adoption at "
                f"{format_number(adoption.uses_per_week)} uses per week")
        if adoption.measured_on:
            text += f", measured {adoption.measured_on.isoformat()}"
        statuses.append(PrerequisiteStatus(2, "adoption", "Team adoption", not problems, threshold,
                                           text, tuple(problems), base + ("adoption",)))

    # 3. Improvement loop
    threshold = (f"the loop runs {t.loop_cadence} or more often; context documents are updated "
                 f"{t.context_updates} or more often; quality improves month over month")
    loop = readiness.improvement_loop
    if loop is None:
        statuses.append(PrerequisiteStatus(3, "improvement_loop", "Improvement loop running", None,
                                           threshold, "not recorded", (), base))
    else:
        problems = []
        if not _at_least_as_often(loop.cadence, t.loop_cadence):
            problems.append(f"the loop runs {loop.cadence}, less often than {t.loop_cadence}")
        if not _at_least_as_often(loop.context_updates, t.context_updates):
            problems.append(f"context documents are updated {loop.context_updates}, "
                            f"less often than {t.context_updates}")
        as_of = loop.measured_on or operation.metadata.effective
        if loop.last_context_update and as_of:
            gap = (as_of - loop.last_context_update).days
            if gap > CADENCE_DAYS[t.context_updates]:
                problems.append(f"context documents were last updated {gap} days before "
                                f"{as_of.isoformat()}")
        if not loop.improving:
            problems.append("output quality is not improving month over month")
        text = f"loop {loop.cadence}, context updated {loop.context_updates}, " + (
            "improving" if loop.improving else "not improving")
        statuses.append(PrerequisiteStatus(3, "improvement_loop", "Improvement loop running",
                                           not problems, threshold, text, tuple(problems),
                                           base + ("improvement_loop",)))

    # 4. Production data
    threshold = f"at least {format_number(t.min_production_months)} months of production data"
    data = readiness.production_data
    if data is None:
        statuses.append(PrerequisiteStatus(4, "production_data", "Production data", None, threshold,
                                           "not recorded", (), base))
    else:
        months = data.months(operation.metadata.effective)
        problems = []
        if months is None:
            problems.append("the data has no end date: give 'until' or metadata.effective")
            text = f"since {data.since.isoformat()}"
        else:
            text = f"{months:.1f} months since {data.since.isoformat()}"
            if months < t.min_production_months:
                problems.append(f"{months:.1f} months of data, fewer than "
                                f"{format_number(t.min_production_months)}")
        statuses.append(PrerequisiteStatus(4, "production_data", "Production data", not problems,
                                           threshold, text, tuple(problems),
                                           base + ("production_data",)))
    return ReadinessAssessment(tuple(statuses))
