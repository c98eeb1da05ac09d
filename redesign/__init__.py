"""redesign: an organisation's operating model as versioned, checkable code.

The library does everything the command line does::

    import redesign

    report = redesign.validate_paths(["specs/examples"])
    for diagnostic in report.diagnostics:
        print(diagnostic.location(), diagnostic.rule, diagnostic.message)

Names are imported on first use, so ``import redesign`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name -> module that defines it.
_EXPORTS = {
    "Diagnostic": "redesign.diagnostics",
    "Severity": "redesign.diagnostics",
    "Limits": "redesign.loader",
    "SpecDocument": "redesign.loader",
    "load_bytes": "redesign.loader",
    "load_file": "redesign.loader",
    "load_text": "redesign.loader",
    "Operation": "redesign.model",
    "Report": "redesign.validate",
    "SpecResult": "redesign.validate",
    "validate_document": "redesign.validate",
    "validate_paths": "redesign.validate",
    "FormatReport": "redesign.formatter",
    "format_paths": "redesign.formatter",
    "format_text": "redesign.formatter",
    "NewOperation": "redesign.scaffold",
    "new_operation": "redesign.scaffold",
    "scaffold_operation": "redesign.scaffold",
    "check_paths": "redesign.check",
    "run_rules": "redesign.check",
    "compile_paths": "redesign.runbooks",
    "compile_runbooks": "redesign.runbooks",
    "write_runbooks": "redesign.runbooks",
    "OperationGraph": "redesign.graph",
    "assess_readiness": "redesign.readiness",
    "diff_specs": "redesign.diff",
    "compare_operations": "redesign.diff.compare",
    "capacity_of": "redesign.capacity",
    "spec_schema": "redesign.schema",
    "write_schemas": "redesign.schema",
    "stale_schemas": "redesign.schema",
}

__all__ = sorted(["__version__", *_EXPORTS])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'redesign' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
