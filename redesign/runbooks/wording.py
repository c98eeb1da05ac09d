"""How numbers, times, titles and the spec's vocabulary read in a runbook.

Small pure functions from a value to words: ``minutes_words(100)`` is
'1 hour 40 minutes', ``in_sentence('Operations manager (AI system owner)')``
is 'operations manager (AI system owner)'. The page builders in
:mod:`redesign.runbooks.context` use them so that every page says a thing
the same way, and no page shows a raw float.
"""

from __future__ import annotations

import math

from ..model.base import counted, format_number, singular
from ..timing import clock

TRIGGER_WORDS = {"automated": "starts automatically", "scheduled": "starts on its schedule",
                 "human": "human-initiated"}
MODE_TITLES = {"individual": "Individual review", "batch": "Batch review", "sampled": "Sampled review"}
KIND_WORDS = {"screen": "Screen work", "room": "Room work"}
METRIC_KIND_WORDS = {"screen-volume": "Screen-work volume", "room-outcome": "Room-work outcome"}
ALLOCATION_KIND_WORDS = {
    "additional-accounts": "More accounts per person",
    "relationship-depth": "Deeper relationships on existing accounts",
    "new-function": "A new function",
}
PATTERN_WORDS = {
    "expanded-account-ownership": (
        "Pattern A, expanded account ownership: the same people carry more accounts, because "
        "AI absorbs the screen work that limited how many each could manage."),
    "room-work-deepening": (
        "Pattern B, room work deepening: the same accounts, with the recovered time going to "
        "calls, account reviews and opportunities."),
    "new-function-activation": (
        "Pattern C, new function activation: the recovered time creates a function the team "
        "had no capacity for before."),
}
CADENCE_WORDS = {
    "daily": "every day", "weekly": "every week", "fortnightly": "every two weeks",
    "monthly": "every month", "quarterly": "every quarter", "irregular": "irregularly",
    "none": "never",
}
STAGE_WORDS = {
    "informal-allocation": "informal capacity allocation: the recovered time is given its use",
    "informal-expansion": "informal role expansion: the new work is practised",
    "formal-redesign": "formal role redesign: new title, accountability and metric",
}


def minutes_words(minutes: float) -> str:
    """``20 -> '20 minutes'``, ``100 -> '1 hour 40 minutes'``, ``0.4 -> 'under a minute'``."""
    whole = int(round(minutes))
    if whole < 1:
        return "under a minute"
    if whole < 60:
        return f"{whole} minute{'' if whole == 1 else 's'}"
    hours, rest = divmod(whole, 60)
    text = f"{hours} hour{'' if hours == 1 else 's'}"
    return text + (f" {rest} minute{'' if rest == 1 else 's'}" if rest else "")


def hours_words(hours: float) -> str:
    """``4.5833 -> '4.6 hours'``, ``1 -> '1 hour'``."""
    rounded = round(hours, 1)
    return counted(rounded, "hour")


def count_words(count: float) -> str:
    """A count of items, rounded sensibly: whole from 1.5 up, one decimal below."""
    return format_number(round(count) if count >= 1.5 else round(count, 1))


def people_words(headcount: float) -> str:
    if headcount == 1:
        return "1 person"
    if headcount == int(headcount):
        return f"{int(headcount)} people"
    return f"{format_number(headcount)} FTE"


def mid_sentence(text: str) -> str:
    """Text as it continues a sentence: its first word lower-cased unless it is
    an acronym or a name with capitals inside ('Own 20 more accounts' -> 'own 20
    more accounts'; 'NPS of key accounts' stays)."""
    first, _, rest = text.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:] == first[1:].lower():
        first = first[0].lower() + first[1:]
    return f"{first} {rest}" if rest else first


def in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: capitalised words lower-cased,
    acronyms kept ('Operations manager (AI system owner)' -> 'operations
    manager (AI system owner)')."""
    out = []
    for word in title.split(" "):
        letters = word.strip("()[],.;:")
        if letters[1:] == letters[1:].lower():
            out.append(word.lower())
        else:
            out.append(word)
    return " ".join(out)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def ready_clock(minute: float) -> str:
    """A ready time rounded up to the next five minutes: 'about 06:05'."""
    return clock(5 * math.ceil(round(minute, 6) / 5))


def metric_change(baseline: float | None, target: float | str | None, unit: str | None) -> str:
    """``(45, 65, 'accounts') -> '45 → 65 accounts'``, ``(72, 95, 'percent') -> '72% → 95%'``,
    ``(None, 80, 'percent') -> 'target 80%'``."""
    percent = "%" if unit and unit.split(" ")[0] in ("percent", "%") else ""
    rest = unit.split(" ", 1)[1] if percent and unit and " " in unit else ("" if percent else unit or "")
    suffix = f" {rest}" if rest else ""

    def number(value: float) -> str:
        return f"{format_number(value)}{percent}"

    if isinstance(target, str):
        return (f"{number(baseline)}{suffix} → {target}" if baseline is not None
                else f"target: {target}")
    if baseline is not None and target is not None:
        return f"{number(baseline)} → {number(target)}{suffix}"
    if target is not None:
        return f"target {number(target)}{suffix}"
    if baseline is not None:
        return f"now {number(baseline)}{suffix}"
    return "not set"


def per_item_minutes(minutes: float) -> str:
    """``2 -> '2 minutes'``, ``1 -> '1 minute'``, ``0.75 -> '0.75 minutes'``, ``180 -> '3 hours'``."""
    if minutes >= 60:
        return minutes_words(minutes)
    return counted(minutes, "minute")


def how_many(count: float, unit: str, per: str) -> str:
    """'about 40 notifications', 'about one proposal', 'about one proposal every 6 weeks'."""
    if count >= 1.5:
        return f"about {count_words(count)} {unit}"
    if count >= 0.95:
        return f"about one {singular(unit)}"
    every = round(1 / count) if count > 0 else 0
    period = {"a day": "days", "a week": "weeks"}.get(per, "runs")
    return f"about one {singular(unit)} every {every} {period}" if every else f"hardly any {unit}"
