"""Cron schedules: parse the five fields, and answer the questions rules ask.

Only what specs need: ``minute hour day-of-month month day-of-week`` with
``*``, numbers, ranges (``1-5``), lists (``1,3,5``), steps (``*/15``,
``8-18/2``) and day and month names (``mon-fri``, ``jan``). ``@daily``,
``@weekly`` and ``@hourly`` are accepted too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DAYS = {name: number for number, name in enumerate(
    ["sun", "mon", "tue", "wed", "thu", "fri", "sat"])}
_ALIASES = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
}
_FIELDS = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    ("month", 1, 12, _MONTHS),
    ("day of week", 0, 7, _DAYS),
)


class CronError(ValueError):
    """A schedule that does not parse; the message says which field and why."""


@dataclass(frozen=True)
class Schedule:
    """A parsed cron schedule."""

    text: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days_of_month: frozenset[int]
    months: frozenset[int]
    #: 0 = Sunday ... 6 = Saturday (7 is folded into 0).
    weekdays: frozenset[int]
    day_of_month_restricted: bool
    weekday_restricted: bool
    month_restricted: bool = False

    def runs_per_week(self) -> float:
        """How many times a week the schedule fires, on average over a year.

        Cron fires on a day when its day-of-month or its day-of-week matches
        (either, when both are restricted), in the months it names.
        """
        per_day = len(self.minutes) * len(self.hours)
        month_share = len(self.months) / 12
        if self.weekday_restricted and not self.day_of_month_restricted:
            days = float(len(self.weekdays))
        elif self.day_of_month_restricted and not self.weekday_restricted:
            days = len(self.days_of_month) * 12 / 52
        elif self.day_of_month_restricted and self.weekday_restricted:
            days = float(len(self.weekdays)) + len(self.days_of_month) * 12 / 52
        else:
            days = 7.0
        return per_day * days * month_share

    def first_run_minute(self) -> int:
        """Minute of the day of the first run (e.g. 300 for 05:00)."""
        return min(self.hours) * 60 + min(self.minutes)

    def describe(self) -> str:
        """A plain-words reading, e.g. 'at 05:00, Monday to Friday'."""
        times = sorted(h * 60 + m for h in self.hours for m in self.minutes)
        if len(times) <= 3:
            when = "at " + ", ".join(f"{t // 60:02d}:{t % 60:02d}" for t in times)
        else:
            when = f"{len(times)} times a day from {times[0] // 60:02d}:{times[0] % 60:02d}"
        days = _describe_days(self)
        return f"{when}, {days}" if days else when

    def describe_days(self) -> str:
        """The days it runs, in words: 'Monday to Friday', 'every Friday', 'every day'."""
        return _describe_days(self)


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _describe_days(schedule: Schedule) -> str:
    parts = []
    if schedule.weekday_restricted:
        days = sorted(schedule.weekdays)
        if days == [1, 2, 3, 4, 5]:
            parts.append("Monday to Friday")
        elif len(days) == 1:
            parts.append(f"every {_DAY_NAMES[days[0]]}")
        else:
            parts.append(", ".join(_DAY_NAMES[d] for d in days))
    if schedule.day_of_month_restricted:
        parts.append("on day " + ", ".join(str(d) for d in sorted(schedule.days_of_month))
                     + " of the month")
    if not parts:
        parts.append("every day")
    text = " and ".join(parts)
    if schedule.month_restricted:
        names = [_MONTH_NAMES[m - 1] for m in sorted(schedule.months)]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text += f", in {listed}"
    return text


def _parse_value(text: str, low: int, high: int, names: dict[str, int], field: str) -> int:
    lowered = text.lower()
    if lowered in names:
        return names[lowered]
    if not text.isdigit():
        raise CronError(f"'{text}' is not a number in the {field} field")
    value = int(text)
    if not low <= value <= high:
        raise CronError(f"{value} is outside {low}-{high} in the {field} field")
    return value


def _parse_field(text: str, low: int, high: int, names: dict[str, int], field: str) -> frozenset[int]:
    values: set[int] = set()
    for part in text.split(","):
        if not part:
            raise CronError(f"empty list item in the {field} field")
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            if not step_text.isdigit() or int(step_text) == 0:
                raise CronError(f"step '{step_text}' in the {field} field must be a positive number")
            step = int(step_text)
        if part == "*":
            start, end = low, high
        elif "-" in part:
            first, last = part.split("-", 1)
            start = _parse_value(first, low, high, names, field)
            end = _parse_value(last, low, high, names, field)
            if end < start:
                raise CronError(f"range {part} runs backwards in the {field} field")
        else:
            start = _parse_value(part, low, high, names, field)
            end = high if step > 1 else start
        values.update(range(start, end + 1, step))
    return frozenset(values)


@lru_cache(maxsize=512)
def parse_cron(text: str) -> Schedule:
    """Parse a cron schedule; raise :class:`CronError` naming the bad field."""
    expression = _ALIASES.get(text.strip().lower(), text)
    fields = expression.split()
    if len(fields) != 5:
        raise CronError(
            f"'{text}' has {len(fields)} field(s); cron needs five: "
            "minute hour day-of-month month day-of-week"
        )
    parsed = [
        _parse_field(value, low, high, names, name)
        for value, (name, low, high, names) in zip(fields, _FIELDS)
    ]
    weekdays = frozenset(day % 7 for day in parsed[4])
    return Schedule(
        text=text,
        minutes=parsed[0],
        hours=parsed[1],
        days_of_month=parsed[2],
        months=parsed[3],
        weekdays=weekdays,
        day_of_month_restricted=fields[2] != "*",
        weekday_restricted=fields[4] != "*",
        month_restricted=parsed[3] != frozenset(range(1, 13)),
    )
