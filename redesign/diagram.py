"""Workflow diagrams: Mermaid for Markdown runbooks, DOT for Graphviz.

:func:`workflow_diagram` turns one workflow's graph into a plain
:class:`Diagram` (nodes and edges, in a stable order); :func:`mermaid` and
:func:`dot` write a diagram in one syntax each. In both:

- people's steps are plain boxes; AI steps are rounded, automated steps are
  double-sided boxes, both dashed and blue, so screen work a machine does
  never looks like a person's step;
- a step whose output leaves the organisation has a thick border and says so;
- the routes an item takes when something is off are dashed edges: the
  low-confidence items the AI flags, what a review rejects, and what a
  person escalates to another role.

Node ids are derived from spec ids (kebab-case, so always safe) and every
label is escaped, so spec text cannot break out of the diagram syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .model.workflows import AI, AUTOMATED
from .schedule import CronError, parse_cron

if TYPE_CHECKING:
    from .graph import OperationGraph
    from .model import Operation, Step, Workflow

NodeKind = Literal["human", "ai", "automated", "start", "escalation"]
EdgeKind = Literal["flow", "start", "low-confidence", "reject", "escalation", "trigger"]

#: Labels of the routes drawn dashed.
LOW_CONFIDENCE = "low-confidence items"
REJECTED = "rejected"
CANNOT_RESOLVE = "cannot resolve"
LEAVES = "leaves the organisation"


@dataclass(frozen=True)
class Node:
    id: str
    #: The label, one line per entry, plain text (escaped when written).
    lines: tuple[str, ...]
    kind: NodeKind
    external: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    label: str = ""

    @property
    def dashed(self) -> bool:
        return self.kind in ("low-confidence", "reject", "escalation")


@dataclass(frozen=True)
class Diagram:
    """One workflow drawn: its nodes and edges, in a stable order."""

    workflow: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


# --------------------------------------------------------------------------
# Words shared with the runbooks


def step_title(step: "Step") -> str:
    """A step's title, or its id in words."""
    return step.title or words(step.id).capitalize()


def workflow_title(workflow: "Workflow") -> str:
    return workflow.title or words(workflow.id).capitalize()


def words(identifier: str) -> str:
    """``'exception-report' -> 'exception report'``."""
    return identifier.replace("-", " ")


def actor_title(operation: "Operation", actor: str) -> str:
    """'AI', 'Automated', or the title of the role that does a step."""
    if actor == AI:
        return "AI"
    if actor == AUTOMATED:
        return "Automated"
    role = operation.role(actor)
    return role.title if role else words(actor)


def trigger_phrase(operation: "Operation", workflow: "Workflow") -> str:
    """What starts a workflow, in words: 'Starts at 05:00, Monday to Friday',
    'Starts when Nightly ERP exception export delivers the exception report',
    'Started by the Customer service coordinator'."""
    trigger = workflow.trigger
    if trigger.schedule:
        try:
            return f"Starts {parse_cron(trigger.schedule).describe()}"
        except CronError:
            return f"Starts on the schedule '{trigger.schedule}'"
    if trigger.workflow:
        upstream = operation.workflow(trigger.workflow)
        name = workflow_title(upstream) if upstream else words(trigger.workflow)
        if trigger.artifact:
            return f"Starts when {name} delivers the {words(trigger.artifact)}"
        return f"Starts when {name} finishes"
    return f"Started by the {actor_title(operation, trigger.human or '')}"


# --------------------------------------------------------------------------
# Building a diagram


def _node_id(*parts: str) -> str:
    """A Mermaid-safe id: kinds have distinct prefixes, parts are joined by '__'
    (kebab-case ids never contain '_', so ids cannot collide)."""
    return "__".join(part.replace("-", "_") for part in parts)


