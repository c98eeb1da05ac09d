"""Diagrams: what the Mermaid and DOT say, Graphviz accepts the DOT, and the
`graph` command prints them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import EXAMPLES, run, spec
from redesign.diagram import dot, mermaid, workflow_diagram
from redesign.graph import OperationGraph
from redesign.loader import load_file
from redesign.validate import validate_document

HVAC_POST = EXAMPLES / "hvac-distributor" / "post.yaml"
SPECS = sorted(EXAMPLES.glob("*/*.yaml"))


def graph_of(path):
    operation, diagnostics = validate_document(load_file(path))
    assert operation is not None, diagnostics
    return OperationGraph(operation)


def graphviz() -> str:
    """The Graphviz ``dot`` program: .ci/run installs it, so its absence is a failure."""
    path = shutil.which("dot")
    assert path, "Graphviz 'dot' is not installed (apt-get install graphviz; .ci/run does this)"
    return path


def test_hvac_delay_notifications_diagram():
    diagram = workflow_diagram(graph_of(HVAC_POST), "delay-notifications")
    assert [(n.kind, n.lines[0], n.external) for n in diagram.nodes] == [
        ("start", "Starts when Nightly ERP exception export delivers the exception report", False),
        ("ai", "1. Draft a notification for every delayed order", False),
        ("human", "2. Review the batch for patterns", False),
        ("human", "3. Adjust drafts for relationship-specific details", False),
        ("human", "4. Handle the notifications the AI flagged as low-confidence", False),
        ("human", "5. Approve and send the batch", True),
        ("escalation", "Escalate to", False),
    ]
    dashed = [(e.source.split("__")[-1], e.target.split("__")[-1], e.label)
              for e in diagram.edges if e.dashed]
    assert dashed == [
        ("draft_notifications", "handle_exceptions", "low-confidence items"),
        ("review_batch", "draft_notifications", "rejected"),
        ("handle_exceptions", "operations_manager", "cannot resolve"),
    ]
    solid = [(e.source.split("__")[-1], e.target.split("__")[-1]) for e in diagram.edges if not e.dashed]
    assert ("draft_notifications", "handle_exceptions") not in solid


def test_mermaid_marks_people_machines_and_external_steps():
    text = mermaid(graph_of(HVAC_POST), "delay-notifications")
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    assert ('  step__delay_notifications__approve_and_send["5. Approve and send the batch<br/>'
            'Customer service coordinator<br/>leaves the organisation"]') in lines
    assert ("  step__delay_notifications__draft_notifications -.->|low-confidence items| "
            "step__delay_notifications__handle_exceptions") in lines
    assert "  class step__delay_notifications__draft_notifications ai" in lines
    assert "  class step__delay_notifications__approve_and_send external" in lines
    assert lines[-1] == "  class step__delay_notifications__approve_and_send external"


def test_mermaid_of_every_workflow_has_one_subgraph_each_and_the_triggers():
    text = mermaid(graph_of(HVAC_POST))
    lines = text.splitlines()
    assert [line for line in lines if "subgraph" in line] == [
        '  subgraph workflow__erp_exception_export["Nightly ERP exception export"]',
        '  subgraph workflow__delay_notifications["Delay notifications"]',
    ]
    assert lines.count("  end") == 2
    assert ("  step__erp_exception_export__export_exceptions -->|exception report| "
            "start__delay_notifications") in lines


@pytest.mark.parametrize("spec_path", SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_graphviz_accepts_the_dot_of_every_example(spec_path):
    graph = graph_of(spec_path)
    sources = [dot(graph)] + [dot(graph, w.id) for w in graph.operation.workflows]
    for source in sources:
        result = subprocess.run([graphviz(), "-Tsvg"], input=source, capture_output=True,
                                text=True, timeout=60)
        assert (result.returncode, result.stderr) == (0, ""), source
        assert result.stdout.lstrip().startswith("<?xml")


def test_dot_styles():
    text = dot(graph_of(HVAC_POST), "delay-notifications")
    lines = text.splitlines()
    assert lines[:2] == ['digraph "delay-notifications" {',
                         '  graph [label="Delay notifications", labelloc=t, fontname="Helvetica", rankdir=TB];']
    assert ('  "step__delay_notifications__draft_notifications" [label="1. Draft a notification for '
            'every delayed order\\nAI", shape=box, style="rounded,dashed,filled", '
            'fillcolor="#e6f0fb", color="#2f6db5"];') in lines
    assert ('  "step__delay_notifications__review_batch" -> "step__delay_notifications__draft_notifications" '
            '[label="rejected", style=dashed, constraint=false];') in lines
    assert [line for line in lines if "penwidth=3" in line][0].startswith(
        '  "step__delay_notifications__approve_and_send"')


# --------------------------------------------------------------------------
# The command


def test_graph_prints_one_workflow():
    code, out, err = run("graph", str(HVAC_POST), "--workflow", "delay-notifications")
    assert (code, err) == (0, "")
    assert out == mermaid(graph_of(HVAC_POST), "delay-notifications")


def test_graph_without_workflow_prints_them_all_as_dot():
    code, out, err = run("graph", str(HVAC_POST), "--format", "dot")
    assert (code, err) == (0, "")
    assert out.startswith('digraph "hvac-distributor" {\n')
    assert out.count("subgraph") == 2


def test_graph_of_an_unknown_workflow_is_a_usage_error():
    code, out, err = run("graph", str(HVAC_POST), "--workflow", "nope")
    assert (code, out) == (2, "")
    assert err == (f"redesign: {HVAC_POST} has no workflow 'nope'; its workflows: "
                   "erp-exception-export, delay-notifications\n")


def test_graph_of_an_invalid_spec_lists_its_errors(tmp_spec):
    path = tmp_spec(spec("team: {roles: [{id: clerk}]}\n"))
    code, out, err = run("graph", str(path))
    assert (code, out) == (1, "")
    assert "error [RD0" in err and "1 error in 1 file" in err


def test_graph_of_a_missing_file_is_a_usage_error(tmp_path):
    code, out, err = run("graph", str(tmp_path / "missing.yaml"))
    assert (code, out) == (2, "")
    assert "no such file or directory" in err
