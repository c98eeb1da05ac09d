"""Every rule's documented examples: the failing one yields exactly the finding
below (id, line, column, message); the passing one does not yield the rule."""

from __future__ import annotations

import pytest

from redesign.catalog import all_rules
from redesign.check import run_rules
from redesign.config import DEFAULT_CONFIG
from redesign.loader import load_text
from redesign.rules import REGISTRY
from redesign.validate import validate_document

EXPECTED = {
    "RD101": [(11, 59, "workflow 'appeals' has a cycle: draft -> review -> draft")],
    "RD102": [(13, 14, "step 'follow-up' of workflow 'appeals' is not reachable from the workflow's trigger (it starts from: export)")],
    "RD103": [(12, 75, "step 'review' reads 'checklist', which is produced only after it (by 'checklist')")],
    "RD104": [(12, 56, "steps 'draft' and 'tidy' of workflow 'appeals' both write 'letters' with no order between them")],
    "RD105": [(9, 25, "workflows trigger each other in a cycle: intake -> follow-up -> intake")],
    "RD201": [(12, 70, "AI output reaches external step 'send' of workflow 'appeals' without a human approval: draft -> send")],
    "RD202": [(13, 14, "step 'polish' of workflow 'appeals' changes content after the last human approval: approve -> polish -> send")],
    "RD203": [(12, 43, "submit step 'submit' of workflow 'appeals' is done by 'automated'; approval and submission are done by a person")],
    "RD204": [(11, 14, "AI step 'draft' of workflow 'appeals' does not route the items it flags as low-confidence")],
    "RD205": [(11, 52, "draft-generation step 'draft' of workflow 'appeals' is done by 'clerk'; in the redesign this screen work is automated or scheduled")],
    "RD206": [(11, 52, "draft-generation step 'draft' of workflow 'appeals' is screen work done by 'clerk'; a candidate for the redesign")],
    "RD207": [(12, 14, "review step 'review' of workflow 'appeals' has no rework path for rejected items")],
    "RD208": [(10, 25, "AI output of workflow 'appeals' is ready at 08:25, after 'clerk' starts the day at 08:00")],
    "RD301": [(7, 9, "workflow 'appeals' has AI output but no quality gate")],
    "RD302": [(17, 45, "quality gate 'appeals-gate' reviews by batch while the Foundation is not at quality (editing is 22%, above 15%: the Foundation is still calibrating)")],
    "RD303": [(14, 31, "quality gate 'appeals-gate' reviews every item individually (375 review minutes a week per reviewer); a candidate for batch review once the Foundation is at quality")],
    "RD304": [(13, 16, "quality gate 'appeals-gate' has no step to govern: workflow 'appeals' has no review, approve, edit or submit step done by a person")],
    "RD401": [(5, 16, "role 'clerk' has 45 hours a week of workflow steps for 40 available (112%)")],
    "RD402": [(5, 16, "role 'clerk' has 38 hours a week of workflow steps for 40 available (95%), above the 90% ceiling")],
    "RD403": [(8, 30, "role 'coordinator' carries 65 accounts per person, beyond its edge of capacity of 45")],
    "RD404": [(6, 56, "role 'coordinator' recovers 10 hours a week per person but allocates 5; 5 hours will be re-absorbed by low-priority work within 60 days")],
    "RD405": [(11, 17, "allocation 'coordinator-additional-accounts' was decided on 2026-06-01, 28 days after the capacity was recovered (2026-05-04)")],
    "RD406": [(7, 57, "allocation 'coordinator-additional-accounts' (Twenty more accounts) names no metric")],
    "RD407": [(6, 56, "role 'coordinator' recovers 5 hours a week per person but its allocations assign 10")],
    "RD408": [(9, 7, "role 'clerk' is booked for 44 of 40 hours a week (110%)")],
    "RD409": [(8, 30, "role 'coordinator' carries 45 accounts per person, at its edge of capacity: no headroom")],
    "RD501": [(5, 65, "role 'coordinator' is measured first by 'notifications-drafted' (Notifications drafted per coordinator per day), a screen-work volume")],
    "RD502": [(5, 91, "metric 'appeal-recovery-rate' replaces 'letters-submitted', but no metric has that id")],
    "RD503": [(5, 65, "role 'coordinator' is measured first by screen-work volume: Notifications drafted per coordinator per day")],
    "RD601": [(5, 3, "prerequisite 1 (Foundation at quality) is not met: editing is 18%, above 15%: the Foundation is still calibrating")],
    "RD602": [(7, 24, "the adoption phase starts 2026-02-01, not after the foundation phase ends (2026-02-15)")],
    "RD603": [(8, 57, "role 'coordinator': formal-redesign (2026-05-04) comes before informal-allocation (2026-05-11)")],
    "RD604": [(8, 24, "the redesign starts 1.8 months after the foundation phase, before month 4 (2026-04-06)")],
}


def rule_findings(text: str, rule_id: str):
    document = load_text(text + "\n", "example.yaml")
    operation, diagnostics = validate_document(document)
    assert operation is not None, [(d.rule, d.line, d.message) for d in diagnostics]
    return [(d.line, d.column, d.message) for d in run_rules(operation, document, DEFAULT_CONFIG)
            if d.rule == rule_id]


def test_every_rule_has_an_expected_finding():
    assert sorted(EXPECTED) == sorted(REGISTRY)
    assert len(REGISTRY) >= 18


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_failing_example_yields_exactly_the_finding(rule_id):
    assert rule_findings(REGISTRY[rule_id].info.bad, rule_id) == EXPECTED[rule_id]


@pytest.mark.parametrize("rule_id", sorted(REGISTRY))
def test_passing_example_does_not_yield_the_rule(rule_id):
    assert rule_findings(REGISTRY[rule_id].info.good, rule_id) == []


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_id_is_documented(rule_id):
    info = all_rules()[rule_id]
    assert rule_id.startswith("RD") and len(rule_id) == 5 and rule_id[2:].isdigit()
    assert info.summary.endswith(".")
    assert len(info.explanation) > 80
    assert info.name == info.name.lower() and " " not in info.name
    for name in info.options:
        assert info.option_docs.get(name), f"{rule_id} option {name} is undocumented"


def test_names_are_unique():
    names = [info.name for info in all_rules().values()]
    assert len(names) == len(set(names))
