"""Abbreviations a reader may not know: acronyms (ЕГРН, МФЦ, ЗК РФ) and shortenings with a dot
(т.к., п., кв. м). An acronym passes once the letter defines it: «многофункциональный центр (МФЦ)»,
«МФЦ (многофункциональный центр)», «МФЦ — многофункциональный центр». Each abbreviation is
reported once, at its first unexplained use, with the full form in the right case where possible."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..analysis import LINK, NUMBER, WORD, Document, Token, fold
from ..analysis.morph import agree_phrase_with_number, inflect_phrase
from ..engine.glossary import load_glossary, string_list
from ..engine.model import Hit
from ..engine.python import python_check
from .common import sentences_of

GLOSSARY_KEYS = {"acronyms": dict, "shortenings": dict, "allow": list, "known_units": list}

# The case a preposition usually asks for; after a noun or a number an abbreviation is in the genitive.
PREPOSITION_CASE = {
    "в": "loct", "во": "loct", "на": "loct", "о": "loct", "об": "loct", "при": "loct",
    "из": "gent", "от": "gent", "до": "gent", "для": "gent", "у": "gent", "без": "gent", "после": "gent",
    "кроме": "gent", "около": "gent", "вместо": "gent", "со": "ablt", "с": "ablt", "за": "ablt",
    "под": "ablt", "над": "ablt", "перед": "ablt", "между": "ablt", "к": "datv", "ко": "datv",
    "по": "datv", "согласно": "datv", "через": "accs", "про": "accs",
}
_ACRONYM = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё]*$")
_NOT_WORDS = frozenset({"Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init"})
_DASHES = frozenset({"—", "–", "-"})


def _prepare_glossary(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    glossary = load_glossary(path, rule_id, options["glossary"], GLOSSARY_KEYS)
    source = glossary["_path"]
    allow = set(string_list(source, "allow", glossary["allow"])) | set(options["allow"])
    prepared = dict(options)
    prepared["_acronyms"] = {key.strip(): value.strip() for key, value in glossary["acronyms"].items()}
    prepared["_allow"] = {fold(a) for a in allow}
    prepared["_shortenings"] = {_shortening_key(k): v.strip() for k, v in glossary["shortenings"].items()}
    prepared["_units"] = {_shortening_key(k) for k in string_list(source, "known_units", glossary["known_units"])}
    prepared["_pattern"] = _shortenings_pattern(prepared["_shortenings"])
    return prepared


@python_check("abbreviation", options={"glossary": "glossary/abbreviations.yaml", "allow": []},
              prepare=_prepare_glossary)
def abbreviation(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Acronyms in capitals not defined at or before their first use; `allow` lists those every
    reader knows (ООО, РФ). The glossary gives the full form for the suggestion."""
    acronyms: dict[str, str] = options["_acronyms"]
    allow: set[str] = options["_allow"]
    settled: set[str] = set()
    for tokens in sentences_of(doc):
        k = 0
        while k < len(tokens):
            key, width = _acronym_at(tokens, k, acronyms)
            if key is None:
                k += 1
                continue
            name = fold(key)
            if name not in allow and name not in settled:
                settled.add(name)
                if not _defined_here(tokens, k, width):
                    full = acronyms.get(key)
                    suggestion = f"{inflect_phrase(full, _case_before(tokens, k))} ({key})" if full else \
                        "расшифруйте при первом упоминании: «полное название (" + key + ")»"
                    yield Hit(tokens[k].start, tokens[k + width - 1].end, suggestion=suggestion)
            k += width


def _acronym_at(tokens: list[Token], k: int, acronyms: Mapping[str, str]) -> tuple[str | None, int]:
    token = tokens[k]
    if token.kind != WORD or not _looks_like_acronym(token):
        return None, 1
    if k + 1 < len(tokens) and tokens[k + 1].kind == WORD:
        pair = f"{token.text} {tokens[k + 1].text}"
        if pair in acronyms:
            return pair, 2
    if token.text in acronyms:
        return token.text, 1
    m = token.morph
    if m.known and not any(_NOT_WORDS & p.grammemes for p in m.parses):
        return None, 1  # a dictionary word in capitals: shouting, not an abbreviation
    return token.text, 1


def _looks_like_acronym(token: Token) -> bool:
    text = token.text
    if len(text) < 2 or not _ACRONYM.match(text):
        return False
    capitals = sum(1 for ch in text if ch.isupper())
    return capitals >= 2 and capitals * 2 >= len(text)


