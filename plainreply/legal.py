"""References to legal acts, found in the text and returned as structured data.

    «пп. 2 п. 1 ст. 39.16 ЗК РФ», «статьей 37 Градостроительного кодекса Российской Федерации»,
    «Федеральный закон от 13.07.2015 № 218-ФЗ», «постановлением Правительства Удмуртской
    Республики от 25.12.2015 № 601», «статьей 3 этого закона»

`find_references(text)` returns them in text order; the drafting code turns them into endnotes,
the `legal-references` rule counts those in the body of the letter.
"""

from __future__ import annotations

import re
from . import regexes
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from heapq import heapify, heappop, heapreplace

_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_DATE = rf"(?:\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})(?:\s*(?:года|г\.))?"
_NUMBER = r"(?:№|N|No\.?)\s*[\dА-Яа-яA-Za-z](?:[\w/-]|\.(?=\w))*"
_DETAILS = rf"(?:\s+от\s+(?P<date>{_DATE}))?(?:\s*(?P<number>{_NUMBER}))?(?:\s+«[^»\n]{{1,200}}»)?"
_DETAILS_REQUIRED = rf"(?:\s+от\s+(?P<date>{_DATE})(?:\s*(?P<number>{_NUMBER}))?|\s*(?P<number2>{_NUMBER}))(?:\s+«[^»\n]{{1,200}}»)?"

_CODE_ADJECTIVES = (
    r"Земельн|Гражданск|Градостроительн|Налогов|Жилищн|Бюджетн|Лесн|Водн|Трудов|Уголовн|Семейн|"
    r"Арбитражн\w*\s+процессуальн|Гражданск\w*\s+процессуальн|Уголовн\w*\s+процессуальн"
)
_CODE_ABBREVIATIONS = ("ЗК", "ГК", "ГрК", "НК", "ЖК", "БК", "ЛК", "ВК", "ТК", "УК", "СК", "ГПК", "АПК", "КАС", "УПК", "КоАП")
# Case endings of a noun, so that «закон» does not match «законодатель» nor «указ» «указанием».
_ENDING = r"(?:а|у|ом|е|ы|ов|ам|ами|ах)?(?!\w)"
_COUNTRY = r"(?:\s+(?:Российской\s+Федерации|РФ))"
# Words that cannot stand between an act's name and its details: «решения задач, указанных в
# приложении № 2» is no act.
_NOT_ISSUER = r"(?!(?:от|в|во|к|на|по|за|для|с|со|при|приложени\w*|таблиц\w*|[Зз]акон\w*|[Кк]одекс\w*|[Пп]остановлени\w*)[\s,.;:])"
_ISSUER = rf"(?:\s+{_NOT_ISSUER}[\w«»\"-]+){{1,10}}?"


def _cases(*words: str) -> tuple[str, ...]:
    """Each word with a capital and with a small first letter: «Кодекс», «кодекс»."""
    return tuple(case(w[0]) + w[1:] for w in words for case in (str.upper, str.lower))


# (kind, the words an act's name opens with, the rest of its pattern). Each opening makes a pattern
# of its own that starts with a literal (or a set of them), so that re jumps between the places
# where it can match; one alternation of all of them is tried at every character, eight times slower.
_ACTS: list[tuple[str, tuple[str, ...], str]] = [
    ("code", (f"(?:{_CODE_ADJECTIVES})",), rf"\w*\s+кодекс{_ENDING}{_COUNTRY}?"),
    ("code", _cases("кодекс"), rf"{_ENDING}\s+административного\s+судопроизводства{_COUNTRY}?"),
    ("code", _cases("кодекс"), rf"{_ENDING}{_COUNTRY}\s+об\s+административных\s+правонарушениях"),
    # «ЗК РФ», not «…-ЗК РФ»: the lookbehind follows each abbreviation, so the pattern opens with a letter.
    ("code", ("(?:" + "|".join(rf"{a}(?<![\w-]{a})" for a in _CODE_ABBREVIATIONS) + ")",), r"\s*(?:РФ|УР)(?!\w)"),
    ("federal_law", _cases("федеральн"), rf"\w+\s+закон{_ENDING}{_DETAILS}"),
    ("regional_law", _cases("региональн"), rf"\w+\s+закон{_ENDING}{_DETAILS}"),
    ("regional_law", _cases("закон"), rf"{_ENDING}\s+Удмуртской\s+Республики{_DETAILS}"),
    ("law", _cases("закон"), rf"{_ENDING}(?:\s+[А-ЯЁ][\w-]*){{0,3}}(?:\s+(?:области|края|округа))?{_DETAILS_REQUIRED}"),
    ("act", _cases("постановлени", "распоряжени", "решени"), rf"\w*{_ISSUER}{_DETAILS_REQUIRED}"),
    ("act", _cases("приказ", "указ"), rf"{_ENDING}{_ISSUER}{_DETAILS_REQUIRED}"),
    ("anaphora", ("этого", r"того\s+же", "указанного", "названного", "данного"),
     r"\s+(?:закона|кодекса|постановления|приказа|распоряжения)"),
]


_PLAIN_OPENING = regexes.compile(r"\w+")


@lru_cache(maxsize=1)
def _act_patterns() -> tuple[tuple[str, str | None, str], ...]:
    """(kind, literal opening or None, pattern source) in the order of _ACTS: where several match
    at one place, the first wins. A pattern whose literal opening is not in the text cannot match
    there and is neither compiled nor run: compiling all thirty costs about 40 ms of a start."""
    return tuple((kind, opening if _PLAIN_OPENING.fullmatch(opening) else None, opening + rest)
                 for kind, openings, rest in _ACTS for opening in openings)


