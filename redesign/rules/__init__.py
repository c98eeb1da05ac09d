"""The rule catalog: every check rule, registered explicitly by id.

Families: 1xx structure, 2xx human and automated ordering, 3xx quality
gates, 4xx capacity and allocation, 5xx metrics, 6xx readiness and rollout.
To add a rule, write it in its family's module and list it in that
module's ``RULES``; ids are stable forever once released.
"""

from __future__ import annotations

from . import capacity, gates, metrics, ordering, rollout, structure
from .base import Finding, Rule, RuleContext

REGISTRY: dict[str, Rule] = {
    rule.id: rule
    for module in (structure, ordering, gates, capacity, metrics, rollout)
    for rule in module.RULES
}

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext"]
