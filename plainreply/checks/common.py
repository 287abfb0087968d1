"""Small helpers the Python checks share."""

from __future__ import annotations

from ..analysis import WORD, Document, Token, fold


def words_of(doc: Document) -> "list[list[Token]]":
    """Each sentence's tokens, in order."""
    return [doc.sentence_tokens(s) for s in doc.sentences]


def is_word(token: Token, *forms: str) -> bool:
    return token.kind == WORD and fold(token.text) in forms


def capitalized_inside(tokens: list[Token], k: int) -> bool:
    """A capitalised word that does not open its sentence: usually part of a name."""
    token = tokens[k]
    if not token.text[:1].isupper():
        return False
    return any(t.kind == WORD for t in tokens[:k])
