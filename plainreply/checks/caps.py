"""Whole words in capitals that are ordinary words, not abbreviations: «ВАЖНО», «ОБРАЩАЕМ ВНИМАНИЕ».

A line written wholly in capitals (a heading «ПАСПОРТ МУНИЦИПАЛЬНОЙ ПРОГРАММЫ») is one finding for
the whole line. Its replacement is the line in sentence case, given only when the case of every
word can be restored: abbreviations stay in capitals, place names and «Республики Коми» keep their
capital letter; when a word might be part of a name, the finding gives advice only."""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter
from typing import Any, Iterable, Iterator, Mapping

from .. import regexes
from ..analysis import WORD, Document, Token, fold
from ..engine.model import Hit
from ..engine.python import python_check
from .common import by_sentence, tokens_at

_CYRILLIC_CAPS = regexes.compile(r"^[А-ЯЁ]+(?:-[А-ЯЁ]+)*$")
# Where a word in capitals of two letters or more (or of any length) may begin: not right after a letter.
_WORD_IN_CAPITALS = regexes.compile(r"[А-ЯЁ](?<![а-яёА-ЯЁ][А-ЯЁ])(?=[А-ЯЁ-])")
_CAPITAL_OPENING_WORD = regexes.compile(r"[А-ЯЁ](?<![а-яёА-ЯЁ][А-ЯЁ])")
_START = attrgetter("start")
_VOWELS = regexes.compile(r"[АЕЁИОУЫЭЮЯ]")
_NOT_WORDS = frozenset({"Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init", "Trad"})
_NAMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})
_LETTERS = regexes.compile(r"[^\W\d_]")
_LOWER = regexes.compile(r"[a-zа-яё]")
_OPENING_QUOTES = frozenset("«\"„“")
_LINKING_WORDS = frozenset({"и", "или", "в", "во", "на", "по", "о", "об", "для", "с", "со", "к", "от", "из", "за"})
_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "ADVB", "PRED"})
_PLACE_ADJECTIVE = regexes.compile(r"(?:ск|цк)(?:ий|ой|ая|ое|ие|ого|ому|им|ом|ую|ых|ими|ым|ей|их)$")
SHORT_NOUN_LETTERS = 6  # a caps noun this short inside ordinary text is an abbreviation (ГАТИ, РЭП)


@python_check("caps_words", options={"min_letters": 3, "allow": [], "places": [], "capital_before_name": [],
                                     "common_adjectives": []})
