"""Paragraphs, sentences and tokens with exact character offsets into the original text.

razdel does the sentence and token work; this module only decides where paragraphs and
line breaks end a sentence, and marks links and e-mail addresses so no rule reads inside them.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

import razdel

from .. import regexes
from .morph import Morph, fold, morph
from .tokenize import chunk_tokens

WORD, NUMBER, PUNCT, LINK, SYMBOL = "word", "number", "punct", "link", "symbol"

_BLANK_LINE = regexes.compile(r"\n[ \t\u00a0\r]*\n")
_LINE_BREAK = regexes.compile(r"\r?\n|\r")
_TERMINAL_LINE_END = regexes.compile(r"[.!?:;…][»\")]*\s*$")
_LIST_ITEM_START = regexes.compile(r"^\s*(?:[-—–•*▪●◦]\s|\d{1,3}[.)]\s|[а-яa-z][)]\s)")
_UPPER_START = regexes.compile(r"^\s*[«\"(]*[A-ZА-ЯЁ0-9]")
_CLOSING_FORMULA = regexes.compile(r"^\s*(?:с уважением|с наилучшими пожеланиями|искренне ваш[аи]?)\s*,?\s*$", re.IGNORECASE)
_LAST_WORD = regexes.compile(r"([^\W\d_]+)[^\w]*$")
# A short line without terminal punctuation before a capitalised line is a heading, an address
# block or a signature; a longer one is prose wrapped by hand.
HEADING_MAX_WORDS = 10
# Words after which a line cannot end a thought (a wrap before a name: «направили в\nМинистерство»).
_CONTINUING_WORDS = frozenset(
    "в во на с со к ко о об обо от до по за из изо у при про для без под над перед через между и а но "
    "или либо что чтобы как если когда который которая которое которые которого которой которых "
    "также ни не".split()
)
_LINK = regexes.compile(
    r"(?:https?://|www\.)[^\s<>«»\"]+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:ru|su|рф|com|org|net|gov|info)(?:/[^\s<>«»\"]*)?",
    re.IGNORECASE,
)
_LINK_TRAILER = ".,;:!?)»"
# Every match of _LINK holds one of these, lower-cased: most letters hold none and need no scan.
# «ſ» and «ı» are read as «s» and «i», as re's IGNORECASE reads them.
_LINK_MARKS = ("http", "www", "@", ".ru", ".su", ".рф", ".com", ".org", ".net", ".gov", ".info")
_PUNCTUATION = set(".,;:!?…-–—()[]{}«»\"'„“”‘’/")
_LETTER = regexes.compile(r"[^\W\d_]")
_DIGIT = regexes.compile(r"\d")


class Token(NamedTuple):
    """One token with its offsets. A tuple: a letter has thousands and building a frozen dataclass
    costs five times as much; equal when text, offsets, kind and index are."""

    text: str
    start: int
    end: int
    kind: str
    index: int
    # Checks read a token's parse and folded text millions of times: both are kept on the token.
    morph: Morph
    key: str  # the text folded for comparison (lower case, ё as е)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self[:5] == other[:5]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:5])


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    index: int
    paragraph: int
    first_token: int
    last_token: int  # exclusive


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    index: int


@lru_cache(maxsize=4)
def link_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Links and e-mail addresses, without the punctuation that ends the sentence after them.
    Both the tokeniser and the context layer ask for them: the last few texts are remembered.
    A run of letters is tried from its first character only, so a long word costs linear time."""
    lowered = text.lower().replace("ſ", "s").replace("ı", "i")
    if not any(mark in lowered for mark in _LINK_MARKS):
        return ()
    spans = []
    for m in _LINK.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _LINK_TRAILER:
            end -= 1
        spans.append((m.start(), end))
    return tuple(spans)


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Blocks of text separated by blank lines, trimmed of surrounding whitespace."""
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def line_groups(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a paragraph at line breaks that end a line of its own: after terminal punctuation,
    before a list item, and after a heading or a signature line. Other breaks are wraps inside
    one sentence (the next line goes on in lower case, or a long line ends without a stop)."""
    group_start = start
    line_start = start
    for m in _LINE_BREAK.finditer(text, start, end):
        line = text[line_start:m.start()]
        next_end = text.find("\n", m.end(), end)
        next_line = text[m.end():end if next_end < 0 else next_end]
        line_start = m.end()
        if line_ends_sentence(line, next_line):
            yield from _trimmed(text, group_start, m.start())
            group_start = m.end()
    yield from _trimmed(text, group_start, end)


