"""Small helpers the Python checks share."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import Iterable, Iterator

from ..analysis import WORD, Document, Sentence, Token

_START = attrgetter("start")
_FIRST_TOKEN = attrgetter("first_token")


def sentences_of(doc: Document) -> "list[list[Token]]":
    """The tokens of each sentence, sentence by sentence."""
    return [doc.sentence_tokens(s) for s in doc.sentences]


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
    i = 0
    while i < len(tokens):
        sentence = doc.sentences[bisect_right(doc.sentences, tokens[i].index, key=_FIRST_TOKEN) - 1]
        positions = []
        while i < len(tokens) and tokens[i].index < sentence.last_token:
            positions.append(tokens[i].index - sentence.first_token)
            i += 1
        yield doc.sentence_tokens(sentence), positions


def sentences_holding(doc: Document, indexes: Iterable[int]) -> Iterator[tuple[Sentence, list[int]]]:
    """The sentences that hold the tokens at `indexes` (ascending), each with the positions of
    those tokens in it: a check that needs a few words reads only their sentences."""
    sentence: Sentence | None = None
    positions: list[int] = []
    for i in indexes:
        if sentence is None or i >= sentence.last_token:
            if positions:
                yield sentence, positions
            sentence = doc.sentences[bisect_right(doc.sentences, i, key=_FIRST_TOKEN) - 1]
            positions = []
        positions.append(i - sentence.first_token)
    if sentence is not None and positions:
        yield sentence, positions
