"""Abbreviations a reader may not know: acronyms (ЕГРН, МФЦ, ЗК РФ) and shortenings with a dot
(т.к., п., кв. м). An acronym passes once the letter defines it: «многофункциональный центр (МФЦ)»,
«МФЦ (многофункциональный центр)», «МФЦ — многофункциональный центр». Each abbreviation is
reported once, at its first unexplained use, with the full form in the right case where possible."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, Iterator, Mapping

from .. import regexes
from ..analysis import LINK, NUMBER, WORD, Document, Token, fold
from ..analysis.morph import (_head_prefix_length, analyzer, _nominative_parse, agree_phrase_with_number, inflect,
                              inflect_phrase)
from ..engine.glossary import load_glossary, string_list
from ..engine.model import Hit
from ..engine.python import python_check
from .common import by_sentence, capitalized_inside, tokens_at

GLOSSARY_KEYS = {"acronyms": dict, "shortenings": dict, "allow": list, "known_units": list,
                 "fixed": list, "after_and": list, "counted": list, "legal_forms": list}

_ACRONYM = regexes.compile(r"^[А-ЯЁ][А-ЯЁа-яё]*$")
_NOT_WORDS = frozenset({"Abbr", "Name", "Surn", "Patr", "Geox", "Orgn", "Init"})
_DASHES = frozenset({"—", "–", "-"})
_OPENING_QUOTES = frozenset({"«", '"', "„", "“"})
_CLOSING_QUOTES = frozenset({"»", '"', "”"})
_BULLETS = frozenset({"-", "–", "—", "•", "*"})
_ACT_PARTS = frozenset({"статья", "пункт", "подпункт", "часть", "глава", "абзац", "раздел", "ст", "п", "ч"})
_LOWER_WORD = regexes.compile(r"[а-яё]{3}")
_START = attrgetter("start")
# Prepositions that ask for one case only; «в», «на» (place or direction) are decided apart,
# «с», «за», «под» (two cases each) leave the expansion as advice.
SINGLE_CASE_PREPOSITIONS = {
    "о": "loct", "об": "loct", "обо": "loct", "при": "loct",
    "из": "gent", "от": "gent", "до": "gent", "для": "gent", "у": "gent", "без": "gent",
    "после": "gent", "кроме": "gent", "около": "gent", "вместо": "gent", "со": "ablt",
    "над": "ablt", "перед": "ablt", "между": "ablt", "к": "datv", "ко": "datv", "по": "datv",
    "согласно": "datv", "через": "accs", "про": "accs",
}


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
    prepared["_fixed"] = {_shortening_key(k) for k in string_list(source, "fixed", glossary["fixed"])}
    prepared["_after_and"] = {_shortening_key(k) for k in string_list(source, "after_and", glossary["after_and"])}
    prepared["_legal_forms"] = set(string_list(source, "legal_forms", glossary["legal_forms"]))
    prepared["_counted"] = {_shortening_key(k) for k in string_list(source, "counted", glossary["counted"])}
    prepared["_direction_verbs"] = {fold(v) for v in options.get("direction_verbs", [])}
    return prepared


@python_check("abbreviation", options={"glossary": "glossary/abbreviations.yaml", "allow": [],
                                       "direction_verbs": []},
              prepare=_prepare_glossary)
def abbreviation(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Acronyms in capitals not defined at or before their first use; `allow` lists those every
    reader knows (ООО, РФ). The glossary gives the full form; it becomes a replacement
    «в Едином государственном реестре недвижимости (ЕГРН)» when the case is certain."""
    acronyms: dict[str, str] = options["_acronyms"]
    allow: set[str] = options["_allow"]
    settled: set[str] = set()
    for tokens, positions in by_sentence(doc, _acronym_like(doc)):
        quotes = _Quotes(tokens)
        after = 0  # «ЗК РФ» is one acronym: the word after a pair is not read again
        for k in positions:
            if k < after:
                continue
            key, width = _acronym_at(doc, tokens, k, acronyms)
            if key is None:
                continue
            name = fold(key)
            if name not in allow and name not in settled:
                if _defined_here(doc, tokens, k, width):
                    settled.add(name)
                elif not _part_of_name(tokens, k, width, options["_legal_forms"], quotes):
                    settled.add(name)
                    yield _acronym_hit(tokens, k, width, key, acronyms.get(key), options)
            after = k + width


