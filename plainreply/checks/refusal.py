"""Refusals must say why in plain words and what to do next (order, clauses 1.3.5 and 3.11).

A refusal is the writer refusing the reader's request: a sentence with one of the glossary's
triggers («отказать», «не представляется возможным», «оснований … не имеется») that
  - names the reader or the writer («Вам», «Ваше заявление», «мы», «министерство») or reports a
    decision taken («отказано», «принято решение об отказе», «отказываем»), and
  - is not a rule in general («может быть отказано в случаях», «если …», «вправе отказать»),
    nor a delay («срок рассмотрения продлен до 15 мая»).
Statistics («заявки были отклонены») and procedures therefore are no refusals.
Its reason is plain when
  - the refusal gives a cause in words: after «потому что», «так как», «из-за» or a colon stand
    at least two words of a fact, not just a reference to an act («так как в соответствии с
    пунктом 2 статьи 39.16 …» is no reason), or the sentence after it does so, or
  - a plain sentence just before the refusal states the fact it rests on (with or without
    «поэтому», «в связи с изложенным»), or
  - the sentence right after it explains in ordinary words,
and, for the last two, the refusal itself does not lean on an act («на основании пункта …»,
«в связи с отсутствием правовых оснований»).
A plain sentence cites no act, reproaches nobody, and is not about receipt, contacts or next steps.
A next step is a sentence after the refusal that tells the client what to do: an imperative of an
action verb («подайте», «выберите»), or «можно», «нужно», «Вы можете» with such a verb.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from ..analysis import WORD, Document, Sentence, Token, fold
from ..engine.glossary import load_glossary, string_list
from ..engine.model import Hit
from ..engine.phrases import PhraseCheck
from ..engine.python import python_check
from ..legal import endnotes_span, find_references
from .glossary_phrases import phrase_check

PHRASE_LISTS = ("triggers", "not_triggers", "general_markers", "decided", "consequence_markers",
                "reason_markers", "basis_markers", "not_reason")
WORD_LISTS = ("formulaic", "next_step_verbs", "modal_words", "parties", "not_cause_words")
CAUSE_WORDS = 2  # content words a cause needs besides the vocabulary of acts and of the refusal
_CONTENT_POS = frozenset({"NOUN", "VERB", "INFN", "ADJF", "ADJS", "PRTF", "PRTS", "GRND", "NUMR", "ADVB", "PRED"})
LOOK_BACK = 3


def _prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    keys = {name: list for name in PHRASE_LISTS + WORD_LISTS}
    glossary = load_glossary(path, rule_id, options["glossary"], keys)
    source = glossary["_path"]
    prepared = dict(options)
    for name in PHRASE_LISTS:
        phrases = string_list(source, name, glossary[name])
        prepared["_" + name] = phrase_check(source, name, [{"match": p} for p in phrases]) if phrases else None
    for name in WORD_LISTS:
        prepared["_" + name] = {fold(w) for w in string_list(source, name, glossary[name])}
    return prepared


class _Letter:
    """What the refusal checks need to know about each sentence of one letter."""

    def __init__(self, doc: Document, options: Mapping[str, Any], triggered: set[int]):
        self.doc = doc
        self.options = options
        notes = endnotes_span(doc.text)
        self.body = [s for s in doc.sentences if not (notes and notes[0] <= s.start < notes[1])]
        self._cited: dict[int, bool] = {}
        self.triggered = triggered  # the sentences with a trigger
        self._has: dict[tuple[str, int], bool] = {}
        self._refusal: dict[int, bool] = {}

    def has(self, name: str, sentence: Sentence) -> bool:
        """Whether one of the glossary's `name` phrases stands in the sentence (looked up once)."""
        if name == "triggers":
            return sentence.index in self.triggered
        key = (name, sentence.index)
        if key not in self._has:
            check: PhraseCheck | None = self.options["_" + name]
            self._has[key] = check is not None and next(check.matches(self.doc, [sentence]), None) is not None
        return self._has[key]

    def is_refusal(self, sentence: Sentence) -> bool:
        if sentence.index not in self._refusal:
            self._refusal[sentence.index] = (
                self.has("triggers", sentence) and not self.has("not_triggers", sentence)
                and not self.has("general_markers", sentence)
                and (self.has("decided", sentence) or self.names_party(sentence)))
        return self._refusal[sentence.index]

    def names_party(self, sentence: Sentence) -> bool:
        """Whether the sentence names the reader or the writer: a refusal is addressed to someone."""
        parties = self.options["_parties"]
        return any(t.key in parties or t.morph.lemma in parties for t in self.words(sentence))

    def states_cause(self, sentence: Sentence) -> bool:
        """A cause in words inside the sentence: after «потому что», «так как» or a colon stand at
        least CAUSE_WORDS words of a fact once references to acts and words of the refusal are set aside."""
        check: PhraseCheck | None = self.options["_reason_markers"]
        starts = [m.end for m in check.matches(self.doc, [sentence])] if check else []
        text = self.doc.text
        colon = text.find(":", sentence.start, sentence.end)
        if colon >= 0:
            starts.append(colon + 1)
        return any(self._cause_words(sentence, start) >= CAUSE_WORDS for start in starts)

    def _cause_words(self, sentence: Sentence, start: int) -> int:
        clause = self.doc.text[start:sentence.end]
        cited = [(start + r.start, start + r.end) for r in find_references(clause)]
        ignore = self.options["_not_cause_words"]
        count = 0
        for token in self.words(sentence):
            if token.start < start or any(a <= token.start < b for a, b in cited):
                continue
            parse = token.morph.parses[0]
            if parse.pos in _CONTENT_POS and not ({p.lemma for p in token.morph.parses} & ignore):
                count += 1
        return count

    def words(self, sentence: Sentence) -> list[Token]:
        return [t for t in self.doc.sentence_tokens(sentence) if t.kind == WORD]

    def lemmas(self, sentence: Sentence) -> set[str]:
        return {p.lemma for t in self.words(sentence) for p in t.morph.parses} | {t.key for t in self.words(sentence)}

    def cites_act(self, sentence: Sentence) -> bool:
        if sentence.index not in self._cited:
            self._cited[sentence.index] = bool(find_references(self.doc.sentence_text(sentence)))
        return self._cited[sentence.index]

    def is_next_step(self, sentence: Sentence) -> bool:
        verbs = self.options["_next_step_verbs"]
        modals = self.options["_modal_words"]
        words = self.words(sentence)
        for k, token in enumerate(words):
            for parse in token.morph.parses:
                if parse.lemma not in verbs:
                    continue
                if "impr" in parse.grammemes:
                    return True
                if parse.pos == "INFN" and (k == 0 or any(
                    w.key in modals or w.morph.lemma in modals for w in words[max(0, k - 3):k]
                )):
                    return True
        return False

    def is_plain_reason(self, sentence: Sentence) -> bool:
        if len(self.words(sentence)) < 3 or self.cites_act(sentence) or self.is_refusal(sentence):
            return False
        if self.has("not_reason", sentence) or self.is_next_step(sentence):
            return False
        return not (self.lemmas(sentence) & self.options["_formulaic"])

    def reason_given(self, block: list[Sentence]) -> bool:
        first, last = block[0], block[-1]
        position = self.body.index(first)
        after = self.body[self.body.index(last) + 1] if self.body.index(last) + 1 < len(self.body) else None
        if any(self.states_cause(s) for s in block) or (after and self.states_cause(after)
                                                          and not self.cites_act(after)):
            return True
        if self.has("consequence_markers", first):
            before = self.body[max(0, position - LOOK_BACK):position]
            if any(self.is_plain_reason(s) for s in before):
                return True
        leans_on_act = any(self.cites_act(s) or self.has("basis_markers", s) for s in block)
        if leans_on_act:
            return False
        just_before = self.body[position - 1] if position > 0 else None
        return any(s is not None and self.is_plain_reason(s) for s in (just_before, after))

    def next_step_given(self, block: list[Sentence]) -> bool:
        start = self.body.index(block[0])
        return any(self.is_next_step(s) for s in self.body[start:])

    def first_refusal(self) -> list[Sentence]:
        """The first refusal sentence and the refusal sentences right after it."""
        block: list[Sentence] = []
        for sentence in self.body:
            if self.is_refusal(sentence):
                block.append(sentence)
            elif block:
                break
        return block


def _refusal(doc: Document, options: Mapping[str, Any], part: str) -> Iterator[Hit]:
    key = ("refusal", options["glossary"])
    if key not in doc.shared:  # both refusal rules read the same letter: analyse it once
        triggered = {m.sentence for m in options["_triggers"].matches(doc)}
        doc.shared[key] = _Letter(doc, options, triggered) if triggered else None
    letter: _Letter | None = doc.shared[key]  # type: ignore[assignment]
    if letter is None:
        return  # no trigger: no refusal
    block = letter.first_refusal()
    if not block:
        return
    given = letter.reason_given(block) if part == "reason" else letter.next_step_given(block)
    if not given:
        yield Hit(block[0].start, block[0].end, suggestion=options["suggestion"])


@python_check("refusal_reason", options={"glossary": "glossary/refusal.yaml", "suggestion": ""}, prepare=_prepare)
def refusal_reason(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A refusal whose cause is missing or given only as a reference to an act."""
    return _refusal(doc, options, "reason")


@python_check("refusal_next_step", options={"glossary": "glossary/refusal.yaml", "suggestion": ""}, prepare=_prepare)
def refusal_next_step(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A refusal after which the letter does not say what to do to get a positive answer."""
    return _refusal(doc, options, "next_step")