def workflow_diagram(graph: "OperationGraph", workflow_id: str) -> Diagram:
    """The diagram of one workflow, its steps numbered in the order they happen."""
    operation = graph.operation
    workflow_graph = graph.workflow(workflow_id)
    workflow = workflow_graph.workflow
    order = workflow_graph.order()
    number = {step_id: index for index, step_id in enumerate(order, start=1)}

    def step_node(step_id: str) -> str:
        return _node_id("step", workflow.id, step_id)

    start = _node_id("start", workflow.id)
    nodes = [Node(start, (trigger_phrase(operation, workflow),), "start")]
    for step_id in order:
        step = workflow_graph.step(step_id)
        kind: NodeKind = "human" if step.is_human else ("ai" if step.actor == AI else "automated")
        lines = [f"{number[step_id]}. {step_title(step)}", actor_title(operation, step.actor)]
        if step.external:
            lines.append(LEAVES)
        nodes.append(Node(step_node(step_id), tuple(lines), kind, external=step.external))

    edges = [Edge(start, step_node(s), "start") for s in workflow_graph.trigger_entries()]
    routed = set()
    for step_id in order:
        step = workflow_graph.step(step_id)
        if step.on_low_confidence and workflow_graph.has_step(step.on_low_confidence):
            routed.add((step_id, step.on_low_confidence))
    for edge in workflow_graph.flow_edges():
        if (edge.source, edge.target) in routed:
            continue
        label = words(edge.artifact) if edge.kind == "artifact" and edge.artifact else ""
        edges.append(Edge(step_node(edge.source), step_node(edge.target), "flow", label))
    escalations: list[str] = []
    for step_id in order:
        step = workflow_graph.step(step_id)
        if (step_id, step.on_low_confidence) in routed:
            edges.append(Edge(step_node(step_id), step_node(step.on_low_confidence),
                              "low-confidence", LOW_CONFIDENCE))
        if step.on_reject and workflow_graph.has_step(step.on_reject):
            edges.append(Edge(step_node(step_id), step_node(step.on_reject), "reject", REJECTED))
        if step.escalate_to:
            target = _node_id("escalate", workflow.id, step.escalate_to)
            if step.escalate_to not in escalations:
                escalations.append(step.escalate_to)
                nodes.append(Node(target, ("Escalate to",
                                           actor_title(operation, step.escalate_to)), "escalation"))
            edges.append(Edge(step_node(step_id), target, "escalation", CANNOT_RESOLVE))
    return Diagram(workflow.id, workflow_title(workflow), tuple(nodes), tuple(edges))


def _trigger_edges(graph: "OperationGraph") -> list[Edge]:
    """Edges from the steps that write a workflow's triggering artifact to the
    start of the workflow it triggers."""
    edges = []
    for workflow in graph.operation.workflows:
        upstream_id = workflow.trigger.workflow
        if not upstream_id or upstream_id not in graph.workflows:
            continue
        upstream = graph.workflow(upstream_id)
        artifact = workflow.trigger.artifact
        if artifact:
            writers = [s for s in upstream.order() if artifact in upstream.step(s).outputs]
        else:
            writers = [s for s in upstream.order() if not upstream.flow_successors(s)]
        for writer in writers:
            edges.append(Edge(_node_id("step", upstream_id, writer), _node_id("start", workflow.id),
                              "trigger", words(artifact) if artifact else ""))
    return edges


# --------------------------------------------------------------------------
# Mermaid

_MERMAID_SHAPES = {
    "human": ('["', '"]'),
    "ai": ('("', '")'),
    "automated": ('[["', '"]]'),
    "start": ('(["', '"])'),
    "escalation": ('>"', '"]'),
}
_MERMAID_CLASSES = (
    "classDef human fill:#fff4de,stroke:#8a5a00,color:#1a1a1a",
    "classDef ai fill:#e6f0fb,stroke:#2f6db5,stroke-dasharray:5 3,color:#1a1a1a",
    "classDef automated fill:#eef1f4,stroke:#5a6b7b,stroke-dasharray:5 3,color:#1a1a1a",
    "classDef start fill:#ffffff,stroke:#1a1a1a,color:#1a1a1a",
    "classDef escalation fill:#fdecea,stroke:#a3271c,color:#1a1a1a",
    "classDef external stroke-width:3px",
)
_MERMAID_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
_MERMAID_SPECIAL = re.compile("[#\"<>&`]")


def mermaid_label(text: str) -> str:
    """Spec text made safe inside a quoted Mermaid label: entity codes for the
    characters Mermaid or HTML would read, whitespace collapsed."""
    text = " ".join(text.split())
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ESCAPES[m.group(0)], text)


def _mermaid_body(diagram: Diagram, indent: str) -> list[str]:
    out = []
    for node in diagram.nodes:
        opening, closing = _MERMAID_SHAPES[node.kind]
        label = "<br/>".join(mermaid_label(line) for line in node.lines)
        out.append(f"{indent}{node.id}{opening}{label}{closing}")
    for edge in diagram.edges:
        out.append(f"{indent}{_mermaid_edge(edge)}")
    return out


def _mermaid_edge(edge: Edge) -> str:
    arrow = "-.->" if edge.dashed else "-->"
    label = f"|{mermaid_label(edge.label)}|" if edge.label else ""
    return f"{edge.source} {arrow}{label} {edge.target}"


