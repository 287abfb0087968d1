"""Chains of nouns in the genitive: «срока действия договора аренды»."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, Token, fold
from ..engine.model import Hit
from ..engine.python import python_check
from .common import capitalized_inside, sentences_of

# Prepositions that take the genitive: a noun right after them may open a chain.
_GENITIVE_PREPOSITIONS = frozenset(
    "без близ вблизи вдоль вместо вне внутри возле вокруг впереди вроде для до из из-за из-под "
    "кроме между мимо напротив около от относительно позади после посреди помимо посредством "
    "против ради с со среди сверх свыше сзади у"
    .split()
)
_ATTRIBUTE_POS = frozenset({"ADJF", "PRTF"})
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init"})


@python_check("nominal_chain", options={"min_nouns": 3, "suggestion": ""})
def nominal_chain(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Reports runs of at least `min_nouns` genitive nouns; agreeing adjectives and
    participles may stand between them, anything else ends the run."""
    for tokens in sentences_of(doc):
        chain: list[Token] = []
        attributes: list[Token] = []
        for k, token in enumerate(tokens + [None]):  # None flushes the last chain
            if token is not None and token.kind == WORD and not capitalized_inside(tokens, k):
                if token.morph.parses[0].pos in _ATTRIBUTE_POS:
                    attributes.append(token)
                    continue
                if _genitive_noun(token, attributes) and (chain or _may_open(tokens, k - len(attributes))):
                    chain.append(token)
                    attributes = []
                    continue
            if len(chain) >= options["min_nouns"]:
                yield Hit(chain[0].start, chain[-1].end, suggestion=options["suggestion"],
                          values={"detail": str(len(chain))})
            chain, attributes = [], []


def _genitive_noun(token: Token, attributes: list[Token]) -> bool:
    m = token.morph
    if token.text.isupper() and len(token.text) > 1:
        return False
    readings = [p for p in m.parses if p.pos == "NOUN" and "gent" in p.grammemes and not (_NAME_TAGS & p.grammemes)]
    if not readings:
        return False
    if m.parses[0].pos not in ("NOUN", None) and m.parses[0].score > 0.5:
        return False
    return all(a.morph.has("gent") for a in attributes)


def _may_open(tokens: list[Token], k: int) -> bool:
    """A chain may start here unless a preposition that does not take the genitive governs it."""
    if k <= 0:
        return True
    previous = tokens[k - 1]
    if previous.kind != WORD:
        return True
    if previous.morph.parses[0].pos == "PREP":
        return fold(previous.text) in _GENITIVE_PREPOSITIONS
    return True