# Where an acronym may begin: a capital, not right after a letter (razdel never starts a token
# inside a run of letters), then another capital after some lower-case letters.
_ACRONYM_START = regexes.compile(r"[А-ЯЁ](?<![а-яёА-ЯЁ][А-ЯЁ])[а-яё]*[А-ЯЁ]")


def _acronym_like(doc: Document) -> list[Token]:
    """The words that look like acronyms, in text order: the only ones an acronym can start at."""
    return [token for token in tokens_at(doc.tokens, (m.start() for m in _ACRONYM_START.finditer(doc.text)))
            if token.kind == WORD and _looks_like_acronym(token)]


def _acronym_hit(tokens: list[Token], k: int, width: int, key: str, full: str | None,
                 options: Mapping[str, Any]) -> Hit:
    start, end = tokens[k].start, tokens[k + width - 1].end
    if not full:
        return Hit(start, end, suggestion="расшифруйте при первом упоминании: «полное название (" + key + ")»")
    if "|" in full:  # «ГО»: городской округ or гражданская оборона; the writer knows which
        meanings = " или ".join(f"«{m.strip()} ({key})»" for m in full.split("|"))
        return Hit(start, end, suggestion=f"расшифруйте при первом упоминании: {meanings}")
    case = _case_before(tokens, k, set(options["_direction_verbs"]))
    certain = case is not None
    if case is None and k > 0 and tokens[k - 1].kind == NUMBER:
        case, certain = "gent", _cited_part(tokens, k - 1)  # «статьи 39.6 ЗК РФ», but «23 ЗУ»
    expansion = _inflected(full, case or "nomn")
    if expansion is None:
        expansion, certain = _inflect_phrase(full, case or "nomn"), False
    if k == 0:
        expansion = expansion[:1].upper() + expansion[1:]
    text = f"{expansion} ({key})"
    return Hit(start, end, suggestion=text, replacement=text if certain else None)


# Full forms come from the glossary, a few hundred phrases: each form of one is worked out once.
_inflect_phrase = lru_cache(maxsize=4096)(inflect_phrase)
_agree_with_number = lru_cache(maxsize=4096)(agree_phrase_with_number)


@lru_cache(maxsize=4096)
def _inflected(phrase: str, case: str) -> str | None:
    """A nominative noun phrase in `case`: every adjective up to the head noun agrees with it
    («малое и среднее предпринимательство» → «малого и среднего предпринимательства»); words
    after the head stay. None when some word cannot be put in that case."""
    if case == "nomn":
        return phrase
    words = phrase.split()
    readings = []
    for i, word in enumerate(words):
        parses = analyzer().parse(word)
        noun = next((p for p in parses if p.tag.POS == "NOUN" and "nomn" in p.tag and len(word) > 1), None)
        adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF") and "nomn" in p.tag), None)
        if adjective is not None and noun is not None and _noun_follows(words[i + 1:]):
            noun = None  # «детская школа», «Уголовный кодекс»: an adjective before its noun
        if noun is not None:
            return _agreeing(words, readings, noun, i, case)
        if adjective is None and not (parses and parses[0].tag.POS in ("CONJ", "ADVB", "PREP")):
            return None
        readings.append(adjective)  # None for «и», «особо», «социально»: they stay
    return None


def _agreeing(words: list[str], readings: list, noun, head: int, case: str) -> str | None:
    number = "plur" if "plur" in noun.tag else "sing"
    agreement = {case, number}
    if number == "sing" and noun.tag.gender:
        agreement.add(noun.tag.gender)
    if case == "accs" and ("masc" in noun.tag or number == "plur"):
        agreement.add("anim" if "anim" in noun.tag else "inan")
    result = []
    for word, parse in zip(words, readings):
        if parse is None:
            result.append(word)
            continue
        form = parse.inflect(agreement)
        if form is None:
            return None
        result.append(_written_like(word, form.word))
    head_form = noun.inflect({case, number})
    if head_form is None:
        return None
    result.append(_written_like(words[head], head_form.word))
    return " ".join(result + words[head + 1:])


