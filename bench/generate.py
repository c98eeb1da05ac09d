"""Generate realistic synthetic specs for the benchmarks.

    python bench/generate.py --steps 1200 --out bench/out/spec-1200.yaml
    python bench/generate.py --steps 1200 --specs 500 --out bench/out/corpus

A spec of N steps has workflows of 8 to 20 steps shaped like a redesigned
operation (scheduled export, AI processing, triage and drafting, a person's
review, edits, exception handling, approval and submission), roles that
carry them within capacity, a quality gate per workflow, allocations,
metrics with replacements, readiness evidence and a rollout. Every
generated spec passes `redesign check` with no errors. The output is a
deterministic function of the arguments (seeded).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HEADER = """\
# yaml-language-server: $schema=../../schemas/redesign-v1.schema.json
apiVersion: redesign/v1
kind: Operation
metadata:
  name: {name}
  organisation: Synthetic Operations {number}
  sector: Distribution
  state: post
  revision: "1"
  effective: 2026-07-06
"""

MIDDLE_MACHINE = ["enrich", "classify", "match", "summarise", "score", "translate"]
MIDDLE_HUMAN = ["adjust", "annotate", "verify", "check-terms", "confirm"]


def workflow_steps(count: int, rng: random.Random, role: str) -> list[str]:
    """Step lines (YAML flow mappings) for one workflow of ``count`` steps."""
    steps = [
        "{id: export, type: data-export, actor: automated, outputs: [raw], minutes_per_batch: 5}",
        "{id: process, type: ai-processing, actor: ai, inputs: [raw], outputs: [processed], "
        "minutes_per_batch: 5, on_low_confidence: exceptions}",
        "{id: triage, type: triage, actor: ai, inputs: [processed], outputs: [triaged], "
        "minutes_per_batch: 5, on_low_confidence: exceptions}",
    ]
    previous = "triaged"
    fixed_tail = 5  # draft, review, exceptions, approve and submit
    machine_extra = max(0, (count - 3 - fixed_tail) // 2)
    human_extra = max(0, count - 3 - fixed_tail - machine_extra)
    for index in range(machine_extra):
        name = f"{MIDDLE_MACHINE[index % len(MIDDLE_MACHINE)]}-{index + 1}"
        output = f"{name}-out"
        steps.append(f"{{id: {name}, type: other, actor: automated, inputs: [{previous}], "
                     f"outputs: [{output}], minutes_per_batch: 2}}")
        previous = output
    steps.append(f"{{id: draft, type: draft-generation, actor: ai, inputs: [{previous}], "
                 "outputs: [drafts], minutes_per_item: 0.2, on_low_confidence: exceptions}")
    steps.append(f"{{id: review, type: review, actor: {role}, after: [draft], inputs: [drafts], "
                 "on_reject: draft}")
    last = "review"
    for index in range(human_extra):
        name = f"{MIDDLE_HUMAN[index % len(MIDDLE_HUMAN)]}-{index + 1}"
        share = rng.choice([5, 10, 20])
        steps.append(f"{{id: {name}, type: edit, actor: {role}, after: [{last}], "
                     f"percent_of_items: {share}, minutes_per_item: 0.5}}")
        last = name
    steps.append(f"{{id: exceptions, type: exception-handling, actor: {role}, after: [draft], "
                 "percent_of_items: 5, minutes_per_item: 1, outputs: [resolved]}")
    steps.append(f"{{id: approve, type: approve, actor: {role}, after: [{last}, exceptions], "
                 "inputs: [drafts, resolved], on_reject: draft, minutes_per_batch: 2}")
    steps.append(f"{{id: submit, type: submit, actor: {role}, after: [approve], inputs: [drafts], "
                 "external: true, minutes_per_batch: 2}")
    return steps[:count] if len(steps) > count else steps


def generate(total_steps: int, seed: int = 7, name: str = "synthetic", number: int = 1) -> str:
    rng = random.Random(seed)
    sizes: list[int] = []
    remaining = total_steps
    while remaining > 0:
        size = min(remaining, rng.randint(9, 20))
        if remaining - size and remaining - size < 9:
            size = remaining if remaining <= 20 else remaining - 9
        if size < 9:
            size = 9
        sizes.append(size)
        remaining -= size
    roles_needed = max(1, (len(sizes) + 2) // 3)
    out = [HEADER.format(name=name, number=number)]
    out.append("team:\n  pattern: expanded-account-ownership\n  roles:\n")
    for index in range(roles_needed):
        out.append(
            f"    - id: coordinator-{index + 1}\n"
            f"      title: Coordinator {index + 1}\n"
            "      headcount: 2\n"
            "      hours_per_week: 40\n"
            "      day_starts: \"08:00\"\n"
            "      caseload: {per_person: 60, unit: accounts, edge_of_capacity: 70}\n"
            "      recovered: 1 hours per day\n"
            f"      primary_metric: accounts-per-coordinator-{index + 1}\n"
        )
    out.append("workflows:\n")
    for index, size in enumerate(sizes):
        role = f"coordinator-{index // 3 + 1}"
        out.append(
            f"  - id: workflow-{index + 1}\n"
            f"    title: Workflow {index + 1}\n"
            f"    owner: {role}\n"
            f"    volume: {rng.randint(5, 30)} items per day\n"
            "    trigger: {schedule: \"0 5 * * 1-5\"}\n"
            "    steps:\n"
        )
        for step in workflow_steps(size, rng, role):
            out.append(f"      - {step}\n")
    out.append("quality_gates:\n")
    for index, _ in enumerate(sizes):
        out.append(f"  - {{workflow: workflow-{index + 1}, step: review, mode: batch, "
                   f"minutes_per_batch: {rng.randint(5, 15)}, "
                   "full_attention: [items the AI flagged as low-confidence]}\n")
    out.append("allocations:\n")
    for index in range(roles_needed):
        out.append(
            f"  - {{role: coordinator-{index + 1}, recovered: 1 hours per day, "
            "to: More accounts at the same service level, kind: additional-accounts, "
            f"measured_by: accounts-per-coordinator-{index + 1}, decided_on: 2026-04-27, "
            "recovered_from: 2026-05-04}\n")
    out.append("metrics:\n")
    for index in range(roles_needed):
        out.append(
            f"  - {{id: drafted-{index + 1}, title: Items drafted per coordinator {index + 1}, "
            "kind: screen-volume, status: retired}\n"
            f"  - {{id: accounts-per-coordinator-{index + 1}, title: Accounts per coordinator "
            f"{index + 1}, kind: room-outcome, role: coordinator-{index + 1}, "
            f"replaces: drafted-{index + 1}, target: 65}}\n")
    out.append(
        "readiness:\n"
        "  foundation: {editing_percent: 11, workflows: [workflow-1, workflow-2, workflow-3], "
        "measured_on: 2026-04-24}\n"
        "  adoption: {adoption_percent: 82, uses_per_week: 5, measured_on: 2026-04-24}\n"
        "  improvement_loop: {cadence: weekly, context_updates: monthly, "
        "last_context_update: 2026-04-13, improving: true, measured_on: 2026-04-24}\n"
        "  production_data: {since: 2026-01-19, until: 2026-04-24}\n"
        "rollout:\n"
        "  phases:\n"
        "    foundation: {starts: 2026-01-05, ends: 2026-02-15}\n"
        "    adoption: {starts: 2026-02-16, ends: 2026-04-26}\n"
        "    redesign: {starts: 2026-04-27}\n"
    )
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, required=True, help="steps per spec")
    parser.add_argument("--specs", type=int, default=0,
                        help="write a corpus of this many specs into --out (a directory)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="output file (or directory with --specs)")
    args = parser.parse_args(argv)
    if args.steps < 9:
        parser.error("--steps must be at least 9 (one workflow)")
    target = Path(args.out)
    if args.specs:
        target.mkdir(parents=True, exist_ok=True)
        for number in range(1, args.specs + 1):
            text = generate(args.steps, seed=args.seed + number, name=f"synthetic-{number}",
                            number=number)
            (target / f"spec-{number:04d}.yaml").write_text(text, encoding="utf-8")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generate(args.steps, seed=args.seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
