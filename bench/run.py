"""Benchmarks: redesign against the tools users would otherwise run, in one session.

    python bench/run.py              # the full run (several minutes)
    python bench/run.py --quick      # smaller sizes and fewer repeats

Every comparison is a ratio measured in the same run, with the commands
alternated (A B A B ...) so that drift on the machine hits both alike; the
figure reported is the median wall time of each command as a real process.

Baselines:
- check-jsonschema with our schema on the same file (schema-only validation);
- yamllint on the same file (YAML-only);
- the floor: loading the same YAML with the fastest available C parser
  (PyYAML's CSafeLoader or ruamel's C parser, whichever is faster here) in
  one Python process;
- `python -c "import click"` for `redesign --help`.

Results are printed and written to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schemas" / "redesign-v1.schema.json"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent


def tool(name: str) -> str:
    candidate = BIN / name
    return str(candidate) if candidate.exists() else (shutil.which(name) or name)


def timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({result.returncode}): {' '.join(command)}\n"
                         f"{result.stderr.decode(errors='replace')[:500]}")
    return elapsed


def alternate(commands: dict[str, list[str]], repeats: int) -> dict[str, float]:
    """Run the commands in turn, ``repeats`` rounds; median seconds of each."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm-up round, not counted
        timed(command)
    for _ in range(repeats):
        for name, command in commands.items():
            samples[name].append(timed(command))
    return {name: statistics.median(values) for name, values in samples.items()}


FLOOR_SCRIPTS = {
    "pyyaml-c": (
        "import sys, yaml\n"
        "for path in sys.argv[1:]:\n"
        "    with open(path, 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)\n"
    ),
    "ruamel-c": (
        "import sys\n"
        "from ruamel.yaml import YAML\n"
        "yaml = YAML(typ='safe', pure=False)\n"
        "for path in sys.argv[1:]:\n"
        "    with open(path, 'rb') as f: yaml.load(f)\n"
    ),
}


def floor_command(files: list[str], which: str) -> list[str]:
    return [PYTHON, "-c", FLOOR_SCRIPTS[which], *files]


def available_floors() -> list[str]:
    found = []
    for name, module in (("pyyaml-c", "yaml"), ("ruamel-c", "_ruamel_yaml")):
        probe = subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True)
        if probe.returncode == 0:
            if name == "pyyaml-c":
                has_c = subprocess.run([PYTHON, "-c", "import yaml; yaml.CSafeLoader"],
                                       capture_output=True).returncode == 0
                if not has_c:
                    continue
            found.append(name)
    return found


def pick_floor(files: list[str], repeats: int) -> tuple[str, float]:
    floors = available_floors()
    if not floors:
        raise SystemExit("no C YAML parser available for the floor (pip install pyyaml)")
    timings = alternate({name: floor_command(files, name) for name in floors}, repeats)
    best = min(timings, key=timings.get)
    return best, timings[best]