def _written_like(original: str, form: str) -> str:
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


def _noun_follows(rest: list[str]) -> bool:
    """The next word that is not a conjunction can be a nominative noun or an adjective."""
    for word in rest:
        parses = analyzer().parse(word)
        if parses and parses[0].tag.POS in ("CONJ", "ADVB"):
            continue
        return any(p.tag.POS in ("NOUN", "ADJF", "PRTF") and "nomn" in p.tag for p in parses)
    return False


def _cited_part(tokens: list[Token], number: int) -> bool:
    """«по статье 39.6 ЗК РФ», «пункт 3 ГК РФ»: the number is a part of an act, so the act's name
    after it is in the genitive."""
    if number == 0 or tokens[number - 1].kind != WORD:
        return False
    return bool(tokens[number - 1].morph.lemmas & _ACT_PARTS)


def _acronym_at(doc: Document, tokens: list[Token], k: int,
                acronyms: Mapping[str, str]) -> tuple[str | None, int]:
    token = tokens[k]
    if token.kind != WORD or not _looks_like_acronym(token):
        return None, 1
    if _glued(doc.text, token):
        return None, 1  # a model or a formula symbol: «2ТЭ10», «БРФi»
    if k + 1 < len(tokens) and tokens[k + 1].text == "=":
        return None, 1  # a symbol in a formula: «ДМесБ = (30% - ДФБ)/2»
    if k >= 2 and tokens[k - 1].text in _DASHES and tokens[k - 2].kind == NUMBER:
        return None, 1  # the letters of an act number: «№ 273 - ФЗ»
    if k + 1 < len(tokens) and tokens[k + 1].kind == WORD:
        pair = f"{token.text} {tokens[k + 1].text}"
        if pair in acronyms:
            return pair, 2
    if token.text in acronyms:
        return token.text, 1
    m = token.morph
    if _in_caps_line(doc, token):
        # A heading in capitals: only what the dictionary marks as an abbreviation is one here;
        # other words, known or not («БИЙСКУ», «РЕАЛИЗАЦИИИ»), are words in capitals.
        if not m.parses or "Abbr" not in m.parses[0].grammemes:
            return None, 1
    elif m.known and not any(_NOT_WORDS & p.grammemes for p in m.parses):
        return None, 1  # a dictionary word in capitals: shouting, not an abbreviation
    return token.text, 1


def _glued(text: str, token: Token) -> bool:
    before = text[token.start - 1:token.start]
    after = text[token.end:token.end + 1]
    return before.isalnum() or after.isalnum()


def _in_caps_line(doc: Document, token: Token) -> bool:
    """The token's line has no word in lower case. Remembered per line: a heading of a thousand
    words in capitals would otherwise be read a thousand times."""
    text = doc.text
    start = text.rfind("\n", 0, token.start) + 1
    lines: dict[int, bool] = doc.shared.setdefault("caps-lines", {})  # type: ignore[assignment]
    if start not in lines:
        end = text.find("\n", token.end)
        lines[start] = not _LOWER_WORD.search(text, start, end if end >= 0 else len(text))
    return lines[start]


_NAME_ACRONYMS = 8  # «ГБУЗ РК «…»»: capitals that may stand between an acronym and the quoted name


def _part_of_name(tokens: list[Token], k: int, width: int, legal_forms: set[str], quotes: _Quotes) -> bool:
    """«ООО «СВИСС КРОНО»», «МУП «Кривошеинское АТП»», «ГБУЗ РК «Сысольская ЦРБ»», «ОАО ТАТМЕДИА»:
    letters inside a quoted name, after a legal form or right before a quoted name belong to the name."""
    if quotes.inside(k) or (k > 0 and tokens[k - 1].text in legal_forms):
        return True
    j = k + width
    stop = min(len(tokens), j + _NAME_ACRONYMS)
    while j < stop and tokens[j].kind == WORD and _looks_like_acronym(tokens[j]):
        j += 1
    return j < len(tokens) and tokens[j].text in _OPENING_QUOTES and j + 1 < len(tokens) \
        and tokens[j + 1].text[:1].isupper()


