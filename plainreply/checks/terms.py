"""Terms a layperson needs explained: flagged at the first use when neither that sentence nor the
next one explains them («— это», «то есть», «называется», a dash or parenthesis right after)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from .. import regexes
from ..analysis import Document
from ..engine.glossary import load_glossary
from ..errors import RuleFileError
from ..engine.model import Hit
from ..engine.phrases import PhraseCheck, PhraseMatch
from ..engine.python import python_check
from .glossary_phrases import display, phrase_check

_EXPLAINS = regexes.compile(r"[—–-]\s*это\b|\bто\s+есть\b|\bт\.\s*е\.|\bзначит\b|\bназыва\w+|\bпонимается\b|\bиными\s+словами\b",
                       re.IGNORECASE)
_RIGHT_AFTER = regexes.compile(r"^\s*(?:[—–]|\((?!\s*примечани))", re.IGNORECASE)
_PLAIN_BEFORE = regexes.compile(r"[а-яё]{3,}\s*\(\s*$", re.IGNORECASE)
TERM_FIELDS = {"term", "definition", "example", "ignore"}


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    glossary = load_glossary(path, rule_id, options["glossary"], {"terms": list})
    source = glossary["_path"]
    entries, ignore = [], []
    for i, item in enumerate(glossary["terms"]):
        field = f"terms[{i}]"
        if not isinstance(item, Mapping) or "term" not in item or "definition" not in item:
            raise RuleFileError(source, "нужны поля term и definition", field=field)
        unknown = set(item) - TERM_FIELDS
        if unknown:
            raise RuleFileError(source, "неизвестное поле", field=f"{field}.{sorted(unknown)[0]}")
        entry = {"match": item["term"], "suggest": item["definition"]}
        if "example" in item:
            entry["example"] = item["example"]
        entries.append(entry)
        phrases = item.get("ignore", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise RuleFileError(source, "нужен список фраз", field=f"{field}.ignore")
        ignore.extend({"match": p} for p in phrases if {"match": p} not in ignore)
    prepared = dict(options)
    prepared["_terms"] = phrase_check(source, "terms", entries)
    prepared["_ignore"] = phrase_check(source, "ignore", ignore) if ignore else None
    return prepared


@python_check("term", options={"glossary": "glossary/terms.yaml"}, prepare=_prepare)
def term(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """The first unexplained use of each glossary term; the suggestion carries its definition."""
    ignore: PhraseCheck | None = options["_ignore"]
    ignored: dict[int, list[tuple[int, int]]] = {}  # sentence → the spans of the ignore phrases in it
    done: set[str] = set()
    for match in options["_terms"].matches(doc):
        key = match.entry.match
        if key in done or ignore is not None and _ignored(doc, ignore, match, ignored):
            continue
        done.add(key)
        if _explained(doc, match.sentence, match.start, match.end):
            continue
        definition = match.entry.suggest
        yield Hit(match.start, match.end, suggestion=f"объясните термин: «{display(key)} — это {definition}»")


def _ignored(doc: Document, ignore: PhraseCheck, match: PhraseMatch, ignored: dict[int, list[tuple[int, int]]]) -> bool:
    """Whether an ignore phrase overlaps the match. A phrase never crosses a sentence, so only the
    match's sentence is searched, once: most sentences hold no term at all."""
    spans = ignored.get(match.sentence)
    if spans is None:
        sentence = doc.sentences[match.sentence]
        spans = ignored[match.sentence] = [(m.start, m.end) for m in ignore.matches(doc, [sentence])]
    return any(a < match.end and match.start < b for a, b in spans)


def _explained(doc: Document, sentence_index: int, term_start: int, term_end: int) -> bool:
    sentence = doc.sentences[sentence_index]
    if _RIGHT_AFTER.match(doc.text[term_end:sentence.end]):
        return True
    if _PLAIN_BEFORE.search(doc.text[max(sentence.start, term_start - 40):term_start]):
        return True  # «плата за подключение (технологическое присоединение)»: plain words come first
    texts = [doc.sentence_text(sentence)]
    if sentence_index + 1 < len(doc.sentences):
        texts.append(doc.sentence_text(doc.sentences[sentence_index + 1]))
    return any(_EXPLAINS.search(text) for text in texts)
