"""RD5xx metrics: measure the room-work outcomes the redesign produces."""

from __future__ import annotations

from ..diagnostics import Severity
from ..schema_errors import did_you_mean
from .base import Finding, RuleContext, rule

_HEAD = """apiVersion: redesign/v1
kind: Operation
metadata: {name: acme, state: post}
"""


@rule(
    "RD501", "screen-metric-primary", Severity.WARNING,
    "In a post state, a role is still measured first by screen-work volume.",
    """
A redesigned operation measures the outcomes it is designed to produce, not
the screen work the AI absorbed: accounts managed per coordinator instead of
notifications drafted per day, appeal recovery rate instead of letters
submitted. A post-state role whose `primary_metric` is a `screen-volume`
metric, or a retired one, still measures the old operation.
""",
    bad=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator, primary_metric: notifications-drafted}]
metrics:
  - {id: notifications-drafted, title: Notifications drafted per coordinator per day, kind: screen-volume}
""",
    good=_HEAD + """team:
  roles: [{id: coordinator, title: Coordinator, primary_metric: accounts-per-coordinator}]
metrics:
  - {id: notifications-drafted, title: Notifications drafted per coordinator per day, kind: screen-volume, status: retired}
  - id: accounts-per-coordinator
    title: Accounts managed per coordinator
    kind: room-outcome
    replaces: notifications-drafted
""",
)
def screen_metric_primary(ctx: RuleContext, options: dict):
    if not ctx.is_post:
        return
    for index, role in enumerate(ctx.operation.team.roles):
        if role.primary_metric is None:
            continue
        metric = ctx.operation.metric(role.primary_metric)
        if metric is None:
            continue
        if metric.kind == "screen-volume" or metric.status == "retired":
            what = "a retired metric" if metric.status == "retired" else "a screen-work volume"
            yield Finding(
                ("team", "roles", index, "primary_metric"),
                f"role '{role.id}' is measured first by '{metric.id}' ({metric.title}), {what}",
                hint="measure the room-work outcome instead, with a metric that 'replaces:' it",
            )


@rule(
    "RD502", "replaces-unknown-metric", Severity.ERROR,
    "A metric `replaces:` a metric the spec does not define.",
    """
`replaces:` ties a new metric to the old one it takes over from, so runbooks
and diffs can show old -> new and why. Keep the old metric in the spec with
`status: retired`; a `replaces:` that names no metric breaks that link.
""",
    bad=_HEAD + """metrics:
  - {id: appeal-recovery-rate, title: Appeal recovery rate, kind: room-outcome, replaces: letters-submitted}
""",
    good=_HEAD + """metrics:
  - {id: letters-submitted, title: Appeal letters submitted per week, kind: screen-volume, status: retired}
  - {id: appeal-recovery-rate, title: Appeal recovery rate, kind: room-outcome, replaces: letters-submitted}
""",
)
def replaces_unknown_metric(ctx: RuleContext, options: dict):
    known = [m.id for m in ctx.operation.metrics]
    for index, metric in enumerate(ctx.operation.metrics):
        if metric.replaces is None:
            continue
        if metric.replaces == metric.id:
            yield Finding(("metrics", index, "replaces"),
                          f"metric '{metric.id}' replaces itself",
                          hint="name the old metric it takes over from")
        elif metric.replaces not in known:
            guess = did_you_mean(metric.replaces, known)
            yield Finding(
                ("metrics", index, "replaces"),
                f"metric '{metric.id}' replaces '{metric.replaces}', but no metric has that id",
                hint=f"did you mean '{guess}'?" if guess else
                "keep the old metric in the spec with 'status: retired'",
            )


@rule(
    "RD503", "screen-metric-pre", Severity.INFO,
    "In a pre state, a role is measured by screen-work volume.",
    """
Reported on pre states to show what makes them pre: a role measured first
by how much screen work it produces (notifications drafted, letters
submitted, proposals sent). The redesign replaces these with room-work
outcome metrics. Information, not a problem.
""",
    bad=_HEAD.replace("state: post", "state: pre") + """team:
  roles: [{id: coordinator, title: Coordinator, primary_metric: notifications-drafted}]
metrics:
  - {id: notifications-drafted, title: Notifications drafted per coordinator per day, kind: screen-volume}
""",
    good=_HEAD.replace("state: post", "state: pre") + """team:
  roles: [{id: coordinator, title: Coordinator, primary_metric: on-time-rate}]
metrics:
  - {id: on-time-rate, title: Delays notified before the customer asks, kind: room-outcome}
""",
)
def screen_metric_pre(ctx: RuleContext, options: dict):
    if ctx.is_post:
        return
    for index, role in enumerate(ctx.operation.team.roles):
        metric = ctx.operation.metric(role.primary_metric) if role.primary_metric else None
        if metric is not None and metric.kind == "screen-volume":
            yield Finding(
                ("team", "roles", index, "primary_metric"),
                f"role '{role.id}' is measured first by screen-work volume: {metric.title}",
            )


RULES = [screen_metric_primary, replaces_unknown_metric, screen_metric_pre]
