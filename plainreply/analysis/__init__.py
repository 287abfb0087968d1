"""Text in → paragraphs, sentences, tokens, morphology, and syntax on demand."""

from .document import Document, analyze, syllables
from .morph import Morph, fold, morph
from .segment import LINK, NUMBER, PUNCT, SYMBOL, WORD, Paragraph, Sentence, Token

__all__ = [
    "Document", "analyze", "syllables", "Morph", "fold", "morph",
    "Paragraph", "Sentence", "Token", "WORD", "NUMBER", "PUNCT", "LINK", "SYMBOL",
]
