"""JUnit XML reporter, for the test report views of GitLab, Jenkins and Azure.

One ``<testsuite>`` per run (``redesign check``), holding one
``<testcase>`` per file and rule that had findings, named ``RDnnn name``
with the file as its class name, and one passing ``<testcase>`` per file
without findings. A test case fails (``<failure>``) when one of its findings
is at or above the run's ``--fail-on`` threshold; the failure's text lists
every finding of that file and rule. A case whose findings are all below
the threshold passes and lists them in ``<system-out>``. A file that cannot
be read (RD009) is an ``<error>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from ..diagnostics import Diagnostic
from ..diagnostics import worst as worst_severity
from ..fingerprint import repository_path
from ..validate import Report
from . import RenderOptions

#: The name of the passing test case of a file without findings.
CLEAN_CASE = "no problems found"

#: Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _finding_line(diagnostic: Diagnostic, file: str) -> str:
    where = f"{file}:{diagnostic.line}:{diagnostic.column}" if diagnostic.line else file
    line = f"{where}: {diagnostic.severity.label} [{diagnostic.rule}] {diagnostic.message}"
    return _xml_text(line + (f"\n  hint: {diagnostic.hint}" if diagnostic.hint else ""))


def _case(suite: ET.Element, file: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": file, "name": name, "file": file,
                                              "time": "0"})


def render(report: Report, options: RenderOptions) -> str:
    title = f"redesign {options.command}"
    suite = ET.Element("testsuite", {"name": title})
    failures = errors = 0
    by_file: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.diagnostics:
        by_file.setdefault(diagnostic.file, []).append(diagnostic)
    files = list(dict.fromkeys([*report.files, *by_file]))
    for file in files:
        shown = _xml_text(repository_path(file, options.source_root))
        found = sorted(by_file.get(file, []), key=lambda d: (d.rule, d.sort_key()))
        if not found:
            _case(suite, shown, CLEAN_CASE)
            continue
        for rule, group in groupby(found, key=lambda d: d.rule):
            diagnostics = list(group)
            first = diagnostics[0]
            case = _case(suite, shown, f"{rule} {first.name}".strip())
            text = "\n".join(_finding_line(d, shown) for d in diagnostics)
            count = len(diagnostics)
            message = _xml_text(first.message if count == 1
                                else f"{count} findings: {first.message}; ...")
            if rule == "RD009":
                errors += 1
                ET.SubElement(case, "error", {"message": message, "type": rule}).text = text
            elif any(d.severity >= options.fail_on for d in diagnostics):
                failures += 1
                ET.SubElement(case, "failure", {"message": message,
                                                "type": worst_severity(diagnostics).label}).text = text
            else:
                ET.SubElement(case, "system-out").text = text
    tests = len(suite)
    counts = {"tests": str(tests), "failures": str(failures), "errors": str(errors),
              "skipped": "0", "time": "0"}
    suite.attrib.update(counts)
    suites = ET.Element("testsuites", {"name": title, **counts})
    suites.append(suite)
    ET.indent(suites, space="  ")
    body = ET.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