def caps_words(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Runs of capitalised dictionary words; abbreviations, names and words in `allow` pass.
    A line in capitals is reported once; other runs are reported one by one."""
    shouting = _shouting_words(doc, options["min_letters"], {fold(w) for w in options["allow"]})
    if not shouting:
        return
    caps_lines = list(_caps_lines(doc, shouting))
    line_starts = [start for start, _, _ in caps_lines]
    for start, end, words in caps_lines:
        yield _line_hit(doc, start, end, words, options)
    indexes = {token.index for token in shouting}
    for tokens, _ in by_sentence(doc, shouting):
        yield from _runs(doc, tokens, indexes, caps_lines, line_starts, options)


def _shouting_words(doc: Document, min_letters: int, allow: set[str]) -> list[Token]:
    """The shouting words of the text, in order. Only the words that begin where the text has a
    capital and another capital or a hyphen are read (razdel never starts a token inside a run
    of letters): in most sentences there are none."""
    starts = _WORD_IN_CAPITALS if min_letters >= 2 else _CAPITAL_OPENING_WORD
    return [token for token in tokens_at(doc.tokens, (m.start() for m in starts.finditer(doc.text)))
            if _shouting(token, min_letters, allow)]


def _runs(doc: Document, tokens: list[Token], shouting: set[int], caps_lines: list[tuple[int, int, list[Token]]],
          line_starts: list[int], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Runs of shouting words (their indexes in `shouting`) in ordinary text; short words in
    capitals between them join the run."""
    run: list[Token] = []
    for token in tokens + [None]:  # None flushes the last run
        if token is not None and not _in_line(token, caps_lines, line_starts):
            if token.index in shouting and not _short_noun(token):
                run.append(token)
                continue
            if run and (token.text in ",-—" or (token.kind == WORD and _CYRILLIC_CAPS.match(token.text))):
                run.append(token)
                continue
        while run and run[-1].index not in shouting:
            run.pop()
        if run:
            yield _run_hit(doc, run, run[0] is tokens[0], options)
            run = []


def _run_hit(doc: Document, run: list[Token], opens_sentence: bool, options: Mapping[str, Any]) -> Hit:
    before = doc.text[max(0, run[0].start - 2):run[0].start].strip()
    after_quote = bool(before) and before[-1] in _OPENING_QUOTES
    cased = _sentence_case(doc.text, run, options, capital_first=opens_sentence or after_quote)
    if cased is None:
        return Hit(run[0].start, run[-1].end, suggestion="напишите строчными буквами")
    return Hit(run[0].start, run[-1].end, suggestion=cased, replacement=cased)


def _in_line(token: Token, caps_lines: list[tuple[int, int, list[Token]]], line_starts: list[int]) -> bool:
    i = bisect_left(line_starts, token.start + 1) - 1
    return i >= 0 and caps_lines[i][0] <= token.start < caps_lines[i][1]


def _shouting(token: Token, min_letters: int, allow: set[str]) -> bool:
    text = token.text
    if token.kind != WORD or len(text) < min_letters or not _CYRILLIC_CAPS.match(text):
        return False
    if not _VOWELS.search(text) or fold(text) in allow:
        return False
    m = token.morph
    if not m.known:
        return False
    return not any(_NOT_WORDS & p.grammemes for p in m.parses)


def _short_noun(token: Token) -> bool:
    """«ГУП РЭП», «ГАТИ» in ordinary text: a short noun in capitals reads as an abbreviation."""
    return len(token.text) <= SHORT_NOUN_LETTERS and token.morph.has("NOUN")


def _caps_lines(doc: Document, shouting: list[Token]) -> Iterator[tuple[int, int, list[Token]]]:
    """Headings in capitals, consecutive lines joined into one: (start, end, tokens). Only lines
    with a shouting word can be in capitals; any other line with tokens ends the heading."""
    block: list[Token] = []
    block_end = 0  # where the last line of the block ends
    for start, end, count in _lines_of(doc.text, shouting):
        tokens = _tokens_in(doc.tokens, start, end)
        if block and _tokens_in(doc.tokens, block_end, start):
            yield block[0].start, block[-1].end, block
            block = []
        if _is_caps_line(tokens, count):
            block.extend(tokens)
            block_end = end
            continue
        if block:
            yield block[0].start, block[-1].end, block
            block = []
    if block:
        yield block[0].start, block[-1].end, block


def _lines_of(text: str, words: list[Token]) -> Iterator[tuple[int, int, int]]:
    """(start, end, how many of `words`) of each line of the text that holds any of `words`."""
    start, end, count = -1, -1, 0
    for word in words:
        if word.start > end:
            if count:
                yield start, end, count
            start = text.rfind("\n", 0, word.start) + 1
            end = text.find("\n", word.start)
            end, count = len(text) if end < 0 else end, 0
        count += 1
    if count:
        yield start, end, count


def _tokens_in(tokens: list[Token], start: int, end: int) -> list[Token]:
    """The tokens that begin in [start, end)."""
    return tokens[bisect_left(tokens, start, key=_START):bisect_left(tokens, end, key=_START)]


def _is_caps_line(tokens: list[Token], shouting: int) -> bool:
    """Letters in capitals, but for a few short words in lower case («на 2014–2020 годы», «г.г.»):
    at most a third as many as the `shouting` words, and none when those are fewer than three."""
    allowed = shouting // 3 if shouting >= 3 else 0
    lower = 0
    for token in tokens:
        if token.kind == WORD and len(token.text) >= 3 and _LOWER.search(token.text):
            lower += 1
            if lower > allowed:
                return False  # prose: it stops at its first words
    return shouting >= 1


def _line_hit(doc: Document, start: int, end: int, tokens: list[Token], options: Mapping[str, Any]) -> Hit:
    cased = _sentence_case(doc.text, tokens, options, capital_first=True)
    if cased is None:
        return Hit(start, end, suggestion="напишите строчными буквами, заглавная — только в начале и в именах")
    return Hit(start, end, suggestion=cased, replacement=cased)


def _sentence_case(text: str, tokens: list[Token], options: Mapping[str, Any], capital_first: bool) -> str | None:
    """The text of `tokens` in sentence case, or None when some word might be part of a name."""
    places = {fold(w) for w in options["places"]}
    before_name = {fold(w) for w in options["capital_before_name"]}
    common = {fold(w) for w in options["common_adjectives"]}
    words = [t for t in tokens if t.kind == WORD]
    cases = _word_cases(words, places, before_name, common)
    if cases is None:
        return None
    out: list[str] = []
    position = tokens[0].start
    capital_next = capital_first
    for token in tokens:
        gap = text[position:token.start]
        out.append(gap)
        position = token.end
        if "\n" in gap and token.kind == WORD and not capital_next:
            previous = out[-2] if len(out) >= 2 else ""
            # After a comma or a preposition at the end of the line above, the heading goes on.
            goes_on = previous in (",", "–", "—", "-") or fold(previous) in _LINKING_WORDS
            opens = False if goes_on else _opens_heading(token)
            if opens is None:
                return None  # a new heading or the same one going on: we cannot tell
            capital_next = opens
        if token.kind != WORD:
            out.append(token.text)
            capital_next = capital_next or token.text in _OPENING_QUOTES
            continue
        how = cases[token.index]
        if how == "keep":
            out.append(token.text)
        elif how == "title" or capital_next:
            out.append(token.text[:1] + token.text[1:].lower())
        else:
            out.append(token.text.lower())
        capital_next = False
    return "".join(out)


def _opens_heading(token: Token) -> bool | None:
    """Does a line in capitals start a new heading («АДМИНИСТРАЦИЯ …») or go on with the one
    above («… ПРОГРАММЫ / РЕСПУБЛИКИ КОМИ», «НА 2014–2020 ГОДЫ»)? None when the form allows both."""
    m = token.morph
    if not _CYRILLIC_CAPS.match(token.text):
        return False
    if m.pos in _FUNCTION_WORDS:
        return False
    nominative = [p for p in m.parses if "nomn" in p.grammemes]
    if not nominative:
        return False
    if len(nominative) == len(m.parses):
        return True
    return None


def _names_a_place(token: Token, places: set[str]) -> bool:
    m = token.morph
    if m.parses and _NAMES & m.parses[0].grammemes:
        return True
    return fold(m.lemma) in places or bool(_PLACE_ADJECTIVE.search(token.key))


def _word_cases(words: list[Token], places: set[str], before_name: set[str],
                common: set[str]) -> dict[int, str] | None:
    """For each word: «keep» (an abbreviation), «title» (a name) or «lower»; None when unsure."""
    cases: dict[int, str] = {}
    for i, token in enumerate(words):
        if i and fold(token.morph.lemma) in places and cases[words[i - 1].index] == "title" \
                and fold(token.morph.lemma) in before_name:
            cases[token.index] = "title"  # «Российской Федерации»
            continue
        if fold(token.morph.lemma) in common:
            cases[token.index] = "lower"  # «городского округа», «сельского поселения»
            continue
        if i and fold(words[i - 1].morph.lemma) in places and _PLACE_ADJECTIVE.search(token.key):
            cases[token.index] = "title"  # «округа Жуковский», «район Парабельский»
            continue
        how = _word_case(token, words[i + 1:i + 3], places, before_name)
        if how is None:
            return None
        cases[token.index] = how
    return cases


def _word_case(token: Token, following: Iterable[Token], places: set[str], before_name: set[str]) -> str | None:
    text = token.text
    if not _CYRILLIC_CAPS.match(text):
        return "keep"  # digits, Latin, mixed case: leave as written
    m = token.morph
    best = m.parses[0].grammemes if m.parses else frozenset()
    following = list(following)
    if _PLACE_ADJECTIVE.search(fold(text)) and any(fold(t.morph.lemma) in places for t in following):
        return "title"  # «Алтайского края», «Кайбицком муниципальном районе»
    if not m.known or "Abbr" in best:
        # Not a dictionary word: an abbreviation if short, otherwise we cannot tell.
        return "keep" if len(text) <= SHORT_NOUN_LETTERS else None
    if m.pos in _FUNCTION_WORDS:
        return "lower"  # «ПО» is a preposition here, not the surname
    if _NAMES & best:
        return "title"
    if fold(m.lemma) in before_name and following and _names_a_place(following[0], places):
        return "title"  # «Республики Коми», «Правительства Российской Федерации»
    return "lower"
