"""``init``: a starting pre/post pair for a new organisation.

The pair is rendered from ``templates/init/pre.yaml.j2`` and ``post.yaml.j2``
with a plain context built by one pure function (:func:`template_context`);
the templates hold the layout and the comments that teach the format, not
logic. The pair passes ``redesign validate`` and is ``redesign fmt``-clean.

The first line of each file points editors at the JSON Schema. The schema is
the nearest ``schemas/redesign-v1.schema.json`` found walking up from the
output directory, no further than the root of the git repository it is in.
When there is none, the spec schema (:func:`redesign.schema.schema_documents`) is written
into ``schemas/`` at that repository root; outside a repository, into
``schemas/`` under the current directory (or, when the output directory is
not under the current directory, into the output directory itself).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Sequence

from .fileio import write_atomic, write_changed
from .loader import load_text
from .schema import SPEC_SCHEMA_FILE, schema_documents
from .validate import display_path

__all__ = [
    "DEFAULT_ROLE",
    "InitProblem",
    "NewOperation",
    "RoleSeed",
    "Scaffold",
    "new_operation",
    "render_specs",
    "scaffold_operation",
    "template_context",
]

SPEC_FILES = ("pre.yaml", "post.yaml")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ID_HINT = "use lower-case letters, digits and single hyphens, e.g. 'acme-billing'"


@dataclass(frozen=True)
class RoleSeed:
    """A role to scaffold: its id and its title."""

    id: str
    title: str


DEFAULT_ROLE = RoleSeed("coordinator", "Coordinator")


@dataclass(frozen=True)
class InitProblem:
    """Why ``init`` cannot go ahead, and what to do about it."""

    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


@dataclass(frozen=True)
class NewOperation:
    """What to scaffold: the operation's id, names, roles, where, and when Phase 1 starts."""

    name: str
    directory: Path
    start: date
    organisation: str | None = None
    sector: str | None = None
    roles: tuple[RoleSeed, ...] = (DEFAULT_ROLE,)


