"""Check type `phrases`: lists of words and set phrases matched by lemma.

An entry is written the way people write the phrase; each word covers all its forms.
The small notation inside `match`:

    в связи с тем, что     words by lemma; a comma in the entry is optional in the text
    =настоящим             an exact form, not every form of the lemma
    долг|задолженность     one of several words
    еще?                   an optional word
    согласно[PREP]         a word with a grammatical feature (OpenCorpora grammemes, comma-separated)
    _[datv]                any word with that feature
    оснований ... не иметься   up to eight words of any kind in between, in one sentence

`suggest` is advice; `replace` is the exact replacement, written in dictionary form and fitted
to the sentence at match time (notation in `analysis/inflect.py`): «данный» → replace «этот»
gives «этих» in «в данных документах». When it cannot be fitted, the finding gives advice only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import product
from typing import Any, Iterable, Iterator, Mapping

from .. import regexes
from ..analysis import WORD, Document, Sentence, Token, fold, morph
from ..analysis.inflect import CASES, fit_span
from ..analysis.segment import NUMBER, PUNCT
from ..errors import RuleFileError
from .model import Hit

_SLOT = regexes.compile(r"^(?P<body>[^\[\]?]+|_)(?:\[(?P<tags>[^\]]+)\])?(?P<optional>\?)?$")
_PUNCT_WORD = regexes.compile(r"^[,;:—–-]$")
_REPLACE_WORD = regexes.compile(r"^=?[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
_REPLACE_SLOT = regexes.compile(r"^_\[(?:(?P<source>[a-z0-9]+)>)?(?P<case>[a-z0-9]+)\]$")
_FOLLOWING = 6  # tokens after a match that agreement and a rebuilt noun phrase may read
# An entry is tried as each of its variants, and a gap tries every length up to MAX_GAP: without
# these caps a rule file with many optional words or gaps makes matching exponential.
MAX_VARIANTS = 64
MAX_GAPS = 2
_KNOWN_GRAMMEMES: frozenset[str] | None = None


def known_grammemes() -> frozenset[str]:
    global _KNOWN_GRAMMEMES
    if _KNOWN_GRAMMEMES is None:
        from ..analysis.morph import analyzer

        _KNOWN_GRAMMEMES = frozenset(analyzer().TagClass.KNOWN_GRAMMEMES)
    return _KNOWN_GRAMMEMES


@dataclass(frozen=True, slots=True)
class Slot:
    lemmas: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    any_word: bool = False
    punct: str = ""
    gap: bool = False

    def accepts(self, token: Token) -> bool:
        if self.punct:
            return token.kind == PUNCT and token.text == self.punct
        if token.kind not in (WORD, NUMBER):
            return False
        m = token.morph
        if self.any_word:
            return token.kind == WORD and (not self.tags or m.has(*self.tags))
        if self.forms and m.form in self.forms:
            return not self.tags or m.has(*self.tags)
        if not self.lemmas:
            return False
        if self.tags:
            return any(p.lemma in self.lemmas and self.tags <= p.grammemes for p in m.parses)
        return not self.lemmas.isdisjoint(m.keys)

    def keys(self) -> frozenset[str]:
        return self.lemmas | self.forms


@dataclass(frozen=True, slots=True)
class Entry:
    match: str
    suggest: str
    note: str
    example: str
    variants: tuple[tuple[Slot, ...], ...]
    replace: str = ""


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    entry: Entry
    start: int
    end: int
    sentence: int


def compile_entry(raw: Mapping[str, Any], path: object, rule_id: str | None, index: int,
                  prefix: str = "entries") -> Entry:
    field = f"{prefix}[{index}]"
    if not isinstance(raw, Mapping):
        raise RuleFileError(path, "запись должна быть словарем с полем match", rule_id, field)
    unknown = set(raw) - {"match", "suggest", "replace", "note", "example"}
    if unknown:
        raise RuleFileError(path, f"неизвестное поле {', '.join(sorted(unknown))}", rule_id, field)
    text = raw.get("match")
    if not isinstance(text, str) or not text.strip():
        raise RuleFileError(path, "нет текста фразы", rule_id, f"{field}.match")
    for key in ("suggest", "replace", "note", "example"):
        if key in raw and not isinstance(raw[key], str):
            raise RuleFileError(path, "значение должно быть строкой", rule_id, f"{field}.{key}")
    slots: list[list[Slot | None]] = []
    for word in _words(text):
        slot, optional = _compile_slot(word, path, rule_id, f"{field}.match")
        slots.append([slot, None] if optional else [slot])
    optional_count = sum(len(options) > 1 for options in slots)
    if 2 ** optional_count > MAX_VARIANTS:
        raise RuleFileError(path, f"слишком много необязательных слов ({optional_count}): фраза дает "
                            f"{2 ** optional_count} вариантов при пределе {MAX_VARIANTS}; разбейте ее на "
                            "несколько записей", rule_id, f"{field}.match")
    gaps = sum(options[0] is not None and options[0].gap for options in slots)
    if gaps > MAX_GAPS:
        raise RuleFileError(path, f"во фразе {gaps} пропуска «...», можно не больше {MAX_GAPS}",
                            rule_id, f"{field}.match")
    variants = tuple(
        tuple(s for s in combo if s is not None)
        for combo in product(*slots)
    )
    variants = tuple(v for v in variants if any(not s.punct for s in v))
    if not variants:
        raise RuleFileError(path, "во фразе нет ни одного слова", rule_id, f"{field}.match")
    for variant in variants:
        if variant[0].punct or variant[0].gap or variant[-1].gap:
            raise RuleFileError(path, "фраза не может начинаться или кончаться знаком препинания или «...»",
                                rule_id, f"{field}.match")
    replacement = raw.get("replace")
    if replacement is not None:
        _validate_replace(replacement, path, rule_id, f"{field}.replace")
    return Entry(
        match=text.strip(),
        suggest=str(raw.get("suggest", "") or "").strip(),
        note=str(raw.get("note", "") or "").strip(),
        example=str(raw.get("example", "") or "").strip(),
        variants=variants,
        replace=" ".join(replacement.split()) if replacement else "",
    )


def _validate_replace(text: str, path: object, rule_id: str | None, field: str) -> None:
    """`replace` is pasted into letters: every word must be one the fitting understands."""
    words = _words(text)
    if not words:
        raise RuleFileError(path, "пустая замена", rule_id, field)
    for k, word in enumerate(words):
        if _PUNCT_WORD.match(word):
            if k == 0:
                raise RuleFileError(path, "замена не может начинаться знаком препинания", rule_id, field)
            continue
        slot = _REPLACE_SLOT.match(word)
        if slot:
            if k != len(words) - 1:
                raise RuleFileError(path, "«_[падеж]» может стоять только в конце замены", rule_id, field)
            if any(c is not None and c not in CASES for c in slot.group("source", "case")):
                raise RuleFileError(path, f"«{word}»: в скобках нужен падеж (gent, datv, accs, ablt, loct) "
                                    "или два через >: _[gent>loct]", rule_id, field)
            continue
        if word == "~":
            if words.count("~") > 1:
                raise RuleFileError(path, "«~» может стоять в замене только один раз", rule_id, field)
            continue
        alternatives = word.split("|")
        if any(not _REPLACE_WORD.match(a) for a in alternatives):
            raise RuleFileError(path, f"не разобрать слово замены «{word}»", rule_id, field)
        if len(alternatives) > 1 and not _aspect_pair(alternatives):
            raise RuleFileError(path, f"«{word}»: через | пишут только видовую пару глаголов в инфинитиве",
                                rule_id, field)


def _aspect_pair(alternatives: list[str]) -> bool:
    from ..analysis.morph import analyzer

    aspects = set()
    for word in alternatives:
        parses = [p for p in analyzer().parse(fold(word)) if p.tag.POS == "INFN" and fold(p.normal_form) == fold(word)]
        if not parses:
            return False
        aspects.add(parses[0].tag.aspect)
    return len(aspects) == len(alternatives)


def _words(text: str) -> list[str]:
    # Split off commas and dashes so that «тем, что» reads as three slots.
    spaced = re.sub(r"(?<=\S)([,;:])(?![^\[]*\])", r" \1", text.strip())
    return spaced.split()


def _compile_slot(word: str, path: object, rule_id: str, field: str) -> tuple[Slot, bool]:
    if word in ("...", "…"):
        return Slot(gap=True), False
    if _PUNCT_WORD.match(word):
        return Slot(punct=word), True
    m = _SLOT.match(word)
    if not m:
        raise RuleFileError(path, f"не разобрать слово «{word}»", rule_id, field)
    body, tags_text, optional = m.group("body"), m.group("tags"), bool(m.group("optional"))
    tags: frozenset[str] = frozenset()
    if tags_text:
        tags = frozenset(t.strip() for t in tags_text.split(",") if t.strip())
        unknown = tags - known_grammemes()
        if unknown:
            raise RuleFileError(
                path, f"неизвестная граммема {', '.join(sorted(unknown))} в «{word}»", rule_id, field
            )
    if body == "_":
        if not tags:
            raise RuleFileError(path, "слово «_» нужно уточнить граммемой, например _[datv]", rule_id, field)
        return Slot(any_word=True, tags=tags), optional
    lemmas: set[str] = set()
    forms: set[str] = set()
    for alternative in body.split("|"):
        alternative = alternative.strip()
        if not alternative:
            raise RuleFileError(path, f"пустой вариант в «{word}»", rule_id, field)
        if alternative.startswith("="):
            forms.add(fold(alternative[1:]))
        else:
            parsed = morph(alternative)
            lemmas.add(parsed.lemma)
            if not parsed.known:
                lemmas.add(fold(alternative))
    return Slot(lemmas=frozenset(lemmas), forms=frozenset(forms), tags=tags), optional


class PhraseCheck:
    """Finds the listed phrases in every sentence; the longest entry wins at each place."""

    needs_syntax = False
    fields = {"entries"}

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        # By value, not by id(): a rule set restored from the disk cache holds new objects.
        self._rank: dict[Entry, int] = {}
        for i, entry in enumerate(entries):
            self._rank.setdefault(entry, i)
        # Variants by the key of their first word; those whose second slot names words or a mark
        # are also filed under the pair of keys, so that a place is tried only against variants
        # whose first two words are there (most of a list shares a first word such as «в»).
        self._by_key: dict[str, list[tuple[Entry, tuple[Slot, ...]]]] = {}
        self._loose: dict[str, list[tuple[Entry, tuple[Slot, ...]]]] = {}
        self._by_pair: dict[tuple[str, str], list[tuple[Entry, tuple[Slot, ...]]]] = {}
        self._wildcard_first: list[tuple[Entry, tuple[Slot, ...]]] = []
        for entry in entries:
            for variant in entry.variants:
                first = variant[0]
                if first.any_word:
                    self._wildcard_first.append((entry, variant))
                second = _pair_keys(variant[1]) if len(variant) > 1 else frozenset()
                for key in first.keys():
                    self._by_key.setdefault(key, []).append((entry, variant))
                    if not second:
                        self._loose.setdefault(key, []).append((entry, variant))
                    for following in second:
                        self._by_pair.setdefault((key, following), []).append((entry, variant))

    @classmethod
    def from_rule(cls, data: Mapping[str, Any], path: object, rule_id: str) -> PhraseCheck:
        raw = data.get("entries")
        if not isinstance(raw, list) or not raw:
            raise RuleFileError(path, "нужен непустой список entries", rule_id, "entries")
        entries = [compile_entry(item, path, rule_id, i) for i, item in enumerate(raw)]
        seen: dict[str, int] = {}
        for i, entry in enumerate(entries):
            key = entry.match.lower()
            if key in seen:
                raise RuleFileError(path, f"фраза «{entry.match}» уже есть в entries[{seen[key]}]", rule_id, f"entries[{i}]")
            seen[key] = i
        return cls(entries)

    def run(self, doc: Document, params: Mapping[str, Any]) -> Iterator[Hit]:
        for entry, tokens, i, end, _ in self._scan(doc, None):
            start, stop = tokens[i].start, tokens[end - 1].end
            if not entry.replace or _set_off_by_commas(tokens, i, end):
                yield Hit(start, stop, suggestion=entry.suggest, note=entry.note)
                continue
            fitted = fit_span(entry.replace, tokens[i:end], tokens[end:end + _FOLLOWING])
            if fitted is None:
                yield Hit(start, stop, suggestion=entry.suggest, note=entry.note)
                continue
            replaced_end = tokens[end + fitted.extra - 1].end if fitted.extra else stop
            if fitted.extra and doc.context.overlapping(stop, replaced_end):
                # The noun phrase to rebuild is a name or a title: leave it, give advice.
                yield Hit(start, stop, suggestion=entry.suggest, note=entry.note)
                continue
            yield Hit(start, replaced_end, suggestion=entry.suggest or fitted.text, note=entry.note,
                      values={"match": doc.text[start:stop]}, replacement=fitted.text)

    def matches(self, doc: Document, sentences: Iterable[Sentence] | None = None) -> Iterator[PhraseMatch]:
        """Every place an entry matches (in all or the given sentences), in text order;
        the longest entry wins at each place."""
        for entry, tokens, i, end, sentence in self._scan(doc, sentences):
            yield PhraseMatch(entry, tokens[i].start, tokens[end - 1].end, sentence.index)

    def _scan(self, doc: Document, sentences: Iterable[Sentence] | None
              ) -> Iterator[tuple[Entry, list[Token], int, int, Sentence]]:
        starts = self._starts(doc)
        if not starts:
            return
        # Only the sentences that hold a start are read: most phrase lists begin with words a
        # letter uses a few times, and it has hundreds of sentences.
        if sentences is None:
            groups: Iterable[tuple[Sentence, list[int]]] = doc.sentences_holding(starts)
        else:
            groups = ((s, [i - s.first_token for i in starts[bisect_left(starts, s.first_token):
                                                                bisect_left(starts, s.last_token)]])
                      for s in sentences)
        for sentence, positions in groups:
            tokens: list[Token] | None = None
            first = sentence.first_token
            free = 0
            for i in positions:
                if i < free:
                    continue
                best = self._longest_at(doc.tokens, first + i, sentence.last_token)
                if best is None:
                    continue
                entry, end = best
                if tokens is None:
                    tokens = doc.sentence_tokens(sentence)
                yield entry, tokens, i, end - first, sentence
                free = end - first

    def _starts(self, doc: Document) -> list[int]:
        """Indexes of the tokens where one of the entries may begin, in text order. Looked up in the
        document's index of lemmas rather than by walking every token: a rule set holds about twenty
        phrase lists, and each would otherwise read every token of the text."""
        key = ("phrase-starts", self)
        cached = doc.shared.get(key)
        if cached is None:
            index = doc.phrase_keys
            found: set[int] = set()
            if len(self._by_key) <= len(index):
                for word in self._by_key:
                    found.update(index.get(word, ()))
            else:
                for word, positions in index.items():
                    if word in self._by_key:
                        found.update(positions)
            if self._wildcard_first:
                found.update(t.index for t in doc.tokens if t.kind == WORD)
            cached = doc.shared[key] = sorted(found)
        return cached  # type: ignore[return-value]

    def _candidates(self, tokens: list[Token], i: int, stop: int) -> list[tuple[Entry, tuple[Slot, ...]]]:
        """The entries that may match at token i, judged by its keys and the next token's. Both
        depend on the two forms alone, so the answer is remembered per pair of forms (callers read
        the list, never change it)."""
        token = tokens[i]
        if token.kind not in (WORD, NUMBER):
            return []
        following = tokens[i + 1] if i + 1 < stop else None
        pair = (token.key, None if following is None else following.kind,
                None if following is None else following.text if following.kind == PUNCT else following.key)
        memo = self.__dict__.setdefault("_candidates_memo", {})
        found = memo.get(pair)
        if found is None:
            if len(memo) >= _CANDIDATES_KEPT:
                memo.clear()
            found = memo[pair] = self._candidates_of(token, following)
        return found

    def _candidates_of(self, token: Token, following: Token | None) -> list[tuple[Entry, tuple[Slot, ...]]]:
        m = token.morph
        keys = m.keys if token.kind == WORD else (m.form,)
        after_keys = _lookup_keys(following) if following is not None else ()
        found: list[tuple[Entry, tuple[Slot, ...]]] = []
        for key in keys:
            found.extend(self._loose.get(key, ()))
            for after in after_keys:
                found.extend(self._by_pair.get((key, after), ()))
        if token.kind == WORD:
            found.extend(self._wildcard_first)
        return found

    def _longest_at(self, tokens: list[Token], i: int, stop: int) -> tuple[Entry, int] | None:
        """The longest match at token i that ends by token `stop` (the sentence end); of equal ones,
        the entry higher in the list (candidates come from a set of keys, so their order alone
        decides nothing)."""
        best: tuple[Entry, int] | None = None
        for entry, variant in self._candidates(tokens, i, stop):
            end = _match_variant(variant, tokens, i, stop)
            if end is None:
                continue
            if best is None or end > best[1] or (end == best[1] and self._rank[entry] < self._rank[best[0]]):
                best = (entry, end)
        return best


def _set_off_by_commas(tokens: list[Token], i: int, end: int) -> bool:
    """«В настоящее время, …», «…, в связи с этим, …»: the commas belong to the old phrase
    and would be wrong after «сейчас» or «поэтому»; such a place gets advice only."""
    opens = i == 0 or (tokens[i - 1].kind == PUNCT and tokens[i - 1].text == ",")
    closes = end < len(tokens) and tokens[end].kind == PUNCT and tokens[end].text == ","
    if not (opens and closes):
        return False
    # «Ставим Вас в известность, что…»: that comma opens the next clause and stays.
    return not (end + 1 < len(tokens) and _opens_clause(tokens[end + 1]))


def _opens_clause(token: Token) -> bool:
    return token.kind == WORD and (token.morph.has("CONJ") or "который" in token.morph.lemmas)


MAX_GAP = 8
_CANDIDATES_KEPT = 50_000  # pairs of forms remembered per phrase list


def _pair_keys(slot: Slot) -> frozenset[str]:
    """The keys a token must have to fill `slot` (empty: any token may, so no pair index)."""
    if slot.punct:
        return frozenset({slot.punct})
    if slot.any_word or slot.gap:
        return frozenset()
    return slot.keys()


def _lookup_keys(token: Token) -> Iterable[str]:
    """The keys under which a token may fill a slot: what `Slot.accepts` compares."""
    if token.kind == PUNCT:
        return (token.text,)
    if token.kind in (WORD, NUMBER):
        return token.morph.keys
    return ()


def _match_variant(variant: tuple[Slot, ...], tokens: list[Token], i: int, stop: int) -> int | None:
    """End (exclusive) of the match of `variant` starting at token i and ending by `stop`, or None."""
    j = i
    for k, slot in enumerate(variant):
        if slot.gap:
            for skip in range(MAX_GAP + 1):
                end = _match_variant(variant[k + 1:], tokens, j + skip, stop)
                if end is not None:
                    return end
            return None
        if j >= stop or not slot.accepts(tokens[j]):
            return None
        j += 1
    return j
