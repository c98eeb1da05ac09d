"""The bundled examples' diffs reproduce the seed's figures.

Parametrized over the example directories present when the tests run: an
example listed in SEED_FIGURES is held to its figures as soon as its pre and
post specs exist; every example's diff must run clean and validate against
the published JSON Schema.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from conftest import EXAMPLE_NAMES, EXAMPLES, ROOT, run
from redesign.schema import DIFF_SCHEMA_FILE

#: What each example's pre -> post diff must say, from the seed article.
#: ``summary``: the exact summary line; ``in_summary``: text the summary line
#: contains; ``lines``: whole lines of the text report; ``in_report``: text the
#: report contains.
SEED_FIGURES: dict[str, dict] = {
    "hvac-distributor": {
        "summary": "3 steps automated, 1 trigger human -> automated, 1 gate individual -> batch, "
                   "accounts per coordinator 45 -> 65 (+44%), coordinator screen/room 65/35 -> "
                   "33/67, 1 allocation added, 1 metric replaced, readiness 0/4 -> 4/4 "
                   "prerequisites met",
        "lines": [
            "  ~ role cs-coordinator: accounts per coordinator 45 -> 65 (+44%)",
            "  ~ workflow delay-notifications: trigger human (cs-coordinator) -> automated "
            "(on erp-exception-export's exception-report)",
            "  ~ workflow delay-notifications: human minutes a week 875 -> 275 (-69%)",
            "  ~ gate delay-notifications-gate: mode individual -> batch",
            "  ~ step delay-notifications/draft-notifications: actor cs-coordinator -> ai (automated)",
            "  + allocation cs-coordinator-additional-accounts: cs-coordinator's 2 hours per day "
            "(10 hours a week per person) freed from notification drafting go to 'Own 20 more "
            "accounts at the same service level' (additional-accounts), measured by "
            "accounts-per-coordinator, decided 2026-04-27",
            "  + metric accounts-per-coordinator (Accounts managed per coordinator, room-outcome): "
            "added, replaces notifications-drafted (Notifications drafted per coordinator per day)",
        ],
    },
    "healthcare-billing": {
        "in_summary": [
            "review minutes per reviewer 375 -> 45 (-88%)",
            "1 FTE moved billing-coordinator -> payer-relations-coordinator",
            "appeals per coordinator per week 25 -> 35 (+40%)",
        ],
        "in_report": ["3 x 25 -> 2 x 35"],
    },
    "manufacturing-customer-service": {
        "in_summary": ["1 FTE moved cs-rep -> outbound-rep"],
    },
    "nonprofit-development": {
        "in_summary": ["screen/room 60/40 -> 30/70"],
    },
}

PAIRS = [name for name in EXAMPLE_NAMES
         if (EXAMPLES / name / "pre.yaml").is_file() and (EXAMPLES / name / "post.yaml").is_file()]
SCHEMA = json.loads((ROOT / "schemas" / DIFF_SCHEMA_FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", PAIRS)
def test_example_diff_reproduces_the_seed_figures(example):
    code, out, err = run("diff", "--exit-code", str(EXAMPLES / example))
    assert (code, err) == (1, ""), out
    summary = out.splitlines()[-1]
    expected = SEED_FIGURES.get(example, {})
    if "summary" in expected:
        assert summary == expected["summary"]
    for text in expected.get("in_summary", []):
        assert text in summary
    lines = out.splitlines()
    for line in expected.get("lines", []):
        assert line in lines
    for text in expected.get("in_report", []):
        assert text in out


@pytest.mark.parametrize("example", PAIRS)
def test_example_diff_json_validates_and_matches_the_text(example):
    code, out, _ = run("diff", "--format", "json", str(EXAMPLES / example))
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    text = run("diff", str(EXAMPLES / example))[1]
    assert data["diffs"][0]["summary"] == text.splitlines()[-1]
    assert [f"  {c['kind']} {c['message']}" for c in data["diffs"][0]["changes"]] == [
        line.removesuffix("  (risk)") for line in text.splitlines() if line[:4] in ("  + ", "  - ", "  ~ ")]


def test_the_running_example_is_there():
    assert "hvac-distributor" in PAIRS


def test_the_excerpt_in_the_docs_is_what_diff_prints():
    page = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- diff-excerpt: hvac-distributor -->\n```text\n(.*?)```\n", page, re.DOTALL)
    assert match, "docs/diff.md must hold the hvac excerpt"
    shown = [line for line in match.group(1).splitlines() if line != "..."]
    code, out, _ = run("diff", "specs/examples/hvac-distributor", cwd=ROOT)
    assert code == 0
    printed = iter(out.splitlines())
    missing = [line for line in shown if not any(line == candidate for candidate in printed)]
    assert missing == [], "excerpt lines not printed, or out of order"
