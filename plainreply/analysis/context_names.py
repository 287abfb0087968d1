"""Organisations and people for the context layer.

    ООО «Северный склад», ГУП РЭП "Строитель", управляющая компания «Домострой»,
    общество с ограниченной ответственностью «Вектор»; Иванов И. И., И. И. Иванов,
    Иванову Марию Петровну.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import regexes
from .context_words import (
    CAPITALS, LETTERS, SPACES, after_boundary, alternation, dots, folded_set, last_words, matches_at, run_before,
    word_list,
)
from .morph import fold, morph

NAME_LIMIT = 150  # the longest quoted name of an organisation, in characters
_SP = r"[ \t\u00a0]"
# A word of capitals, maybe with a lower-case letter inside: РЭП, ГБУЗ, ОСПСиД.
_CAPS = r"[А-ЯЁ](?:[А-ЯЁ]|[а-яё](?=[А-ЯЁ])){1,9}"
_CAPS_BEFORE_QUOTE = regexes.compile(rf"(?<![\w\-/.])((?:{_CAPS}{_SP}+){{0,2}}{_CAPS}){_SP}*$")
_WORD_BEFORE = regexes.compile(rf"([А-Яа-яЁё]+){_SP}*$")
_CAPITAL_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIAL = r"[А-ЯЁ]\."
_PERSON_PATTERNS = (
    # Иванов И. И., Уляшев Р.Е.
    regexes.compile(rf"(?=[А-ЯЁ])(?<![\w.-]){_CAPITAL_WORD}{_SP}+{_INITIAL}{_SP}?{_INITIAL}"),
    # И. И. Иванов, И.И. Иванов
    regexes.compile(rf"(?=[А-ЯЁ])(?<![\w.-]){_INITIAL}{_SP}?{_INITIAL}{_SP}?{_CAPITAL_WORD}"),
)
_ONE_INITIAL = (
    regexes.compile(rf"(?=[А-ЯЁ])(?<![\w.-])(?P<surname>{_CAPITAL_WORD}){_SP}+{_INITIAL}(?!{_SP}?{_INITIAL})"),
    regexes.compile(rf"(?=[А-ЯЁ])(?<![\w.-])(?<!{_INITIAL}{_SP}){_INITIAL}{_SP}?(?P<surname>{_CAPITAL_WORD})"),
)
# The lookbehind follows the first capital, so that the pattern opens with a set of letters and
# re skips the other characters fast: (?=[А-ЯЁ])(?<![\w.-]){_CAPITAL_WORD}, written another way.
_CAPITAL_WORDS = regexes.compile(rf"[А-ЯЁ](?<![\w.-].)[а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?:{_SP}{_CAPITAL_WORD}){{1,5}}(?![\w-])")
_PERSON_GRAMMEMES = ("Name", "Surn", "Patr")
_NAME_CHARS = LETTERS + "-"  # what a _CAPITAL_WORD is made of


@lru_cache(maxsize=1)
def _legal_phrases() -> re.Pattern[str]:
    phrases = alternation(word_list("organisation", "legal_form_phrases")).replace(r"\ ", rf"{_SP}+")
    return regexes.compile(rf"(?<![\w-])(?i:{phrases}){_SP}*$")


@lru_cache(maxsize=1)
def _bare_forms() -> re.Pattern[str]:
    """A legal form and a capitalised name without quotes: «ООО Ромашка», «ИП Иванов»."""
    forms = after_boundary(tuple(w for w in word_list("organisation", "legal_forms") if w[0] in CAPITALS), r"[\w-]")
    return regexes.compile(rf"(?:{forms}){_SP}+{_CAPITAL_WORD}(?![\w-])")  # (?=[А-ЯЁ])(?<![\w-])(?:forms)…


def organisation_spans(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) for the quoted texts in `quotes` that name an organisation, and for
    «ООО Ромашка» without quotes. A capital-letter programme, «ГП «…»», gives «act-title»."""
    spans = []
    nouns = folded_set("organisation", "nouns")
    for i, end in quotes:
        if end - i > NAME_LIMIT:
            continue
        before = text[max(0, i - 60):i]  # the regexes end at `$`: keep their window short
        caps = _CAPS_BEFORE_QUOTE.search(before)
        if caps:
            words = [fold(w) for w in caps.group(1).split()]
            spans.append((i - len(before) + caps.start(1), end, _caps_kind(words[0], text[i:end])))
            continue
        phrase = _legal_phrases().search(before)
        if phrase:
            spans.append((i - len(before) + phrase.start(), end, "organisation"))
            continue
        word = _WORD_BEFORE.search(last_words(before, 1, SPACES))
        if word and morph(word.group(1)).lemmas & nouns:
            spans.append((i, end, "organisation"))
    spans.extend((m.start(), m.end(), "organisation") for m in _bare_forms().finditer(text))
    return spans


def _caps_kind(form: str, name: str) -> str:
    if form in folded_set("organisation", "title_forms"):
        return "act-title"
    if form == "мп" and len(name.split()) > 3:  # «МП «Развитие культуры в городе Ижевске»» is a programme
        return "act-title"
    return "organisation"


def person_spans(text: str) -> list[tuple[int, int]]:
    initials = _initials(text)
    surnames = _surnames_before(text, initials)
    spans = []
    for pattern, starts in zip(_PERSON_PATTERNS, (surnames, initials)):
        spans.extend((m.start(), m.end()) for m in matches_at(pattern, text, starts))
    for pattern, starts in zip(_ONE_INITIAL, (surnames, initials)):
        spans.extend((m.start(), m.end()) for m in matches_at(pattern, text, starts) if _is_surname(m.group("surname")))
    for m in _CAPITAL_WORDS.finditer(text):
        spans.extend(_full_name(m))
    return spans


# Every pattern of a person but _CAPITAL_WORDS has an initial: it starts there or at the
# capitals of the word before it, and is tried there only.
def _initials(text: str) -> list[int]:
    """Where a capital stands before a dot: «И.»."""
    return [dot - 1 for dot in dots(text) if dot > 0 and text[dot - 1] in CAPITALS]


def _surnames_before(text: str, initials: list[int]) -> list[int]:
    """The capitals of the word before the spaces before each initial: «Иванов И.», «Петрова-Водкина И.»."""
    starts = set()
    for initial in initials:
        end = run_before(text, initial, SPACES)
        if end < initial:
            start = run_before(text, end, _NAME_CHARS)
            starts.update(i for i in range(start, end) if text[i] in CAPITALS)
    return sorted(starts)


@lru_cache(maxsize=65_536)
def _person_readings(word: str) -> tuple[str, ...]:
    parse = morph(word)
    return tuple(g for g in _PERSON_GRAMMEMES if parse.has(g))


def _is_surname(word: str) -> bool:
    return morph(word).has("Surn")


def _full_name(m: re.Match[str]) -> list[tuple[int, int]]:
    """«Иванову Марию Петровну», «Марина Рашидовна»: runs of words that are each a first name,
    a surname or a patronymic, with a first name or a patronymic among them (a surname alone may
    be a place or a street)."""
    spans = []
    run: list[tuple[re.Match[str], list[str]]] = []
    for word in [*re.finditer(_CAPITAL_WORD, m.group()), None]:
        readings = _person_readings(word.group()) if word is not None else ()
        if readings:
            run.append((word, readings))
            continue
        grammemes = {g for _, r in run for g in r}
        if len(run) >= 2 and ("Patr" in grammemes or {"Name", "Surn"} <= grammemes):
            spans.append((m.start() + run[0][0].start(), m.start() + run[-1][0].end()))
        run = []
    return spans
