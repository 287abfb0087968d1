"""Whole words in capitals that are ordinary words, not abbreviations: «ВАЖНО», «ОБРАЩАЕМ ВНИМАНИЕ»."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, Token, fold
from ..engine.model import Hit
from ..engine.python import python_check
from .common import sentences_of

_CYRILLIC_CAPS = re.compile(r"^[А-ЯЁ]+(?:-[А-ЯЁ]+)*$")
_VOWELS = re.compile(r"[АЕЁИОУЫЭЮЯ]")
_NOT_WORDS = frozenset({"Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init", "Trad"})


@python_check("caps_words", options={"min_letters": 3, "allow": []})
def caps_words(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Runs of capitalised dictionary words; abbreviations, names and words in `allow` pass."""
    allow = {fold(w) for w in options["allow"]}
    for tokens in sentences_of(doc):
        run: list[Token] = []
        for token in tokens + [None]:  # None flushes the last run
            if token is not None and _shouting(token, options["min_letters"], allow):
                run.append(token)
                continue
            if token is not None and token.kind != WORD and run and token.text in ",-—":
                continue
            if run:
                words = " ".join(t.text for t in run)
                yield Hit(run[0].start, run[-1].end, suggestion=words.lower().capitalize() if run[0] is tokens[0] else words.lower())
                run = []


def _shouting(token: Token, min_letters: int, allow: set[str]) -> bool:
    text = token.text
    if token.kind != WORD or len(text) < min_letters or not _CYRILLIC_CAPS.match(text):
        return False
    if not _VOWELS.search(text) or fold(text) in allow:
        return False
    m = token.morph
    if not m.known:
        return False
    return not any(_NOT_WORDS & p.grammemes for p in m.parses)
