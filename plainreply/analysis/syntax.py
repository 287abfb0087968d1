"""Dependency syntax from natasha, loaded only when an enabled rule asks for it.

Loading the embeddings and the parser takes about a second and some 100 MB, so the
import happens inside `parser()`, never at module import.
"""

from __future__ import annotations

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
        from natasha import NewsEmbedding, NewsSyntaxParser

        _parser = NewsSyntaxParser(NewsEmbedding())
    return _parser


def parse_sentences(sentences: Sequence[Sequence[tuple[int, str]]]) -> dict[int, Dependency]:
    """Parse sentences given as (token index, token text) pairs; return a dependency per token index."""
    result: dict[int, Dependency] = {}
    items = [[text for _, text in sentence] for sentence in sentences if sentence]
    indexed = [sentence for sentence in sentences if sentence]
    for sentence, markup in zip(indexed, parser().map(items)):
        local_to_doc = {str(k + 1): index for k, (index, _) in enumerate(sentence)}
        for (index, _), token in zip(sentence, markup.tokens):
            head = local_to_doc.get(token.head_id.split("_")[-1])
            result[index] = Dependency(head=head, rel=token.rel)
    return result
