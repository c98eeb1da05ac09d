"""Turn pydantic validation errors into positioned diagnostics.

Each error becomes one finding at the node it concerns, with the rule id of
its kind (RD010 unknown key, RD011 wrong type, RD012 missing key, RD013
invalid value, RD014 unsupported version), a message that names the thing,
the expected and the received, and a did-you-mean hint where one helps.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any, Iterable, Sequence

from pydantic import BaseModel

from .diagnostics import Diagnostic, Severity
from .loader import SpecDocument
from .model.base import format_number

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    "literal_error": None,
}

_CONSTRAINT_MESSAGES = {
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be {ge} or more",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be {le} or less",
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters",
    "too_short": "needs at least {min_length} item(s)",
    "too_long": "allows at most {max_length} item(s)",
    "finite_number": "must be a finite number",
}


def describe_value(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --------------------------------------------------------------------------
# Which model describes a path


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The BaseModel classes an annotation can hold (through list, Optional, Annotated)."""
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _field_by_key(model: type[BaseModel], key: str):
    for name, info in model.model_fields.items():
        if (info.alias or name) == key or name == key:
            return name, info
    return None, None


def model_at(root: type[BaseModel], path: Sequence[Any]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path``."""
    model: type[BaseModel] | None = root
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        _, info = _field_by_key(model, part)
        if info is None:
            return None
        candidates = _models_in(info.annotation)
        model = candidates[0] if candidates else None
    return model


def keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


# --------------------------------------------------------------------------
# Naming the place


def describe_place(data: Any, path: Sequence[Any]) -> str:
    """Name the thing at ``path`` the way an operations lead would:
    "step 'draft' of workflow 'delay-notifications'"."""
    names = {
        "roles": "role", "workflows": "workflow", "steps": "step", "quality_gates": "quality gate",
        "allocations": "allocation", "metrics": "metric", "activities": "activity",
        "transitions": "role transition",
    }
    labelled: list[str] = []
    keys: list[str] = []
    node = data
    index = 0
    while index < len(path):
        key = path[index]
        child = node.get(key) if isinstance(node, dict) else None
        if (
            key in names
            and isinstance(child, list)
            and index + 1 < len(path)
            and isinstance(path[index + 1], int)
            and path[index + 1] < len(child)
        ):
            item = child[path[index + 1]]
            label = None
            if isinstance(item, dict):
                for id_key in ("id", "workflow", "role"):
                    if isinstance(item.get(id_key), str):
                        label = item[id_key]
                        break
            number = path[index + 1] + 1
            labelled.append(f"{names[key]} '{label}'" if label else f"{names[key]} #{number}")
            keys = []
            node = item
            index += 2
            continue
        if isinstance(key, str) and isinstance(child, dict):
            keys.append(key)
        node = child
        index += 1
    parts = list(reversed(labelled))
    if keys:
        parts.insert(0, "'" + ".".join(keys) + "'")
    if not parts:
        return "the spec"
    return " of ".join(parts)


# --------------------------------------------------------------------------
# Translation


def _data_prefix(data: Any, loc: Sequence[Any]) -> int:
    """How many parts of ``loc`` exist in the data."""
    node = data
    for depth, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return depth
    return len(loc)


def _expected_literals(ctx: dict) -> list[str]:
    expected = ctx.get("expected", "")
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def translate(errors: list[dict], doc: SpecDocument, root: type[BaseModel]) -> list[Diagnostic]:
    """Translate ``ValidationError.errors()`` for ``doc`` into diagnostics."""
    data = doc.data
    findings: list[Diagnostic] = []
    merged: dict[tuple, list[dict]] = {}
    order: list[tuple] = []
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] in ("missing", "extra_forbidden"):
            key = loc + (error["type"],)
        else:
            key = loc[: _data_prefix(data, loc)]
        if key not in merged:
            merged[key] = []
            order.append(key)
        merged[key].append(error)

    for key in order:
        group = merged[key]
        error = group[0]
        kind = error["type"]
        loc = tuple(error["loc"])
        if kind == "extra_forbidden":
            findings.append(_unknown_key(doc, root, loc))
        elif kind == "missing":
            findings.append(_missing_key(doc, root, loc))
        else:
            path = key
            findings.append(_invalid(doc, path, group))
    return findings


def _unknown_key(doc: SpecDocument, root: type[BaseModel], loc: tuple) -> Diagnostic:
    parent, name = loc[:-1], str(loc[-1])
    model = model_at(root, parent)
    known = keys_of(model) if model else []
    guess = did_you_mean(name, known)
    place = describe_place(doc.data, parent)
    if guess:
        hint = f"did you mean '{guess}'?"
    elif known:
        hint = "known keys here: " + ", ".join(known)
    else:
        hint = "remove the key"
    return doc.diagnostic("RD010", f"unknown key '{name}' in {place}", path=loc, hint=hint,
                          at_key=True)


def _missing_key(doc: SpecDocument, root: type[BaseModel], loc: tuple) -> Diagnostic:
    parent, name = loc[:-1], str(loc[-1])
    model = model_at(root, parent)
    description = ""
    if model is not None:
        _, info = _field_by_key(model, name)
        if info is not None and info.description:
            description = info.description.split(". ")[0].rstrip(".")
    place = describe_place(doc.data, parent)
    hint = f"add '{name}:' ({description})" if description else f"add '{name}:'"
    return doc.diagnostic("RD012", f"{place} is missing required key '{name}'", path=parent,
                          hint=hint, at_key=True)


def _invalid(doc: SpecDocument, path: tuple, group: list[dict]) -> Diagnostic:
    error = group[0]
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = next((part for part in reversed(path) if isinstance(part, str)), "value")
    place = describe_place(doc.data, path[:-1] if path and isinstance(path[-1], str) else path)
    got = describe_value(value)

    if kind == "literal_error":
        choices = _expected_literals(ctx)
        if name in ("apiVersion", "kind") and len(path) == 1:
            return doc.diagnostic(
                "RD014", f"{name} is '{value}', but this version reads '{choices[0]}'",
                path=path, hint=f"write '{name}: {choices[0]}'")
        guess = did_you_mean(str(value), choices) if isinstance(value, str) else None
        hint = f"did you mean '{guess}'?" if guess else "expected one of: " + ", ".join(choices)
        return doc.diagnostic("RD013", f"'{name}' of {place} is {got}; expected one of: "
                              + ", ".join(choices), path=path, hint=hint)

    type_names = [_TYPE_NAMES[e["type"]] for e in group if _TYPE_NAMES.get(e["type"])]
    if type_names and len(type_names) == len(group):
        expected = " or ".join(dict.fromkeys(type_names))
        hint = _type_hint(expected, value)
        if kind.startswith("date"):
            return doc.diagnostic("RD013" if isinstance(value, str) else "RD011",
                                  f"'{name}' of {place} is {got}; expected {expected}",
                                  path=path, hint=hint)
        return doc.diagnostic("RD011", f"'{name}' of {place} is {got}; expected {expected}",
                              path=path, hint=hint)

    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern.startswith("^[a-z0-9]+(-[a-z0-9]+)*"):
            suggestion = _kebab(value) if isinstance(value, str) else ""
            hint = "ids use lower-case letters, digits and single hyphens"
            if suggestion:
                hint += f", e.g. '{suggestion}'"
            return doc.diagnostic("RD013", f"'{name}' of {place} is not a valid id: '{value}'",
                                  path=path, hint=hint)
        if "[01][0-9]" in pattern:
            return doc.diagnostic("RD013", f"'{name}' of {place} is '{value}'; expected a time HH:MM",
                                  path=path, hint="write a 24-hour time such as '08:00'")
        return doc.diagnostic("RD013", f"'{name}' of {place} is {got}, which is not in the "
                              "expected form", path=path, hint=f"the value must match {pattern}")

    if kind in _CONSTRAINT_MESSAGES:
        template = _CONSTRAINT_MESSAGES[kind]
        try:
            rule = template.format(**{
                key: format_number(item) if isinstance(item, (int, float)) else item
                for key, item in ctx.items()
            })
        except (KeyError, IndexError):
            rule = error["msg"]
        return doc.diagnostic("RD013", f"'{name}' of {place} {rule}; got {got}", path=path,
                              hint="correct the value")

    # Custom errors raised by the models carry a finished message.
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if path and isinstance(path[-1], str):
        place = f"'{path[-1]}' of {describe_place(doc.data, path[:-1])}"
    return doc.diagnostic("RD013", f"{place}: {message}", path=path,
                          hint=_custom_hint(kind))


def _type_hint(expected: str, value: Any) -> str:
    if isinstance(value, str) and expected.startswith("a number"):
        return "write the number without quotes"
    if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
        return "write true or false; YAML 1.2 reads yes/no/on/off as text"
    if isinstance(value, str) and expected.startswith("a list"):
        return f"write a list: [{value}]"
    if expected.startswith("a date"):
        return "write the date as YYYY-MM-DD, e.g. 2026-04-01"
    if expected == "text" and isinstance(value, (int, float, bool)):
        return "put the value in quotes to make it text"
    return f"write {expected} here"


def _custom_hint(kind: str) -> str:
    return {
        "rate_text": "write '<count> <unit> per <day|week|month|quarter|year>'",
        "time_rate_text": "write '<hours> hours per <period>' or '<minutes> minutes per <period>'",
        "trigger_kind": "use one of: {schedule: '0 5 * * 1-5'}, {workflow: <id>}, {human: <role>}",
        "gate_mode": "add the key the gate's mode needs",
        "one_of": "keep one of the two keys",
        "cron": "cron has five fields: minute hour day-of-month month day-of-week",
    }.get(kind, "correct the value")


def _kebab(value: str) -> str:
    out: list[str] = []
    for char in value.strip().lower():
        if char.isascii() and char.isalnum():
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


__all__ = ["translate", "describe_place", "describe_value", "did_you_mean", "model_at", "keys_of",
           "Severity"]
