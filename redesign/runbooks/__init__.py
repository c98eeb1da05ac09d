"""Runbooks: the operation in a spec, written for the people who run it.

``compile_paths(specs, output_root)`` checks and compiles specs the way
``redesign compile`` does. Underneath, ``compile_runbooks(operation, fmt)``
returns the pages (an index, one runbook per workflow, one "your day" page
per role) as ``{path: text}`` and ``write_runbooks(pages, directory)``
writes them atomically. See docs/compile.md.
"""

from .environment import FORMATS, get_env, template_directory
from .render import (
    CompiledSpec,
    CompileOutcome,
    RunbookConflictError,
    RunbookOutputError,
    RunbookTemplateError,
    compile_paths,
    compile_runbooks,
    runbook_count,
    write_runbooks,
)

__all__ = [
    "FORMATS", "CompileOutcome", "CompiledSpec", "RunbookConflictError", "RunbookOutputError",
    "RunbookTemplateError", "compile_paths", "compile_runbooks", "get_env", "runbook_count",
    "template_directory", "write_runbooks",
]
