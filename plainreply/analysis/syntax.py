"""Dependency syntax from natasha, loaded only when an enabled rule asks for it.

Loading the embeddings and the parser takes about a second and some 100 MB, so the
import happens inside `parser()`, never at module import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Sequence

_parser: Any = None


@dataclass(frozen=True, slots=True)
class Dependency:
    """The syntactic link of one token: its head (a token index in the document or None
    for the root) and the Universal Dependencies relation."""

    head: int | None
    rel: str


def parser() -> Any:
    global _parser
    if _parser is None:
        # numpy arrives with natasha: one BLAS thread, as the parser's small matrices gain nothing
        # from more, and idle BLAS threads spin on a machine that checks letters in parallel.
        # A value the user set wins.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from natasha import NewsEmbedding, NewsSyntaxParser

        _parser = NewsSyntaxParser(NewsEmbedding())
    return _parser


def parse_texts(sentences: Sequence[Sequence[str]]) -> list[list[Dependency]]:
    """Parse sentences given as token texts; heads are indexes into the same sentence."""
    result: list[list[Dependency]] = [[] for _ in sentences]
    indexed = [(k, list(sentence)) for k, sentence in enumerate(sentences) if sentence]
    for (k, words), markup in zip(indexed, parser().map([words for _, words in indexed])):
        heads = []
        for token in markup.tokens:
            local = int(token.head_id.split("_")[-1]) - 1
            heads.append(Dependency(head=local if 0 <= local < len(words) else None, rel=token.rel))
        result[k] = heads
    return result


def parse_sentences(sentences: Sequence[Sequence[tuple[int, str]]]) -> dict[int, Dependency]:
    """Parse sentences given as (token index, token text) pairs; return a dependency per token index."""
    result: dict[int, Dependency] = {}
    parsed = parse_texts([[text for _, text in sentence] for sentence in sentences])
    for sentence, dependencies in zip(sentences, parsed):
        for (index, _), dependency in zip(sentence, dependencies):
            head = sentence[dependency.head][0] if dependency.head is not None else None
            result[index] = Dependency(head=head, rel=dependency.rel)
    return result