def line_ends_sentence(line: str, next_line: str) -> bool:
    if not line.strip() or not next_line.strip():
        return True
    if _TERMINAL_LINE_END.search(line) or _LIST_ITEM_START.match(next_line) or _CLOSING_FORMULA.match(line):
        return True
    if not _UPPER_START.match(next_line):
        return False  # the next line goes on in lower case
    last = _LAST_WORD.search(line)
    if last and last.group(1).lower() in _CONTINUING_WORDS:
        return False
    words = len(line.split())
    if line.rstrip().endswith(","):
        return False
    return words <= HEADING_MAX_WORDS or line.isupper() or next_line.isupper()


_FORMS_KEPT = 262_144
_forms: dict[str, tuple[str, str, Morph]] = {}


def _form(token_text: str) -> tuple[str, str, Morph]:
    """The kind, folded text and parse of a token's text, worked out once per distinct text."""
    form = _forms.get(token_text)
    if form is None:
        if len(_forms) >= _FORMS_KEPT:  # bounded: an archive of letters brings new words forever
            _forms.clear()
        form = _forms[token_text] = (_kind(token_text), fold(token_text), morph(token_text))
    return form


def _kind(token_text: str) -> str:
    if _LETTER.search(token_text):
        return WORD
    if _DIGIT.search(token_text):
        return NUMBER
    if all(not ch.isalnum() and ch in _PUNCTUATION for ch in token_text):
        return PUNCT
    return SYMBOL



# razdel's sentence delimiters: a line without one, or with one only at its very end, is one
# sentence (razdel joins a split with nothing after it), and razdel need not read it.
# (The module by name: razdel.segmenters.sentenize as an attribute is the segmenter object.)
_SENTENCE_DELIMITER = regexes.compile(importlib.import_module("razdel.segmenters.sentenize").DELIMITER)


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """razdel's sentences of text[start:end], a trimmed line group, as offsets into `text`."""
    first = _SENTENCE_DELIMITER.search(text, start, end)
    if first is None or (first.end() == end and first.start() > start):
        yield start, end
        return
    for sent in razdel.sentenize(text[start:end]):
        yield start + sent.start, start + sent.stop


def segment(text: str) -> tuple[list[Paragraph], list[Sentence], list[Token]]:
    links = link_spans(text)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    add = tokens.append
    known = _forms.get
    new_tuple = tuple.__new__  # Token(...) would run NamedTuple's Python-level __new__ per token
    link_index = 0
    for p_start, p_end in paragraph_spans(text):
        paragraph = Paragraph(p_start, p_end, len(paragraphs))
        paragraphs.append(paragraph)
        for g_start, g_end in line_groups(text, p_start, p_end):
            for s_start, s_end in sentence_spans(text, g_start, g_end):
                first = len(tokens)
                for at, pieces in chunk_tokens(text, s_start, s_end):
                    for offset, t_text in pieces:
                        t_start = at + offset
                        t_end = t_start + len(t_text)
                        kind, key, parsed = known(t_text) or _form(t_text)
                        if links:
                            while link_index < len(links) and links[link_index][1] <= t_start:
                                link_index += 1
                            if link_index < len(links) and links[link_index][0] < t_end:
                                kind = LINK
                        add(new_tuple(Token, (t_text, t_start, t_end, kind, len(tokens), parsed, key)))
                sentences.append(Sentence(s_start, s_end, len(sentences), paragraph.index, first, len(tokens)))
    return paragraphs, sentences, tokens
