"""Small helpers the Python checks share."""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter
from typing import Iterable, Iterator

from ..analysis import WORD, Document, Token

_START = attrgetter("start")


def capitalized_inside(tokens: list[Token], k: int) -> bool:
    """A capitalised word that does not open its sentence: usually part of a name."""
    token = tokens[k]
    if not token.text[:1].isupper():
        return False
    # Stops at the first word of the sentence: no copy of the tokens before k.
    return any(tokens[i].kind == WORD for i in range(k))


def tokens_at(tokens: list[Token], offsets: Iterable[int]) -> Iterator[Token]:
    """The tokens that begin at one of `offsets` (ascending)."""
    for offset in offsets:
        i = bisect_left(tokens, offset, key=_START)
        if i < len(tokens) and tokens[i].start == offset:
            yield tokens[i]


def by_sentence(doc: Document, tokens: list[Token]) -> Iterator[tuple[list[Token], list[int]]]:
    """For `tokens` in text order: the tokens of each sentence that holds some of them, and where
    they stand in it. Sentences without any are not sliced."""
    for sentence, positions in doc.sentences_holding(t.index for t in tokens):
        yield doc.sentence_tokens(sentence), positions
