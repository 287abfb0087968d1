"""Phrase lists read from glossary files, compiled once when the rule loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import regexes
from ..engine.phrases import PhraseCheck, compile_entry

_NOTATION = regexes.compile(r"\[[^\]]*\]")


def phrase_check(path: Path, field: str, items: list[dict[str, Any]]) -> PhraseCheck:
    """Compile entries ({match, suggest, note, example}); errors name the glossary file and field."""
    return PhraseCheck([compile_entry(item, path, None, i, prefix=field) for i, item in enumerate(items)])


def display(match: str) -> str:
    """The plain words of a phrase written in the notation: «перераспределение земель|участок?» →
    «перераспределение земель»."""
    words = []
    for word in _NOTATION.sub("", match).split():
        if word.endswith("?") or word in ("...", "…"):
            continue
        words.append(word.split("|")[0].lstrip("="))
    return " ".join(words)
