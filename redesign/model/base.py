"""Shared building blocks of the spec models: ids, strict base model, rates."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

#: A kebab-case identifier that other parts of the spec use to refer to a thing.
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="A kebab-case id: lower-case letters, digits and single hyphens."),
]

#: The id of a role, or one of the two non-human actors.
ActorId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
]

Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


def one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


#: A list of ids; a single id may be written without brackets (`after: draft`).
IdList = Annotated[
    list[Id],
    BeforeValidator(one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN, "maxLength": 80},
                {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN, "maxLength": 80}},
            ]
        }
    ),
]

#: A calendar date written YYYY-MM-DD.
Day = Annotated[date, Field(strict=False, json_schema_extra={"format": "date"})]

Percent = Annotated[float, Field(ge=0, le=100)]

Period = Literal["day", "week", "month", "quarter", "year"]

#: Weeks in an average month and quarter, for converting rates.
WEEKS_PER_MONTH = 52 / 12
WEEKS_PER_QUARTER = 13
WEEKS_PER_YEAR = 52

# A lenient number (int or float) that still refuses text and booleans.
Number = Annotated[float, Field(strict=True)]


class SpecModel(BaseModel):
    """Base of every spec model: strict types, unknown keys refused."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        populate_by_name=True,
        validate_default=False,
        regex_engine="python-re",
        allow_inf_nan=False,
    )


def per_week(amount: float, period: str, working_days_per_week: float = 5.0) -> float:
    """Convert ``amount`` per ``period`` to an amount per week."""
    if period == "day":
        return amount * working_days_per_week
    if period == "week":
        return amount
    if period == "month":
        return amount / WEEKS_PER_MONTH
    if period == "quarter":
        return amount / WEEKS_PER_QUARTER
    if period == "year":
        return amount / WEEKS_PER_YEAR
    raise ValueError(f"unknown period {period!r}")


# --------------------------------------------------------------------------
# Rates written as text: "40 notifications per day", "2 hours per day".

_NUMBER = r"(?P<count>\d+(?:\.\d+)?)"
_PERIOD = r"(?:per|a|each|/)\s*(?P<per>day|week|month|quarter|year)"
_RATE_RE = re.compile(rf"^\s*{_NUMBER}\s*(?P<unit>[A-Za-z][A-Za-z -]*?)?\s+{_PERIOD}\s*$")
RATE_TEXT_PATTERN = (
    r"^\s*\d+(\.\d+)?\s*([A-Za-z][A-Za-z -]*?)?\s+(per|a|each|/)\s*"
    r"(day|week|month|quarter|year)\s*$"
)

_HOUR_UNITS = {"hour": 1.0, "hours": 1.0, "h": 1.0, "hr": 1.0, "hrs": 1.0,
               "minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60}
TIME_RATE_TEXT_PATTERN = (
    r"^\s*\d+(\.\d+)?\s*(hours?|h|hrs?|minutes?|mins?)\s+(per|a|each|/)\s*"
    r"(day|week|month|quarter|year)\s*$"
)


class TextOrObject:
    """Mixin: a model that may also be written as one line of text."""

    text_pattern: ClassVar[str]
    text_example: ClassVar[str]

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        object_schema = handler(schema)
        return {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": cls.text_pattern,
                    "description": f"Written as text, e.g. '{cls.text_example}'.",
                },
                object_schema,
            ]
        }


class Rate(TextOrObject, SpecModel):
    """A count per period, written as text ('40 notifications per day') or as a
    mapping ({count: 40, unit: notifications, per: day})."""

    text_pattern: ClassVar[str] = RATE_TEXT_PATTERN
    text_example: ClassVar[str] = "40 notifications per day"

    count: Number = Field(ge=0, description="How many, per period.")
    unit: str = Field(
        default="items",
        max_length=80,
        description="What is counted (notifications, appeals, accounts). Defaults to 'items'.",
    )
    per: Period = Field(description="The period: day (a working day), week, month, quarter or year.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _RATE_RE.match(value)
            if not match:
                raise PydanticCustomError(
                    "rate_text",
                    "expected a rate such as '40 notifications per day', got '{value}'",
                    {"value": value[:80]},
                )
            unit = (match.group("unit") or "items").strip()
            return {"count": float(match.group("count")), "unit": unit, "per": match.group("per")}
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise PydanticCustomError(
                "rate_text",
                "a number alone has no period; write it as '{value} items per day' (or week, month)",
                {"value": value},
            )
        return value

    def per_week(self, working_days_per_week: float = 5.0) -> float:
        return per_week(self.count, self.per, working_days_per_week)

    def __str__(self) -> str:
        """'40 notifications per day'; a count of one takes the singular ('1 report per day')."""
        unit = singular(self.unit) if self.count == 1 else self.unit
        return f"{format_number(self.count)} {unit} per {self.per}"


class TimeRate(TextOrObject, SpecModel):
    """Time per period, written as text ('2 hours per day', '30 minutes per day') or
    as a mapping ({hours: 2, per: day})."""

    text_pattern: ClassVar[str] = TIME_RATE_TEXT_PATTERN
    text_example: ClassVar[str] = "2 hours per day"

    hours: Number = Field(ge=0, description="Hours per period (minutes are converted to hours).")
    per: Period = Field(description="The period: day (a working day), week, month, quarter or year.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _RATE_RE.match(value)
            unit = (match.group("unit") or "").strip().lower() if match else ""
            if not match or unit not in _HOUR_UNITS:
                raise PydanticCustomError(
                    "time_rate_text",
                    "expected time per period such as '2 hours per day' or "
                    "'30 minutes per day', got '{value}'",
                    {"value": value[:80]},
                )
            return {"hours": float(match.group("count")) * _HOUR_UNITS[unit],
                    "per": match.group("per")}
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise PydanticCustomError(
                "time_rate_text",
                "a number alone has no unit or period; write it as '{value} hours per day'",
                {"value": value},
            )
        return value

    def hours_per_week(self, working_days_per_week: float = 5.0) -> float:
        return per_week(self.hours, self.per, working_days_per_week)

    def __str__(self) -> str:
        if self.hours < 1:
            return f"{format_number(self.hours * 60)} minutes per {self.per}"
        unit = "hour" if self.hours == 1 else "hours"
        return f"{format_number(self.hours)} {unit} per {self.per}"


def singular(unit: str) -> str:
    """``'notifications' -> 'notification'``; units that do not end in a plain 's' stay."""
    if unit.endswith("s") and not unit.endswith("ss"):
        return unit[:-1]
    return unit


def counted(count: float, noun: str) -> str:
    """``(3, 'file') -> '3 files'``, ``(1, 'hour') -> '1 hour'``, ``(2.5, 'hour') -> '2.5 hours'``."""
    return f"{format_number(count)} {noun}{'' if count == 1 else 's'}"


def format_number(value: float) -> str:
    """``2.0 -> '2'``, ``2.5 -> '2.5'``, ``0.3333 -> '0.33'``."""
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _clock(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24:
        return f"{value:02d}:00"
    return value


#: A time of day written HH:MM (24-hour clock).
ClockTime = Annotated[
    str,
    BeforeValidator(_clock),
    StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
]


def clock_minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)
