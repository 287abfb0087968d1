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

# What a word can be in a chain: bit flags worked out once per token text (`_ChainWords.facts`).
_ATTRIBUTE = 1  # read first as an adjective or a participle
_MAYBE_ATTRIBUTE = 2  # has a genitive adjective or participle reading
_CHAIN_NOUN = 4  # a genitive noun that may stand in a chain: no name or abbreviation, no likelier other word
_OPENS_BREAK = 8  # one of `breaks` may start here
_OPENS_SET_PHRASE = 16  # one of `set_phrases` may start here
# Without one of these a word only ends a chain; an unknown word has none.
_MAY_JOIN = _ATTRIBUTE | _MAYBE_ATTRIBUTE | _CHAIN_NOUN | _OPENS_BREAK | _OPENS_SET_PHRASE
_NOUN_GENITIVE = 32  # has a genitive noun reading (known or not: what may follow an attribute)
_GENITIVE = 64  # has some genitive reading: an attribute that agrees with a genitive noun
_CAPITALISED = 128  # inside a sentence, usually part of a name


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
        for chain in _chains(doc.tokens, sentence.first_token, sentence.last_token, words, options["min_nouns"]):
            yield Hit(chain[0].start, chain[-1].end,
                      suggestion=_advice(chain, options["_verbs"], options["suggestion"]),
                      values={"detail": str(len(chain))})


def _chains(tokens: list[Token], first: int, end: int, words: _ChainWords, min_nouns: int) -> Iterator[list[Token]]:
    """The runs of at least `min_nouns` genitive nouns in tokens[first:end] (one sentence)."""
    chain: list[Token] = []
    attributes: list[int] = []  # the facts of the attributes since the last noun
    skip_until = -1
    first_word = first
    while first_word < end and tokens[first_word].kind != WORD:
        first_word += 1
    remembered = words.remembered
    for k in range(first, end):
        if k < skip_until:
            continue
        token = tokens[k]
        facts = remembered.get(token.text, -1) if token.kind == WORD else 0
        if facts < 0:
            facts = words.facts(token)
        if facts & _MAY_JOIN and not (k > first_word and facts & _CAPITALISED):
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
                if facts & _CHAIN_NOUN and _agree(attributes) \
                        and (chain or _may_open(tokens, first, k - len(attributes))):
                    chain.append(token)
                    attributes = []
                    continue
        if chain:
            if len(chain) >= min_nouns:
                yield chain
            chain = []
        if attributes:
            attributes = []
    if len(chain) >= min_nouns:
        yield chain


class _ChainWords:
    """The phrase lists of the rule and what each word can be in a chain, remembered per token text."""

    def __init__(self, set_phrases: PhraseIndex, breaks: PhraseIndex):
        self.set_phrases = set_phrases
        self.breaks = breaks
        self.remembered: dict[str, int] = {}  # token text → facts

    def facts(self, token: Token) -> int:
        """The bit flags above for the token's text (its form and its capitalisation)."""
        facts = self.remembered.get(token.text)
        if facts is None:
            if len(self.remembered) >= _FORMS_KEPT:
                self.remembered.clear()
            facts = self.remembered[token.text] = self._work_out(token)
        return facts

    def _work_out(self, token: Token) -> int:
        m = token.morph
        facts = _CAPITALISED if token.text[:1].isupper() else 0
        if m.parses[0].pos in _ATTRIBUTE_POS:
            facts |= _ATTRIBUTE
        chain_reading = False
        for parse in m.parses:
            grammemes = parse.grammemes
            if "gent" not in grammemes:
                continue
            facts |= _GENITIVE
            if "ADJF" in grammemes or "PRTF" in grammemes:
                facts |= _MAYBE_ATTRIBUTE
            if "NOUN" in grammemes:
                facts |= _NOUN_GENITIVE
            if parse.pos == "NOUN" and not (_NAME_TAGS & grammemes):
                chain_reading = True
        abbreviation = token.text.isupper() and len(token.text) > 1
        # «стали»: a genitive noun reading is not enough when another word is far likelier
        likelier_other = m.parses[0].pos not in ("NOUN", None) and m.parses[0].score > 0.5
        if chain_reading and not abbreviation and not likelier_other:
            facts |= _CHAIN_NOUN
        keys = (*m.keys, "=" + token.key)  # its lemmas and its form, then the exact form
        if any(key in self.breaks for key in keys):
            facts |= _OPENS_BREAK
        if any(key in self.set_phrases for key in keys):
            facts |= _OPENS_SET_PHRASE
        if not m.known:
            facts &= ~_MAY_JOIN
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


def _agree(attributes: list[int]) -> bool:
    """The attributes before a genitive noun (their facts) may be genitive too."""
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
