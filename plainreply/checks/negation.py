"""Negative constructions: «не» with a verb or a predicate word, «нет», «нельзя» and double
negation («ничего не …»). Set phrases with ready positive wording live in rules/negative.yaml;
this check finds the rest."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, fold
from ..engine.model import Hit
from ..engine.python import python_check
from .common import sentences_of

_PREDICATE_POS = frozenset({"VERB", "INFN", "PRTS", "ADJS", "PRED", "GRND"})
_NEGATIVE_PRONOUN_PREFIXES = ("ничего", "ничем", "ничто", "никто", "никого", "никому", "никем",
                              "никогда", "нигде", "никуда", "никак", "ни")


@python_check(
    "negation",
    options={"ignore_after_ne": [], "standalone": ["нет", "нельзя"], "double_suggestion": "", "suggestion": ""},
)
def negation(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """«не» + verb, participle, short adjective or predicate word; the words in `standalone`;
    a negative pronoun with «не» in one sentence reported once, as double negation."""
    ignore = {fold(w) for w in options["ignore_after_ne"]}
    standalone = {fold(w) for w in options["standalone"]}
    for tokens in sentences_of(doc):
        negative_pronoun = None
        for k, token in enumerate(tokens):
            if token.kind != WORD:
                continue
            key = fold(token.text)
            if key in _NEGATIVE_PRONOUN_PREFIXES and key != "ни" and negative_pronoun is None:
                negative_pronoun = k
            if key == "не" and k + 1 < len(tokens) and tokens[k + 1].kind == WORD:
                following = tokens[k + 1]
                if fold(following.text) in ignore or fold(following.morph.lemma) in ignore:
                    continue
                if following.morph.parses[0].pos in _PREDICATE_POS or following.morph.has("PRTS"):
                    if negative_pronoun is not None and k - negative_pronoun <= 3:
                        yield Hit(tokens[negative_pronoun].start, following.end,
                                  suggestion=options["double_suggestion"], values={"detail": "двойное отрицание"})
                        negative_pronoun = None
                    else:
                        yield Hit(token.start, following.end, suggestion=options["suggestion"])
            elif key in standalone:
                yield Hit(token.start, token.end, suggestion=options["suggestion"])