@lru_cache(maxsize=None)
def _compiled(source: str) -> re.Pattern[str]:
    return regexes.compile(source)


def _first_matches(patterns: list[tuple[int, re.Pattern[str]]], text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """What `re.finditer` of the alternation of the patterns, in the order of their numbers, finds,
    with the number of the pattern that matched: at each place the first pattern that matches wins,
    and the scan goes on after its match. None of the patterns may match the empty string."""
    heap = [(m.start(), i, m, p) for i, p in patterns if (m := p.search(text)) is not None]
    heapify(heap)
    pos = 0
    while heap:
        start, i, m, pattern = heap[0]
        if start >= pos:
            yield i, m
            pos = m.end()
        following = pattern.search(text, pos)
        if following is None:
            heappop(heap)
        else:
            heapreplace(heap, (following.start(), i, following, pattern))


_UNIT_NAMES = {
    "subpoint": r"подпункт\w*|пп\.",
    "point": r"пункт\w*|п\.",
    "part": r"част[ьияюе]\w*|ч\.",
    "article": r"стать[яиейюё]\w*|ст\.",
    "chapter": r"глав\w*|гл\.",
    "paragraph": r"§|параграф\w*",
    "section": r"раздел\w*",
    "indent": r"абзац\w*|абз\.",
}
_NUM = r"\d+(?:\.\d+)*"
_UNIT = regexes.compile(
    "(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _UNIT_NAMES.items()) + rf")\s*(?P<nums>{_NUM}(?:\s*(?:,|и)\s*{_NUM})*)",
    re.IGNORECASE,
)
_CHAIN_GAP = regexes.compile(r"\s*(?:,|и)?\s*")
_ENDNOTES_HEAD = regexes.compile(r"^[ \t]*Примечани[яе][ \t]*:?[ \t]*$", re.MULTILINE)
_ENDNOTE_LINE = regexes.compile(r"^[ \t]*\d+[.)]")


@dataclass(frozen=True)
class LegalReference:
    start: int
    end: int
    text: str
    kind: str  # code, federal_law, regional_law, law, act, anaphora
    act: str
    article: str | None = None
    part: str | None = None
    point: str | None = None
    subpoint: str | None = None
    chapter: str | None = None
    paragraph: str | None = None
    date: str | None = None
    number: str | None = None
    in_endnotes: bool = False
    weight: int = 1  # how many provisions it cites: «статьями 330 и 614» cites two

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def endnotes_span(text: str) -> tuple[int, int] | None:
    """The block that starts with a line «Примечания:» and its numbered lines."""
    head = _ENDNOTES_HEAD.search(text)
    if head is None:
        return None
    end = head.end()
    pos = head.end()
    for line in text[head.end():].splitlines(keepends=True):
        stripped = line.strip()
        if _ENDNOTE_LINE.match(line):
            end = pos + len(line.rstrip("\r\n"))
        elif stripped:
            break
        pos += len(line)
    return head.start(), end


def find_references(text: str) -> list[LegalReference]:
    return list(_references(text))


# The context layer and the legal-references check read the same document one after the other.
@lru_cache(maxsize=4)
def _references(text: str) -> tuple[LegalReference, ...]:
    notes = endnotes_span(text)
    references = []
    acts = _act_patterns()
    present = [(i, _compiled(source)) for i, (_, literal, source) in enumerate(acts) if literal is None or literal in text]
    for index, m in _first_matches(present, text):
        kind = acts[index][0]
        start = m.start()
        units, start = _units_before(text, start)
        groups = m.groupdict()
        date = groups.get("date")
        number = groups.get("number") or groups.get("number2")
        act_text = m.group(0).strip()
        fields = {name: ", ".join(values) for name, values in units.items()}
        articles = len(units.get("article", [])) + (1 if units.get("chapter") or units.get("paragraph") else 0)
        references.append(LegalReference(
            start=start, end=m.end(), text=text[start:m.end()], kind=kind, act=act_text,
            article=fields.get("article"), part=fields.get("part"), point=fields.get("point"),
            subpoint=fields.get("subpoint"), chapter=fields.get("chapter"), paragraph=fields.get("paragraph"),
            date=date, number=number.replace(" ", "") if number else None,
            in_endnotes=bool(notes and notes[0] <= start < notes[1]),
            weight=max(1, articles),
        ))
    return tuple(references)


def _units_before(text: str, act_start: int) -> tuple[dict[str, list[str]], int]:
    """The chain of «подпункт 2 пункта 1 статьи 39.16» that ends right before an act name."""
    window_start = max(0, act_start - 200)
    window = text[window_start:act_start]
    matches = list(_UNIT.finditer(window))
    chain: list[re.Match[str]] = []
    expected_end = len(window)
    for m in reversed(matches):
        gap = window[m.end():expected_end]
        if not _CHAIN_GAP.fullmatch(gap):
            break
        chain.append(m)
        expected_end = m.start()
    if not chain:
        return {}, act_start
    units: dict[str, list[str]] = {}
    for m in reversed(chain):
        name = next(k for k in _UNIT_NAMES if m.group(k))
        numbers = re.split(r"\s*(?:,|и)\s*", m.group("nums"))
        units.setdefault(name, []).extend(numbers)
    return units, window_start + chain[-1].start()
