"""Workflows as graphs: who triggers what, and what flows where.

:class:`WorkflowGraph` wraps one networkx ``DiGraph`` per workflow: steps are
nodes carrying their actor, trigger and type; edges come from ``after:``
(ordering) and from artifacts (a step reading what another writes).
:class:`OperationGraph` holds them all plus the organisation graph, in which
a workflow points at the workflows its output triggers.

Rules ask these classes questions; they never call networkx themselves.
Every question is answered in time linear in steps + edges (multi-source
breadth-first searches and one topological pass), except the ordering of an
artifact's writers, which uses ancestor bit sets: linear in practice for
workflows of tens to hundreds of steps.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, NewType

import networkx as nx

from .model.workflows import APPROVAL_STEP_TYPES, PRODUCTION_STEP_TYPES, AI

if TYPE_CHECKING:
    from .model import Operation, Step, Workflow

StepId = NewType("StepId", str)
WorkflowId = NewType("WorkflowId", str)

#: Edge kinds.
AFTER = "after"
ARTIFACT = "artifact"


@dataclass(frozen=True)
class MissingInput:
    step: StepId
    artifact: str
    #: Steps that write the artifact, all of them downstream of the reader.
    downstream_writers: tuple[StepId, ...]


@dataclass(frozen=True)
class FlowEdge:
    """One edge of a workflow's flow: ``source`` comes before ``target``."""

    source: StepId
    target: StepId
    #: ``after`` (ordering written in the spec) or ``artifact`` (the target reads what the source writes).
    kind: str
    #: The artifact an ``artifact`` edge carries.
    artifact: str | None = None


@dataclass(frozen=True)
class UnorderedWriters:
    artifact: str
    first: StepId
    second: StepId


