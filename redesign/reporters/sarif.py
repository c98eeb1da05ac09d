"""SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF viewers.

One run. ``tool.driver.rules`` lists every rule in the catalog (so a
result's ``ruleIndex`` means the same in every run), each with its summary,
explanation, Markdown help with the failing and passing examples, and a
``helpUri`` into the published rule catalog. Each result has the rule, the
level (error, warning, note), the message and hint, a physical location
relative to ``%SRCROOT%`` (the source root, normally the repository root)
with a region unless the finding concerns the whole file, the JSON path as a
logical location, and a stable fingerprint in ``partialFingerprints``
(see :mod:`redesign.fingerprint`).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..catalog import RuleInfo, all_rules
from ..diagnostics import Diagnostic, Severity
from ..explain import anchor, rule_section
from ..fingerprint import FINGERPRINT_KEY, fingerprint, relative_path, source_root
from ..validate import Report
from . import PROJECT_URL, RenderOptions

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
SOURCE_ROOT_ID = "%SRCROOT%"
LEVEL_BY_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def help_uri(info: RuleInfo, rules_url: str) -> str:
    """Where a rule is documented: its section of the published docs/rules.md."""
    return f"{rules_url}#{anchor(info)}"


def rule_descriptor(info: RuleInfo, options: RenderOptions) -> dict:
    return {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.explanation},
        "help": {"text": info.explanation, "markdown": rule_section(info)},
        "helpUri": help_uri(info, options.rules_url),
        "defaultConfiguration": {"level": LEVEL_BY_SEVERITY[info.severity]},
        "properties": {"tags": [info.family]},
    }


def _artifact_location(diagnostic: Diagnostic, options: RenderOptions) -> dict:
    relative = relative_path(diagnostic.file, options.source_root)
    if relative is None:
        return {"uri": Path(diagnostic.file).resolve().as_uri()}
    return {"uri": quote(relative), "uriBaseId": SOURCE_ROOT_ID}


def _region(diagnostic: Diagnostic) -> dict | None:
    if not diagnostic.line:
        return None
    region = {"startLine": diagnostic.line, "startColumn": max(diagnostic.column, 1)}
    if diagnostic.end_line:
        region["endLine"] = diagnostic.end_line
        region["endColumn"] = max(diagnostic.end_column, 1)
    return region


def result(diagnostic: Diagnostic, rule_index: dict[str, int], options: RenderOptions) -> dict:
    physical: dict = {"artifactLocation": _artifact_location(diagnostic, options)}
    region = _region(diagnostic)
    if region is not None:
        physical["region"] = region
    location: dict = {"physicalLocation": physical}
    if diagnostic.path:
        location["logicalLocations"] = [{"fullyQualifiedName": diagnostic.json_path,
                                         "kind": "element"}]
    text = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    found: dict = {"ruleId": diagnostic.rule}
    if diagnostic.rule in rule_index:
        found["ruleIndex"] = rule_index[diagnostic.rule]
    found.update({
        "level": LEVEL_BY_SEVERITY[diagnostic.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(diagnostic, options.source_root)},
    })
    return found


def as_data(report: Report, options: RenderOptions) -> dict:
    rules = list(all_rules().values())
    rule_index = {info.id: index for index, info in enumerate(rules)}
    root_uri = source_root(options.source_root).as_uri().rstrip("/") + "/"
    version = options.version or __version__
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "redesign",
                "version": version,
                "semanticVersion": version,
                "informationUri": PROJECT_URL,
                "rules": [rule_descriptor(info, options) for info in rules],
            }},
            "invocations": [{"executionSuccessful": not report.io_error}],
            "originalUriBaseIds": {SOURCE_ROOT_ID: {"uri": root_uri}},
            "columnKind": "unicodeCodePoints",
            "results": [result(d, rule_index, options) for d in report.diagnostics],
        }],
    }


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(as_data(report, options), indent=2, ensure_ascii=False) + "\n"
