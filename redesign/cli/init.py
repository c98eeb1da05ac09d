"""`init`: a pre/post pair to start from."""

from __future__ import annotations

import sys
from typing import Sequence

import click

from .common import EXIT_USAGE

@click.command()
@click.option("--name", metavar="ID",
              help="The operation's id, kebab-case (e.g. acme-billing). Required.")
@click.option("--organisation", metavar="TEXT", help="The organisation's name.")
@click.option("--sector", metavar="TEXT", help="The sector, e.g. 'Healthcare billing'.")
@click.option("--role", "roles", multiple=True, metavar="ID[:TITLE]",
              help="A role of the team; repeat for more. The first owns the example "
                   "workflow, the second (if any) handles escalations. "
                   "[default: coordinator:Coordinator]")
@click.option("--dir", "directory", metavar="DIR",
              help="Where to write pre.yaml and post.yaml. [default: specs/<name>]")
@click.option("--start", metavar="YYYY-MM-DD",
              help="The day Phase 1 starts; the rollout dates count from it. "
                   "[default: the next Monday]")
@click.option("--force", is_flag=True, help="Overwrite pre.yaml and post.yaml if they exist.")
def init(name: str | None, organisation: str | None, sector: str | None,
         roles: Sequence[str], directory: str | None, start: str | None, force: bool) -> None:
    """Scaffold a pre/post pair of specs for a new organisation.

    Writes DIR/pre.yaml (the operation today: people start every step) and
    DIR/post.yaml (redesigned: AI produces, people review and approve, with
    a quality gate, a capacity allocation, a metric that replaces the old
    one, readiness evidence placeholders and rollout phases). Comments in
    both explain each section; the pair validates and is fmt-clean.

    The first line of each file points editors at the nearest
    schemas/redesign-v1.schema.json above DIR (within its git repository);
    when there is none, the schema is written to schemas/ at the repository
    root (outside a repository: under the current directory).

    \b
    Examples:
      redesign init --name acme-billing --organisation 'Acme Billing'
      redesign init --name acme-billing --sector 'Healthcare billing' \\
          --role billing-coordinator:'Billing coordinator' --role payer-lead
      redesign init --name acme-billing --dir clients/acme --force
    """
    from ..scaffold import new_operation, scaffold_operation

    request, problems = new_operation(name, organisation=organisation, sector=sector,
                                      roles=roles, directory=directory, start=start)
    if request is None:
        for problem in problems:
            click.echo(f"redesign init: {problem}", err=True)
        sys.exit(EXIT_USAGE)
    scaffold = scaffold_operation(request, force=force)
    for problem in scaffold.problems:
        click.echo(f"redesign init: {problem}", err=True)
    if not scaffold.ok:
        sys.exit(EXIT_USAGE)
    for path in [*scaffold.schemas_written, *scaffold.written]:
        click.echo(f"wrote {path}")
    click.echo(f"next: replace the placeholders, then run `redesign validate {scaffold.directory}`")