def exponent(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log(time) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mean_x, mean_y = statistics.mean(xs), statistics.mean(ys)
    return (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
            / sum((x - mean_x) ** 2 for x in xs))


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="redesign benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--out", default=str(HERE / "out"))
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 7)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="redesign-bench-"))
    redesign = tool("redesign")
    results: dict = {"machine": machine(), "repeats": repeats}

    def write(steps: int, name: str, seed: int = 7) -> str:
        path = work / name
        path.write_text(generate(steps, seed=seed), encoding="utf-8")
        return str(path)

    # 1. The 1,200-step spec against check-jsonschema and yamllint.
    spec = write(1200, "spec-1200.yaml")
    variant = write(1200, "spec-1200-b.yaml", seed=8)
    commands = {
        "redesign validate": [redesign, "validate", spec],
        "redesign check": [redesign, "check", spec],
        "redesign compile": [redesign, "compile", spec, "-o", str(work / "runbooks")],
        "redesign diff": [redesign, "diff", spec, variant],
        "check-jsonschema": [tool("check-jsonschema"), "--schemafile", str(SCHEMA), spec],
        "yamllint": [tool("yamllint"), "-d", "relaxed", spec],
    }
    for name in list(commands):
        probe = subprocess.run(commands[name], capture_output=True)
        if probe.returncode not in (0, 1):
            print(f"skipping {name}: exit {probe.returncode}: "
                  f"{probe.stderr.decode(errors='replace').strip()[:200]}")
            del commands[name]
    floor_name, floor = pick_floor([spec], repeats)
    medians = alternate(commands, repeats)
    medians[f"floor ({floor_name})"] = floor
    results["spec_1200"] = medians
    baseline = medians["check-jsonschema"]
    ratios = {
        "validate / check-jsonschema": medians["redesign validate"] / baseline,
        "check / check-jsonschema": medians["redesign check"] / baseline,
    }

    # 2. --help against importing click.
    help_times = alternate({
        "redesign --help": [redesign, "--help"],
        "python -c 'import click'": [PYTHON, "-c", "import click"],
    }, repeats * 2)
    results["help"] = help_times
    ratios["--help / import click"] = help_times["redesign --help"] / help_times["python -c 'import click'"]

    # 3. Scaling of check (and validate) with the number of steps.
    sizes = [100, 1000, 10000] if args.quick else [100, 1000, 10000, 100000]
    scaling: dict[str, dict[int, float]] = {"validate": {}, "check": {}}
    for size in sizes:
        path = write(size, f"spec-{size}.yaml")
        size_repeats = max(1, repeats if size <= 10000 else 3)
        timings = alternate({
            "validate": [redesign, "validate", path],
            "check": [redesign, "check", path],
        }, size_repeats)
        for name, value in timings.items():
            scaling[name][size] = value
    results["scaling"] = {name: {str(k): v for k, v in values.items()} for name, values in scaling.items()}
    for name, values in scaling.items():
        ordered = sorted(values)
        ratios[f"{name}: exponent of time against steps ({ordered[0]}..{ordered[-1]})"] = exponent(
            ordered, [values[s] for s in ordered])
        ratios[f"{name}: time x{ordered[-1] // ordered[-2]} steps ({ordered[-2]} -> {ordered[-1]})"] = (
            values[ordered[-1]] / values[ordered[-2]])

    # 4. A 500-spec corpus in one process, against the C-parse floor; then -j.
    corpus = work / "corpus"
    corpus.mkdir()
    count = 100 if args.quick else 500
    files = []
    for number in range(1, count + 1):
        path = corpus / f"spec-{number:04d}.yaml"
        path.write_text(generate(60, seed=100 + number, name=f"synthetic-{number}"), encoding="utf-8")
        files.append(str(path))
    floor_name, corpus_floor = pick_floor(files, repeats)
    cores = os.cpu_count() or 1
    corpus_times = alternate({
        "redesign validate (1 process)": [redesign, "validate", str(corpus)],
        "redesign check (1 process)": [redesign, "check", str(corpus)],
        f"redesign check -j {cores}": [redesign, "check", "-j", str(cores), str(corpus)],
    }, repeats)
    corpus_times[f"floor ({floor_name})"] = corpus_floor
    results["corpus"] = {"specs": count, "steps_per_spec": 60, **corpus_times}
    ratios[f"corpus validate / C-parse floor ({count} specs)"] = (
        corpus_times["redesign validate (1 process)"] / corpus_floor)
    ratios[f"corpus check / C-parse floor ({count} specs)"] = (
        corpus_times["redesign check (1 process)"] / corpus_floor)
    ratios[f"corpus check -j {cores} / check -j 1"] = (
        corpus_times[f"redesign check -j {cores}"] / corpus_times["redesign check (1 process)"])
    results["ratios"] = ratios

    print(f"machine: {results['machine']}")
    print(f"\nmedian wall time of {repeats} alternating runs (seconds)")
    for section in ("spec_1200", "help", "corpus"):
        print(f"\n[{section}]")
        for name, value in results[section].items():
            if isinstance(value, float):
                print(f"  {name:<40} {value:8.3f}")
    print("\n[scaling]")
    for name, values in scaling.items():
        print("  " + name + ": " + ", ".join(f"{size:,} steps {value:.3f}s" for size, value in sorted(values.items())))
    print("\n[ratios]")
    for name, value in ratios.items():
        print(f"  {name:<60} {value:6.2f}")
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
