"""Chains of nouns in the genitive: «срока действия договора аренды»."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, Token, fold
from ..engine.model import Hit
from ..engine.python import python_check

# Prepositions that take the genitive: a noun right after them may open a chain.
_GENITIVE_PREPOSITIONS = frozenset(
    "без близ вблизи вдоль вместо вне внутри возле вокруг впереди вроде для до из из-за из-под "
    "кроме между мимо напротив около от относительно позади после посреди помимо посредством "
    "против ради с со среди сверх свыше сзади у"
    .split()
)
_ATTRIBUTE_POS = frozenset({"ADJF", "PRTF"})
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init"})


PhraseIndex = dict[str, list[tuple[str, ...]]]
_FORMS_KEPT = 100_000  # word forms whose facts are remembered: bounded, an archive brings new words forever

# What a word form can be in a chain, worked out once per form (bit flags of `_ChainWords.facts`).
_KNOWN = 1  # in the dictionary: unknown words end a chain
_ATTRIBUTE = 2  # read first as an adjective or a participle
_MAYBE_ATTRIBUTE = 4  # has a genitive adjective or participle reading
_NOUN_GENITIVE = 8  # has a genitive noun reading
_CHAIN_NOUN = 16  # a genitive noun that may stand in a chain (no name, not likelier another word)
_GENITIVE = 32  # has some genitive reading: an attribute that agrees with a genitive noun
_OPENS_BREAK = 64  # one of `breaks` may start here
_OPENS_SET_PHRASE = 128  # one of `set_phrases` may start here
# A known word without these can only end a chain.
_MAY_JOIN = _ATTRIBUTE | _MAYBE_ATTRIBUTE | _CHAIN_NOUN | _OPENS_BREAK | _OPENS_SET_PHRASE


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    prepared = dict(options)
    prepared["_words"] = _ChainWords(_by_first_word(options["set_phrases"]), _by_first_word(options["breaks"]))
    prepared["_verbs"] = {fold(k): v for k, v in options["verbs"].items()}
    return prepared


@python_check("nominal_chain", options={"min_nouns": 3, "suggestion": "", "set_phrases": [],
                                       "breaks": [], "verbs": {}}, prepare=_prepare)
def nominal_chain(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Reports runs of at least `min_nouns` genitive nouns; agreeing adjectives and
    participles may stand between them, anything else ends the run. `set_phrases` (adjective +
    noun: «общего пользования») count as an adjective; `breaks` («точка зрения») end a run;
    `verbs` (verbal noun → verb) make the advice fit the chain."""
    words: _ChainWords = options["_words"]
    for sentence in doc.sentences:
        for chain in _chains(doc.tokens, sentence.first_token, sentence.last_token, words):
            if len(chain) >= options["min_nouns"]:
                yield Hit(chain[0].start, chain[-1].end,
                          suggestion=_advice(chain, options["_verbs"], options["suggestion"]),
                          values={"detail": str(len(chain))})


def _chains(tokens: list[Token], first: int, end: int, words: _ChainWords) -> Iterator[list[Token]]:
    """The runs of genitive nouns in tokens[first:end] (one sentence), of any length."""
    chain: list[Token] = []
    attributes: list[int] = []  # the facts of the attributes since the last noun
    skip_until = -1
    first_word = next((i for i in range(first, end) if tokens[i].kind == WORD), end)
    for k in range(first, end + 1):  # end flushes the last chain
        if k < skip_until:
            continue
        token = tokens[k] if k < end else None
        facts = words.facts(token) if token is not None and token.kind == WORD else 0
        if facts & _KNOWN and facts & _MAY_JOIN and not (k > first_word and token.text[:1].isupper()):
            # A capitalised word that does not open its sentence is usually part of a name.
            broken = _starts(tokens, k, end, words.breaks) if facts & _OPENS_BREAK else None
            if broken is not None:
                skip_until = k + broken  # the chain is flushed below; the compound preposition is skipped
            else:
                length = _starts(tokens, k, end, words.set_phrases) if facts & _OPENS_SET_PHRASE else None
                if length is not None:
                    # «дорог общего пользования», «систем видео наблюдения»: one noun with its attribute
                    if chain:
                        attributes = []
                    skip_until = k + length
                    continue
                if _attribute(tokens, k, end, facts, words):
                    attributes.append(facts)
                    continue
                if facts & _CHAIN_NOUN and _genitive_noun(token, attributes) \
                        and (chain or _may_open(tokens, first, k - len(attributes))):
                    chain.append(token)
                    attributes = []
                    continue
        if chain:
            yield chain
            chain = []
        if attributes:
            attributes = []


