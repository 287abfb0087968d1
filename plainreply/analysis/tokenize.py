"""razdel's tokens, with the work for each whitespace-separated chunk done once per process.

razdel never joins atoms across whitespace, and its rules look past a chunk's edge at one atom
only, when the chunk begins or ends with a dash, an underscore, a dot, a comma or a slash
(«кто -то», «1 ,5»), and then only at that atom's type (Cyrillic, Latin, number, punctuation,
other). So the tokens of a chunk depend on the chunk and, in those cases, on the type of the
neighbouring character: a chunk read once is read the same way everywhere. Official letters
repeat their words: most chunks come from the cache.
"""

from __future__ import annotations

import re
from .. import regexes
from functools import lru_cache
from typing import Iterator

import razdel
from razdel.segmenters.punct import DASHES
from razdel.segmenters.tokenize import ATOM, PUNCTS

# razdel's Rule2112 looks one atom past these: «кто -то» is one token «-то», «- то» two.
_LOOKS_AROUND = frozenset(DASHES + "_.,/\\")


def tokenize(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each token of text[start:end], exactly as razdel.tokenize gives them
    for that slice, with offsets into `text`."""
    for at, pieces in chunk_tokens(text, start, len(text) if end is None else end):
        for offset, piece in pieces:
            yield at + offset, at + offset + len(piece), piece


def chunk_tokens(text: str, start: int, end: int) -> list[tuple[int, tuple[tuple[int, str], ...]]]:
    """The whitespace-separated chunks of text[start:end], each as its offset into `text` and its
    tokens as (offset into the chunk, text): what `tokenize` yields, one level up, for a caller
    that reads a chunk's tokens in one go."""
    span = text[start:end]
    chunks = span.split()  # str.split and the regex \S+ agree on what whitespace is
    find, looks_around = span.find, _LOOKS_AROUND
    last = len(chunks) - 1
    result = []
    add = result.append
    at = 0
    for i, chunk in enumerate(chunks):
        at = find(chunk, at)
        before = _stand_in(chunks[i - 1][-1]) if i > 0 and chunk[0] in looks_around else ""
        after = _stand_in(chunks[i + 1][0]) if i < last and chunk[-1] in looks_around else ""
        add((start + at, _pieces(before, chunk, after)))
        at += len(chunk)
    return result


# One character of each atom type: razdel's rules read a neighbour's type, never its text.
_STAND_INS = {"RU": "а", "LAT": "a", "INT": "1", "PUNCT": ".", "OTHER": "§"}


@lru_cache(maxsize=4096)
def _stand_in(char: str) -> str:
    match = ATOM.match(char)
    return _STAND_INS[match.lastgroup] if match and match.lastgroup else ""


_WORD_ATOM = regexes.compile(r"[а-яё]+|[a-z]+", re.IGNORECASE)  # razdel's RU and LAT atoms
# A mark next to a word that no rule of razdel joins to it: not a dash, underscore, dot, comma or
# slash (its Rule2112 marks, that look past the word) and a punctuation atom, not «other».
_LONE_MARKS = frozenset(ch for ch in PUNCTS if ch not in _LOOKS_AROUND)


@lru_cache(maxsize=131_072)
def _pieces(before: str, chunk: str, after: str) -> tuple[tuple[int, str], ...]:
    if ATOM.fullmatch(chunk):
        return ((0, chunk),)  # one atom («обращение», «2026», «,»): nothing to split
    # The commonest chunks of two atoms, split without razdel: «обращения,» «участка.» «(ранее»
    last, first = chunk[-1], chunk[0]
    if (last in _LONE_MARKS or last in ".,") and _WORD_ATOM.fullmatch(chunk, 0, len(chunk) - 1) \
            and not (last == "!" and chunk[:-1].lower() == "yahoo"):
        return ((0, chunk[:-1]), (len(chunk) - 1, last))
    if first in _LONE_MARKS and _WORD_ATOM.fullmatch(chunk, 1):
        return ((0, first), (1, chunk[1:]))
    prefix = before + " " if before else ""
    end = len(prefix) + len(chunk)
    return tuple(
        (token.start - len(prefix), token.text)
        for token in razdel.tokenize(prefix + chunk + (" " + after if after else ""))
        if len(prefix) <= token.start and token.stop <= end
    )
