"""Misspelt words: not in pymorphy3's dictionary nor in the project's and the user's word lists.
Names, places, links, numbers, abbreviations and Latin words are left alone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, Token, fold
from ..engine.model import Hit
from ..engine.python import python_check
from ..errors import RuleFileError
from ..spelling import Lexicon, read_word_list, zipf
from .common import sentences_of

_CYRILLIC_WORD = re.compile(r"^[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)*$")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    words: set[str] = set()
    for i, relative in enumerate(options["dictionaries"]):
        source = (Path(path).parent / relative).resolve()
        if not source.is_file():
            raise RuleFileError(path, f"нет файла словаря {relative}", rule_id, f"options.dictionaries[{i}]")
        words |= read_word_list(source)
    if options["user_dictionary"]:
        user = Path(options["user_dictionary"]).expanduser()
        if not user.is_file():
            raise RuleFileError(user, "нет файла пользовательского словаря", rule_id, "options.user_dictionary")
        try:
            words |= read_word_list(user)
        except UnicodeDecodeError:
            raise RuleFileError(user, "словарь не в кодировке UTF-8", rule_id, "options.user_dictionary") from None
    prepared = dict(options)
    prepared["_lexicon"] = Lexicon(words)
    return prepared


@python_check(
    "spelling",
    options={"dictionaries": [], "user_dictionary": "", "min_candidate_zipf": 2.0, "min_length": 4,
             "rare_zipf": 1.5, "common_zipf": 3.0, "margin_zipf": 0.0},
    prepare=_prepare,
)
def spelling(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Unknown words that are one edit away from a known, common word, or that no text in the
    frequency list has ever used. Capitalised words inside a sentence are names and pass."""
    lexicon: Lexicon = options["_lexicon"]
    for tokens in sentences_of(doc):
        first_word = next((k for k, t in enumerate(tokens) if t.kind == WORD), None)
        for k, token in enumerate(tokens):
            if not _checkable(token, k == first_word, options["min_length"]) or _shortened(tokens, k):
                continue
            if lexicon.knows(token.text):
                if token.text[:1].isupper() or fold(token.text) in lexicon.extra:
                    continue
                suggestions = lexicon.rare_variant(token.text, options["rare_zipf"], options["common_zipf"])
                if not suggestions:
                    continue
            else:
                own = zipf(fold(token.text))
                # A word many people write (slang, a rare name) needs a much commoner correction.
                floor = max(options["min_candidate_zipf"], own + options["margin_zipf"]) if own >= 2.0 \
                    else options["min_candidate_zipf"]
                suggestions = lexicon.candidates(token.text, floor)
                if not suggestions and own > 0:
                    continue
            if token.text[:1].isupper():
                suggestions = [s[:1].upper() + s[1:] for s in suggestions]
            yield Hit(token.start, token.end, suggestion=", ".join(suggestions),
                      values={"detail": suggestions[0] if suggestions else ""})


def _shortened(tokens: list[Token], k: int) -> bool:
    """«зем. участок», «эл. почта»: a short word cut off by a dot inside a sentence."""
    return (len(tokens[k].text) <= 4 and k + 2 < len(tokens) and tokens[k + 1].text == "."
            and tokens[k + 2].text[:1].islower())


def _checkable(token: Token, opens_sentence: bool, min_length: int) -> bool:
    text = token.text
    if token.kind != WORD or len(text) < min_length or not _CYRILLIC_WORD.match(text):
        return False
    if text.isupper():
        return False  # an abbreviation
    if text[:1].isupper():
        if not opens_sentence:
            return False  # a name inside a sentence
        if any(_NAME_TAGS & p.grammemes for p in token.morph.parses):
            return False
    return True