@dataclass
class Scaffold:
    """What ``init`` did: the files written, or why it wrote nothing."""

    directory: Path
    written: list[Path] = field(default_factory=list)
    #: Schema files written because none was found above the directory.
    schemas_written: list[Path] = field(default_factory=list)
    problems: list[InitProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --------------------------------------------------------------------------
# The request, from command-line text


def _role(text: str) -> tuple[RoleSeed | None, InitProblem | None]:
    identifier, _, title = text.partition(":")
    identifier, title = identifier.strip(), title.strip()
    if not _ID.fullmatch(identifier) or len(identifier) > 80:
        return None, InitProblem(f"--role '{text}': the id '{identifier}' is not kebab-case",
                                 "write --role ID[:Title], e.g. --role "
                                 "billing-coordinator:'Billing coordinator'")
    if not title:
        title = identifier.replace("-", " ").capitalize()
    return RoleSeed(identifier, title), None


def next_monday(today: date) -> date:
    """The first Monday on or after ``today``."""
    return today + timedelta(days=(7 - today.weekday()) % 7)


def new_operation(name: str | None, *, organisation: str | None = None,
                  sector: str | None = None, roles: Sequence[str] = (),
                  directory: str | None = None, start: str | None = None,
                  today: date | None = None) -> tuple[NewOperation | None, list[InitProblem]]:
    """Build the request from command-line text; every problem is reported at once."""
    problems: list[InitProblem] = []
    if not name:
        problems.append(InitProblem("--name is required",
                                    "give the operation's kebab-case id, e.g. --name acme-billing"))
    elif not _ID.fullmatch(name) or len(name) > 80:
        problems.append(InitProblem(f"--name '{name}' is not kebab-case", _ID_HINT))
    seeds: list[RoleSeed] = []
    for text in roles:
        seed, problem = _role(text)
        if problem:
            problems.append(problem)
        elif seed and any(seed.id == known.id for known in seeds):
            problems.append(InitProblem(f"--role '{seed.id}' is given twice",
                                        "give each role its own id"))
        elif seed:
            seeds.append(seed)
    first_day = next_monday(today or date.today())
    if start:
        try:
            first_day = date.fromisoformat(start)
        except ValueError:
            problems.append(InitProblem(f"--start '{start}' is not a date",
                                        "write it as YYYY-MM-DD, e.g. --start 2026-01-05"))
    for label, text in (("--organisation", organisation), ("--sector", sector)):
        if text is not None and not text.strip():
            problems.append(InitProblem(f"{label} is empty", f"leave {label} out, or give a name"))
    if problems or not name:
        return None, problems
    return NewOperation(
        name=name,
        directory=Path(directory) if directory else Path("specs") / name,
        start=first_day,
        organisation=organisation.strip() if organisation else None,
        sector=sector.strip() if sector else None,
        roles=tuple(seeds) or (DEFAULT_ROLE,),
    ), []


# --------------------------------------------------------------------------
# Where the schema is


def _repository_root(directory: Path) -> Path | None:
    for folder in (directory, *directory.parents):
        if (folder / ".git").exists():
            return folder
    return None


def find_schema(directory: Path) -> Path | None:
    """The nearest schema file walking up from ``directory`` (absolute), not
    past the root of its git repository."""
    root = _repository_root(directory)
    for folder in (directory, *directory.parents):
        candidate = folder / "schemas" / SPEC_SCHEMA_FILE
        if candidate.is_file():
            return candidate
        if folder == root:
            break
    return None


def schema_home(directory: Path, cwd: Path) -> Path:
    """Where to write the schema when none is found: ``schemas/`` at the
    repository root, else under ``cwd``, else in ``directory`` itself."""
    root = _repository_root(directory)
    if root is not None:
        return root / "schemas"
    try:
        directory.relative_to(cwd)
    except ValueError:
        return directory / "schemas"
    return cwd / "schemas"


def schema_reference(directory: Path, schema: Path) -> str:
    """The modeline's path from ``directory`` to ``schema``, with forward slashes."""
    try:
        return Path(os.path.relpath(schema, directory)).as_posix()
    except ValueError:  # another drive, on Windows
        return schema.as_uri()


# --------------------------------------------------------------------------
# The context and the templates


def _scalar(text: str) -> str:
    """``text`` as a YAML value in block context: plain when that reads back
    as the same text, double-quoted otherwise."""
    if "\n" not in text and text == text.strip():
        document = load_text(f"value: {text}\n")
        if document.ok and document.data == {"value": text}:
            return text
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    """``text`` fit for a comment line: whitespace runs, line breaks included, as one space."""
    return " ".join(text.split())


def template_context(request: NewOperation, schema_ref: str, shown_directory: str) -> dict[str, Any]:
    """Everything the templates show, as plain values; dates in ISO form."""
    start = request.start

    def day(offset: int) -> str:
        return (start + timedelta(days=offset)).isoformat()

    roles = [{"id": role.id, "title": _scalar(role.title)} for role in request.roles]
    return {
        "schema_reference": schema_ref,
        "directory": _one_line(shown_directory),
        "name": request.name,
        "organisation": _scalar(request.organisation) if request.organisation else None,
        "sector": _scalar(request.sector) if request.sector else None,
        "heading": _one_line(request.organisation or request.name),
        "owner": roles[0],
        "other_roles": roles[1:],
        "escalation_role": roles[1]["id"] if len(roles) > 1 else None,
        "dates": {
            # Phase 1, weeks 1-6: Foundation build, first workflow, training starts.
            "foundation_starts": day(0),
            "foundation_ends": day(41),
            # Phase 2, weeks 7-16: whole team trained, loop running, adoption at 70%+.
            "adoption_starts": day(42),
            "adoption_ends": day(111),
            # From month 4 (week 17): readiness confirmed, the redesign begins.
            "redesign_starts": day(112),
            "first_workflow_live": day(14),
            "informal_allocation": day(112),
            "informal_expansion": day(119),
            "formal_redesign": day(182),
        },
    }


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("redesign", "templates/init"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


def render_specs(context: dict[str, Any]) -> dict[str, str]:
    """The text of ``pre.yaml`` and ``post.yaml`` for ``context``."""
    environment = _environment()
    return {name: environment.get_template(f"{name}.j2").render(context) for name in SPEC_FILES}


# --------------------------------------------------------------------------
# Writing the pair


def scaffold_operation(request: NewOperation, *, force: bool = False,
                       cwd: Path | None = None) -> Scaffold:
    """Write ``pre.yaml`` and ``post.yaml`` into the request's directory.

    Nothing is written when either file exists and ``force`` is false.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    directory = request.directory
    absolute = Path(os.path.abspath(here / directory))
    result = Scaffold(directory=directory)
    if absolute.exists() and not absolute.is_dir():
        result.problems.append(InitProblem(f"{display_path(directory)} is a file, not a directory",
                                           "choose another --dir"))
        return result
    existing = [directory / name for name in SPEC_FILES if (absolute / name).exists()]
    if existing and not force:
        listed = " and ".join(display_path(path) for path in existing)
        result.problems.append(InitProblem(
            f"{listed} already exist{'s' if len(existing) == 1 else ''}",
            "pass --force to overwrite, or choose another --dir"))
        return result
    try:
        absolute.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        result.problems.append(_cannot_write(directory, error))
        return result
    schema = find_schema(absolute)
    if schema is None:
        home = schema_home(absolute, Path(os.path.abspath(here)))
        try:
            written = write_changed(
                {home / SPEC_SCHEMA_FILE: schema_documents()[SPEC_SCHEMA_FILE]})
        except OSError as error:
            result.problems.append(_cannot_write(_relative_to(home, here), error))
            return result
        result.schemas_written = [_relative_to(path, here) for path in written]
        schema = home / SPEC_SCHEMA_FILE
    context = template_context(request, schema_reference(absolute, schema), display_path(directory))
    for name, text in render_specs(context).items():
        try:
            write_atomic(absolute / name, text)
        except OSError as error:
            result.problems.append(_cannot_write(directory / name, error))
            return result
        result.written.append(directory / name)
    return result


def _cannot_write(path: Path, error: OSError) -> InitProblem:
    return InitProblem(f"cannot write {display_path(path)}: {error.strerror or error}",
                       "check that the directory is writable")


def _relative_to(path: Path, here: Path) -> Path:
    try:
        return path.relative_to(os.path.abspath(here))
    except ValueError:
        return path