def _defined_here(tokens: list[Token], k: int, width: int) -> bool:
    """«… центр (МФЦ)», «(далее — МФЦ)», «МФЦ (многофункциональный центр)», «МФЦ — многофункциональный …»."""
    before = tokens[k - 1].text if k > 0 else ""
    after = tokens[k + width].text if k + width < len(tokens) else ""
    if after == ")" and (before == "(" or before in _DASHES):
        return True
    if after == "(":
        return True
    if after in _DASHES and k + width + 1 < len(tokens):
        following = tokens[k + width + 1]
        return following.kind == WORD and following.text[:1].islower()
    return False


def _case_before(tokens: list[Token], k: int) -> str:
    if k == 0:
        return "nomn"
    previous = tokens[k - 1]
    if previous.kind == WORD and fold(previous.text) in PREPOSITION_CASE:
        return PREPOSITION_CASE[fold(previous.text)]
    if previous.kind == NUMBER or (previous.kind == WORD and previous.morph.pos == "NOUN"):
        return "gent"
    return "nomn"


def _shortening_key(text: str) -> str:
    return re.sub(r"\s+", "", text.strip().lower())


def _shortenings_pattern(shortenings: Mapping[str, str]) -> re.Pattern[str]:
    """Shortenings are matched in lower case; only a first part of two or more letters may start
    with a capital («Ст. 8» opens a sentence), so initials «Т. Е. Петрова» and «ВС РФ» stay apart."""
    def piece(key: str) -> str:
        first_part = key.split(".")[0]
        parts = []
        for i, ch in enumerate(key):
            if ch == ".":
                parts.append(r"\.\s*")
            elif i == 0 and ch.isalpha() and len(first_part) >= 2:
                parts.append(f"[{ch}{ch.upper()}]")
            else:
                parts.append(re.escape(ch))
        return "".join(parts)
    keys = sorted(shortenings, key=len, reverse=True)
    one = "(?:" + "|".join(piece(k) for k in keys) + ")"
    return re.compile(rf"(?<![\w.]){one}(?:\s*[-–]\s*{one})?(?![\w])")


@python_check("shortening", options={"glossary": "glossary/abbreviations.yaml", "allow": []},
              prepare=_prepare_glossary)
def shortening(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Shortenings with a dot or a hyphen (т.к., ст., кв. м, пн-чт) from the glossary, reported once
    each, with the full word; after a number the word agrees with it («48 312 руб.» → «рублей»)."""
    shortenings: dict[str, str] = options["_shortenings"]
    skip = options["_units"] | {_shortening_key(a) for a in options["allow"]}
    links = [(t.start, t.end) for t in doc.tokens if t.kind == LINK]
    seen: set[str] = set()
    for m in options["_pattern"].finditer(doc.text):
        if any(a < m.end() and m.start() < b for a, b in links):
            continue
        text = m.group(0).rstrip()
        parts = [p for p in re.split(r"\s*[-–]\s*(?=\w)", text) if p]
        keys = [_shortening_key(p) for p in parts]
        first = keys[0] if keys[0] in shortenings else _shortening_key(text)
        if first in skip or first in seen or first not in shortenings:
            continue
        seen.add(first)
        full = " — ".join(shortenings.get(k, k) for k in keys) if len(keys) > 1 else shortenings[first]
        yield Hit(m.start(), m.start() + len(text), suggestion=_in_context(doc.text, m.start(), m.end(), full))


_NUMBER_BEFORE = re.compile(r"(\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*$")
_NUMBER_AFTER = re.compile(r"^\s*\d")
_WORD_BEFORE = re.compile(r"(\w+)\s*$")


def _in_context(text: str, start: int, end: int, full: str) -> str:
    """A unit after a number agrees with it («600 кв. м» → «квадратных метров»); a word before a
    number («согласно п. 3») takes the case its preposition asks for («пункту»). A value «A | B»
    means A next to a number and B elsewhere («г.»: «2026 г.» — год, «г. Ижевск» — город)."""
    number_after = bool(_NUMBER_AFTER.match(text[end:end + 3]))
    number_before = bool(_NUMBER_BEFORE.search(text[max(0, start - 20):start]))
    if "|" in full:  # a label next to its number («2026 г.», «д. 5»), not a unit to count
        near, far = (part.strip() for part in full.split("|", 1))
        return near if number_after or number_before else far
    if number_after:
        word = _WORD_BEFORE.search(text[max(0, start - 30):start])
        case = PREPOSITION_CASE.get(fold(word.group(1)), "nomn") if word else "nomn"
        return inflect_phrase(full, case)
    m = _NUMBER_BEFORE.search(text[max(0, start - 20):start])
    if not m:
        return full
    digits = re.sub(r"[\s\u00a0]", "", m.group(1)).replace(",", ".")
    try:
        number = float(digits)
    except ValueError:
        return full
    return agree_phrase_with_number(full, number)


