"""Titles of acts and documents, and the client's quoted words, for the context layer.

    постановлением Администрации города Ижевска от 25 февраля 2014 года № 509
    «О муниципальных программах «…»»; Правила благоустройства территории города Ижевска;
    Положение о муниципальном земельном контроле; Вы пишете: «дорогу не ремонтируют».
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import regexes
from ..legal import find_references
from .context_words import CAPITALS, SPACES, after_boundary, folded_set, last_words
from .morph import fold, morph

TITLE_LIMIT = 300      # the longest quoted title, in characters
QUOTATION_LIMIT = 600  # the longest quotation of the client
_SP = r"[ \t\u00a0]"
_WORD_BEFORE = regexes.compile(rf"([А-Яа-яЁё]+){_SP}*$")
_SPEECH_BEFORE = regexes.compile(rf"([А-Яа-яЁё]+)(?:{_SP}*[:,])?(?:{_SP}*что)?{_SP}*$")
_NOUN_COLON_BEFORE = regexes.compile(rf"([А-Яа-яЁё]+){_SP}*[:,]{_SP}*$")
# Details of an act between its name and its quoted title: «от 25.02.2014 № 509», «№ 219-пп».
_DETAILS_BEFORE = regexes.compile(r"(?:\d[\w/.-]*|года|г\.)[ \t\u00a0]*$")
_ACT_WORD = regexes.compile(r"[А-Яа-яЁё]+")
# A reference whose details end here is followed by its title: «… № 509 «О программах»».
_REFERENCE_KINDS = frozenset({"federal_law", "regional_law", "law", "act"})
_NOT_ISSUER_POS = frozenset({"PREP", "CONJ", "VERB", "INFN", "PRTS", "PRTF", "GRND", "ADVB", "PRCL", "NPRO"})
_TITLE_WORD = regexes.compile(r"«|\"|[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|\d+(?:[.,]\d+)*|\S")
_TITLE_MAX_WORDS = 25
_TITLE_CONTINUES_POS = frozenset({"NOUN", "ADJF", "PRTF", "PREP", "NUMR"})
_TITLE_CONJUNCTIONS = frozenset({"и", "или"})


def act_title_spans(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = _quoted_titles(text, quotes)
    spans.extend(_references(text))
    spans.extend(_titles_without_quotes(text, quotes))
    return spans


def _quoted_titles(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A quoted text right after the name of an act or document, or after its date and number."""
    acts = folded_set("titles", "act_nouns")
    spans = []
    for start, end in quotes:
        if end - start > TITLE_LIMIT:
            continue
        near = text[max(0, start - 40):start]  # the regexes end at `$`: keep their window short
        word = _WORD_BEFORE.search(last_words(near, 1, SPACES))
        if word and morph(word.group(1)).lemmas & acts:
            spans.append((start, end))
        elif _DETAILS_BEFORE.search(near) and _act_word_in(text[max(0, start - 200):start], acts):
            spans.append((start, end))
    return spans


def _act_word_in(window: str, acts: frozenset[str]) -> bool:
    """An act's name in the window before its details, with no quoted text between them."""
    tail = window[max(window.rfind("»"), window.rfind("\""), window.rfind("\n")) + 1:]
    return any(morph(w.group()).lemmas & acts for w in _ACT_WORD.finditer(tail))


def _references(text: str) -> list[tuple[int, int]]:
    """Acts named with their date or number (plainreply.legal): «постановление Правительства
    Удмуртской Республики от 25.12.2015 № 601». The chain of articles before it stays prose."""
    spans = []
    for ref in find_references(text):
        if ref.kind not in _REFERENCE_KINDS or not _names_an_act(ref.act):
            continue
        start = text.find(ref.act, ref.start, ref.end)
        start = start if start != -1 else ref.start
        # Its quoted title is found by _quoted_titles, with nested quotes; legal.py stops at the first «»».
        title = text.find("«", start, ref.end)
        end = title if title != -1 else ref.end
        spans.append((start, start + len(text[start:end].rstrip())))
    return spans


def _names_an_act(act: str) -> bool:
    """The words between the act's name and its date or number name its issuer
    («постановлением администрации города от …»), not the writer's own phrase
    («к постановлению согласно приложению № 1»)."""
    head = re.split(r"\s(?:от\s|№|N\s)|«|\"", act, maxsplit=1)[0]
    words = _ACT_WORD.findall(head)[1:]
    return not any(morph(w).pos in _NOT_ISSUER_POS for w in words if not w[0].isupper())


@lru_cache(maxsize=1)
def _heads() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(head.split()) for head in folded_set("titles", "title_heads"))


