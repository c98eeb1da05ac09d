"""Helpers for the runbook tests: the example specs, loaded once each."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from redesign.loader import load_file, load_text
from redesign.validate import validate_document

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "specs" / "examples"
HVAC_POST = EXAMPLES / "hvac-distributor" / "post.yaml"
HVAC_PRE = EXAMPLES / "hvac-distributor" / "pre.yaml"


def example_specs() -> list[Path]:
    """Every example spec present when the tests are collected."""
    return sorted(EXAMPLES.glob("*/*.yaml"))


@lru_cache(maxsize=None)
def operation_of(path: Path):
    operation, diagnostics = validate_document(load_file(path))
    assert operation is not None, [d.message for d in diagnostics]
    return operation


def operation_from_text(text: str, name: str = "spec.yaml"):
    operation, diagnostics = validate_document(load_text(text, name))
    assert operation is not None, [d.message for d in diagnostics]
    return operation
