"""What a rule is: documentation, options, and a generator of findings.

A rule never formats output and never picks its own severity: it yields
:class:`Finding` values (where, what, a hint) and the engine stamps the
rule id and the configured severity onto each, as a :class:`Diagnostic`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..catalog import RuleInfo
from ..diagnostics import JsonPath, Severity

if TYPE_CHECKING:
    from ..capacity import CapacityModel
    from ..graph import OperationGraph
    from ..model import Operation
    from ..readiness import ReadinessAssessment


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: the JSON path of the node, a message, a hint."""

    path: JsonPath
    message: str
    hint: str = ""
    #: Place the finding on the key rather than its value.
    at_key: bool = False


class RuleContext:
    """Everything a rule may ask about one spec; computed once, on first use."""

    def __init__(self, operation: "Operation"):
        self.operation = operation

    @property
    def is_post(self) -> bool:
        return self.operation.is_post

    @cached_property
    def graph(self) -> "OperationGraph":
        from ..graph import OperationGraph

        return OperationGraph(self.operation)

    @cached_property
    def capacity(self) -> "CapacityModel":
        from ..capacity import capacity_of

        return capacity_of(self.operation)

    @cached_property
    def readiness(self) -> "ReadinessAssessment":
        from ..readiness import assess_readiness

        return assess_readiness(self.operation)

    def role_path(self, role_id: str, *keys: str | int) -> JsonPath:
        index = self.operation.role_position(role_id)
        return ("team", "roles", index, *keys) if index is not None else ("team",)

    def workflow_path(self, workflow_id: str, *keys: str | int) -> JsonPath:
        index = self.operation.workflow_position(workflow_id)
        return ("workflows", index, *keys) if index is not None else ("workflows",)


Check = Callable[[RuleContext, dict[str, Any]], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A documented check with a stable id."""

    info: RuleInfo
    check: Check

    @property
    def id(self) -> str:
        return self.info.id


def rule(id: str, name: str, severity: Severity, summary: str, explanation: str, *,
         bad: str, good: str, options: dict[str, Any] | None = None,
         option_docs: dict[str, str] | None = None) -> Callable[[Check], Rule]:
    """Declare a rule around its check function."""

    def wrap(check: Check) -> Rule:
        info = RuleInfo(
            id=id, name=name, summary=summary, explanation=explanation.strip(),
            severity=severity, bad=bad.strip("\n"), good=good.strip("\n"),
            options=dict(options or {}), option_docs=dict(option_docs or {}),
        )
        return Rule(info=info, check=check)

    return wrap


def path_text(steps: Iterable[str]) -> str:
    """``['draft', 'send'] -> 'draft -> send'``."""
    return " -> ".join(steps)


__all__ = ["Finding", "Rule", "RuleContext", "rule", "path_text"]
