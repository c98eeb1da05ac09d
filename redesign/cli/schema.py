"""`schema`: the published JSON Schemas."""

from __future__ import annotations

import sys

import click

from .common import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, emit

@click.command()
@click.argument("directory", default="schemas", required=False,
                type=click.Path(file_okay=False, dir_okay=True))
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if the schema files are missing or stale.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the spec schema instead of writing it.")
def schema(directory: str, check: bool, to_stdout: bool) -> None:
    """Write the JSON Schema of the spec format into DIRECTORY (default: schemas).

    The schema is generated from the models. Point your editor at it with a
    first line such as
    '# yaml-language-server: $schema=../../schemas/redesign-v1.schema.json'.
    """
    from ..schema import SPEC_SCHEMA_FILE, schema_documents, stale_schemas, write_schemas

    if to_stdout:
        emit(schema_documents()[SPEC_SCHEMA_FILE])
        return
    if check:
        stale = stale_schemas(directory)
        for path in stale:
            click.echo(f"{path}: stale or missing; run `redesign schema {directory}`", err=True)
        sys.exit(EXIT_FINDINGS if stale else EXIT_CLEAN)
    try:
        changed = write_schemas(directory)
    except OSError as error:
        click.echo(f"redesign: cannot write {directory}: {error.strerror or error}", err=True)
        sys.exit(EXIT_USAGE)
    for path in changed:
        click.echo(f"wrote {path}")
    if not changed:
        click.echo(f"{directory}: schemas are up to date")
