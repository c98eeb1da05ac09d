"""The semantic diff on small pairs: the exact changes, in order, and the summary line."""

from __future__ import annotations

import pytest

from conftest import DIFF_FIXTURES, compared, spec
from redesign.diff.compare import compare_operations, percent_change, role_noun, split_text
from redesign.diff.matching import pair_things, plain_words


def pair(name: str):
    return compared(DIFF_FIXTURES / name / "pre.yaml", DIFF_FIXTURES / name / "post.yaml")


def lines(diff) -> list[tuple[str, str, str]]:
    return [(change.kind, change.id, change.message) for change in diff.changes]


def test_nonprofit_split_60_40_to_30_70():
    diff = pair("development")
    assert lines(diff) == [
        ("~", "development-lead", "role development-lead: screen/room 60/40 -> 30/70"),
        ("~", "development-lead", "role development-lead: screen work 24 -> 12 hours a week per "
                                  "person; 12 hours a week recovered"),
        ("~", "development-lead", "role development-lead: room work 16 -> 28 hours a week per "
                                  "person (+12 h)"),
        ("~", "development-lead/funder-relationships",
         "activity development-lead/funder-relationships: 16 -> 28 hours a week per person "
         "(+75%), 40% -> 70% of the week"),
        ("~", "development-lead/grant-writing",
         "activity development-lead/grant-writing: 24 -> 12 hours a week per person (-50%), "
         "60% -> 30% of the week"),
    ]
    split = diff.changes[0]
    assert (split.category, split.aspect, split.field, split.old, split.new) == (
        "team", "work-split", "split", "60/40", "30/70")
    assert diff.summary == "lead screen/room 60/40 -> 30/70"


def test_manufacturing_one_rep_moved_to_the_outbound_programme():
    diff = pair("customer-service")
    assert lines(diff) == [
        ("~", "team", "team: pattern none -> new-function-activation"),
        ("~", "cs-rep", "role cs-rep: headcount 2 -> 1 FTE (-50%)"),
        ("~", "cs-rep", "role cs-rep: accounts per rep 30 -> 60 (+100%); 2 x 30 -> 1 x 60 = "
                        "60 -> 60 accounts for the role"),
        ("~", "cs-rep", "role cs-rep: edge of capacity 30 -> 65 accounts"),
        ("+", "outbound-rep", "role outbound-rep (Outbound customer rep): added, 1 FTE; 1 FTE "
                              "moved cs-rep -> outbound-rep"),
    ]
    moved = diff.changes[-1]
    assert (moved.aspect, moved.field, moved.old, moved.new) == ("fte-moved", "moved_from", None, "cs-rep")
    caseload = diff.changes[2]
    assert (caseload.aspect, caseload.field, caseload.old, caseload.new) == (
        "caseload", "caseload.per_person", 30, 60)
    assert diff.summary == "1 FTE moved cs-rep -> outbound-rep, accounts per rep 30 -> 60 (+100%)"


