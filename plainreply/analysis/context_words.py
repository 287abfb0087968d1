"""Word lists of the context layer: `rules/context/*.yaml`, read once per process."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from ..resources import rules_dir
from .morph import fold


@lru_cache(maxsize=None)
def _context_file(file: str) -> dict:
    """`rules/context/<file>.yaml`, parsed once: several lists come from each file."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it
    with (rules_dir() / "context" / f"{file}.yaml").open(encoding="utf-8") as f:
        return yaml.load(f, Loader=loader) or {}


@lru_cache(maxsize=None)
def word_list(file: str, key: str) -> tuple[str, ...]:
    """The list `key` of `rules/context/<file>.yaml`, in file order."""
    return tuple(str(item) for item in _context_file(file).get(key, ()))


@lru_cache(maxsize=None)
def folded_set(file: str, key: str) -> frozenset[str]:
    return frozenset(fold(word) for word in word_list(file, key))


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words, the longest first (so «пр-т» wins over «пр»)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def first_letters(words: tuple[str, ...]) -> str:
    """A lookahead of the letters the words start with, in both cases. A pattern that opens with
    it lets re skip the other positions quickly (several times faster on long documents)."""
    letters = {w[0].lower() for w in words} | {w[0].upper() for w in words}
    return "(?=[" + "".join(sorted(re.escape(ch) for ch in letters)) + "])"