class WorkflowGraph:
    """One workflow as a directed graph of its steps."""

    def __init__(self, workflow: "Workflow", index: int, trigger_artifacts: Iterable[str] = ()):
        self.workflow = workflow
        self.id = WorkflowId(workflow.id)
        #: Position of the workflow in the spec, for JSON paths.
        self.index = index
        self._steps: dict[StepId, "Step"] = {}
        self._positions: dict[StepId, int] = {}
        #: Artifacts present when the workflow starts: its trigger's and its inputs.
        self.available: frozenset[str] = frozenset(set(trigger_artifacts) | set(workflow.inputs))
        graph = nx.DiGraph()
        for position, step in enumerate(workflow.steps):
            sid = StepId(step.id)
            self._steps[sid] = step
            self._positions[sid] = position
            graph.add_node(sid, actor=step.actor, trigger=step.effective_trigger, type=step.type)
        for step in workflow.steps:
            for earlier in step.after:
                if earlier in self._steps:
                    graph.add_edge(StepId(earlier), StepId(step.id), kind=AFTER)
        self._graph = graph
        self.missing_inputs: list[MissingInput] = []
        self._add_artifact_edges()
        self._ancestors: dict[StepId, int] | None = None
        #: The graph without shortcut edges, for questions about paths.
        self._flow = self._reduced()

    # ------------------------------------------------------------------
    # Building

    def _bit(self, step: StepId) -> int:
        return 1 << self._positions[step]

    def _ancestor_bits(self) -> dict[StepId, int] | None:
        """Ancestors of every step as a bit set, or None when the graph has a cycle."""
        try:
            order = list(nx.topological_sort(self._graph))
        except nx.NetworkXUnfeasible:
            return None
        ancestors: dict[StepId, int] = {}
        for node in order:
            bits = 0
            for parent in self._graph.predecessors(node):
                bits |= ancestors[parent] | self._bit(parent)
            ancestors[node] = bits
        return ancestors

    def _add_artifact_edges(self) -> None:
        """Add an edge from each writer of an artifact to each reader.

        A reader takes the artifact from writers already ordered before it
        (by ``after:``); when none is, from every writer that is not itself
        downstream of the reader, and that data dependency orders them.
        """
        writers: dict[str, list[StepId]] = {}
        for sid, step in self._steps.items():
            for artifact in step.outputs:
                writers.setdefault(artifact, []).append(sid)
        ancestors = self._ancestor_bits()
        for sid, step in self._steps.items():
            for artifact in step.inputs:
                candidates = [w for w in writers.get(artifact, []) if w != sid]
                if ancestors is None:
                    for writer in candidates:
                        self._graph.add_edge(writer, sid, kind=ARTIFACT, artifact=artifact)
                    continue
                upstream = [w for w in candidates if ancestors[sid] & self._bit(w)]
                if not upstream:
                    upstream = [w for w in candidates if not ancestors[w] & self._bit(sid)]
                for writer in upstream:
                    if not self._graph.has_edge(writer, sid):
                        self._graph.add_edge(writer, sid, kind=ARTIFACT, artifact=artifact)
                if not upstream and artifact not in self.available:
                    self.missing_inputs.append(MissingInput(sid, artifact, tuple(candidates)))

    def _reduced(self) -> nx.DiGraph:
        """The transitive reduction: an edge u -> v is dropped when u already
        leads to v through another predecessor of v. "Draft -> send" is a
        shortcut when draft -> approve -> send exists, so paths that seem to
        skip the approval are not invented by it. A graph with a cycle is
        returned as it is."""
        ancestors = self.ancestors_bits()
        if ancestors is None:
            return self._graph
        flow = nx.DiGraph()
        flow.add_nodes_from(self._graph.nodes(data=True))
        for node in self._graph.nodes:
            parents = list(self._graph.predecessors(node))
            for parent in parents:
                bit = self._bit(parent)
                if any(ancestors[other] & bit for other in parents if other != parent):
                    continue
                flow.add_edge(parent, node, **self._graph.edges[parent, node])
        return flow

    # ------------------------------------------------------------------
    # Steps

    @property
    def steps(self) -> list[StepId]:
        return list(self._steps)

    def step(self, step_id: str) -> "Step":
        return self._steps[StepId(step_id)]

    def has_step(self, step_id: str) -> bool:
        return step_id in self._steps

    def path(self, step_id: str, *keys: str | int) -> tuple:
        """JSON path of a step (or of a key inside it)."""
        return ("workflows", self.index, "steps", self._positions[StepId(step_id)], *keys)

    def order(self) -> list[StepId]:
        """The steps in the order they happen: a topological order, ties broken by
        position in the spec. A graph with a cycle gives the spec's order."""
        try:
            return list(nx.lexicographical_topological_sort(self._graph, key=self._positions.__getitem__))
        except nx.NetworkXUnfeasible:
            return list(self._steps)

    def flow_edges(self) -> list[FlowEdge]:
        """The edges of the flow without shortcuts (see :meth:`_reduced`), ordered
        by the positions of their steps in the spec."""
        edges = [FlowEdge(source, target, data["kind"], data.get("artifact"))
                 for source, target, data in self._flow.edges(data=True)]
        return sorted(edges, key=lambda e: (self._positions[e.source], self._positions[e.target]))

    def flow_predecessors(self, step_id: str) -> list[StepId]:
        """The steps right before this one in the flow, in spec order."""
        return sorted(self._flow.predecessors(StepId(step_id)), key=self._positions.__getitem__)

    def flow_successors(self, step_id: str) -> list[StepId]:
        """The steps right after this one in the flow, in spec order."""
        return sorted(self._flow.successors(StepId(step_id)), key=self._positions.__getitem__)

    def predecessors(self, step_id: str) -> list[StepId]:
        return list(self._graph.predecessors(StepId(step_id)))

    def successors(self, step_id: str) -> list[StepId]:
        return list(self._graph.successors(StepId(step_id)))

    def edge_kind(self, first: str, second: str) -> str:
        return self._graph.edges[first, second]["kind"]

    def is_approval(self, step_id: str) -> bool:
        """A human approve or submit step: the point where a person signs off content."""
        step = self._steps[StepId(step_id)]
        return step.is_human and step.type in APPROVAL_STEP_TYPES

    def produces_ai_content(self, step_id: str) -> bool:
        """An AI step, or an automated step that processes, triages or drafts
        (a plain data export moves data; it produces no content)."""
        step = self._steps[StepId(step_id)]
        return step.actor == AI or (
            not step.is_human and step.type in PRODUCTION_STEP_TYPES and step.type != "data-export"
        )

    def changes_content(self, step_id: str) -> bool:
        """A machine step that produces or alters content (not mere transmission)."""
        step = self._steps[StepId(step_id)]
        return not step.is_human and (
            step.actor == AI or step.type in PRODUCTION_STEP_TYPES or step.type == "edit"
        )

    # ------------------------------------------------------------------
    # Structure

    def find_cycle(self) -> list[StepId] | None:
        """One cycle as a closed path [a, b, ..., a], or None."""
        if self.ancestors_bits() is not None:
            return None  # a topological order exists: no cycle
        try:
            edges = nx.find_cycle(self._graph)
        except nx.NetworkXNoCycle:
            return None
        path = [edges[0][0]] + [edge[1] for edge in edges]
        return path

    def ancestors_bits(self) -> dict[StepId, int] | None:
        if self._ancestors is None:
            self._ancestors = self._ancestor_bits()
        return self._ancestors

    def entry_steps(self) -> list[StepId]:
        """Steps nothing leads to, in spec order."""
        return [sid for sid in self._steps if self._graph.in_degree(sid) == 0]

    def trigger_entries(self) -> list[StepId]:
        """The entry steps the workflow's trigger starts."""
        entries = self.entry_steps()
        if len(entries) <= 1:
            return entries
        trigger = self.workflow.trigger
        chosen = []
        for sid in entries:
            step = self._steps[sid]
            if (
                self.available.intersection(step.inputs)
                or step.type == "data-export"
                or (trigger.human is not None and step.actor == trigger.human)
            ):
                chosen.append(sid)
        return chosen or entries[:1]

    def unreachable_steps(self) -> list[StepId]:
        """Steps the trigger's entry steps never lead to, in spec order."""
        reached = self.reachable_from(self.trigger_entries(), include_sources=True)
        return [sid for sid in self._steps if sid not in reached]

    def unordered_writers(self) -> list[UnorderedWriters]:
        """Pairs of steps that write one artifact with no order between them."""
        ancestors = self.ancestors_bits()
        if ancestors is None:
            return []
        found = []
        writers: dict[str, list[StepId]] = {}
        for sid, step in self._steps.items():
            for artifact in step.outputs:
                writers.setdefault(artifact, []).append(sid)
        for artifact, steps in writers.items():
            if len(steps) < 2:
                continue
            ordered = sorted(steps, key=lambda s: bin(ancestors[s]).count("1"))
            for first, second in zip(ordered, ordered[1:]):
                if not ancestors[second] & self._bit(first):
                    found.append(UnorderedWriters(artifact, first, second))
        return found

    # ------------------------------------------------------------------
    # Searches

    def reachable_from(self, sources: Iterable[str], blocked: Callable[[StepId], bool] | None = None,
                       include_sources: bool = False) -> dict[StepId, StepId | None]:
        """Breadth-first search forward along the reduced graph; returns each
        reached step's parent.

        ``blocked`` steps are reached but not passed through.
        """
        parents: dict[StepId, StepId | None] = {}
        queue: deque[StepId] = deque()
        for source in sources:
            sid = StepId(source)
            if include_sources and sid not in parents:
                parents[sid] = None
            queue.append(sid)
        while queue:
            node = queue.popleft()
            if blocked is not None and node in parents and parents[node] is not None and blocked(node):
                continue
            for child in self._flow.successors(node):
                if child not in parents:
                    parents[child] = node
                    queue.append(child)
        return parents

    def reaching(self, targets: Iterable[str], blocked: Callable[[StepId], bool] | None = None
                 ) -> dict[StepId, StepId | None]:
        """Breadth-first search backward from ``targets`` (included); returns each
        step's next step towards a target. ``blocked`` steps are not passed through."""
        towards: dict[StepId, StepId | None] = {}
        queue: deque[StepId] = deque()
        for target in targets:
            sid = StepId(target)
            if sid not in towards:
                towards[sid] = None
                queue.append(sid)
        while queue:
            node = queue.popleft()
            for parent in self._flow.predecessors(node):
                if parent in towards:
                    continue
                towards[parent] = node
                if blocked is None or not blocked(parent):
                    queue.append(parent)
        return towards

    @staticmethod
    def trace(parents: dict[StepId, StepId | None], end: StepId) -> list[StepId]:
        """Follow parent links back from ``end``; the path in forward order."""
        path = [end]
        seen = {end}
        while parents.get(path[-1]) is not None:
            parent = parents[path[-1]]
            if parent in seen:
                break
            seen.add(parent)
            path.append(parent)
        path.reverse()
        return path

    @staticmethod
    def follow(towards: dict[StepId, StepId | None], start: StepId) -> list[StepId]:
        """Follow next-step links forward from ``start`` to a target."""
        path = [start]
        seen = {start}
        while towards.get(path[-1]) is not None:
            nxt = towards[path[-1]]
            if nxt in seen:
                break
            seen.add(nxt)
            path.append(nxt)
        return path

    def steps_before_people(self) -> list[StepId]:
        """The automated and AI steps that no person's step precedes, in order:
        the work that is done before anyone starts."""
        blocked: set[StepId] = set()
        found: list[StepId] = []
        for node in self.order():
            step = self._steps[node]
            if step.is_human or any(p in blocked for p in self._graph.predecessors(node)):
                blocked.add(node)
                continue
            found.append(node)
        return found

    def machine_ready_minutes(self, duration: Callable[["Step"], float]) -> float | None:
        """Minutes from the workflow's start until its machine steps are done:
        the longest chain of automated and AI steps that no person waits on
        upstream. None when the workflow has a cycle or no machine steps."""
        try:
            order = list(nx.topological_sort(self._graph))
        except nx.NetworkXUnfeasible:
            return None
        finish: dict[StepId, float] = {}
        blocked: set[StepId] = set()
        for node in order:
            step = self._steps[node]
            parents = list(self._graph.predecessors(node))
            if step.is_human or any(p in blocked for p in parents):
                blocked.add(node)
                continue
            start = max((finish[p] for p in parents), default=0.0)
            finish[node] = start + duration(step)
        return max(finish.values()) if finish else None


