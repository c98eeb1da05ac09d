"""Every finding id the tool can report, with its documentation.

``RD0xx`` ids come from loading and validating a spec (syntax, schema,
references); the check rules (``RD1xx``-``RD6xx``) live in
:mod:`redesign.rules` and are listed here too through :func:`all_rules`.
Ids are stable forever once released: never renumber, only add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Severity

FAMILIES = {
    "0": "loading and validation",
    "1": "structure",
    "2": "human and automated ordering",
    "3": "quality gates",
    "4": "capacity and allocation",
    "5": "metrics",
    "6": "readiness and rollout",
}


@dataclass(frozen=True)
class RuleInfo:
    """What a finding id means: its summary, explanation and examples."""

    id: str
    name: str
    summary: str
    explanation: str
    severity: Severity
    bad: str = ""
    good: str = ""
    #: Options with their defaults, settable in configuration.
    options: dict[str, Any] = field(default_factory=dict)
    #: Option descriptions, by option name.
    option_docs: dict[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return FAMILIES[self.id[2]]


def _info(id: str, name: str, summary: str, explanation: str, bad: str = "", good: str = "",
          severity: Severity = Severity.ERROR) -> RuleInfo:
    return RuleInfo(id=id, name=name, summary=summary, explanation=explanation.strip(),
                    severity=severity, bad=bad.strip("\n"), good=good.strip("\n"))


VALIDATION_CODES: dict[str, RuleInfo] = {
    info.id: info
    for info in [
        _info("RD001", "yaml-syntax", "The file is not valid YAML.",
              """
The YAML parser stopped at this point. Common causes: a quote or bracket
that is never closed, a tab used for indentation, a value containing ': '
that is not quoted, or a line indented differently from its siblings.
""",
              bad="""
metadata:
  name: acme
   state: post        # indented one space too far
""",
              good="""
metadata:
  name: acme
  state: post
"""),
        _info("RD002", "duplicate-key", "A key appears twice in one mapping.",
              """
YAML keeps only one value per key, so one of the two is silently lost by
most tools. redesign keeps the first and reports the second.
""",
              bad="""
- id: draft
  type: draft-generation
  type: review
""",
              good="""
- id: draft
  type: draft-generation
"""),
        _info("RD003", "forbidden-tag", "A YAML tag (`!something`) that specs do not allow.",
              """
Specs hold plain values only. Tags such as `!!python/object` ask a YAML
library to construct program objects, and custom tags mean nothing to
other tools; redesign refuses both and never executes anything.
""",
              bad="""
title: !!python/object/apply:os.system ["echo hi"]
""",
              good="""
title: Delay notifications
"""),
        _info("RD004", "input-too-large", "The file, or one value in it, exceeds a size limit.",
              """
Files larger than `limits.max_file_bytes` (64 MiB) and values longer than
`limits.max_scalar_chars` (1,000,000 characters) are refused before they
are parsed. Raise the limit in the configuration if a real spec needs it.
"""),
        _info("RD005", "nesting-too-deep", "The YAML nests deeper than the depth limit.",
              """
A spec nests a handful of levels deep; `limits.max_depth` (64) stops a
pathological file before it can exhaust the parser's stack.
"""),
        _info("RD006", "too-many-nodes", "Too many aliases, or aliases that expand too far.",
              """
Aliases (`*name`) let one value stand for another. Nested aliases can make
a small file expand to billions of values (an "alias bomb"). redesign counts
every alias as the values it stands for and stops at `limits.max_nodes`
(5,000,000), and at `limits.max_aliases` (1,000) alias uses.
""",
              bad="""
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
# ... and so on, each level nine times the last
"""),
        _info("RD007", "encoding", "The file is not UTF-8 text, or holds control characters.",
              """
Specs are UTF-8 text. Files saved as UTF-16 or in a legacy encoding, and
invisible control characters (often pasted from another program), are
reported where they first occur. A UTF-8 byte-order mark is accepted.
"""),
        _info("RD008", "document-shape", "The file is empty, holds several documents, or is not a mapping.",
              """
A spec is exactly one YAML document whose top level is a mapping that
starts with `apiVersion: redesign/v1` and `kind: Operation`.
""",
              bad="""
- apiVersion: redesign/v1
  kind: Operation
""",
              good="""
apiVersion: redesign/v1
kind: Operation
"""),
        _info("RD009", "unreadable-path", "A path given on the command line cannot be read.",
              """
The path does not exist, is not readable, or is a directory where a file
was expected. This is an input/output error: the command exits with 2.
"""),
        _info("RD010", "unknown-key", "A key the spec format does not know, often a misspelling.",
              """
Every mapping in a spec accepts a fixed set of keys, so a misspelled key is
caught instead of silently ignored. The hint suggests the closest known key.
""",
              bad="""
steps:
  - id: draft
    type: draft-generation
    actor: ai
    minuts_per_item: 2
""",
              good="""
steps:
  - id: draft
    type: draft-generation
    actor: ai
    minutes_per_item: 2
