"""Configuration: which rules run, at what severity, with which options.

Read from ``[tool.redesign]`` in ``pyproject.toml`` or from a
``.redesign.yaml`` beside the specs (the nearest one walking up from a
spec's directory, stopping at the repository root; ``.redesign.yaml`` wins
when a directory has both). Example::

    [tool.redesign]
    preset = "recommended"          # or "strict": warnings become errors
    select = ["RD1", "RD2", "RD4"]   # rule ids or prefixes; default: all
    ignore = ["RD406"]
    severity = { RD402 = "error" }

    [tool.redesign.rules.RD402]
    ceiling_percent = 85

    [tool.redesign.limits]
    max_file_bytes = 10_000_000
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Optional

from .diagnostics import Severity
from .loader import DEFAULT_LIMITS, Limits

CONFIG_FILE = ".redesign.yaml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Config:
    """Resolved configuration for one run (or one spec)."""

    preset: str = "recommended"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS
    #: The file this configuration came from, if any.
    source: str | None = None

    def enabled(self, rule_id: str) -> bool:
        if self.select and not any(rule_id.startswith(prefix) for prefix in self.select):
            return False
        return not any(rule_id.startswith(prefix) for prefix in self.ignore)

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        if rule_id in self.severity:
            return self.severity[rule_id]
        if self.preset == "strict" and default is Severity.WARNING:
            return Severity.ERROR
        return default

    def options_for(self, rule_id: str, defaults: dict[str, Any]) -> dict[str, Any]:
        merged = dict(defaults)
        merged.update(self.options.get(rule_id, {}))
        return merged


DEFAULT_CONFIG = Config()


# --------------------------------------------------------------------------
# Parsing


def _config_model():
    """The pydantic model of a configuration file (built on first use)."""
    from pydantic import BaseModel, ConfigDict, Field

    class LimitsSection(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)
        max_file_bytes: Optional[int] = Field(default=None, gt=0)
        max_depth: Optional[int] = Field(default=None, gt=0)
        max_aliases: Optional[int] = Field(default=None, ge=0)
        max_nodes: Optional[int] = Field(default=None, gt=0)
        max_scalar_chars: Optional[int] = Field(default=None, gt=0)

    class ConfigFile(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)
        preset: Literal["recommended", "strict"] = "recommended"
        select: list[str] = Field(default_factory=list)
        ignore: list[str] = Field(default_factory=list)
        severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
        rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
        limits: LimitsSection = Field(default_factory=LimitsSection)

    return ConfigFile


def _known_rules() -> dict:
    from .catalog import all_rules

    return all_rules()


def parse_config(data: Any, source: str) -> Config:
    """Build a :class:`Config` from the mapping of a configuration file."""
    from pydantic import ValidationError

    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: configuration must be a mapping of keys")
    try:
        parsed = _config_model().model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{source}: {where}: {first['msg']}") from None
    known = _known_rules()
    fixed = [entry for entry in [*parsed.select, *parsed.ignore, *parsed.severity, *parsed.rules]
             if entry.upper().startswith("RD0") and entry.upper() != "RD090"]
    if fixed:
        raise ConfigError(f"{source}: '{fixed[0]}': the validation codes (RD0xx) always run, "
                          "at their own severity; only RD090 and the check rules are configurable")
    for prefix in [*parsed.select, *parsed.ignore]:
        if not any(rule_id.startswith(prefix.upper()) for rule_id in known):
            raise ConfigError(f"{source}: '{prefix}' matches no rule id (see `redesign rules`)")
    options: dict[str, dict[str, Any]] = {}
    for rule_id, values in parsed.rules.items():
        info = known.get(rule_id.upper())
        if info is None:
            raise ConfigError(f"{source}: rules.{rule_id}: no such rule (see `redesign rules`)")
        for name, value in values.items():
            if name not in info.options:
                allowed = ", ".join(info.options) or "none"
                raise ConfigError(f"{source}: rules.{rule_id}.{name}: unknown option "
                                  f"(options of {info.id}: {allowed})")
            default = info.options[name]
            if isinstance(default, (int, float)) and (
                isinstance(value, bool) or not isinstance(value, (int, float))
            ):
                raise ConfigError(f"{source}: rules.{rule_id}.{name}: expected a number, "
                                  f"got {value!r}")
        options[info.id] = dict(values)
    for rule_id in parsed.severity:
        if rule_id.upper() not in known:
            raise ConfigError(f"{source}: severity.{rule_id}: no such rule (see `redesign rules`)")
    limit_values = {k: v for k, v in parsed.limits.model_dump().items() if v is not None}
    return Config(
        preset=parsed.preset,
        select=tuple(p.upper() for p in parsed.select),
        ignore=tuple(p.upper() for p in parsed.ignore),
        severity={k.upper(): Severity.parse(v) for k, v in parsed.severity.items()},
        options=options,
        limits=replace(DEFAULT_LIMITS, **limit_values),
        source=source,
    )


def _read_toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read one configuration file: ``.redesign.yaml`` (or any YAML) or ``pyproject.toml``."""
    target = Path(path)
    if target.suffix == ".toml":
        data = _read_toml(target)
        section = data.get("tool", {}).get("redesign")
        if target.name == "pyproject.toml" or "tool" in data:
            return parse_config(section or {}, str(target))
        return parse_config(data, str(target))
    from .loader import load_file

    document = load_file(target)
    if document.diagnostics:
        first = document.diagnostics[0]
        raise ConfigError(f"{first.location()}: {first.message}")
    return parse_config(document.data, str(target))


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return False
    return "[tool.redesign" in text


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file at or above ``start``, not above the repository root."""
    directory = Path(start).resolve()
    if directory.is_file():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


class ConfigResolver:
    """Finds the configuration of each spec: an explicit file, or the nearest one."""

    def __init__(self, explicit: str | os.PathLike[str] | None = None):
        #: The explicit configuration file, if any (worker processes reload it).
        self.explicit_path = os.fspath(explicit) if explicit else None
        self._explicit = load_config(explicit) if explicit else None
        self._by_file: dict[Path, Config] = {}

    def for_path(self, spec_path: str | os.PathLike[str]) -> Config:
        if self._explicit is not None:
            return self._explicit
        found = find_config(Path(spec_path).parent if Path(spec_path).suffix else spec_path)
        if found is None:
            return DEFAULT_CONFIG
        if found not in self._by_file:
            self._by_file[found] = load_config(found)
        return self._by_file[found]