class _Quotes:
    """Whether each token of a sentence stands inside quotation marks (an open «, „ or “, or an odd
    number of straight quotes before it); counted once per sentence, on first use."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self._inside: list[bool] | None = None

    def inside(self, k: int) -> bool:
        if self._inside is None:
            inside, depth, straight = [], 0, 0
            for token in self.tokens:
                inside.append(depth > 0 or straight % 2 == 1)
                if token.text in ("«", "„", "“"):
                    depth += 1
                elif token.text in ("»", "”") and depth:
                    depth -= 1
                elif token.text == '"':
                    straight += 1
            self._inside = inside
        return self._inside[k]


def _looks_like_acronym(token: Token) -> bool:
    text = token.text
    if len(text) < 2 or not _ACRONYM.match(text):
        return False
    capitals = sum(map(str.isupper, text))
    return capitals >= 2 and capitals * 2 >= len(text)


def _defined_here(doc: Document, tokens: list[Token], k: int, width: int) -> bool:
    """«… центр (МФЦ)», «(далее — МФЦ)», «(далее «ДПК»)», «МФЦ (многофункциональный центр)»,
    «МФЦ — многофункциональный …» and a line of a list of abbreviations «ИК - Исполнительный комитет»."""
    before = tokens[k - 1].text if k > 0 else ""
    after = tokens[k + width].text if k + width < len(tokens) else ""
    if after in _CLOSING_QUOTES:
        after = tokens[k + width + 1].text if k + width + 1 < len(tokens) else ""
    elif before == "(" and after[:1].isupper() and k + width + 1 < len(tokens) \
            and tokens[k + width + 1].text == ")":
        after = ")"  # «Федеральная антимонопольная служба (ФАС России)»
    if _in_definition_head(doc.text, tokens[k]):
        return True
    if after == ")" and (before in ("(", "«", '"') or before in _DASHES or _after_dalee(tokens, k)):
        return True
    if after == "(":
        return True
    if after in _DASHES and k + width + 1 < len(tokens):
        following = tokens[k + width + 1]
        if following.kind != WORD:
            return False
        return following.text[:1].islower() or _heads_its_line(doc.text, tokens, k)
    return False


def _after_dalee(tokens: list[Token], k: int) -> bool:
    """«(далее – ЕГРН)», «(далее ЕГРН)», «(далее по тексту – ЕГРН)»."""
    for token in reversed(tokens[max(0, k - 5):k]):
        if token.text == "(":
            return False
        if token.key == "далее":
            return True
    return False


_DEFINITION_HEAD = regexes.compile(r"^[\s*•\-–—]*(?:[«\"]?[А-ЯЁA-Z][А-ЯЁA-Zа-яё]*[»\"]?\s+(?:(?:и|по|при|в)\s+)?)+[-–—]\s+[А-ЯЁа-яё]")


def _in_definition_head(text: str, token: Token) -> bool:
    """A line of a list of abbreviations: «КДН и ЗП БМР – комиссия по делам несовершеннолетних …»,
    «УГИБДД МВД по РТ - Управление …»; the letters before the dash are all explained there."""
    line_start = text.rfind("\n", 0, token.start) + 1
    line_end = text.find("\n", token.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    head = _DEFINITION_HEAD.match(line[:200])
    return head is not None and token.end - line_start <= head.end()


def _heads_its_line(text: str, tokens: list[Token], k: int) -> bool:
    """The acronym opens its line, maybe after other abbreviations: «ИК - Исполнительный комитет …;»."""
    line_start = text.rfind("\n", 0, tokens[k].start) + 1
    head = text[line_start:tokens[k].start]
    return all(_looks_like_acronym_text(part) or part in _BULLETS for part in head.split())


def _looks_like_acronym_text(word: str) -> bool:
    word = word.strip("«»\"")
    capitals = sum(map(str.isupper, word))
    return len(word) >= 2 and capitals >= 2 and capitals * 2 >= len(word)


def _case_before(tokens: list[Token], k: int, direction_verbs: set[str]) -> str | None:
    """The case the abbreviation stands in, when the words before it tell for certain; else None."""
    if k == 0:
        following = tokens[1] if len(tokens) > 1 else None
        if following is not None and following.kind == WORD and following.morph.best_has("VERB"):
            return "nomn"  # «МФЦ работает без выходных»
        return None
    previous = tokens[k - 1]
    if previous.kind != WORD:
        return None
    word = previous.key
    if word in SINGLE_CASE_PREPOSITIONS:
        return SINGLE_CASE_PREPOSITIONS[word]
    if word in ("в", "во", "на"):
        return _place_or_direction(tokens[:k], direction_verbs)
    if k + 1 < len(tokens) and tokens[k + 1].text in _OPENING_QUOTES:
        return None  # «заказчик ИТЦ «Марка»»: a name in apposition, not a genitive
    if previous.morph.best_has("NOUN") and not capitalized_inside(tokens, k - 1) \
            and not any(_NOT_WORDS & p.grammemes for p in previous.morph.parses):
        return "gent"  # «выписка ЕГРН», «сотрудники МФЦ»
    return None


def _place_or_direction(before: list[Token], direction_verbs: set[str]) -> str | None:
    """«в», «на» before the abbreviation: a direction right after a verb of motion («обратитесь в
    МФЦ» — accusative), a place when no such verb is in the sentence, unsure otherwise."""
    words = [t for t in before if t.kind == WORD]
    near = {lemma for t in words[-4:-1] for lemma in t.morph.lemmas}
    if near & direction_verbs:
        return "accs"
    anywhere = {lemma for t in words for lemma in t.morph.lemmas}
    return None if anywhere & direction_verbs else "loct"


def _sentence_at(doc: Document, offset: int) -> int:
    i = bisect_left(doc.sentences, offset + 1, key=_START) - 1
    return max(i, 0)


_WHITESPACE = regexes.compile(r"\s+")
_RANGE_DASH = regexes.compile(r"\s*[-–]\s*(?=\w)")


def _shortening_key(text: str) -> str:
    return _WHITESPACE.sub("", text.strip().lower())


def _shortenings_pattern(shortenings: Mapping[str, str]) -> re.Pattern[str]:
    """Shortenings are matched in lower case; only a first part of two or more letters may start
    with a capital («Ст. 8» opens a sentence), so initials «Т. Е. Петрова» and «ВС РФ» stay apart.
    The alternatives, longest first, are grouped by the character they open with: where a word
    begins, sre tries the few that open with its letter, not all of them, in the same order."""
    by_first: dict[str, list[str]] = {}
    keys = sorted(shortenings, key=len, reverse=True)
    for key in keys:
        for first, rest in _opening_and_rest(key):
            by_first.setdefault(first, []).append(rest)
    groups = [re.escape(first) + "(?:" + "|".join(rests) + ")" for first, rests in by_first.items()]
    if "" in shortenings:
        groups.append("")  # the empty key comes last, as in the list sorted by length
    one = "(?:" + "|".join(groups) + ")"
    return regexes.compile(rf"(?<![\w.]){one}(?:\s*[-–]\s*{one})?(?![\w])")


def _opening_and_rest(key: str) -> list[tuple[str, str]]:
    """Each character a shortening's pattern may open with, and the pattern of the rest."""
    if not key:
        return []
    first, rest = key[0], "".join(r"\.\s*" if ch == "." else re.escape(ch) for ch in key[1:])
    if first == ".":
        return [(".", r"\s*" + rest)]
    if first.isalpha() and len(key.split(".")[0]) >= 2:
        return [(ch, rest) for ch in dict.fromkeys(first + first.upper())]
    return [(first, rest)]


