"""Every example compiles in both formats, and what comes out parses for real:
Markdown with a CommonMark parser (its Mermaid fences intact), HTML with a
strict HTML5 parser, with no external resource anywhere."""

from __future__ import annotations

import html5lib
import pytest
from markdown_it import MarkdownIt

from redesign.diagram import mermaid
from redesign.graph import OperationGraph
from redesign.runbooks import compile_runbooks

from . import HVAC_POST, HVAC_PRE, example_specs, operation_of

EXAMPLES = example_specs()
ALLOCATION = (
    "When the customer service coordinator has 2 hours per day freed from notification "
    "drafting, those hours will be used for own 20 more accounts at the same service level, "
    "measured by accounts managed per coordinator."
)


def markdown_tokens(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def markdown_text(text: str) -> str:
    """The text a reader sees: every inline's text, escapes resolved."""
    out = []
    for token in markdown_tokens(text):
        if token.type == "inline":
            out.append("".join(child.content for child in token.children
                               if child.type in ("text", "code_inline", "softbreak")))
    return "\n".join(out)


def parse_html(text: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def html_text(document) -> str:
    return " ".join(" ".join(document.itertext()).split())


def test_the_example_list_is_not_empty():
    assert HVAC_POST in EXAMPLES and HVAC_PRE in EXAMPLES


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_compiles_to_markdown_that_parses(spec):
    operation = operation_of(spec)
    pages = compile_runbooks(operation, "markdown")
    expected = ["index.md", *(f"workflows/{w.id}.md" for w in operation.workflows),
                *(f"roles/{r.id}.md" for r in operation.team.roles)]
    assert list(pages) == expected
    graph = OperationGraph(operation)
    for path, text in pages.items():
        tokens = markdown_tokens(text)
        assert tokens[0].type == "heading_open" or tokens[0].type == "paragraph_open", path
        assert not [t for t in tokens if t.type in ("html_block", "html_inline")], path
        fences = [t for t in tokens if t.type == "fence"]
        if path.startswith("workflows/"):
            workflow_id = path[len("workflows/"):-len(".md")]
            assert [f.info for f in fences] == ["mermaid"], path
            assert fences[0].content == mermaid(graph, workflow_id)
            assert fences[0].content.splitlines()[0] == "flowchart TD"
        else:
            assert fences == [], path
        assert "None" not in markdown_text(text).split(), path


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_compiles_to_html_that_parses_and_is_self_contained(spec):
    operation = operation_of(spec)
    pages = compile_runbooks(operation, "html")
    assert len(pages) == 1 + len(operation.workflows) + len(operation.team.roles)
    for path, text in pages.items():
        document = parse_html(text)
        assert document.find("head/style") is not None, path
        assert document.findall(".//script") == [], path
        assert document.findall(".//link") == [], path
        assert [e for e in document.iter() if "src" in e.attrib] == [], path
        hrefs = [e.get("href") for e in document.iter() if "href" in e.attrib]
        assert all(h.endswith(".html") and ":" not in h for h in hrefs), (path, hrefs)
        assert "@media print" in text
        assert "None" not in html_text(document).split(), path


def test_markdown_workflow_runbook_of_hvac():
    pages = compile_runbooks(operation_of(HVAC_POST), "markdown")
    text = pages["workflows/delay-notifications.md"]
    fence = [t for t in markdown_tokens(text) if t.type == "fence"][0]
    assert fence.info == "mermaid"
    assert fence.content.splitlines()[:4] == [
        "flowchart TD",
        '  start__delay_notifications(["Starts when Nightly ERP exception export delivers '
        'the exception report"])',
        '  step__delay_notifications__draft_notifications("1. Draft a notification for every '
        'delayed order<br/>AI")',
        '  step__delay_notifications__review_batch["2. Review the batch for patterns<br/>'
        'Customer service coordinator"]',
    ]
    seen = markdown_text(text)
    for line in [
        "Runbook: Delay notifications",
        "Trigger. Starts when Nightly ERP exception export delivers the exception report.",
        "Schedule. Nightly ERP exception export starts at 05:00, Monday to Friday.",
        "Ready. The batch is ready at about 05:30, before the customer service coordinator "
        "starts the day at 08:00.",
        "Volume. 40 notifications per day: 200 a week, in 5 runs.",
        "1. Draft a notification for every delayed order",
        "5. Approve and send the batch",
        "About 10 of the 40 notifications (25%), 2 minutes each: about 20 minutes a day.",
        "Batch review at step 2 (Review the batch for patterns)",
        "Open the whole batch, about 40 notifications, at once.",
        "Give full attention to notifications the AI flagged as low-confidence.",
        "Escalation: what cannot be resolved at step 4 (Handle the notifications the AI flagged "
        "as low-confidence) goes to the operations manager (AI system owner).",
    ]:
        assert line in seen.splitlines(), line


def test_markdown_role_runbook_of_the_hvac_coordinator():
    text = compile_runbooks(operation_of(HVAC_POST), "markdown")["roles/cs-coordinator.md"]
    lines = markdown_text(text).splitlines()
    assert lines[:3] == [
        "All runbooks · Northwind HVAC Parts · Redesigned operation · revision 1 · effective 2026-07-06",
        "Your day: Customer service coordinator",
        "1 person · 40 hours a week · day starts 08:00 · 65 accounts, edge of capacity 70",
    ]
    for line in [
        "Before you start",
        "Starts at 05:00, Monday to Friday, with Nightly ERP exception export. The batch is ready "
        "at about 05:30, before you start the day at 08:00. Each batch holds about 40 notifications.",
        "05:00 Nightly ERP exception export starts → about 05:30 the batch is ready → "
        "08:00 you start the day",
        "Export the exception report from the ERP (Automated, in Nightly ERP exception export)",
        "Draft a notification for every delayed order (AI)",
        "What you review, approve and submit",
        "Monday to Friday. About 55 minutes a day.",
        "Step 2. Review the batch for patterns",
        "This goes out of the organisation: nothing leaves without your approval.",
        "Where your recovered hours go",
        ALLOCATION,
        "Room work: Twenty more accounts, 10 hours a week. Decided on 2026-04-27, before the "
        "time was recovered (from 2026-05-04).",
    ]:
        assert line in lines, line


def test_html_role_runbook_of_the_hvac_coordinator():
    text = compile_runbooks(operation_of(HVAC_POST), "html")["roles/cs-coordinator.html"]
    document = parse_html(text)
    assert document.find("head/title").text == "Your day: Customer service coordinator · Northwind HVAC Parts"
    statements = [" ".join("".join(p.itertext()).split())
                  for p in document.iter("p") if p.get("class") == "statement"]
    assert statements == [ALLOCATION]
    seen = html_text(document)
    assert "The batch is ready at about 05:30, before you start the day at 08:00." in seen
    assert "About 10 of the 40 notifications (25%), 2 minutes each: about 20 minutes a day." in seen


def test_index_has_the_metrics_table_and_readiness():
    lines = markdown_text(compile_runbooks(operation_of(HVAC_POST), "markdown")["index.md"]).splitlines()
    table = lines[lines.index("Old metric"):lines.index("Old metric") + 6]
    assert table == ["Old metric", "New metric", "Why", "Notifications drafted per coordinator per day",
                     "Accounts managed per coordinator",
                     "Screen work is absorbed by AI; the metric should reflect the room-work outcome."]
    assert "All four prerequisites are met: the redesign can go ahead." in lines
    start = lines.index("Foundation at quality")
    assert lines[start:start + 4] == [
        "Foundation at quality",
        "at most 15% editing before use, across at least 3 deployed workflows",
        "11% editing across 3 workflows, measured 2026-04-24",
        "met",
    ]
    assert ALLOCATION in lines


def test_pre_state_role_starts_its_own_work():
    lines = markdown_text(compile_runbooks(operation_of(HVAC_PRE), "markdown")
                          ["roles/cs-coordinator.md"]).splitlines()
    assert "Nothing is prepared for you before you start: you start Delay notifications yourself." in lines
    assert "Your steps in each workflow" in lines
    assert "About 40 notifications, 2.5 minutes each: about 1 hour 40 minutes a day." in lines
    assert "Where your recovered hours go" not in lines


def _rule_examples():
    from redesign.catalog import all_rules
    from redesign.loader import load_text
    from redesign.validate import validate_document

    examples = []
    for rule_id, info in sorted(all_rules().items()):
        for kind in ("good", "bad"):
            text = getattr(info, kind, None)
            operation = validate_document(load_text(text, "x.yaml"))[0] if text else None
            if operation is not None:
                examples.append(pytest.param(operation, id=f"{rule_id}-{kind}"))
    return examples


@pytest.mark.parametrize("operation", _rule_examples())
def test_odd_shapes_compile_and_parse(operation):
    """The rule catalog's examples (cycles, missing gates, people starting AI
    work, monthly schedules) compile in both formats into pages that parse."""
    for path, text in compile_runbooks(operation, "markdown").items():
        tokens = markdown_tokens(text)
        assert not [t for t in tokens if t.type in ("html_block", "html_inline")], path
        assert "None" not in markdown_text(text).split(), path
    for path, text in compile_runbooks(operation, "html").items():
        assert "None" not in html_text(parse_html(text)).split(), path
