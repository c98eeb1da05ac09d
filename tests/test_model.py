"""Model values written as text: rates and time rates, parsed and read back."""

from __future__ import annotations

import pytest

from redesign.model import Rate, TimeRate


@pytest.mark.parametrize("text, count, unit, per, back, weekly", [
    ("40 notifications per day", 40, "notifications", "day", "40 notifications per day", 200),
    ("1 reports per day", 1, "reports", "day", "1 report per day", 5),
    ("25 appeals a week", 25, "appeals", "week", "25 appeals per week", 25),
    ("13 per month", 13, "items", "month", "13 items per month", 3),
    ("2.5 proposals each quarter", 2.5, "proposals", "quarter", "2.5 proposals per quarter", 2.5 / 13),
])
def test_rates(text, count, unit, per, back, weekly):
    rate = Rate.model_validate(text)
    assert (rate.count, rate.unit, rate.per) == (count, unit, per)
    assert str(rate) == back
    assert rate.per_week() == pytest.approx(weekly)


@pytest.mark.parametrize("text, hours, back, weekly", [
    ("2 hours per day", 2, "2 hours per day", 10),
    ("30 minutes per day", 0.5, "30 minutes per day", 2.5),
    ("1 hour a week", 1, "1 hour per week", 1),
])
def test_time_rates(text, hours, back, weekly):
    rate = TimeRate.model_validate(text)
    assert rate.hours == hours
    assert str(rate) == back
    assert rate.hours_per_week() == pytest.approx(weekly)