@python_check("shortening", options={"glossary": "glossary/abbreviations.yaml", "allow": [],
                                     "direction_verbs": []},
              prepare=_prepare_glossary)
def shortening(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Shortenings with a dot or a hyphen (т.к., ст., кв. м, пн-чт) from the glossary, reported once
    each, with the full word; after a number the word agrees with it («48 312 руб.» → «рублей»)."""
    shortenings: dict[str, str] = options["_shortenings"]
    skip = options["_units"] | {_shortening_key(a) for a in options["allow"]}
    seen: set[str] = set()
    for m in options["_pattern"].finditer(doc.text):
        if _in_link(doc.tokens, m.start(), m.end()):
            continue
        text = m.group(0).rstrip()
        parts = [p for p in _RANGE_DASH.split(text) if p]
        keys = [_shortening_key(p) for p in parts]
        first = keys[0] if keys[0] in shortenings else _shortening_key(text)
        if first in skip or first in seen or first not in shortenings:
            continue
        seen.add(first)
        end = m.start() + len(text)
        if len(keys) > 1:  # «пн-чт»: a range reads «с понедельника по четверг», left to the writer
            yield Hit(m.start(), end, suggestion=" — ".join(shortenings.get(k, k) for k in keys))
            continue
        if first == "кв." and _METRES_AFTER.match(doc.text[end:end + 8]):
            yield Hit(m.start(), end, suggestion="квадратных")  # «60088 кв. метров»
            continue
        if _explained_after(doc.text, end, shortenings[first]):
            continue  # a list of shortenings: «ед. – единиц»
        place = _Place(doc, m.start(), end, set(options["_direction_verbs"]))
        suggestion, replacement = _full_form(place, first, shortenings[first], options)
        if replacement is not None and text[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        yield Hit(m.start(), end, suggestion=suggestion, replacement=replacement)


def _in_link(tokens: list[Token], start: int, end: int) -> bool:
    """A token of a link or an e-mail address overlaps [start, end)."""
    i = bisect_left(tokens, end, key=_START)  # tokens[:i] start before the end
    while i > 0 and tokens[i - 1].end > start:
        i -= 1
        if tokens[i].kind == LINK:
            return True
    return False


_NUMBER_BEFORE = regexes.compile(r"(\d[\d \u00a0]*(?:[.,]\d+)?)\s*(?:(?:тыс|млн|млрд)\.?\s*)?$")
_FULL_DATE_BEFORE = regexes.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\s*$")
_RANGE_BEFORE = regexes.compile(r"\d+\s*[-–—]\s*$")
_NUMBER_AFTER = regexes.compile(r"^[ \t\u00a0]*\d")
def _explained_after(text: str, end: int, full: str) -> bool:
    stems = [part.strip()[:3].lower() for part in full.split("|")]
    rest = re.match(r"[ \t]*[-–—:][ \t]*(\w{3})", text[end:end + 12])
    return bool(rest) and rest.group(1).lower() in stems


_METRES_AFTER = regexes.compile(r"^\s*(?:метр|километр|м\b|км\b)")
_NAME_AFTER = regexes.compile(r"^\s*[А-ЯЁ][а-яё]")
_MULTIPLIER_BEFORE = regexes.compile(r"(?:тыс|млн|млрд)\.?\s*$")
_DATE_BEFORE = regexes.compile(r"(?:\d{1,2}\.\d{1,2}\.|_|(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|"
                          r"ноябр|декабр)[а-я]*\s+)\s*$", re.IGNORECASE)
_MORE_OR_LESS = frozenset({"более", "менее", "свыше", "около", "порядка", "больше", "меньше"})
_ACCUSATIVE_BEFORE_NUMBER = frozenset({"в", "во", "на", "за", "через", "про"})
_OPENERS = frozenset("(:;—–-\n")
_YEARS = frozenset({"год", "годы"})
_COUNTING_FORMS = {"людей": "человек"}  # after a number: «30 человек»
_CASE_NAMES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


class _Place:
    """Where a shortening stands: the words around it, as the case of its full form needs them."""

    def __init__(self, doc: Document, start: int, end: int, direction_verbs: set[str]):
        self.text = doc.text
        self.sentence_start = doc.sentences[_sentence_at(doc, start)].start if doc.sentences else 0
        self.start, self.end = start, end
        i = bisect_left(doc.tokens, start, key=_START)
        j = bisect_left(doc.tokens, end, key=_START)
        self.before = doc.tokens[max(0, i - 12):i]
        self.after = doc.tokens[j:j + 1]
        self.direction_verbs = direction_verbs
        head = self.text[max(0, start - 40):start]
        self.number_before = _NUMBER_BEFORE.search(head)
        self.number_after = bool(_NUMBER_AFTER.match(self.text[end:end + 3]))
        self.name_after = bool(_NAME_AFTER.match(self.text[end:end + 4]))

    def previous_word(self, before: int) -> Token | None:
        """The token right before offset `before`, if it is a word."""
        tokens = [t for t in self.before if t.end <= before]
        return tokens[-1] if tokens and tokens[-1].kind == WORD else None

    def opens(self, before: int) -> bool:
        """Nothing but an opening bracket, a colon, a dash or a line start stands before `before`."""
        head = self.text[max(self.sentence_start, before - 40):before].rstrip(" \t\u00a0")
        return not head or head[-1] in _OPENERS


def _full_form(place: _Place, key: str, full: str, options: Mapping[str, Any]) -> tuple[str, str | None]:
    """Advice and, when the form is certain, the replacement for one shortening."""
    if key in options["_fixed"]:
        return full, full
    if key in options["_after_and"]:
        word = place.previous_word(place.start)
        after_and = word is not None and word.key == "и"
        meaning = full.split("|")[0].strip()
        return (meaning, meaning) if after_and else (full.replace(" | ", " или "), None)
    if "|" in full:
        near, far = (part.strip() for part in full.split("|", 1))
        if place.number_after or place.number_before:
            full = near
        elif place.name_after and " или " not in far:
            full = far
        else:
            return f"{near} или {far}", None
    if _head_lemma(full) in _YEARS and place.number_before:
        form = _year_form(place, full)
        return (form or full), form
    if not _noun_phrase(full):
        return full, None  # not a noun («другие», «утвержденный»): its form depends on the sentence
    if place.number_before and not place.number_after:
        if key not in options["_counted"]:
            return full, None  # «10 ч.», «5 п.»: not a unit to count
        form = _counted_form(place, full)
        return (form or full), form
    case = _label_case(place)
    if case is None:
        return full, None
    form = _inflect_phrase(full, case)
    return form, form


def _head_lemma(phrase: str) -> str:
    words = phrase.split()
    return fold(words[0]) if len(words) == 1 else ""


def _year_form(place: _Place, full: str) -> str | None:
    """«2017 г.» by what stands before the year: «в 2017 году», «на 2017 год», «от 17.03.2017 года»,
    «в I полугодии 2017 года»; «2016–2026 гг.» likewise with «годах», «годы», «годов»."""
    number = place.number_before
    if number is None:
        return None
    before = place.start - len(place.text[max(0, place.start - 40):place.start]) + number.start()
    range_start = _RANGE_BEFORE.search(place.text[max(0, before - 12):before])
    if range_start:
        before -= len(range_start.group(0))
    number_of = "plur" if fold(full) == "годы" else "sing"
    if _DATE_BEFORE.search(place.text[max(0, before - 12):before]) or _FULL_DATE_BEFORE.search(
            place.text[max(0, place.start - 16):place.start]):
        case = "gent"  # «на 01.01.2016 г.» → «года», whatever the preposition
    elif place.opens(before):
        case = "nomn"
    else:
        word = place.previous_word(before)
        if word is None:
            return None
        folded = word.key
        if folded in ("в", "во", "о", "об", "при"):
            case = "loct"
        elif folded in ("на", "за", "через", "по", "про"):
            case = "accs"
        elif folded in SINGLE_CASE_PREPOSITIONS:
            case = SINGLE_CASE_PREPOSITIONS[folded]
        elif folded in ("с", "со"):
            case = "gent"
        elif word.morph.best_has("NOUN") or word.morph.best_has("ADJF"):
            case = "gent"  # «в I полугодии 2017 года», «итоги 2017 года»
        else:
            return None
    if case == "loct" and number_of == "sing":
        return "году"  # the second locative: «в 2017 году»
    return inflect("год", {case, number_of}, "NOUN")


def _counted_form(place: _Place, full: str) -> str | None:
    form = _counted(place, full)
    return _COUNTING_FORMS.get(form, form) if form else form


def _counted(place: _Place, full: str) -> str | None:
    """A unit after a number agrees with it: «1211 квадратных метров», «2 квадратных метра»,
    «21 квадратный метр», «4882,70 тысячи», «40 921 тыс. рублей»; None when the case of the
    number is not certain («в размере 2 тыс.» could be either)."""
    number = place.number_before
    if number is None:
        return None
    digits = re.sub(r"[\s\u00a0]", "", number.group(1))
    before = place.start - len(place.text[max(0, place.start - 40):place.start]) + number.start()
    case = _number_case(place, before)
    if _MULTIPLIER_BEFORE.search(place.text[max(0, place.start - 6):place.start]):
        return _agree_with_number(full, 5) if case in ("nomn", "accs", "gent", None) else None
    if "," in digits or "." in digits:
        return _inflect_head(full, frozenset({"gent", "sing"}))
    value = int(digits)
    last, last_two = value % 10, value % 100
    many = last == 0 or last >= 5 or 11 <= last_two <= 14
    if case in ("nomn", "accs", "gent", None) and many:
        return _agree_with_number(full, 5)  # «30 человек», not «30 людей»
    if case in ("nomn", "accs") and (last != 1 or case == "nomn"):
        return _agree_with_number(full, value)
    if case == "accs" and last == 1:
        return _inflect_phrase(full, "accs")
    if case in ("gent", "datv", "ablt", "loct"):
        return _inflect_head(full, frozenset({case, "sing" if last == 1 else "plur"}))
    return None


def _number_case(place: _Place, before: int) -> str | None:
    """The case of a number phrase: nominative after a verb or a dash, the case its preposition
    asks for, None after a noun («в размере 2 тыс.»)."""
    if place.opens(before):
        return "nomn"
    word = place.previous_word(before)
    if word is None:
        return None
    folded = word.key
    if folded in _ACCUSATIVE_BEFORE_NUMBER:
        return "accs"
    if folded in _MORE_OR_LESS:
        return "gent"
    if folded in SINGLE_CASE_PREPOSITIONS:
        return SINGLE_CASE_PREPOSITIONS[folded]
    if word.morph.best_has("VERB") or word.morph.best_has("PRTS") or word.morph.best_has("INFN"):
        return "nomn"  # «составляет 24 471 тыс. рублей»
    return None


@lru_cache(maxsize=4096)
def _noun_phrase(phrase: str) -> bool:
    return bool(_head_prefix_length(phrase.split()))


@lru_cache(maxsize=4096)
def _inflect_head(phrase: str, grammemes: frozenset[str]) -> str | None:
    words = phrase.split()
    head = _head_prefix_length(words)
    result = []
    for i, word in enumerate(words):
        if i >= head:
            result.append(word)
            continue
        parse = _nominative_parse(word)
        form = parse.inflect(grammemes) if parse is not None else None
        if form is None:
            return None
        result.append(form.word)
    return " ".join(result)


def _label_case(place: _Place) -> str | None:
    """The case of a shortened noun before a number or a name («согласно п. 3» — «пункту»,
    «в с. Рыбалово» — «селе»), from the name's own case or the word before it; None if unsure."""
    if place.name_after and place.after:
        cases = _cases(place.after[0])
        if len(cases) == 1 and place.after[0].morph.known:
            return cases.pop()
    if place.opens(place.start):
        return "nomn"
    word = place.previous_word(place.start)
    if word is None:
        return None
    folded = word.key
    if folded in SINGLE_CASE_PREPOSITIONS:
        return SINGLE_CASE_PREPOSITIONS[folded]
    if folded in ("в", "во", "на"):
        return _place_or_direction(place.before, place.direction_verbs)
    if word.morph.best_has("NOUN") and not any(_NOT_WORDS & p.grammemes for p in word.morph.parses):
        return "gent"
    return None


def _cases(token: Token) -> set[str]:
    """The cases a noun or an adjective form can stand in."""
    return {case for p in token.morph.parses if p.pos in ("NOUN", "ADJF")
            for case in _CASE_NAMES if case in p.grammemes}