def _mermaid_classes(nodes: list[Node], indent: str) -> list[str]:
    out = [indent + line for line in _MERMAID_CLASSES]
    for kind in ("human", "ai", "automated", "start", "escalation"):
        ids = [node.id for node in nodes if node.kind == kind]
        if ids:
            out.append(f"{indent}class {','.join(ids)} {kind}")
    external = [node.id for node in nodes if node.external]
    if external:
        out.append(f"{indent}class {','.join(external)} external")
    return out


def mermaid(graph: "OperationGraph", workflow: str | None = None) -> str:
    """A Mermaid flowchart of one workflow, or of every workflow (one subgraph
    each, with the triggers between them) when ``workflow`` is None and the
    operation has more than one."""
    diagrams = _diagrams(graph, workflow)
    out = ["flowchart TD"]
    if len(diagrams) == 1:
        out.extend(_mermaid_body(diagrams[0], "  "))
        nodes = list(diagrams[0].nodes)
    else:
        nodes = []
        for diagram in diagrams:
            out.append(f'  subgraph {_node_id("workflow", diagram.workflow)}'
                       f'["{mermaid_label(diagram.title)}"]')
            out.extend(_mermaid_body(diagram, "    "))
            out.append("  end")
            nodes.extend(diagram.nodes)
        out.extend(f"  {_mermaid_edge(edge)}" for edge in _trigger_edges(graph))
    out.extend(_mermaid_classes(nodes, "  "))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# DOT (Graphviz)

_DOT_STYLES = {
    "human": 'shape=box, style="filled", fillcolor="#fff4de", color="#8a5a00"',
    "ai": 'shape=box, style="rounded,dashed,filled", fillcolor="#e6f0fb", color="#2f6db5"',
    "automated": 'shape=box, peripheries=2, style="dashed,filled", fillcolor="#eef1f4", color="#5a6b7b"',
    "start": 'shape=oval, style="filled", fillcolor="#ffffff"',
    "escalation": 'shape=cds, style="filled", fillcolor="#fdecea", color="#a3271c"',
}


def dot_string(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, whitespace collapsed."""
    text = " ".join(text.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_label(lines: tuple[str, ...]) -> str:
    return "\\n".join(dot_string(line)[1:-1] for line in lines)


def _dot_body(diagram: Diagram, indent: str) -> list[str]:
    out = []
    for node in diagram.nodes:
        extra = ", penwidth=3" if node.external else ""
        out.append(f'{indent}"{node.id}" [label="{_dot_label(node.lines)}", '
                   f"{_DOT_STYLES[node.kind]}{extra}];")
    for edge in diagram.edges:
        out.append(f"{indent}{_dot_edge(edge)}")
    return out


def _dot_edge(edge: Edge) -> str:
    attributes = []
    if edge.label:
        attributes.append(f"label={dot_string(edge.label)}")
    if edge.dashed:
        attributes.append("style=dashed")
    if edge.kind == "reject":
        attributes.append("constraint=false")
    suffix = f" [{', '.join(attributes)}]" if attributes else ""
    return f'"{edge.source}" -> "{edge.target}"{suffix};'


def dot(graph: "OperationGraph", workflow: str | None = None) -> str:
    """A Graphviz digraph of one workflow, or of every workflow (one cluster
    each, with the triggers between them) when ``workflow`` is None and the
    operation has more than one."""
    diagrams = _diagrams(graph, workflow)
    if len(diagrams) == 1:
        name, title = diagrams[0].workflow, diagrams[0].title
    else:
        name = graph.operation.metadata.name
        title = graph.operation.metadata.organisation or words(name)
    out = [
        f"digraph {dot_string(name)} {{",
        f'  graph [label={dot_string(title)}, labelloc=t, fontname="Helvetica", rankdir=TB];',
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    if len(diagrams) == 1:
        out.extend(_dot_body(diagrams[0], "  "))
    else:
        for diagram in diagrams:
            out.append(f'  subgraph "cluster_{diagram.workflow}" {{')
            out.append(f"    label={dot_string(diagram.title)};")
            out.extend(_dot_body(diagram, "    "))
            out.append("  }")
        out.extend(f"  {_dot_edge(edge)}" for edge in _trigger_edges(graph))
    out.append("}")
    return "\n".join(out) + "\n"


def _diagrams(graph: "OperationGraph", workflow: str | None) -> list[Diagram]:
    if workflow is not None:
        return [workflow_diagram(graph, workflow)]
    return [workflow_diagram(graph, w.id) for w in graph.operation.workflows]
