"""Morphology with pymorphy3: every distinct word form is parsed once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

_analyzer: pymorphy3.MorphAnalyzer | None = None


def analyzer() -> pymorphy3.MorphAnalyzer:
    global _analyzer
    if _analyzer is None:
        _analyzer = pymorphy3.MorphAnalyzer()
    return _analyzer


def fold(word: str) -> str:
    """Lower case with ё read as е: the key under which words are compared."""
    return word.lower().replace("ё", "е")


@dataclass(frozen=True, slots=True)
class Parse:
    lemma: str
    pos: str | None
    grammemes: frozenset[str]
    score: float


@dataclass(frozen=True, slots=True)
class Morph:
    """All readings of one word form, the most probable first."""

    parses: tuple[Parse, ...]
    known: bool

    @property
    def lemma(self) -> str:
        return self.parses[0].lemma

    @property
    def pos(self) -> str | None:
        return self.parses[0].pos

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(p.lemma for p in self.parses)

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
    parses = tuple(
        Parse(
            lemma=fold(p.normal_form),
            pos=p.tag.POS,
            grammemes=frozenset(p.tag.grammemes),
            score=p.score,
        )
        for p in raw
    )
    known = analyzer().word_is_known(key)
    return Morph(parses=parses, known=known)


def inflect(lemma: str, grammemes: set[str], pos: str | None = None) -> str | None:
    """The form of `lemma` with the given grammemes, or None when pymorphy3 cannot build it."""
    for parse in analyzer().parse(lemma):
        if fold(parse.normal_form) != fold(lemma):
            continue
        if pos and parse.tag.POS != pos:
            continue
        form = parse.inflect(grammemes)
        if form is not None:
            return form.word
    return None


def is_verb_lemma(lemma: str, *grammemes: str) -> bool:
    """True when `lemma` is a dictionary infinitive with the given grammemes (e.g. 'tran')."""
    for parse in analyzer().parse(lemma):
        if parse.tag.POS == "INFN" and parse.normal_form == lemma and analyzer().word_is_known(lemma):
            if set(grammemes) <= set(parse.tag.grammemes):
                return True
    return False
