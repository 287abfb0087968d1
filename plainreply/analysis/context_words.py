"""Word lists of the context layer (`rules/context/*.yaml`, read once per process), and the
helpers its detectors share to find their candidates quickly.

Most detectors are regexes that can match only where a rare character is: a digit, a dot
after a shortening or an initial. Trying such a regex at every character costs more than the
rest of the layer; `matches_at` tries it only at the places these indexes list."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .. import regexes
from ..resources import rules_dir
from .morph import fold


@lru_cache(maxsize=None)
def _context_file(file: str) -> dict:
    """`rules/context/<file>.yaml`, parsed once: several lists come from each file. Kept parsed in
    the cache folder (by its content), so that a start needs no YAML."""
    from ..engine import cache
    from ..engine.loader import read_yaml

    path = rules_dir() / "context" / f"{file}.yaml"
    data = cache.parsed_data(path, read_yaml)
    if data is None:
        return {}
    if not isinstance(data, dict):
        from ..errors import RuleFileError

        raise RuleFileError(path, "файл должен содержать словарь списков слов")
    return data


@lru_cache(maxsize=None)
def word_list(file: str, key: str) -> tuple[str, ...]:
    """The list `key` of `rules/context/<file>.yaml`, in file order."""
    return tuple(str(item) for item in _context_file(file).get(key, ()))


@lru_cache(maxsize=None)
def folded_set(file: str, key: str) -> frozenset[str]:
    return frozenset(fold(word) for word in word_list(file, key))


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words, the longest first (so «пр-т» wins over «пр»)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def after_boundary(words: tuple[str, ...], boundary: str) -> str:
    """What `(?<!{boundary})(?:{alternation(words)})` matches, with the lookbehind written after
    each word («ООО(?<![\\w-]ООО)»): a pattern that opens with a lookbehind is tried at every
    character, one that opens with literal words only where their first letters are."""
    return "|".join(rf"{re.escape(w)}(?<!{boundary}{re.escape(w)})" for w in sorted(set(words), key=len, reverse=True))


def first_letters(words: tuple[str, ...]) -> str:
    """A lookahead of the letters the words start with, in both cases. A pattern that opens with
    it lets re skip the other positions quickly (several times faster on long documents)."""
    letters = {w[0].lower() for w in words} | {w[0].upper() for w in words}
    return "(?=[" + "".join(sorted(re.escape(ch) for ch in letters)) + "])"


LETTERS = "".join(map(chr, range(ord("А"), ord("я") + 1))) + "Ёё"  # [А-Яа-яЁё]
CAPITALS = "".join(map(chr, range(ord("А"), ord("Я") + 1))) + "Ё"  # [А-ЯЁ]
SPACES = " \t\u00a0"  # [ \t\u00a0]


def last_words(window: str, count: int, between: str) -> str:
    """The end of `window` from the start of its `count`-th last word (a run of LETTERS), where
    only characters of `between` may stand between the words; stops sooner at anything else.

    A regex without lookbehind that ends at `$` and matches at most `count` words with
    `between` characters around them finds the same match in this tail as in the whole window,
    without trying every position of the window in turn."""
    rest = window[:-1] if window.endswith("\n") else window  # `$` matches before a final newline
    for _ in range(count):
        rest = rest.rstrip(between).rstrip(LETTERS)
    return window[len(rest):]


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, trying `pattern` only at `starts` (ascending),
    which must hold every position where one of its matches can start. None may be empty."""
    pos = 0
    for start in starts:
        if start >= pos and (m := pattern.match(text, start)) is not None:
            pos = m.end()
            yield m


_DIGITS = regexes.compile(r"\d+")


@lru_cache(maxsize=4)
def digit_runs(text: str) -> list[int]:
    """Where each run of digits (`\\d+`) starts: the only places where a number, a date or a
    phone can start, unless it opens with «, №, + or (."""
    return [m.start() for m in _DIGITS.finditer(text)]


@lru_cache(maxsize=4)
def words_before_numbers(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) with the run of word characters (`\\w`) before the spaces before each
    run of digits or «№»: «дом 5», «январь 2027». Empty runs are left out."""
    found = []
    for number in sorted([*digit_runs(text), *positions(text, "№")]):
        end = number
        while end > 0 and text[end - 1] in SPACES:
            end -= 1
        start = end
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        if start < end < number:
            found.append((start, end, number))
    return found


def positions(text: str, literal: str) -> list[int]:
    """Every position where `literal` occurs, overlaps included."""
    found = []
    i = text.find(literal)
    while i != -1:
        found.append(i)
        i = text.find(literal, i + 1)
    return found


@lru_cache(maxsize=4)
def dots(text: str) -> list[int]:
    """Every position of a dot: shortenings and initials end with one."""
    return positions(text, ".")


SHORTENING_LIMIT = 8  # the longest shortening before a dot, in characters


@lru_cache(maxsize=4)
def words_before_dots(text: str) -> list[tuple[int, str]]:
    """(start, word) for each dot after a word of at most SHORTENING_LIMIT characters
    (letters, digits, «-» and «.»: «ул.», «р.п.», «пр-т.»), with none of these before the word."""
    found = []
    for dot in dots(text):
        start = dot
        while start > 0 and dot - start <= SHORTENING_LIMIT and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
            start -= 1
        if start < dot and dot - start <= SHORTENING_LIMIT:
            found.append((start, text[start:dot]))
    return found


def literal_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Every position where one of `words` occurs, ascending. Words with a hyphen are looked
    for around the hyphens of the text, the others one by one."""
    starts = [i for w in words if "-" not in w for i in positions(text, w)]
    hyphenated = tuple(w for w in words if "-" in w)
    if hyphenated:
        offsets = {w.index("-") for w in hyphenated}
        for hyphen in hyphens(text):
            starts.extend(hyphen - o for o in offsets if hyphen >= o and text.startswith(hyphenated, hyphen - o))
    return sorted(set(starts))


@lru_cache(maxsize=4)
def hyphens(text: str) -> list[int]:
    return positions(text, "-")


def stems(words: tuple[str, ...], length: int) -> tuple[str, ...]:
    """The first `length` letters of each word, once each: every word occurs where its stem does."""
    return tuple(sorted({w[:length] for w in words}))


@lru_cache(maxsize=4)
def folded(text: str) -> str | None:
    """`text.casefold()` when it keeps every character in its place (no «ß» → «ss»), else None.
    A case-insensitive word of Cyrillic letters matches there, in place, wherever `(?i:…)`
    matches it in `text` («ᲀ» folds to «в» as re's ignore-case does)."""
    low = text.casefold()
    return low if len(low) == len(text) else None


def run_before(text: str, end: int, chars: str) -> int:
    """The start of the run of `chars` that ends at `end`."""
    start = end
    while start > 0 and text[start - 1] in chars:
        start -= 1
    return start