def test_healthcare_billing_figures():
    diff = pair("billing")
    assert lines(diff) == [
        ("~", "billing-coordinator", "role billing-coordinator: headcount 3 -> 2 FTE (-33%)"),
        ("~", "billing-coordinator", "role billing-coordinator: appeals per coordinator per week "
                                     "25 -> 35 (+40%); 3 x 25 -> 2 x 35 = 75 -> 70 appeals per "
                                     "week for the role"),
        ("~", "billing-coordinator", "role billing-coordinator: workflow load 62.5 of 120 -> 8.5 of 80 "
                                     "hours a week (52% -> 11%)"),
        ("+", "payer-relations-coordinator", "role payer-relations-coordinator (Payer relations "
                                             "coordinator): added, 1 FTE; 1 FTE moved "
                                             "billing-coordinator -> payer-relations-coordinator"),
        ("~", "denial-appeals", "workflow denial-appeals: trigger human (billing-coordinator) -> "
                                "scheduled ('30 5 * * 1-5')"),
        ("~", "denial-appeals", "workflow denial-appeals: volume 15 appeals per day -> 14 appeals "
                                "per day"),
        ("~", "denial-appeals", "workflow denial-appeals: human minutes a week 3750 -> 510 (-86%)"),
        ("~", "denial-appeals", "workflow denial-appeals: human minutes per appeal 50 -> 7.29 (-85%)"),
        ("~", "denial-appeals/draft", "step denial-appeals/draft: actor billing-coordinator -> ai "
                                      "(automated)"),
        ("~", "denial-appeals/draft", "step denial-appeals/draft: minutes per item 30 -> none"),
        ("~", "denial-appeals/draft", "step denial-appeals/draft: on low confidence none -> exceptions"),
        ("~", "denial-appeals/draft", "step denial-appeals/draft: human minutes a week 2250 -> 0 (-100%)"),
        ("+", "denial-appeals/exceptions", "step denial-appeals/exceptions (exception-handling, "
                                           "billing-coordinator, 70 human minutes a week)"),
        ("~", "denial-appeals/review", "step denial-appeals/review: after draft -> exceptions"),
        ("~", "denial-appeals/review", "step denial-appeals/review: human minutes a week 1125 -> 90 (-92%)"),
        ("~", "denial-appeals/submit", "step denial-appeals/submit: human minutes a week 375 -> 350 (-7%)"),
        ("~", "denial-appeals-gate", "gate denial-appeals-gate: mode individual -> batch"),
        ("~", "denial-appeals-gate", "gate denial-appeals-gate: minutes per item 15 -> none"),
        ("~", "denial-appeals-gate", "gate denial-appeals-gate: minutes per batch none -> 45"),
        ("~", "denial-appeals-gate", "gate denial-appeals-gate: batch size none -> 35"),
        ("~", "denial-appeals-gate", "gate denial-appeals-gate: review minutes a week per reviewer "
                                     "375 -> 45 (-88%); for the team 1125 -> 90 (-92%)"),
        ("+", "payer-relations-coordinator-new-function",
         "allocation payer-relations-coordinator-new-function: payer-relations-coordinator's 8 "
         "hours per day (40 hours a week per person) go to 'Payer relationship management' "
         "(new-function)"),
        ("~", "letters-submitted", "metric letters-submitted: status active -> retired (replaced "
                                   "by recovery-rate)"),
        ("+", "recovery-rate", "metric recovery-rate (Appeal recovery rate per coordinator, "
                               "room-outcome): added, replaces letters-submitted (Appeal letters "
                               "submitted per coordinator per week)"),
        ("~", "foundation", "prerequisite 1, Foundation at quality: not recorded -> met (12% "
                            "editing across 3 workflows)"),
    ]
    assert [change.category for change in diff.changes] == (
        ["team"] * 4 + ["workflows"] * 12 + ["quality-gates"] * 5 + ["allocations"]
        + ["metrics"] * 2 + ["readiness"])
    review = next(c for c in diff.changes if c.aspect == "review-minutes")
    assert (review.field, review.old, review.new) == ("review_minutes_per_reviewer", 375, 45)
    gate = diff.gates[0]
    assert (gate.mode_before, gate.mode_after, gate.minutes_before, gate.minutes_after,
            gate.per_reviewer_before, gate.per_reviewer_after) == ("individual", "batch", 1125, 90, 375, 45)
    assert diff.risks == []
    assert diff.summary == (
        "1 step automated, 1 trigger human -> scheduled, 1 gate individual -> batch, review "
        "minutes per reviewer 375 -> 45 (-88%), 1 FTE moved billing-coordinator -> "
        "payer-relations-coordinator, appeals per coordinator per week 25 -> 35 (+40%), "
        "1 allocation added, 1 metric replaced, readiness 0/4 -> 1/4 prerequisites met")


def test_renamed_things_are_paired_and_references_follow_them():
    diff = pair("renames")
    assert [(c.subject, c.was, c.id, c.message.split(": ", 1)[1]) for c in diff.changes] == [
        ("role", "coordinator", "cs-coordinator", "renamed from coordinator (same title)"),
        ("activity", "cs-coordinator/calls", "cs-coordinator/customer-calls",
         "renamed from cs-coordinator/calls (same kind and title)"),
        ("workflow", "notices", "delay-notifications", "renamed from notices (same title)"),
        ("step", "delay-notifications/write", "delay-notifications/draft",
         "renamed from delay-notifications/write (same type, actor and outputs)"),
        ("step", "delay-notifications/check", "delay-notifications/review",
         "renamed from delay-notifications/check (same type, actor and inputs)"),
        ("metric", "accounts-managed", "accounts-per-coordinator", "renamed from accounts-managed (same title)"),
    ]
    # The gate's and the allocation's default ids ('<workflow>-gate', '<role>-<kind>') follow
    # their renamed workflow and role: the same gate and allocation, nothing to report.
    assert [(g.id, g.was, g.mode_before, g.mode_after) for g in diff.gates] == [
        ("delay-notifications-gate", None, "individual", "individual")]
    assert diff.summary == "6 changes: 0 added, 0 removed, 6 changed"