"""),
        _info("RD011", "wrong-type", "A value of the wrong type (text where a number belongs, and so on).",
              """
Numbers, text, lists and mappings are not converted into one another: a
quoted "3" is text, not a number, and `yes` is text, not true.
""",
              bad="""
headcount: "3"
""",
              good="""
headcount: 3
"""),
        _info("RD012", "missing-key", "A required key is missing.",
              """
Few keys are required: the header (`apiVersion`, `kind`, `metadata.name`,
`metadata.state`), ids, a role's title, a workflow's owner, trigger and
steps, a step's type and actor, a gate's workflow and mode, and the like.
""",
              bad="""
workflows:
  - id: delay-notifications
    trigger: {schedule: "0 5 * * 1-5"}
    steps: []
""",
              good="""
workflows:
  - id: delay-notifications
    owner: cs-coordinator
    trigger: {schedule: "0 5 * * 1-5"}
    steps:
      - {id: draft, type: draft-generation, actor: ai}
"""),
        _info("RD013", "invalid-value", "A value outside what the key accepts.",
              """
The value has the right type but is not allowed here: a step type or mode
that does not exist, an id that is not kebab-case, a negative number, a
rate that does not read '<count> <unit> per <period>', a cron schedule that
does not parse.
""",
              bad="""
- id: Draft Letters
  type: drafting
""",
              good="""
- id: draft-letters
  type: draft-generation
"""),
        _info("RD014", "unsupported-version", "The `apiVersion` or `kind` is not one this version reads.",
              """
This version of redesign reads `apiVersion: redesign/v1` and
`kind: Operation`. A spec written for a newer version of the format needs a
newer redesign; a typo in either header line is reported here too.
""",
              bad="""
apiVersion: redesign/v2
kind: Organisation
""",
              good="""
apiVersion: redesign/v1
kind: Operation
"""),
        _info("RD015", "format-unsafe", "`redesign fmt` cannot rewrite the file without changing it.",
              """
`redesign fmt` only changes layout. Before it writes a file it loads the
formatted text and compares it with the original: the data must be the
same, and every comment must still be there, in order, still on its own
line or still at the end of its line. When that does not hold, or the
round-trip parser cannot read the file, the file is left as it is and this
finding says where. Comments inside `[ ]` or `{ }` are the usual cause:
the round-trip parser cannot keep them.
""",
              bad="""
after: [review-batch,   # the batch review
        handle-exceptions]
""",
              good="""
# after the batch review and the exceptions
after: [review-batch, handle-exceptions]
"""),
        _info("RD020", "unknown-reference", "A reference names a role, step, workflow, metric or artifact that does not exist.",
              """
Ids tie a spec together: a workflow's owner names a role, a step's `after`
names steps of the same workflow, a gate names a workflow, an allocation
names a role and a metric. A reference to an id that is not defined is
reported at the reference, with the closest existing id as a hint.
""",
              bad="""
team:
  roles:
    - {id: cs-coordinator, title: Customer service coordinator}
workflows:
  - id: delay-notifications
    owner: cs-cordinator
""",
              good="""
workflows:
  - id: delay-notifications
    owner: cs-coordinator
"""),
        _info("RD021", "duplicate-id", "Two things of one kind share an id.",
              """
Roles, workflows, gates, allocations and metrics need unique ids in a spec;
steps need unique ids within their workflow, activities within their role.
""",
              bad="""
steps:
  - {id: review, type: review, actor: cs-coordinator}
  - {id: review, type: approve, actor: cs-coordinator}
""",
              good="""
steps:
  - {id: review, type: review, actor: cs-coordinator}
  - {id: approve, type: approve, actor: cs-coordinator}
"""),
        _info("RD090", "unused-suppression", "A `# redesign: ignore[...]` comment that suppresses nothing.",
              """
A suppression comment that no longer matches a finding hides nothing and
misleads the reader. Remove it, or correct the rule id it names.
""",
              bad="""
owner: cs-coordinator  # redesign: ignore[RD999]
""",
              good="""
owner: cs-coordinator
""",
              severity=Severity.WARNING),
    ]
}


def stamp_names(diagnostics: list) -> list:
    """Fill in each validation diagnostic's rule name from the catalog."""
    from dataclasses import replace

    return [
        replace(d, name=VALIDATION_CODES[d.rule].name)
        if not d.name and d.rule in VALIDATION_CODES else d
        for d in diagnostics
    ]


def all_rules() -> dict[str, RuleInfo]:
    """Every id: validation codes and check rules, in id order."""
    from .rules import REGISTRY

    combined: dict[str, RuleInfo] = dict(VALIDATION_CODES)
    for rule in REGISTRY.values():
        combined[rule.info.id] = rule.info
    return dict(sorted(combined.items()))


def lookup(rule_id: str) -> RuleInfo | None:
    """A rule by id (``RD201``) or by name (``ai-output-unapproved``)."""
    rules = all_rules()
    if rule_id.upper() in rules:
        return rules[rule_id.upper()]
    return next((info for info in rules.values() if info.name == rule_id.lower()), None)
