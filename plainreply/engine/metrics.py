"""Check type `metric`: a number per sentence or per document compared with a threshold.

A threshold is a number or `$name`, a parameter of the active profile
(see `rules/profiles.yaml`), so profiles can be stricter or looser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from ..analysis import WORD, Document, Sentence, Token
from ..errors import RuleFileError
from .model import Hit

# Words that open a subordinate clause. «что» and «как» also work as pronouns, so they
# count only after a comma.
_CLAUSE_OPENERS = frozenset(
    "который которая которое которые которого которой которых которому которым которыми котором "
    "если когда чтобы поскольку хотя где куда откуда пока будто словно ибо".split()
)
_AFTER_COMMA_OPENERS = frozenset({"что", "как", "чем"})


def sentence_words(doc: Document, sentence: Sentence) -> float:
    return doc.words_in(sentence)


def sentence_clauses(doc: Document, sentence: Sentence) -> float:
    """Subordinate clauses plus participial and adverbial phrases: the turns a reader must hold."""
    tokens = doc.sentence_tokens(sentence)
    count = 0
    for k, token in enumerate(tokens):
        if token.kind != WORD:
            continue
        turn = _turns.get(token.key)
        if turn is None:
            turn = _turn(token)
        if turn is _ALWAYS or (turn is _AFTER_COMMA and k > 0 and tokens[k - 1].text == ","):
            count += 1
    return count


# What a word form does for the count: opens a turn, opens one after a comma, or neither.
_ALWAYS, _AFTER_COMMA, _NEVER = "always", "after comma", "never"
_TURNS_KEPT = 200_000
_turns: dict[str, str] = {}


def _turn(token: Token) -> str:
    key = token.key
    if key in _CLAUSE_OPENERS or token.morph.best_has("GRND"):
        turn = _ALWAYS
    elif key in _AFTER_COMMA_OPENERS or token.morph.best_has("PRTF"):
        turn = _AFTER_COMMA
    else:
        turn = _NEVER
    if len(_turns) >= _TURNS_KEPT:
        _turns.clear()
    _turns[key] = turn
    return turn


def document_readability(doc: Document) -> float:
    """Readability of the letter without its «Примечания:» block: act names are not prose."""
    from ..legal import endnotes_span

    notes = endnotes_span(doc.text)
    if notes is None:
        return doc.readability
    return doc.readability_of([s for s in doc.sentences if not notes[0] <= s.start < notes[1]])


SENTENCE_METRICS: dict[str, Callable[[Document, Sentence], float]] = {
    "words": sentence_words,
    "clauses": sentence_clauses,
}
DOCUMENT_METRICS: dict[str, Callable[[Document], float]] = {
    "readability": document_readability,
}


@dataclass(frozen=True, slots=True)
class Threshold:
    value: float | None = None
    param: str | None = None

    def resolve(self, params: Mapping[str, Any]) -> float:
        if self.param is not None:
            return float(params[self.param])
        assert self.value is not None
        return self.value


def parse_threshold(raw: Any, path: object, rule_id: str, field: str) -> Threshold:
    if isinstance(raw, bool):
        raise RuleFileError(path, "нужно число или $параметр профиля", rule_id, field)
    if isinstance(raw, (int, float)):
        return Threshold(value=float(raw))
    if isinstance(raw, str) and raw.startswith("$") and raw[1:].isidentifier():
        return Threshold(param=raw[1:])
    raise RuleFileError(path, "нужно число или $параметр профиля", rule_id, field)


class MetricCheck:
    """Reports each sentence (or the document) whose metric is above `max` or below `min`;
    sentences shorter than `min_words` are left alone."""

    needs_syntax = False
    fields = {"metric", "max", "min", "min_words"}

    def __init__(self, metric: str, maximum: Threshold | None, minimum: Threshold | None, min_words: int):
        self.metric = metric
        self.maximum = maximum
        self.minimum = minimum
        self.min_words = min_words

    @property
    def params(self) -> set[str]:
        return {t.param for t in (self.maximum, self.minimum) if t is not None and t.param}

    @classmethod
    def from_rule(cls, data: Mapping[str, Any], path: object, rule_id: str) -> MetricCheck:
        metric = data.get("metric")
        known = sorted(SENTENCE_METRICS) + sorted(DOCUMENT_METRICS)
        if metric not in known:
            raise RuleFileError(path, f"неизвестная метрика {metric!r}; есть: {', '.join(known)}", rule_id, "metric")
        maximum = parse_threshold(data["max"], path, rule_id, "max") if "max" in data else None
        minimum = parse_threshold(data["min"], path, rule_id, "min") if "min" in data else None
        if maximum is None and minimum is None:
            raise RuleFileError(path, "нужен порог max или min", rule_id, "max")
        min_words = data.get("min_words", 0)
        if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 0:
            raise RuleFileError(path, "нужно целое число не меньше 0", rule_id, "min_words")
        return cls(metric, maximum, minimum, min_words)

    def _verdict(self, value: float, params: Mapping[str, Any]) -> float | None:
        if self.maximum is not None and value > self.maximum.resolve(params):
            return self.maximum.resolve(params)
        if self.minimum is not None and value < self.minimum.resolve(params):
            return self.minimum.resolve(params)
        return None

    def run(self, doc: Document, params: Mapping[str, Any]) -> Iterator[Hit]:
        if self.metric in DOCUMENT_METRICS:
            if doc.word_count < self.min_words or not doc.sentences:
                return
            value = DOCUMENT_METRICS[self.metric](doc)
            limit = self._verdict(value, params)
            if limit is not None:
                yield Hit(doc.sentences[0].start, doc.sentences[-1].end, values=_values(value, limit))
            return
        measure = SENTENCE_METRICS[self.metric]
        for sentence in doc.sentences:
            if self.min_words and doc.words_in(sentence) < self.min_words:
                continue
            value = measure(doc, sentence)
            limit = self._verdict(value, params)
            if limit is not None:
                yield Hit(sentence.start, sentence.end, values=_values(value, limit))


def _values(value: float, limit: float) -> dict[str, str]:
    def show(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else f"{x:.1f}".replace(".", ",")

    return {"value": show(value), "limit": show(limit)}