def _titles_without_quotes(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """«Правила благоустройства территории города Ижевска», «Положение о муниципальном контроле»:
    a capitalised head and the words of its title, up to a verb, punctuation or a stop word."""
    heads = _heads()
    quote_ends = dict(quotes)
    stops = folded_set("titles", "title_stops")
    spans = []
    for m in _head_candidates().finditer(text):
        head = _head_at(text, m, heads)
        if head is None:
            continue
        end = _title_end(text, head, quote_ends, stops)
        if end > head:
            spans.append((m.start(), end))
    return spans


@lru_cache(maxsize=1)
def _head_candidates() -> re.Pattern[str]:
    """Capitalised words that begin like a title head («Прав», «Поря»): the rest is skipped fast."""
    stems = tuple(s for s in {head[0][:4].capitalize() for head in _heads()} if s[0] in CAPITALS)
    heads = after_boundary(stems, r"[\w-]")
    return regexes.compile(f"(?:{heads})[а-яё]*")  # what (?=[А-ЯЁ])(?<![\w-])(?:stems)[а-яё]* matches


def _head_at(text: str, m: re.Match[str], heads: tuple[tuple[str, ...], ...]) -> int | None:
    """The end of a title head that starts at `m` («Правила», «Административный регламент»)."""
    first = morph(m.group()).lemmas
    for head in heads:
        if head[0] not in first:
            continue
        end = m.end()
        for word in head[1:]:
            nxt = re.match(r"[ \t\u00a0]+([А-Яа-яЁё]+)", text[end:end + 40])
            if nxt is None or word not in morph(nxt.group(1)).lemmas:
                break
            end += nxt.end()
        else:
            return end
    return None


def _title_end(text: str, pos: int, quote_ends: dict[int, int], stops: frozenset[str]) -> int:
    """Where the title that goes on after its head at `pos` ends."""
    end = pos
    words = 0
    while words < _TITLE_MAX_WORDS:
        gap = re.match(r"[ \t\u00a0]*", text[end:end + 20])
        at = end + gap.end()
        if at in quote_ends:  # «… муниципального образования «Город Ижевск»»
            end = quote_ends[at]
            words += 1
            continue
        word = _TITLE_WORD.match(text, at)
        if word is None or not gap.group() or not _continues_title(word.group(), words, stops):
            break
        end = word.end()
        words += 1
    return _without_trailing_links(text, pos, end)


def _continues_title(word: str, index: int, stops: frozenset[str]) -> bool:
    if word[0].isdigit():
        return index > 0
    if not word[0].isalpha():
        return False
    parse = morph(word)
    if parse.lemmas & stops:
        return False
    if index == 0:  # the title goes on with a genitive («Правила благоустройства») or «о/об»
        return fold(word) in ("о", "об") or (parse.best_has("NOUN") and parse.has("gent"))
    if fold(word) in _TITLE_CONJUNCTIONS:
        return True
    best = parse.parses[0].grammemes
    # «управляющим организациям» goes on; «утверждённые постановлением» is the sentence again
    return parse.pos in _TITLE_CONTINUES_POS and "Apro" not in best and "pssv" not in best


def _without_trailing_links(text: str, start: int, end: int) -> int:
    """A title does not end on a preposition or a conjunction: «Правила … и» → «Правила …»."""
    while end > start:
        last = re.search(r"([А-Яа-яЁё]+)\s*$", text[start:end])
        if last is None or morph(last.group(1)).pos not in ("PREP", "CONJ"):
            return end
        end = start + last.start()
        end = start + len(text[start:end].rstrip())
    return end


def quotation_spans(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The client's words quoted right after a verb of speech («Вы пишете: "…"») or after
    «по Вашим словам:» — only the quoted text, never the sentence around it."""
    verbs = folded_set("quotation", "speech_verbs")
    nouns = folded_set("quotation", "speech_nouns")
    spans = []
    for start, end in quotes:
        if end - start > QUOTATION_LIMIT:
            continue
        before = text[max(0, start - 40):start]
        verb = _SPEECH_BEFORE.search(last_words(before, 2, SPACES + ":,"))  # a word, maybe «что»
        noun = _NOUN_COLON_BEFORE.search(last_words(before, 1, SPACES + ":,"))
        if verb and _is_speech_verb(verb.group(1), verbs):
            spans.append((start, end))
        elif noun and morph(noun.group(1)).lemmas & nouns:
            spans.append((start, end))
    return spans


def _is_speech_verb(word: str, verbs: frozenset[str]) -> bool:
    parse = morph(word)
    return any(p.lemma in verbs and p.pos in ("VERB", "INFN", "PRTS", "GRND") for p in parse.parses)
