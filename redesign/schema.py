"""The published JSON Schemas (Draft 2020-12): the spec's, generated from the
models, and the JSON output of ``redesign diff``.

``schemas/`` in the repository holds the committed copy; ``redesign schema``
writes it and ``redesign schema --check`` reports when it is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from .fileio import stale_files, write_changed

SPEC_SCHEMA_FILE = "redesign-v1.schema.json"
DIFF_SCHEMA_FILE = "redesign-diff-v1.schema.json"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def spec_schema() -> dict:
    """The JSON Schema of a spec, as a dict."""
    from .model import Operation

    generated = Operation.model_json_schema(by_alias=True, mode="validation")
    schema = {
        "$schema": DRAFT_2020_12,
        "title": "redesign Operation spec (apiVersion redesign/v1)",
        "description": (
            "One state (pre or post) of an operation redesigned around AI: team structure, "
            "workflows and triggers, quality gates, capacity allocation, metrics, readiness "
            "and rollout. Generated from the redesign models; do not edit by hand."
        ),
    }
    for key, value in generated.items():
        if key not in ("title", "description"):
            schema[key] = value
    return schema


def schema_documents() -> dict[str, str]:
    """Every published schema, by file name, as the exact text written."""
    from .diff.report import report_schema

    documents = {SPEC_SCHEMA_FILE: spec_schema(), DIFF_SCHEMA_FILE: report_schema()}
    return {
        name: json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        for name, document in documents.items()
    }


def _expected(directory: str | Path) -> dict[Path, str]:
    return {Path(directory) / name: text for name, text in schema_documents().items()}


def write_schemas(directory: str | Path) -> list[Path]:
    """Write every schema into ``directory``; return the files that changed."""
    return write_changed(_expected(directory))


def stale_schemas(directory: str | Path) -> list[Path]:
    """Schema files in ``directory`` that are missing or differ from the models."""
    return stale_files(_expected(directory))
