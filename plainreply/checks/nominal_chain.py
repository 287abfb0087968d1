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


@python_check("nominal_chain", options={"min_nouns": 3, "suggestion": "", "set_phrases": [],
                                       "breaks": [], "verbs": {}})
def nominal_chain(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Reports runs of at least `min_nouns` genitive nouns; agreeing adjectives and
    participles may stand between them, anything else ends the run. `set_phrases` (adjective +
    noun: «общего пользования») count as an adjective; `breaks` («точка зрения») end a run;
    `verbs` (verbal noun → verb) make the advice fit the chain."""
    phrases = _by_first_word(options["set_phrases"])
    breaks = _by_first_word(options["breaks"])
    verbs = {fold(k): v for k, v in options["verbs"].items()}
    for tokens in sentences_of(doc):
        chain: list[Token] = []
        attributes: list[Token] = []
        skip_until = -1
        for k, token in enumerate(tokens + [None]):  # None flushes the last chain
            if k < skip_until:
                continue
            if token is not None and token.kind == WORD and not capitalized_inside(tokens, k) and token.morph.known:
                broken = _starts(tokens, k, breaks)
                if broken is not None:
                    skip_until = k + broken  # the chain is flushed below; the compound preposition is skipped
                else:
                    length = _starts(tokens, k, phrases)
                    if length is not None:
                        # «дорог общего пользования», «систем видео наблюдения»: one noun with its attribute
                        if chain:
                            attributes = []
                        skip_until = k + length
                        continue
                    if _attribute(tokens, k):
                        attributes.append(token)
                        continue
                    if _genitive_noun(token, attributes) and (chain or _may_open(tokens, k - len(attributes))):
                        chain.append(token)
                        attributes = []
                        continue
            if len(chain) >= options["min_nouns"]:
                yield Hit(chain[0].start, chain[-1].end, suggestion=_advice(chain, verbs, options["suggestion"]),
                          values={"detail": str(len(chain))})
            chain, attributes = [], []


PhraseIndex = dict[str, list[tuple[str, ...]]]


def _by_first_word(phrases: list[str]) -> PhraseIndex:
    """Phrases keyed by their first word, so each token looks up only the phrases it can open."""
    index: PhraseIndex = {}
    for phrase in phrases:
        words = tuple(fold(w) for w in phrase.split())
        index.setdefault(words[0], []).append(words)
    return index


def _starts(tokens: list[Token], k: int, phrases: PhraseIndex) -> int | None:
    """The length of the phrase from `phrases` that starts at k (by lemma; «=видео»: this form), or None."""
    if not phrases:
        return None
    token = tokens[k]
    for key in (*token.morph.keys, "=" + token.key):  # its lemmas and its form, then the exact form
        for phrase in phrases.get(key, ()):
            words = tokens[k:k + len(phrase)]
            if len(words) == len(phrase) and all(w.kind == WORD and _word_is(w, p) for w, p in zip(words, phrase)):
                return len(phrase)
    return None


def _word_is(token: Token, entry: str) -> bool:
    if entry.startswith("="):
        return token.key == entry[1:]
    return token.key == entry or entry in token.morph.lemmas


def _attribute(tokens: list[Token], k: int) -> bool:
    """An adjective or a participle; a word that reads both ways («малого», «данных») is one when
    a genitive noun or «и» follows («малого и среднего предпринимательства»)."""
    m = tokens[k].morph
    if m.parses[0].pos in _ATTRIBUTE_POS:
        return True
    if not (m.has("ADJF", "gent") or m.has("PRTF", "gent")):
        return False
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if following is None or following.kind != WORD:
        return False
    return following.key in ("и", "или") or following.morph.has("NOUN", "gent")


def _advice(chain: list[Token], verbs: Mapping[str, str], default: str) -> str:
    """Name the verbal noun of the chain that a verb can replace: «замените «действия» глаголом («действовать»)»."""
    for token in chain:
        verb = verbs.get(token.morph.lemma)
        if verb:
            return (f"{len(chain)} существительных подряд: замените «{token.text}» глаголом "
                    f"(«{verb}») или разбейте фразу на две")
    return default or f"{len(chain)} существительных подряд: разбейте фразу или уберите лишнее слово"


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
        return previous.key in _GENITIVE_PREPOSITIONS
    return True