def test_each_kind_of_risk_is_flagged():
    diff = pair("risks")
    assert [(c.subject, c.id, c.aspect, c.risk) for c in diff.risks] == [
        ("workflow", "appeals", "approvals",
         "a human approval removed: approve or submit steps done by a person 1 -> 0; AI output "
         "may leave without a person's approval"),
        ("gate", "appeals-gate", "gate-mode",
         "individual -> batch review without the readiness evidence: editing is 30%, at or "
         "above 25%: the Foundation is clearly not at quality"),
        ("gate", "reminders-gate", "removed",
         "the quality gate of workflow reminders is removed and the workflow remains; the gate "
         "never disappears"),
        ("prerequisite", "foundation", "readiness",
         "Foundation at quality no longer met: editing is 30%, at or above 25%: the Foundation "
         "is clearly not at quality"),
    ]
    assert diff.summary == (
        "1 step automated, 1 human approval removed, 1 gate individual -> batch, review minutes "
        "per reviewer 375 -> 45 (-88%), readiness 1/4 -> 0/4 prerequisites met, 4 risks flagged")


def test_batch_review_with_the_evidence_is_not_a_risk():
    diff = pair("billing")
    mode = next(c for c in diff.changes if c.aspect == "gate-mode")
    assert (mode.old, mode.new, mode.risk) == ("individual", "batch", None)


BASE = """\
team:
  roles: [{id: clerk, title: Billing clerk}]
workflows:
  - id: appeals
    owner: clerk
    volume: 20 appeals per week
    trigger: {human: clerk}
    steps:
"""


def test_a_persons_steps_automated_by_artifact_type_and_absorption():
    before = spec(BASE + """\
      - {id: export, type: data-export, actor: clerk, outputs: [report], minutes_per_batch: 10}
      - {id: triage, type: triage, actor: clerk, inputs: [report], outputs: [priorities], minutes_per_item: 2}
      - {id: write, type: draft-generation, actor: clerk, inputs: [priorities], outputs: [letters], minutes_per_item: 20}
      - {id: approve, type: approve, actor: clerk, inputs: [letters], outputs: [approved]}
      - {id: file, type: other, actor: clerk, inputs: [approved], minutes_per_item: 1}
""")
    after = spec(BASE.replace("trigger: {human: clerk}", 'trigger: {schedule: "0 6 * * 1"}') + """\
      - {id: pull, type: data-export, actor: automated, outputs: [report]}
      - {id: stubs, type: draft-generation, actor: ai, inputs: [report], outputs: [stubs]}
      - {id: approve, type: approve, actor: clerk, inputs: [stubs], outputs: [approved]}
""")
    diff = compared(before, after)
    assert [(c.kind, c.id, c.aspect, c.message) for c in diff.changes if c.subject == "step"
            and c.kind == "-"] == [
        ("-", "appeals/export", "automated", "step appeals/export (data-export, clerk, 10 human "
                                             "minutes a week): automated; report now produced by "
                                             "appeals/pull (automated)"),
        ("-", "appeals/file", "removed", "step appeals/file (other, clerk, 20 human minutes a "
                                         "week): removed"),
        ("-", "appeals/triage", "automated", "step appeals/triage (triage, clerk, 40 human "
                                             "minutes a week): automated; absorbed into write, "
                                             "now automated"),
        ("-", "appeals/write", "automated", "step appeals/write (draft-generation, clerk, 400 "
                                            "human minutes a week): automated; draft-generation "
                                            "now done by appeals/stubs (ai)"),
    ]
    assert diff.summary.startswith("3 steps automated, 1 trigger human -> scheduled")


def test_a_step_back_in_human_hands_and_a_step_trigger():
    before = spec(BASE + "      - {id: draft, type: draft-generation, actor: ai, outputs: [letters]}\n"
                  "      - {id: review, type: review, actor: clerk, inputs: [letters]}\n")
    after = spec(BASE + "      - {id: draft, type: draft-generation, actor: clerk, outputs: [letters]}\n"
                 "      - {id: review, type: review, actor: clerk, trigger: scheduled, inputs: [letters]}\n")
    diff = compared(before, after)
    assert [(c.id, c.aspect, c.message) for c in diff.changes] == [
        ("appeals/draft", "actor", "step appeals/draft: actor ai -> clerk (now done by a person)"),
        ("appeals/review", "trigger", "step appeals/review: trigger human -> scheduled"),
    ]
    assert diff.summary == "1 trigger human -> scheduled"


