"""Postal addresses for the context layer: «г. Ижевск, ул. Пушкинская, д. 5, корп. 2, кв. 7»,
«Невский пр., 104», «наб. реки Мойки», «426000, г. Ижевск».

Each part (a shortening with its name or number) is found by a bounded regex; parts that
stand next to each other, with a comma at most between them, make one span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import regexes
from .context_words import (
    CAPITALS, LETTERS, SHORTENING_LIMIT, SPACES, alternation, digit_runs, first_letters, folded, literal_starts,
    matches_at, run_before, stems, word_list, words_before_dots, words_before_numbers,
)
from .morph import morph

_SP = r"[ \t\u00a0]"
_NAME_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+){0,2}"
_NUMBER_PREFIX = r"\d{1,3}(?:-?[а-яё]{1,2})?"
_HOUSE = r"\d{1,4}(?:[ \t]?[а-яА-Я](?![а-яА-Я]))?(?:[/-]\d{1,4}[а-яА-Я]?)?"
# A number that is a quantity, not a house: «в 2017 году», «на 5 км», «1490 кв.м».
_NOT_HOUSE = rf"(?![\d,.]\d|{_SP}*(?:год|г\.|гг|%|руб|тыс|млн|млрд|чел|кв\.|км|га|м\b|ед\.|шт|мест|дом|квартир|раз))"
# Shortenings that are also common words unless written with their dot (с, п, д, г …).
_DOT_OPTIONAL = ("пр-т", "пр-кт", "б-р", "пр-д", "ст-ца", "р-н", "мкр-н", "кв-л", "пгт", "рп", "мкр", "мкрн", "снт")
# Words read as not a name when they follow a shortening: «и пр. Также …» ends a sentence.
_NOT_NAME_POS = frozenset({"ADVB", "CONJ", "PRCL", "PREP", "NPRO", "VERB", "INFN", "PRTS", "GRND", "PRED", "INTJ"})
_SETTLEMENT_AFTER_YEAR = frozenset({"г", "гор"})
# Street shortenings: only their names may start with a number («ул. 8 Марта»); «п. 2 Положения» is a point.
_STREETS = frozenset({"ул", "пр", "пр-т", "пр-кт", "просп", "пер", "наб", "пл", "б-р", "бул", "ш", "туп",
                      "пр-д", "проезд", "мкр", "мкрн", "мкр-н", "кв-л"})
_NAME_CHARS = LETTERS + "-"  # what a _NAME_WORD is made of
_ADJECTIVE_END = regexes.compile(r"(?:ий|ый|ой|ая|яя|ое|ее|ого|его|ом|ем|ую|юю)$")


def _shortening(words: tuple[str, ...]) -> str:
    """Shortenings with their dot; those in _DOT_OPTIONAL also without it."""
    dotted = alternation(words)
    bare = alternation(tuple(w for w in words if w in _DOT_OPTIONAL))
    if not bare:
        return rf"(?:(?:{dotted})\.)"
    return rf"(?:(?:{dotted})\.|(?:{bare})(?![\w.]))"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    links = alternation(word_list("address", "name_links"))
    name = (rf"(?:{_NUMBER_PREFIX}{_SP}+)?(?:(?:{links})\.?{_SP}+)?{_NAME_WORD}"
            rf"(?:{_SP}+(?:(?:{links})\.?{_SP}+)?{_NAME_WORD}){{0,2}}")
    quoted = r"«[^«»\n]{1,60}»|\"[^\"\n]{1,60}\""
    house = rf"(?:,{_SP}*|{_SP}+)(?:д\.{_SP}*)?{_HOUSE}(?![\w/-]){_NOT_HOUSE}"
    before_name = _shortening(word_list("address", "before_name"))
    after_name = _shortening(word_list("address", "after_name"))
    before_number = _shortening(word_list("address", "before_number"))
    number_words = alternation(word_list("address", "number_words"))
    streets = alternation(word_list("address", "street_words"))
    return {
        # «ул. Пушкинская», «пр-т Ленина», «мкр. «Венеция»», «ул. Суслова, 8»
        "before_name": regexes.compile(
            rf"{first_letters(word_list('address', 'before_name'))}(?<![\w.-])(?P<marker>{before_name}){_SP}{{0,2}}\n?{_SP}*(?P<name>{name}|{quoted})(?:{house})?"),
        # «Невский пр., 104», «Удмуртская обл.»
        "after_name": regexes.compile(
            rf"(?=[А-ЯЁ])(?<![\w.-])(?P<name>{_NAME_WORD}(?:{_SP}+{_NAME_WORD})?){_SP}+(?P<marker>{after_name})(?:{house})?"),
        # «д. 5», «корп. 2», «кв. 7», «оф. 12»
        "before_number": regexes.compile(
            rf"{first_letters(word_list('address', 'before_number'))}(?<![\w.-])(?:{before_number}){_SP}*(?:№{_SP}*)?{_HOUSE}(?![\w/-])"),
        # «дом № 5», «квартира 7»
        "number_word": regexes.compile(
            rf"{first_letters(word_list('address', 'number_words'))}(?<![\w-])(?i:{number_words}){_SP}+(?:№{_SP}*{_HOUSE}|{_HOUSE}{_NOT_HOUSE})(?![\w/-])"),
        # «по улице Высотной», «проспект Ленина»
        "street_word": regexes.compile(rf"{first_letters(word_list('address', 'street_words'))}(?<![\w-])(?i:{streets}){_SP}+(?P<name>{name}|{quoted})(?:{house})?"),
        "postcode": regexes.compile(r"(?=\d)(?<![\d.,:-])\d{6}(?![\d.,:]\d|\d)"),
    }


def address_spans(text: str) -> list[tuple[int, int]]:
    """Addresses in `text` as (start, end), each part joined with its neighbours."""
    parts: list[tuple[int, int, bool]] = []  # (start, end, strong); a postcode alone is weak
    patterns = _patterns()
    for m in matches_at(patterns["before_name"], text, _marker_starts(text, "before_name")):
        if _is_name_after_marker(text, m):
            parts.append((m.start(), m.end(), True))
    for m in matches_at(patterns["after_name"], text, _names_before_markers(text)):
        if _is_street_adjective(m.group("name")):
            parts.append((m.start(), m.end(), True))
    parts.extend((m.start(), m.end(), True)
                 for m in matches_at(patterns["before_number"], text, _marker_starts(text, "before_number")))
    parts.extend((m.start(), m.end(), True)
                 for m in matches_at(patterns["number_word"], text, _words_before_numbers(text)))
    for m in _street_words(text, patterns["street_word"]):
        if _is_name(m.group("name")):
            parts.append((m.start(), m.end(), True))
    parts.extend((m.start(), m.end(), False) for m in matches_at(patterns["postcode"], text, digit_runs(text)))
    return _joined(text, parts)


# Where each part can start, so that its pattern is tried there only: a shortening stands
# before its dot (or is one of _DOT_OPTIONAL), a number word before spaces and a number.
def _marker_starts(text: str, key: str) -> list[int]:
    dotted, bare = _markers(key)
    starts = [start for start, word in words_before_dots(text) if word in dotted]
    return sorted({*starts, *literal_starts(text, bare)})


@lru_cache(maxsize=None)
def _markers(key: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The shortenings of `key` as written before their dot, and those that may go without it."""
    words = word_list("address", key)
    if any(len(w) > SHORTENING_LIMIT for w in words):
        raise ValueError(f"rules/context/address.yaml: a shortening of {key} is longer than {SHORTENING_LIMIT}")
    return frozenset(words), tuple(w for w in words if w in _DOT_OPTIONAL)


