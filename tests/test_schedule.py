"""Cron schedules: parsing, how often they fire, and how they read."""

from __future__ import annotations

import pytest

from redesign.schedule import CronError, parse_cron


@pytest.mark.parametrize("expression, runs, words", [
    ("0 5 * * 1-5", 5.0, "at 05:00, Monday to Friday"),
    ("30 6 * * *", 7.0, "at 06:30, every day"),
    ("@daily", 7.0, "at 00:00, every day"),
    ("0 8 * * mon", 1.0, "at 08:00, every Monday"),
    ("*/15 8-17 * * mon-fri", 200.0, "40 times a day from 08:00, Monday to Friday"),
    ("0 5 * 1 1-5", 5 / 12, "at 05:00, Monday to Friday, in January"),
    ("0 6 * 1,4,7,10 1", 4 / 12, "at 06:00, every Monday, in January, April, July and October"),
    ("0 5 1 * *", 12 / 52, "at 05:00, on day 1 of the month"),
    ("0 5 1 1 *", 1 / 52, "at 05:00, on day 1 of the month, in January"),
    ("0 5,17 * * 0,6", 4.0, "at 05:00, 17:00, Sunday, Saturday"),
])
def test_runs_per_week_and_words(expression, runs, words):
    schedule = parse_cron(expression)
    assert schedule.runs_per_week() == pytest.approx(runs)
    assert schedule.describe() == words


@pytest.mark.parametrize("expression, message", [
    ("0 5 * *", "'0 5 * *' has 4 field(s); cron needs five: minute hour day-of-month month day-of-week"),
    ("0 25 * * *", "25 is outside 0-23 in the hour field"),
    ("0 5 * * fri-mon", "range fri-mon runs backwards in the day of week field"),
    ("*/0 5 * * *", "step '0' in the minute field must be a positive number"),
    ("0 5 * * x", "'x' is not a number in the day of week field"),
    ("0 5 1,,2 * *", "empty list item in the day of month field"),
])
def test_errors_name_the_field(expression, message):
    with pytest.raises(CronError) as caught:
        parse_cron(expression)
    assert str(caught.value) == message


def test_first_run_minute():
    assert parse_cron("30 5,7 * * *").first_run_minute() == 330