class _ChainWords:
    """The phrase lists of the rule and what each word form can be in a chain, remembered per form."""

    def __init__(self, set_phrases: PhraseIndex, breaks: PhraseIndex):
        self.set_phrases = set_phrases
        self.breaks = breaks
        self._facts: dict[str, int] = {}

    def facts(self, token: Token) -> int:
        """The bit flags above for the token's form: they depend on its folded text alone."""
        facts = self._facts.get(token.key)
        if facts is None:
            if len(self._facts) >= _FORMS_KEPT:
                self._facts.clear()
            facts = self._facts[token.key] = self._work_out(token)
        return facts

    def _work_out(self, token: Token) -> int:
        m = token.morph
        facts = _KNOWN if m.known else 0
        if m.parses[0].pos in _ATTRIBUTE_POS:
            facts |= _ATTRIBUTE
        if m.has("ADJF", "gent") or m.has("PRTF", "gent"):
            facts |= _MAYBE_ATTRIBUTE
        if m.has("NOUN", "gent"):
            facts |= _NOUN_GENITIVE
        if any(p.pos == "NOUN" and "gent" in p.grammemes and not (_NAME_TAGS & p.grammemes) for p in m.parses) \
                and not (m.parses[0].pos not in ("NOUN", None) and m.parses[0].score > 0.5):
            facts |= _CHAIN_NOUN
        if m.has("gent"):
            facts |= _GENITIVE
        keys = (*m.keys, "=" + token.key)  # its lemmas and its form, then the exact form
        if any(key in self.breaks for key in keys):
            facts |= _OPENS_BREAK
        if any(key in self.set_phrases for key in keys):
            facts |= _OPENS_SET_PHRASE
        return facts


def _by_first_word(phrases: list[str]) -> PhraseIndex:
    """Phrases keyed by their first word, so each token looks up only the phrases it can open."""
    index: PhraseIndex = {}
    for phrase in phrases:
        words = tuple(fold(w) for w in phrase.split())
        index.setdefault(words[0], []).append(words)
    return index


def _starts(tokens: list[Token], k: int, end: int, phrases: PhraseIndex) -> int | None:
    """The length of the phrase from `phrases` that starts at k and ends by `end` (by lemma;
    «=видео»: this form), or None."""
    token = tokens[k]
    for key in (*token.morph.keys, "=" + token.key):  # its lemmas and its form, then the exact form
        for phrase in phrases.get(key, ()):
            words = tokens[k:min(k + len(phrase), end)]
            if len(words) == len(phrase) and all(w.kind == WORD and _word_is(w, p) for w, p in zip(words, phrase)):
                return len(phrase)
    return None


def _word_is(token: Token, entry: str) -> bool:
    if entry.startswith("="):
        return token.key == entry[1:]
    return token.key == entry or entry in token.morph.lemmas


def _attribute(tokens: list[Token], k: int, end: int, facts: int, words: _ChainWords) -> bool:
    """An adjective or a participle; a word that reads both ways («малого», «данных») is one when
    a genitive noun or «и» follows («малого и среднего предпринимательства»)."""
    if facts & _ATTRIBUTE:
        return True
    if not facts & _MAYBE_ATTRIBUTE:
        return False
    following = tokens[k + 1] if k + 1 < end else None
    if following is None or following.kind != WORD:
        return False
    return following.key in ("и", "или") or bool(words.facts(following) & _NOUN_GENITIVE)


def _advice(chain: list[Token], verbs: Mapping[str, str], default: str) -> str:
    """Name the verbal noun of the chain that a verb can replace: «замените «действия» глаголом («действовать»)»."""
    for token in chain:
        verb = verbs.get(token.morph.lemma)
        if verb:
            return (f"{len(chain)} существительных подряд: замените «{token.text}» глаголом "
                    f"(«{verb}») или разбейте фразу на две")
    return default or f"{len(chain)} существительных подряд: разбейте фразу или уберите лишнее слово"


def _genitive_noun(token: Token, attributes: list[int]) -> bool:
    """A chain noun (its form has `_CHAIN_NOUN`) that is no abbreviation and agrees with its attributes."""
    if token.text.isupper() and len(token.text) > 1:
        return False
    return all(facts & _GENITIVE for facts in attributes)


def _may_open(tokens: list[Token], first: int, k: int) -> bool:
    """A chain may start at k (in the sentence from `first`) unless a preposition that does not
    take the genitive governs it."""
    if k <= first:
        return True
    previous = tokens[k - 1]
    if previous.kind != WORD:
        return True
    if previous.morph.parses[0].pos == "PREP":
        return previous.key in _GENITIVE_PREPOSITIONS
    return True