class OperationGraph:
    """Every workflow's graph, and the organisation graph of triggers between them."""

    def __init__(self, operation: "Operation"):
        self.operation = operation
        outputs: dict[str, set[str]] = {}
        for workflow in operation.workflows:
            outputs[workflow.id] = {a for step in workflow.steps for a in step.outputs}
        self.workflows: dict[WorkflowId, WorkflowGraph] = {}
        triggers = nx.DiGraph()
        for index, workflow in enumerate(operation.workflows):
            trigger = workflow.trigger
            arriving: set[str] = set()
            if trigger.workflow:
                arriving = {trigger.artifact} if trigger.artifact else outputs.get(trigger.workflow, set())
            self.workflows[WorkflowId(workflow.id)] = WorkflowGraph(workflow, index, arriving)
            triggers.add_node(WorkflowId(workflow.id))
        for workflow in operation.workflows:
            if workflow.trigger.workflow:
                triggers.add_edge(WorkflowId(workflow.trigger.workflow), WorkflowId(workflow.id))
        self._triggers = triggers

    def __iter__(self):
        return iter(self.workflows.values())

    def workflow(self, workflow_id: str) -> WorkflowGraph:
        return self.workflows[WorkflowId(workflow_id)]

    def trigger_cycle(self) -> list[WorkflowId] | None:
        """A cycle of workflows triggering each other, as a closed path, or None."""
        try:
            edges = nx.find_cycle(self._triggers)
        except nx.NetworkXNoCycle:
            return None
        return [edges[0][0]] + [edge[1] for edge in edges]

    def upstream_chain(self, workflow_id: str) -> list[WorkflowId]:
        """The workflows whose outputs lead to this one, nearest first (no cycles)."""
        chain: list[WorkflowId] = []
        seen = {WorkflowId(workflow_id)}
        current = self.operation.workflow(workflow_id)
        while current is not None and current.trigger.workflow:
            upstream = WorkflowId(current.trigger.workflow)
            if upstream in seen:
                break
            seen.add(upstream)
            chain.append(upstream)
            current = self.operation.workflow(upstream)
        return chain
