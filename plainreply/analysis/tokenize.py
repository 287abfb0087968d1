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
from functools import lru_cache
from typing import Iterator

import razdel
from razdel.segmenters.punct import DASHES
from razdel.segmenters.tokenize import ATOM

_CHUNK = re.compile(r"\S+")
# razdel's Rule2112 looks one atom past these: «кто -то» is one token «-то», «- то» two.
_LOOKS_AROUND = frozenset(DASHES + "_.,/\\")


def tokenize(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each token of text[start:end], exactly as razdel.tokenize gives them
    for that slice, with offsets into `text`."""
    chunks = [(m.start(), m.group()) for m in _CHUNK.finditer(text, start, len(text) if end is None else end)]
    last = len(chunks) - 1
    for i, (at, chunk) in enumerate(chunks):
        before = _stand_in(chunks[i - 1][1][-1]) if i > 0 and chunk[0] in _LOOKS_AROUND else ""
        after = _stand_in(chunks[i + 1][1][0]) if i < last and chunk[-1] in _LOOKS_AROUND else ""
        for offset, piece in _pieces(before, chunk, after):
            yield at + offset, at + offset + len(piece), piece


# One character of each atom type: razdel's rules read a neighbour's type, never its text.
_STAND_INS = {"RU": "а", "LAT": "a", "INT": "1", "PUNCT": ".", "OTHER": "§"}


@lru_cache(maxsize=4096)
def _stand_in(char: str) -> str:
    match = ATOM.match(char)
    return _STAND_INS[match.lastgroup] if match and match.lastgroup else ""


@lru_cache(maxsize=131_072)
def _pieces(before: str, chunk: str, after: str) -> tuple[tuple[int, str], ...]:
    if ATOM.fullmatch(chunk):
        return ((0, chunk),)  # one atom («обращение», «2026», «,»): nothing to split
    prefix = before + " " if before else ""
    end = len(prefix) + len(chunk)
    return tuple(
        (token.start - len(prefix), token.text)
        for token in razdel.tokenize(prefix + chunk + (" " + after if after else ""))
        if len(prefix) <= token.start and token.stop <= end
    )
