"""Small helpers the Python checks share."""

from __future__ import annotations

from ..analysis import WORD, Document, Token


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
