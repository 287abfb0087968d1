"""Passive predicates: short passive participles («рассмотрено», «будет направлен») and
reflexive passives of transitive verbs («рассчитывается», «прилагается»)."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, Token, fold
from ..analysis.morph import inflect, is_verb_lemma
from ..engine.model import Hit
from ..engine.python import python_check
from .common import sentences_of

_AUXILIARY = frozenset({"был", "была", "было", "были", "будет", "будут"})


@python_check(
    "passive",
    options={"not_passive": [], "not_passive_before": [], "reflexive": True, "subject": "мы"},
)
def passive(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Short passive participles as predicates and present-tense reflexive passives.
    `not_passive` lists reflexive verbs and participles that are not passive in meaning;
    `not_passive_before` lists words after which a reflexive verb is not passive
    («заключается в том, что» explains, «соглашение заключается» is passive)."""
    skip = {fold(w) for w in options["not_passive"]}
    before = [tuple(fold(w) for w in phrase.split()) for phrase in options["not_passive_before"]]
    for tokens in sentences_of(doc):
        for k, token in enumerate(tokens):
            if token.kind != WORD:
                continue
            reflexive = options["reflexive"] and not _followed_by(tokens, k, before) and _reflexive(token, skip)
            found = _short_participle(token, skip) or reflexive
            if not found:
                continue
            lemma, grammemes = found
            start = token.start
            future = False
            if k > 0 and fold(tokens[k - 1].text) in _AUXILIARY:
                start = tokens[k - 1].start
                future = fold(tokens[k - 1].text).startswith("буд")
            yield Hit(start, token.end, suggestion=_active(lemma, grammemes, future, options["subject"]))


def _followed_by(tokens: list[Token], k: int, phrases: list[tuple[str, ...]]) -> bool:
    following = tuple(fold(t.text) for t in tokens[k + 1:k + 4] if t.kind == WORD)
    return any(following[:len(p)] == p for p in phrases)


def _short_participle(token: Token, skip: set[str]) -> tuple[str, frozenset[str]] | None:
    # «отказываем», «сообщаем» are also rare present passive participles: a verb reading wins.
    if any(p.pos == "VERB" for p in token.morph.parses):
        return None
    for parse in token.morph.parses:
        if parse.pos == "PRTS" and "pssv" in parse.grammemes and parse.lemma not in skip:
            return parse.lemma, parse.grammemes
    return None


def _reflexive(token: Token, skip: set[str]) -> tuple[str, frozenset[str]] | None:
    parse = token.morph.parses[0]
    if parse.pos != "VERB" or not {"impf", "3per", "pres"} <= parse.grammemes:
        return None
    lemma = parse.lemma
    if lemma in skip or not lemma.endswith(("ся", "сь")):
        return None
    base = lemma[:-2]
    if not is_verb_lemma(base, "tran"):
        return None
    return base, parse.grammemes


def _active(lemma: str, grammemes: frozenset[str], future: bool, subject: str) -> str:
    if "PRTS" in grammemes or "pssv" in grammemes:
        wanted = {"futr", "1per", "plur"} if future else {"past", "plur"}
    else:
        wanted = {"pres", "1per", "plur"}
    form = inflect(lemma, wanted, pos=None)
    if form is None and future:
        form = inflect(lemma, {"pres", "1per", "plur"})
    return f"{subject} {form}" if form else ""


@python_check("passive_syntax", options={"subject": "мы"}, needs_syntax=True)
def passive_syntax(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Predicates that natasha's parser marks as passive: the head of an `nsubj:pass` or
    `aux:pass` link. Slower than `passive`, but it reads the sentence instead of the word."""
    reported: set[int] = set()
    for index, dependency in sorted(doc.dependencies.items()):
        if dependency.rel not in ("nsubj:pass", "aux:pass") or dependency.head is None:
            continue
        head = dependency.head
        if head in reported:
            continue
        reported.add(head)
        token = doc.tokens[head]
        parse = token.morph.parses[0]
        lemma = parse.lemma[:-2] if parse.pos == "VERB" and parse.lemma.endswith(("ся", "сь")) else parse.lemma
        yield Hit(token.start, token.end, suggestion=_active(lemma, parse.grammemes, False, options["subject"]))