def _names_before_markers(text: str) -> list[int]:
    """The capitals of the two words before each shortening of `after_name`: «Невский пр.»."""
    starts = set()
    for marker in _marker_starts(text, "after_name"):
        end = run_before(text, marker, SPACES)
        if end == marker:
            continue
        for _ in range(2):
            start = run_before(text, end, _NAME_CHARS)
            starts.update(i for i in range(start, end) if text[i] in CAPITALS)
            end = run_before(text, start, SPACES)
    return sorted(starts)


def _words_before_numbers(text: str) -> list[int]:
    """The word before spaces and a number or «№»: «дом 5», «квартира № 7»."""
    lengths = {len(w) for w in word_list("address", "number_words")}
    return [start for start, end, _ in words_before_numbers(text) if end - start in lengths]


def _street_words(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of `street_word`, tried where the text, case folded, has one of its words."""
    low = folded(text)
    if low is None:
        return pattern.finditer(text)
    return matches_at(pattern, text, literal_starts(low, _street_stems()))


@lru_cache(maxsize=1)
def _street_stems() -> tuple[str, ...]:
    return stems(tuple(w.casefold() for w in word_list("address", "street_words")), 4)


def _is_name_after_marker(text: str, m: re.Match[str]) -> bool:
    marker = m.group("marker").rstrip(".").lower()
    if marker in _SETTLEMENT_AFTER_YEAR and re.search(r"\d\s*$", text[max(0, m.start() - 3):m.start()]):
        return False  # «в 2017 г. Ижевск …»: the year's shortening
    if marker == "пр" and re.search(r"(?:^|\s)и\s*$", text[max(0, m.start() - 3):m.start()]):
        return False  # «и пр.» is «и прочее»
    name = m.group("name")
    if name[0].isdigit() and marker not in _STREETS:
        return False
    return _is_name(name)


def _is_name(name: str) -> bool:
    if name[0] in "«\"":
        return True
    first = re.search(r"[А-ЯЁ][а-яё]+", name)
    return first is not None and morph(first.group()).pos not in _NOT_NAME_POS


def _is_street_adjective(name: str) -> bool:
    last = name.split()[-1]
    return bool(_ADJECTIVE_END.search(last)) and morph(last).has("ADJF")


def _joined(text: str, parts: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Merge parts that overlap or stand side by side with a comma at most between them."""
    spans: list[tuple[int, int]] = []
    start = end = -1
    strong = False
    for s, e, is_strong in sorted(parts):
        if start != -1 and (s <= end or re.fullmatch(r"[ \t\u00a0]{0,2},?[ \t\u00a0]{0,2}", text[end:s])):
            end = max(end, e)
            strong = strong or is_strong
            continue
        if start != -1 and strong:
            spans.append((start, end))
        start, end, strong = s, e, is_strong
    if start != -1 and strong:
        spans.append((start, end))
    return spans
