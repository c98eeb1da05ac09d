"""`rules` and `explain`: the rule catalog."""

from __future__ import annotations

import sys

import click

from .common import EXIT_USAGE, emit

@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format.")
def rules(fmt: str) -> None:
    """List every finding id: validation codes (RD0xx) and check rules.

    Families: 0xx loading and validation, 1xx structure, 2xx human and
    automated ordering, 3xx quality gates, 4xx capacity and allocation,
    5xx metrics, 6xx readiness and rollout.
    """
    from ..explain import render_catalog

    emit(render_catalog(fmt))


@click.command()
@click.argument("rule_id", metavar="RDnnn")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output format.")
def explain(rule_id: str, fmt: str) -> None:
    """Explain one finding id, with a failing and a passing example.

    \b
    Example:
      redesign explain RD201
    """
    from ..catalog import all_rules, lookup
    from ..explain import render_rule
    from ..schema_errors import did_you_mean

    info = lookup(rule_id)
    if info is None:
        known = all_rules()
        guess = did_you_mean(rule_id.upper(), list(known)) or did_you_mean(
            rule_id.lower(), [i.name for i in known.values()])
        hint = f"; did you mean {guess}?" if guess else "; `redesign rules` lists them"
        click.echo(f"redesign: no rule '{rule_id}'{hint}", err=True)
        sys.exit(EXIT_USAGE)
    emit(render_rule(info, fmt))
