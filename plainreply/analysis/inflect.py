"""Replacements that fit the sentence: a dictionary-form template rebuilt in the span's forms.

A rule writes its replacement the way a dictionary would («этот», «оплатить», «о _[loct]»);
`fit_phrase` puts every word in the form the sentence needs, or returns None when that form
cannot be established unambiguously (then the rule gives advice only).

The notation of a template:

    этот            a word in its dictionary form: it takes the form of the span's word of the
                    same kind (adjective ↔ adjective or pronoun, noun ↔ noun, verb ↔ verb)
    в этом случае   a word in any other form is pasted as written
    =срок           a dictionary form pasted as written
    ~               the span's word at the same place, as written («этот ~»: «настоящему письму» →
                    «этому письму»; «~ о _[gent>loct]»: «обращение по вопросу ремонта» → «обращение о ремонте»)
    оплатить|оплачивать   aspect pair: the verb whose aspect matches the span's verb
    о _[gent>loct]  the noun phrase that follows the span, read in the first case (optional) and put
                    into the second; the result then covers the span and that noun phrase
                    («по вопросу слабого напора» → «о слабом напоре»)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .. import regexes
from .morph import analyzer, fold
from .segment import PUNCT, WORD, Token

CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})
_NUMBERS = ("sing", "plur")
_GENDERS = ("masc", "femn", "neut")
_ADJ = "adj"
_NOUN = "noun"
_VERB = "verb"
_POS_CLASS = {"ADJF": _ADJ, "PRTF": _ADJ, "NOUN": _NOUN, "VERB": _VERB, "INFN": _VERB, "GRND": _VERB}
# A participle is an adjective to «этот» and a verb form to «работать».
_SOURCE_CLASSES = {"ADJF": (_ADJ,), "PRTF": (_ADJ, _VERB), "NOUN": (_NOUN,), "VERB": (_VERB,),
                   "INFN": (_VERB,), "GRND": (_VERB,)}
# What a verb form keeps when another verb takes its place.
_VERB_GRAMMEMES = frozenset({"impr", "indc", "past", "pres", "futr", "1per", "2per", "3per",
                             "sing", "plur", "masc", "femn", "neut", "incl", "excl"})
_PARTICIPLE_GRAMMEMES = frozenset({"past", "pres", "actv", "pssv", "sing", "plur", "masc", "femn", "neut",
                                   "anim", "inan"}) | CASES
_NOUN_PHRASE_SLOT = regexes.compile(r"^_\[(?:(?P<source>[a-z0-9]{4})>)?(?P<case>[a-z0-9]{4})\]$")
_PUNCTUATION = regexes.compile(r"^[,;:—–-]$")
_VOWEL_START = regexes.compile(r"^[аиоуыэАИОУЫЭ]")
_MAX_NOUN_PHRASE = 4  # adjectives and the head noun


@dataclass(frozen=True, slots=True)
class Fitted:
    """A fitted replacement: `text` goes in place of the span's tokens and, when the template
    rebuilds the following noun phrase, of the first `extra` tokens after the span."""

    text: str
    extra: int = 0


def inflect_word(word: str, grammemes: set[str] | frozenset[str], like: str | None = None) -> str | None:
    """The form of `word` (a lemma or any form) with the given grammemes, written with the
    capitalisation of `like` (by default of `word` itself); None when pymorphy3 cannot build it."""
    form = _inflect(fold(word), frozenset(grammemes))
    if form is None:
        return None
    return match_capitalisation(form, word if like is None else like)


def match_capitalisation(form: str, like: str) -> str:
    """`form` written the way `like` is: «ЭТОТ», «Этот» or «этот»."""
    if len(like) > 1 and like.isupper():
        return form.upper()
    if like[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def fit_phrase(replacement: str, tokens: Sequence[Token], following: Sequence[Token] = ()) -> str | None:
    """The template `replacement` rebuilt to stand in place of `tokens` (the matched span);
    `following` are the tokens after the span in its sentence (agreement, noun-phrase slot).
    None when the form cannot be established unambiguously."""
    fitted = fit_span(replacement, tokens, following)
    return fitted.text if fitted is not None else None


def fit_span(replacement: str, tokens: Sequence[Token], following: Sequence[Token] = ()) -> Fitted | None:
    """Like `fit_phrase`, but also says how many tokens after the span the text covers."""
    key_span = tuple((t.text, t.kind) for t in tokens)
    key_following = tuple((t.text, t.kind) for t in following[:_MAX_NOUN_PHRASE + 2])
    return _fit(replacement, key_span, key_following)


def noun_phrase_length(tokens: Sequence[Token]) -> int:
    """How many of `tokens` make a noun phrase (adjectives agreeing with a head noun, the noun last);
    0 when they do not start with one."""
    found = _noun_phrase(tuple((t.text, t.kind) for t in tokens[:_MAX_NOUN_PHRASE + 2]))
    return found[0] if found else 0


# --- the work, on (text, kind) pairs so that results can be cached ---

_Words = tuple[tuple[str, str], ...]


@lru_cache(maxsize=65_536)
def _fit(template: str, span: _Words, following: _Words) -> Fitted | None:
    words = template.split()
    if not words or not span:
        return None
    slot = _NOUN_PHRASE_SLOT.match(words[-1])
    if slot:
        words = words[:-1]
    if any(_NOUN_PHRASE_SLOT.match(w) for w in words):
        return None
    pieces = _fit_words(words, span, following)
    if pieces is None:
        return None
    extra = 0
    if slot:
        rebuilt = _rebuild_noun_phrase(following, slot.group("case"), slot.group("source"))
        if rebuilt is None:
            return None
        phrase, extra = rebuilt
        pieces.append(phrase)
    text = " ".join(_euphony(pieces)).replace(" ,", ",").replace(" ;", ";").replace(" :", ":")
    first = next((t for t, kind in span if kind == WORD), span[0][0])
    if not any("ё" in t.lower() for t, _ in span + following[:extra]):
        # Letters are written with «е»; pymorphy3 gives «утверждённому».
        text = text.replace("ё", "е").replace("Ё", "Е")
    return Fitted(_capitalise_like(text, first), extra)


def _euphony(pieces: list[str]) -> list[str]:
    """«о» before a vowel is «об»: «об аренде», «об освещении»."""
    result = list(pieces)
    for k in range(len(result) - 1):
        if fold(result[k]) == "о" and _VOWEL_START.match(result[k + 1]):
            result[k] += "б"
    return result


def _capitalise_like(text: str, first: str) -> str:
    if first[:1].isupper() and text[:1].islower():
        return text[:1].upper() + text[1:]
    return text


def _fit_words(words: list[str], span: _Words, following: _Words) -> list[str] | None:
    by_class: dict[str, list[str]] = {}
    for text, kind in span:
        if kind != WORD:
            continue
        for cls in _classes(text):
            by_class.setdefault(cls, []).append(text)
    used: dict[str, int] = {}
    pieces: list[str] = []
    span_words = [t for t, kind in span if kind == WORD]
    for place, word in enumerate(words):
        if word == "~":
            if place >= len(span_words):
                return None
            pieces.append(span_words[place])
            continue
        if _PUNCTUATION.match(word):
            pieces.append(word)
            continue
        if word.startswith("="):
            pieces.append(word[1:])
            continue
        alternatives = word.split("|")
        cls = _dictionary_class(alternatives[0])
        if cls is None:
            if len(alternatives) > 1:
                return None
            pieces.append(word)
            continue
        k = used.get(cls, 0)
        used[cls] = k + 1
        source = by_class.get(cls, [])
        if k < len(source):
            form = _form_like(alternatives, cls, source[k], following, _modifier_of(source[k], span))
        elif cls == _ADJ:
            form = _agree_with_next_noun(alternatives[0], following)
        else:
            form = None
        if form is None:
            return None
        pieces.append(form)
    return pieces


@lru_cache(maxsize=65_536)
def _classes(word: str) -> frozenset[str]:
    return frozenset(c for p in analyzer().parse(fold(word)) for c in _SOURCE_CLASSES.get(str(p.tag.POS), ()))


@lru_cache(maxsize=16_384)
def _dictionary_class(word: str) -> str | None:
    """The kind of word a template word inflects as, when it is written in its dictionary form."""
    key = fold(word)
    parses = analyzer().parse(key)
    # A word read first as a preposition or a conjunction («о», «для») is pasted as written.
    if not parses or _POS_CLASS.get(str(parses[0].tag.POS)) is None:
        return None
    for parse in parses:
        pos = str(parse.tag.POS)
        if pos in _POS_CLASS and _is_dictionary_form(parse, key):
            return _POS_CLASS[pos]
    return None


def _is_dictionary_form(parse, key: str) -> bool:
    tag = parse.tag
    if tag.POS == "NOUN":
        # «деньги»: the nominative plural of a plural-only word counts as its dictionary form.
        return "nomn" in tag
    if fold(parse.normal_form) != key:
        return False
    if tag.POS in ("ADJF", "PRTF"):
        return "nomn" in tag and "masc" in tag and "sing" in tag
    return tag.POS == "INFN"


def _modifier_of(word: str, span: _Words) -> str | None:
    """The span's word right before `word` when it can be an adjective: it narrows the noun's readings."""
    texts = [t for t, kind in span if kind == WORD]
    k = texts.index(word)
    if k == 0:
        return None
    before = texts[k - 1]
    return before if _ADJ in _classes(before) else None


def _form_like(alternatives: list[str], cls: str, source: str, following: _Words,
               modifier: str | None = None) -> str | None:
    """The template word in the form `source` has in this sentence; None when readings disagree."""
    readings = [p for p in analyzer().parse(fold(source)) if cls in _SOURCE_CLASSES.get(str(p.tag.POS), ())]
    if cls == _ADJ:
        readings = _agreeing_with_next_noun(readings, following) or readings
    elif cls == _NOUN and modifier is not None:
        adjectives = [p for p in analyzer().parse(fold(modifier)) if p.tag.POS in ("ADJF", "PRTF")]
        readings = [r for r in readings if any(_agree(a.tag, r.tag) for a in adjectives)] or readings
    forms: set[str] = set()
    for reading in readings:
        form = _reading_form(alternatives, cls, reading)
        if form is None:
            return None
        forms.add(form)
    if len(forms) != 1:
        return None
    return match_capitalisation(forms.pop(), alternatives[0])


def _reading_form(alternatives: list[str], cls: str, reading) -> str | None:
    tag = reading.tag
    if cls == _VERB:
        return _verb_form(alternatives, reading)
    lemma = alternatives[0]
    wanted = {g for g in (tag.case, tag.number) if g}
    if cls == _ADJ:
        if tag.number == "sing" and tag.gender:
            wanted.add(tag.gender)
        if tag.case == "accs" and tag.animacy:
            wanted.add(tag.animacy)
        return _inflect(fold(lemma), frozenset(wanted), "ADJF")
    # A noun of another gender would break the words that agree with it.
    target = _word_parse(fold(lemma), "NOUN")
    if target is None or (tag.number == "sing" and target.tag.gender != tag.gender):
        return None
    return _inflect(fold(lemma), frozenset(wanted), "NOUN")


def _verb_form(alternatives: list[str], reading) -> str | None:
    tag = reading.tag
    aspect = tag.aspect
    lemma = next((a for a in alternatives if _verb_aspect(fold(a)) == aspect), None)
    if lemma is None:
        return None
    if tag.POS == "INFN":
        return fold(lemma)
    if tag.POS == "PRTF":
        wanted = (set(tag.grammemes) & _PARTICIPLE_GRAMMEMES) | {"PRTF"}
    elif tag.POS == "GRND":
        wanted = {"GRND"} | ({tag.tense} if tag.tense else set())
    else:
        wanted = set(tag.grammemes) & _VERB_GRAMMEMES
    return _inflect(fold(lemma), frozenset(wanted), "INFN")


@lru_cache(maxsize=4_096)
def _verb_aspect(lemma: str) -> str | None:
    parse = _lemma_parse(lemma, "INFN")
    return parse.tag.aspect if parse is not None else None


def _agree_with_next_noun(lemma: str, following: _Words) -> str | None:
    """An adjective of the template agrees with the noun right after the span."""
    noun = _next_noun(following)
    if noun is None:
        return None
    forms = {f for f in (_adjective_for(lemma, r) for r in noun) if f}
    return match_capitalisation(forms.pop(), lemma) if len(forms) == 1 else None


def _next_noun(following: _Words):
    for text, kind in following[:_MAX_NOUN_PHRASE]:
        if kind != WORD:
            return None
        parses = analyzer().parse(fold(text))
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if nouns:
            return nouns
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            return None
    return None


def _adjective_for(lemma: str, noun) -> str | None:
    tag = noun.tag
    wanted = {g for g in (tag.case, tag.number) if g}
    if tag.number == "sing" and tag.gender in _GENDERS:
        wanted.add(tag.gender)
    if tag.case == "accs" and tag.animacy:
        wanted.add(tag.animacy)
    return _inflect(fold(lemma), frozenset(wanted), "ADJF")


def _agreeing_with_next_noun(readings: list, following: _Words) -> list:
    noun = _next_noun(following)
    if noun is None:
        return []
    return [r for r in readings if any(_agree(r.tag, n.tag) for n in noun)]


def _agree(adjective, noun) -> bool:
    if adjective.case != noun.case or adjective.number != noun.number:
        return False
    return adjective.number != "sing" or adjective.gender == noun.gender or noun.gender not in _GENDERS


def _noun_phrase(following: _Words):
    """(length, readings per word) of the noun phrase at the start of `following`: adjectives and
    a head noun agreeing in case and number; None when there is none or it is ambiguous."""
    words: list[list] = []
    for text, kind in following[:_MAX_NOUN_PHRASE]:
        if kind != WORD:
            return None
        parses = [p for p in analyzer().parse(fold(text)) if p.tag.POS in ("ADJF", "PRTF", "NOUN")]
        if not parses or len(text) < 3 or text.isupper() or not analyzer().word_is_known(fold(text)):
            return None
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        adjectives = [p for p in parses if p.tag.POS != "NOUN"]
        if nouns and (not adjectives or not _continues(following, len(words) + 1)):
            words.append(nouns)
            return len(words), words
        if not adjectives:
            return None
        words.append(adjectives)
    return None


def _continues(following: _Words, index: int) -> bool:
    """True when the word at `index` can still be part of the same noun phrase: a word that is
    both adjective and noun («настоящему Типовому положению») is then read as the adjective."""
    if index >= len(following) or following[index][1] != WORD:
        return False
    return any(p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in analyzer().parse(fold(following[index][0])))


def _rebuild_noun_phrase(following: _Words, case: str, source: str | None) -> tuple[str, int] | None:
    found = _noun_phrase(following)
    if found is None:
        return None
    length, readings = found
    if _coordinated(following, length):
        return None
    # A reading already in the target case is not governed by the span («является встраивание»).
    nouns = [n for n in readings[-1] if n.tag.case != case and (source is None or n.tag.case == source)]
    results: set[tuple[str, ...]] = set()
    for noun in nouns:
        agreeing = [
            [r for r in word if _agree(r.tag, noun.tag)] for word in readings[:-1]
        ]
        if any(not word for word in agreeing):
            continue
        forms = []
        for word in agreeing:
            options = {_adjective_form(r, noun, case) for r in word}
            if len(options) != 1 or None in options:
                return None
            forms.append(options.pop())
        head = noun.inflect({case, noun.tag.number}) if noun.tag.number else noun.inflect({case})
        if head is None:
            return None
        results.add(tuple(forms + [head.word]))
    if len(results) != 1:
        return None
    forms = results.pop()
    if fold(forms[-1]) == fold(following[length - 1][0]):
        return None  # the head did not change: an abbreviation («ч.») or an indeclinable word
    words = [match_capitalisation(form, original) for form, (original, _) in zip(forms, following)]
    return " ".join(words), length


def _adjective_form(adjective, noun, case: str) -> str | None:
    wanted = {case, noun.tag.number}
    if noun.tag.number == "sing" and noun.tag.gender in _GENDERS:
        wanted.add(noun.tag.gender)
    if case == "accs" and noun.tag.animacy:
        wanted.add(noun.tag.animacy)
    form = adjective.inflect(wanted)
    return form.word if form is not None else None


def _coordinated(following: _Words, length: int) -> bool:
    """A conjunction or a comma right after the noun phrase may join another phrase in the same
    case, which would then be left in the old one."""
    if length >= len(following):
        return False
    text, kind = following[length]
    return (kind == PUNCT and text == ",") or fold(text) in ("и", "или", "либо", "а также")


@lru_cache(maxsize=16_384)
def _word_parse(word: str, pos: str):
    """The nominative reading of a template noun («деньги» is the plural of «деньга»)."""
    for parse in analyzer().parse(word):
        if parse.tag.POS == pos and "nomn" in parse.tag:
            return parse
    return None


@lru_cache(maxsize=16_384)
def _lemma_parse(lemma: str, pos: str | None):
    for parse in analyzer().parse(lemma):
        if fold(parse.normal_form) == lemma and (pos is None or parse.tag.POS == pos):
            return parse
    return None


@lru_cache(maxsize=65_536)
def _inflect(lemma: str, grammemes: frozenset[str], pos: str | None = None) -> str | None:
    for parse in analyzer().parse(lemma):
        if fold(parse.normal_form) != lemma and parse.word != lemma:
            continue
        if pos and str(parse.tag.POS) != pos:
            continue
        form = parse.inflect(set(grammemes))
        if form is not None:
            return form.word
    return None
