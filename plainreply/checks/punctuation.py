"""Punctuation, precision first: commas before subordinate clauses, around gerund phrases and
introductory words, between the clauses of a compound sentence, and paired quotes and brackets.
Where a rule is unsure, it keeps silent."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..analysis import PUNCT, WORD, Document, Token, fold
from ..engine.model import Hit
from ..engine.python import python_check
from .common import sentences_of

_FINITE = ("VERB", "PRTS")
_SUBJECT_PRONOUNS = frozenset({"я", "ты", "он", "она", "оно", "мы", "вы", "они"})


def _word_before(tokens: list[Token], k: int) -> Token | None:
    """The token right before k when it is a word: no punctuation stands between them."""
    if k == 0 or tokens[k - 1].kind != WORD:
        return None
    return tokens[k - 1]


@python_check(
    "comma_before_clause",
    options={"conjunctions": [], "after_predicate_only": [], "not_after": [], "prepositions": []},
)
def comma_before_clause(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A subordinate conjunction or «который» with no comma before it. Words in
    `after_predicate_only` («что») count only after a verb, a short form or «то/том/тем»;
    `not_after` lists the words after which no comma is needed («и», «потому», «так»)."""
    conjunctions = {fold(w) for w in options["conjunctions"]}
    predicate_only = {fold(w) for w in options["after_predicate_only"]}
    not_after = {fold(w) for w in options["not_after"]}
    prepositions = {fold(w) for w in options["prepositions"]}
    for tokens in sentences_of(doc):
        for k, token in enumerate(tokens):
            if token.kind != WORD:
                continue
            key = fold(token.text)
            is_which = token.morph.lemma == "который"
            if key not in conjunctions and not is_which:
                continue
            if k + 1 < len(tokens) and tokens[k + 1].text in ("-", "ли", "же"):
                continue
            start = k
            if is_which and k > 0 and fold(tokens[k - 1].text) in prepositions:
                start = k - 1  # «участок, на котором»: the comma goes before the preposition
            if is_which:
                # «семьи, очередь которых наступила», «товары, потребности в которых»: the clause
                # may start with a noun that the pronoun depends on
                while start > 0 and tokens[start - 1].kind == WORD and \
                        tokens[start - 1].morph.parses[0].pos in ("NOUN", "ADJF") and \
                        not _finite(tokens[start - 1]) and start > 1 and tokens[start - 2].text == ",":
                    start -= 1
            before = _word_before(tokens, start)
            if before is None or fold(before.text) in not_after:
                continue
            if key in predicate_only and not _is_predicate(before):
                continue
            yield Hit(before.start, tokens[k].end, suggestion=f"{before.text}, {doc.text[tokens[start].start:token.end]}")


def _is_predicate(token: Token) -> bool:
    best = token.morph.parses[0]
    return best.pos in ("VERB", "INFN", "PRTS", "ADJS", "PRED", "GRND") or fold(token.text) in ("то", "том", "тем", "того")


