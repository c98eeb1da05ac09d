"""Pairing the things of two states by id, and finding renames.

Things are paired by id first. Among what is left, a thing whose id changed
but whose identity did not is paired as a rename: each kind of thing has
one or more *identity keys* (a role's title, a step's type, actor and
outputs), tried in order, and an old and a new thing are paired when they
share a key that no other unpaired thing on either side has. A key that is
ambiguous pairs nothing, so a rename is only ever reported when it is the
one reading of the spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Generic, Hashable, Iterable, Sequence, TypeVar

Thing = TypeVar("Thing")

#: One identity key: how to compute it on an old thing and on a new one
#: (old things see their references translated into the new state's ids).
IdentityKey = tuple[Callable[[Thing], Hashable | None], Callable[[Thing], Hashable | None]]


@dataclass
class Pairing(Generic[Thing]):
    """Old and new things paired: ``pairs`` (old, new), what only one side has,
    and ``renamed`` (old id -> new id) for the pairs found by identity."""

    pairs: list[tuple[Thing, Thing]] = field(default_factory=list)
    removed: list[Thing] = field(default_factory=list)
    added: list[Thing] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)


def pair_things(
    old: Sequence[Thing],
    new: Sequence[Thing],
    old_id: Callable[[Thing], str],
    new_id: Callable[[Thing], str],
    identity_keys: Iterable[IdentityKey] = (),
) -> Pairing[Thing]:
    """Pair ``old`` and ``new`` things by id, then by each identity key in turn."""
    new_by_id = {new_id(thing): thing for thing in new}
    pairing: Pairing[Thing] = Pairing()
    paired_new: set[int] = set()
    unpaired_old: list[Thing] = []
    for thing in old:
        match = new_by_id.get(old_id(thing))
        if match is not None and id(match) not in paired_new:
            pairing.pairs.append((thing, match))
            paired_new.add(id(match))
        else:
            unpaired_old.append(thing)
    unpaired_new = [thing for thing in new if id(thing) not in paired_new]
    for old_key, new_key in identity_keys:
        if not unpaired_old or not unpaired_new:
            break
        old_by_key = _unique_by_key(unpaired_old, old_key)
        new_by_key = _unique_by_key(unpaired_new, new_key)
        matched_old: set[int] = set()
        matched_new: set[int] = set()
        for thing in unpaired_old:
            key = old_key(thing)
            if key is None or key not in old_by_key or key not in new_by_key:
                continue
            match = new_by_key[key]
            pairing.pairs.append((thing, match))
            pairing.renamed[old_id(thing)] = new_id(match)
            matched_old.add(id(thing))
            matched_new.add(id(match))
        unpaired_old = [t for t in unpaired_old if id(t) not in matched_old]
        unpaired_new = [t for t in unpaired_new if id(t) not in matched_new]
    pairing.removed = unpaired_old
    pairing.added = unpaired_new
    return pairing


def _unique_by_key(things: Sequence[Thing], key: Callable[[Thing], Hashable | None]) -> dict:
    seen: dict[Hashable, Thing] = {}
    ambiguous: set[Hashable] = set()
    for thing in things:
        value = key(thing)
        if value is None:
            continue
        if value in seen:
            ambiguous.add(value)
        seen[value] = thing
    return {value: thing for value, thing in seen.items() if value not in ambiguous}


def plain_words(text: str | None) -> str | None:
    """A title compared as words: case and spacing ignored; ``None`` when empty."""
    if not text:
        return None
    return re.sub(r"\s+", " ", text).strip().lower() or None