def test_identical_states_have_no_differences():
    text = (DIFF_FIXTURES / "billing" / "post.yaml").read_text()
    diff = compared(text, text)
    assert (diff.changes, diff.summary, diff.has_differences) == ((), "no differences", False)


def test_a_spec_compared_with_nothing_is_all_added_or_all_removed():
    post = DIFF_FIXTURES / "customer-service" / "post.yaml"
    added = compared(None, post)
    assert [(c.kind, c.id) for c in added.changes] == [("+", "cs-rep"), ("+", "outbound-rep")]
    assert added.old is None and added.new.name == "customer-service"
    assert added.summary == "spec added, compared with nothing: 2 things added"
    removed = compared(post, None)
    assert [(c.kind, c.id, c.message) for c in removed.changes] == [
        ("-", "cs-rep", "role cs-rep (Customer service rep): removed, 1 FTE"),
        ("-", "outbound-rep", "role outbound-rep (Outbound customer rep): removed, 1 FTE"),
    ]
    assert removed.summary == "spec removed, compared with nothing: 2 things removed"


def test_changes_are_ordered_by_category_then_id_whatever_the_spec_order():
    pre = (DIFF_FIXTURES / "billing" / "pre.yaml").read_text()
    post = (DIFF_FIXTURES / "billing" / "post.yaml").read_text()
    reordered = post.replace(
        "    - id: billing-coordinator\n      title: Billing coordinator\n      headcount: 2\n"
        "      caseload: {per_person: 35, unit: appeals, per: week}\n", "").replace(
        "      moved_from: billing-coordinator\n",
        "      moved_from: billing-coordinator\n    - id: billing-coordinator\n"
        "      title: Billing coordinator\n      headcount: 2\n"
        "      caseload: {per_person: 35, unit: appeals, per: week}\n")
    assert reordered != post
    assert lines(compared(pre, reordered)) == lines(compared(pre, post))


# --------------------------------------------------------------------------
# Pairing and figures


def test_an_ambiguous_identity_pairs_nothing():
    old = [("a", "Clerk"), ("b", "Clerk"), ("c", "Manager")]
    new = [("x", "Clerk"), ("y", "Clerk"), ("z", "manager ")]
    pairing = pair_things(old, new, lambda t: t[0], lambda t: t[0],
                          [(lambda t: plain_words(t[1]), lambda t: plain_words(t[1]))])
    assert pairing.pairs == [(("c", "Manager"), ("z", "manager "))]
    assert pairing.renamed == {"c": "z"}
    assert [t[0] for t in pairing.removed] == ["a", "b"]
    assert [t[0] for t in pairing.added] == ["x", "y"]


@pytest.mark.parametrize("old, new, text", [
    (45, 65, " (+44%)"), (375, 45, " (-88%)"), (60, 60, " (+0%)"), (0, 5, ""), (None, 5, ""),
    (8, 9, " (+13%)"),  # 12.5 rounds half up
])
def test_percent_change(old, new, text):
    assert percent_change(old, new) == text


@pytest.mark.parametrize("screen, room, text", [
    (64.63, 35.37, "65/35"), (13, 27, "33/67"), (60.0, 40.0, "60/40"), (5, 35, "13/87"), (0, 0, None),
])
def test_split_text_adds_up_to_100(screen, room, text):
    from redesign.capacity import RoleCapacity

    figures = RoleCapacity(role="r", headcount=1, hours_per_week=40, available_hours=40,
                           workflow_hours=0, booked_hours=screen + room,
                           screen_hours=screen, room_hours=room)
    assert split_text(figures) == text


def test_role_noun():
    assert [role_noun(r) for r in ("cs-coordinator", "billing-coordinator", "cs-rep", "clerk")] == [
        "coordinator", "coordinator", "rep", "clerk"]


def test_the_library_compares_as_the_command_does():
    import redesign

    outcome = redesign.diff_specs([str(DIFF_FIXTURES / "development")])
    assert outcome.valid
    (diff,) = outcome.report.diffs
    assert diff.summary == "lead screen/room 60/40 -> 30/70"
    assert redesign.compare_operations is compare_operations