@python_check("comma_before_gerund", options={"not_gerunds": [], "not_after": []})
def comma_before_gerund(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A gerund that opens a phrase in the middle of a sentence with no comma before it:
    «передать участок в субаренду направив уведомление»."""
    skip = {fold(w) for w in options["not_gerunds"]}
    not_after = {fold(w) for w in options["not_after"]}
    for tokens in sentences_of(doc):
        for k, token in enumerate(tokens):
            if token.kind != WORD or token.morph.parses[0].pos != "GRND" or fold(token.text) in skip:
                continue
            start = k
            while start > 0 and tokens[start - 1].kind == WORD and tokens[start - 1].morph.parses[0].pos == "ADVB":
                start -= 1  # «попутно освободив»: the adverb belongs to the gerund phrase
            before = _word_before(tokens, start)
            if before is None or fold(before.text) in not_after:
                continue
            phrase = doc.text[tokens[start].start:token.end]
            yield Hit(before.start, token.end, suggestion=f"{before.text}, {phrase}")


@python_check("comma_compound_and", options={"conjunctions": []})
def comma_compound_and(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """«и» (or another conjunction from the list) between two clauses that each have their own
    verb, the second with its own subject: «очередь подошла и Вы можете выбрать»."""
    joins = {fold(w) for w in options["conjunctions"]}
    for tokens in sentences_of(doc):
        for k, token in enumerate(tokens):
            if token.kind != WORD or fold(token.text) not in joins:
                continue
            before = _word_before(tokens, k)
            if before is None or not _clause_has_verb(tokens[:k]):
                continue
            subject = _subject_after(tokens, k + 1)
            if subject is None:
                continue
            yield Hit(before.start, subject.end, suggestion=f"{before.text}, {token.text} {subject.text}")


def _clause_has_verb(tokens: list[Token]) -> bool:
    for token in reversed(tokens):
        if token.kind == PUNCT and token.text in ",;:—(":
            return False
        if token.kind == WORD and _finite(token):
            return True
    return False


def _finite(token: Token) -> bool:
    best = token.morph.parses[0]
    return best.pos == "PRTS" or (best.pos == "VERB" and "indc" in best.grammemes)


def _subject_after(tokens: list[Token], k: int) -> Token | None:
    """A subject right after the conjunction (adjectives may come first), followed by its own verb."""
    j = k
    while j < len(tokens) and tokens[j].kind == WORD and tokens[j].morph.parses[0].pos in ("ADJF", "NPRO") \
            and fold(tokens[j].text) not in _SUBJECT_PRONOUNS:
        j += 1
    if j >= len(tokens) or tokens[j].kind != WORD:
        return None
    subject = tokens[j]
    best = subject.morph.parses[0]
    pronoun = fold(subject.text) in _SUBJECT_PRONOUNS
    if not pronoun and not (best.pos == "NOUN" and "nomn" in best.grammemes):
        return None
    for follower in tokens[j + 1:j + 4]:
        if follower.kind != WORD:
            return None
        if _finite(follower):
            return subject
    return None


@python_check("introductory_words", options={"phrases": [], "may_open_phrase": []})
def introductory_words(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Introductory words and phrases («например», «к сожалению») not set off by commas. Words in
    `may_open_phrase` after a comma may open a clarifying phrase: «…, например свидетельство»."""
    phrases = [tuple(fold(w) for w in p.split()) for p in options["phrases"]]
    openers = {tuple(fold(w) for w in p.split()) for p in options["may_open_phrase"]}
    for tokens in sentences_of(doc):
        words = [fold(t.text) for t in tokens]
        for k in range(len(tokens)):
            for phrase in phrases:
                if tuple(words[k:k + len(phrase)]) != phrase:
                    continue
                end = k + len(phrase)
                before_ok = k == 0 or tokens[k - 1].kind == PUNCT
                after_ok = end >= len(tokens) or tokens[end].kind == PUNCT or (
                    phrase in openers and k > 0 and tokens[k - 1].text == ",")
                if before_ok and after_ok:
                    continue
                text = doc.text[tokens[k].start:tokens[end - 1].end]
                yield Hit(tokens[k].start, tokens[end - 1].end, suggestion=f"выделите запятыми: «, {text},»")


_PAIRS = {"«": "»", "(": ")", "„": "“"}


@python_check("paired_marks", options={})
def paired_marks(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A quote or bracket without its pair inside one paragraph; «1)» at the start of a list item
    is a list marker, not a bracket."""
    closing = {v: k for k, v in _PAIRS.items()}
    for paragraph in doc.paragraphs:
        stack: list[tuple[str, int]] = []
        text = doc.text[paragraph.start:paragraph.end]
        for i, ch in enumerate(text):
            if ch in _PAIRS:
                stack.append((ch, i))
            elif ch in closing:
                if stack and stack[-1][0] == closing[ch]:
                    stack.pop()
                elif not _list_marker(text, i):
                    yield Hit(paragraph.start + i, paragraph.start + i + 1,
                              suggestion=f"добавьте парный знак «{closing[ch]}» или уберите этот")
        for ch, i in stack:
            yield Hit(paragraph.start + i, paragraph.start + i + 1,
                      suggestion=f"добавьте парный знак «{_PAIRS[ch]}» или уберите этот")


def _list_marker(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    marker = text[line_start:i].strip()
    return text[i] == ")" and 0 < len(marker) <= 3 and (marker.isdigit() or marker.isalpha())
