"""The one Jinja environment runbooks are rendered in.

Always a sandbox (:class:`~jinja2.sandbox.ImmutableSandboxedEnvironment`),
for the packaged templates as for a user's (``--templates DIR``): a template
can lay out its context but not reach Python internals or change anything.
Undefined names are errors (``StrictUndefined``), so a typo in a template
fails the compile instead of printing nothing.

HTML is autoescaped. Markdown has no autoescape of its own, so every value
a Markdown template prints goes through :func:`markdown_text` (the
environment's ``finalize``): spec text cannot start a heading, close a
table cell, open a link or inject HTML. A template marks text that is
already Markdown, such as the Mermaid source inside its fence, with
``|safe``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

#: Output formats and the file extension of their pages.
FORMATS = {"markdown": "md", "html": "html"}

#: Where the packaged templates live, inside the ``redesign`` package.
TEMPLATE_ROOT = "templates/runbooks"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#])")
_LINE_START = re.compile(r"^([-+=]|\d+[.)])(?=\s|$)")


def markdown_text(value: Any) -> str:
    """Plain text made inert in Markdown: whitespace collapsed to single spaces
    (so a value never ends a table row or starts a block), and the characters
    Markdown reads backslash-escaped."""
    text = " ".join(str(value).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    match = _LINE_START.match(text)
    if match:
        marker = match.group(1)
        text = (marker[:-1] + "\\" + marker[-1]) + text[len(marker):]
    return text


def _finalize_markdown(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    return markdown_text(value)


def template_directory(fmt: str) -> Path:
    """The packaged templates of one format (to copy and adapt)."""
    return Path(__file__).resolve().parent.parent / TEMPLATE_ROOT / fmt


def get_env(fmt: str, templates_dir: str | Path | None = None) -> ImmutableSandboxedEnvironment:
    """The environment for ``fmt`` (``markdown`` or ``html``): templates in
    ``templates_dir`` first, then the packaged ones."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown runbook format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    loaders = []
    if templates_dir is not None:
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders.append(PackageLoader("redesign", f"{TEMPLATE_ROOT}/{fmt}"))
    html = fmt == "html"
    return ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=html,
        finalize=None if html else _finalize_markdown,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
