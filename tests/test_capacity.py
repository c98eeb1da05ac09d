"""The capacity model: figures the rules, diff and compile share."""

from __future__ import annotations

from conftest import EXAMPLES, spec
from redesign.capacity import AllocatedTime, capacity_of
from redesign.loader import load_file, load_text
from redesign.validate import validate_document


def operation_of(text: str):
    operation, diagnostics = validate_document(load_text(text))
    assert [d.message for d in diagnostics] == []
    return operation


def test_where_allocated_hours_go_per_allocation():
    operation = operation_of(spec("""
        team:
          roles:
            - {id: clerk, title: Billing clerk, headcount: 2, recovered: 3 hours per day,
               caseload: {per_person: 35, unit: appeals, per: week}}
        metrics:
          - {id: recovery-rate, title: Appeal recovery rate, kind: room-outcome}
        allocations:
          - {role: clerk, recovered: 2 hours per day, to: Payer calls, kind: relationship-depth,
             measured_by: recovery-rate}
          - {id: escalations, role: clerk, recovered: 30 minutes per day, to: Escalation tracking,
             kind: new-function}
    """))
    clerk = capacity_of(operation).roles["clerk"]
    assert clerk.allocations == (
        AllocatedTime("clerk-relationship-depth", 10.0, "Payer calls", "relationship-depth",
                      None, "recovery-rate"),
        AllocatedTime("escalations", 2.5, "Escalation tracking", "new-function", None, None),
    )
    assert (clerk.allocated_hours, clerk.recovered_hours) == (12.5, 15.0)
    assert (clerk.caseload_per_person, clerk.caseload_unit, clerk.caseload_per) == (35, "appeals", "week")
    assert clerk.team_caseload == 70


def test_hvac_figures():
    post, _ = validate_document(load_file(EXAMPLES / "hvac-distributor" / "post.yaml"))
    figures = capacity_of(post)
    coordinator = figures.roles["cs-coordinator"]
    assert (round(coordinator.booked_hours, 2), round(coordinator.screen_hours, 2),
            coordinator.room_hours) == (35.58, 11.58, 24.0)
    assert coordinator.team_caseload == 65
    assert coordinator.caseload_per is None
    assert [(a.allocation, a.hours_per_week, a.activity) for a in coordinator.allocations] == [
        ("cs-coordinator-additional-accounts", 10.0, "additional-accounts")]
    notifications = figures.workflows["delay-notifications"]
    assert (notifications.human_minutes_per_week, notifications.review_minutes_per_reviewer) == (275, 100)
