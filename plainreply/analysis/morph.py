"""Morphology with pymorphy3: every distinct word form is parsed once per process."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import pymorphy3

_analyzer: pymorphy3.MorphAnalyzer | None = None


def analyzer() -> pymorphy3.MorphAnalyzer:
    global _analyzer
    if _analyzer is None:
        # The dictionary's path given directly: pymorphy3 would otherwise search the installed
        # packages for it (about 30 ms of every start).
        import pymorphy3_dicts_ru

        _analyzer = pymorphy3.MorphAnalyzer(path=os.environ.get("PYMORPHY2_DICT_PATH") or pymorphy3_dicts_ru.get_path())
    return _analyzer


def fold(word: str) -> str:
    """Lower case with ё read as е: the key under which words are compared."""
    return word.lower().replace("ё", "е")


class Parse(NamedTuple):
    """One reading of a word form. A tuple: tens of thousands are built while a letter is read."""

    lemma: str
    pos: str | None
    grammemes: frozenset[str]
    score: float


@dataclass(frozen=True, slots=True)
class Morph:
    """All readings of one word form, the most probable first."""

    parses: tuple[Parse, ...]
    known: bool
    form: str = ""  # the folded word form
    lemmas: frozenset[str] = frozenset()
    keys: frozenset[str] = frozenset()  # the lemmas and the folded form: what phrase lists look up

    @property
    def lemma(self) -> str:
        return self.parses[0].lemma

    @property
    def pos(self) -> str | None:
        return self.parses[0].pos

    def has(self, *grammemes: str) -> bool:
        """True when some reading carries all the given grammemes (POS counts as a grammeme)."""
        wanted = set(grammemes)
        return any(wanted <= p.grammemes for p in self.parses)

    def best_has(self, *grammemes: str) -> bool:
        return set(grammemes) <= self.parses[0].grammemes


@lru_cache(maxsize=262_144)
def morph(word: str) -> Morph:
    """Parse a word form; the cache key is the folded form, so «Данный» and «данный» share one entry."""
    return _parse(fold(word))


@lru_cache(maxsize=262_144)
def _parse(key: str) -> Morph:
    raw = analyzer().parse(key)
    parses = tuple(Parse(fold(p.normal_form), *_tag_facts(p.tag), p.score) for p in raw)
    known = analyzer().word_is_known(key)
    lemmas = frozenset(p.lemma for p in parses)
    return Morph(parses=parses, known=known, form=key, lemmas=lemmas, keys=lemmas | {key})


_facts_of_tag: dict[Any, tuple[str | None, frozenset[str]]] = {}


def _tag_facts(tag: Any) -> tuple[str | None, frozenset[str]]:
    """The part of speech and grammemes of a pymorphy3 tag; there are a few thousand tags, each
    shared by many forms, so each is read once."""
    facts = _facts_of_tag.get(tag)
    if facts is None:
        facts = _facts_of_tag[tag] = (str(tag.POS) if tag.POS else None, frozenset(tag.grammemes))
    return facts


def inflect(lemma: str, grammemes: set[str] | frozenset[str], pos: str | None = None) -> str | None:
    """The form of `lemma` with the given grammemes, or None when pymorphy3 cannot build it."""
    return _inflect(lemma, frozenset(grammemes), pos)


@lru_cache(maxsize=65_536)
def _inflect(lemma: str, grammemes: frozenset[str], pos: str | None) -> str | None:
    for parse in analyzer().parse(lemma):
        if fold(parse.normal_form) != fold(lemma):
            continue
        if pos and parse.tag.POS != pos:
            continue
        form = parse.inflect(grammemes)
        if form is not None:
            return form.word
    return None


@lru_cache(maxsize=65_536)
def is_verb_lemma(lemma: str, *grammemes: str) -> bool:
    """True when `lemma` is a dictionary infinitive with the given grammemes (e.g. 'tran')."""
    for parse in analyzer().parse(lemma):
        if parse.tag.POS == "INFN" and parse.normal_form == lemma and analyzer().word_is_known(lemma):
            if set(grammemes) <= set(parse.tag.grammemes):
                return True
    return False


def _nominative_parse(word: str):
    parses = analyzer().parse(word)
    for parse in parses:
        if parse.tag.POS in ("NOUN", "ADJF", "PRTF") and "nomn" in parse.tag:
            return parse
    return parses[0] if parses else None


def _head_prefix_length(words: list[str]) -> int:
    """How many words lead up to and include the head noun: they change with case."""
    for i, word in enumerate(words):
        parse = _nominative_parse(word)
        if parse is not None and parse.tag.POS == "NOUN":
            return i + 1
    return 0


def _restore_case(original: str, form: str) -> str:
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def inflect_phrase(phrase: str, case: str) -> str:
    """Put a nominative noun phrase into `case`: «Единый государственный реестр недвижимости»
    → gent «Единого государственного реестра недвижимости». Words after the head noun stay."""
    if case == "nomn":
        return phrase
    words = phrase.split()
    head = _head_prefix_length(words)
    wanted = {case}
    if case == "accs" and head:
        # An adjective in the accusative follows the noun's animacy: «через многофункциональный центр».
        noun = _nominative_parse(words[head - 1])
        if noun is not None and ("masc" in noun.tag or "plur" in noun.tag):
            wanted |= {"anim"} if "anim" in noun.tag else {"inan"}
    result = []
    for i, word in enumerate(words):
        if i < head:
            parse = _nominative_parse(word)
            form = parse.inflect(wanted) or parse.inflect({case}) if parse is not None else None
            result.append(_restore_case(word, form.word) if form is not None else word)
        else:
            result.append(word)
    return " ".join(result)


def agree_phrase_with_number(phrase: str, number: float) -> str:
    """«квадратный метр» after 600 → «квадратных метров», after 84,6 → «квадратного метра»."""
    words = phrase.split()
    head = _head_prefix_length(words)
    result = []
    for i, word in enumerate(words):
        parse = _nominative_parse(word) if i < head else None
        if parse is None:
            result.append(word)
            continue
        if not float(number).is_integer():
            form = parse.inflect({"gent", "sing"})
        else:
            form = parse.make_agree_with_number(int(number))
        result.append(_restore_case(word, form.word) if form is not None else word)
    return " ".join(result)


def nominative_phrase(phrase: str) -> str:
    """Put a noun phrase in any case into the nominative: «Гражданского кодекса Российской
    Федерации» → «Гражданский кодекс Российской Федерации». Adjectives take the head noun's
    gender and number; words after the head noun stay."""
    words = phrase.split()
    parsed = []
    head = None
    for i, word in enumerate(words):
        parses = [p for p in analyzer().parse(word) if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
        oblique = next((p for p in parses if p.tag.case and p.tag.case != "nomn"), None) or (parses[0] if parses else None)
        parsed.append(oblique)
        if oblique is not None and oblique.tag.POS == "NOUN":
            head = i
            break
    if head is None:
        return phrase
    noun = parsed[head]
    number = "plur" if "plur" in noun.tag else "sing"
    result = []
    for i, (word, parse) in enumerate(zip(words, parsed)):
        if parse is None:
            result.append(word)
            continue
        wanted = {"nomn", number}
        if i != head and number == "sing" and noun.tag.gender:
            wanted.add(noun.tag.gender)
        form = parse.inflect(wanted)
        result.append(_restore_case(word, form.word) if form is not None else word)
    return " ".join(result + words[head + 1:])
