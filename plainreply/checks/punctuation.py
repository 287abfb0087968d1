"""Punctuation, precision first: commas before subordinate clauses, around gerund phrases and
introductory words, between the clauses of a compound sentence, and paired quotes and brackets.
Where a rule is unsure, it keeps silent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator, Mapping

from .. import regexes
from ..analysis import PUNCT, WORD, Document, Token, fold
from ..analysis import syntax
from ..analysis.morph import morph
from ..engine.model import Hit
from ..engine.python import Prepare, python_check
from ..errors import RuleFileError
from ..spelling import Lexicon, in_dictionary, read_word_list, zipf
from .common import by_sentence

_FINITE = ("VERB", "PRTS")
_ALNUM = regexes.compile(r"[^\W_]")  # a letter or a digit: what words and numbers have and marks do not
_SUBJECT_PRONOUNS = frozenset({"я", "ты", "он", "она", "оно", "мы", "вы", "они"})


def _word_before(tokens: list[Token], k: int) -> Token | None:
    """The token right before k when it is a word: no punctuation stands between them."""
    if k == 0 or tokens[k - 1].kind != WORD:
        return None
    return tokens[k - 1]


def _folding(*names: str) -> Prepare:
    """Prepares a rule's options: each word list in `names` folded into a set, as `_<name>`."""
    def prepare(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
        prepared = dict(options)
        for name in names:
            prepared["_" + name] = frozenset(fold(w) for w in options[name])
        return prepared
    return prepare


def _words_keyed(doc: Document, keys: Iterable[str]) -> list[Token]:
    """The words with one of `keys` among their lemmas or as their folded form, in text order:
    looked up in doc.phrase_keys, not by reading every token."""
    index = doc.phrase_keys
    found: set[int] = set()
    for key in keys:
        found.update(index.get(key, ()))
    return [doc.tokens[i] for i in sorted(found)]


@python_check(
    "comma_before_clause",
    options={"conjunctions": [], "after_predicate_only": [], "not_after": [], "prepositions": []},
    prepare=_folding("conjunctions", "after_predicate_only", "not_after", "prepositions"),
)
def comma_before_clause(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A subordinate conjunction or «который» with no comma before it. Words in
    `after_predicate_only` («что») count only after a verb, a short form or «то/том/тем»;
    `not_after` lists the words after which no comma is needed («и», «потому», «так»)."""
    conjunctions = options["_conjunctions"]
    predicate_only = options["_after_predicate_only"]
    not_after = options["_not_after"]
    prepositions = options["_prepositions"]
    words = [t for t in _words_keyed(doc, conjunctions | {"который"})
             if t.key in conjunctions or t.morph.lemma == "который"]
    for tokens, positions in by_sentence(doc, words):
        for k in positions:
            token = tokens[k]
            key = token.key
            is_which = token.morph.lemma == "который"
            if k + 1 < len(tokens) and tokens[k + 1].text in ("-", "ли", "же"):
                continue
            start = k
            if is_which and k > 0 and tokens[k - 1].key in prepositions:
                start = k - 1  # «участок, на котором»: the comma goes before the preposition
            if is_which:
                # «семьи, очередь которых наступила», «товары, потребности в которых»: the clause
                # may start with a noun that the pronoun depends on
                while start > 0 and tokens[start - 1].kind == WORD and \
                        tokens[start - 1].morph.parses[0].pos in ("NOUN", "ADJF") and \
                        not _finite(tokens[start - 1]) and start > 1 and tokens[start - 2].text == ",":
                    start -= 1
            if is_which and _clause_opened_earlier(tokens, start, prepositions):
                continue
            before = _word_before(tokens, start)
            if before is None or before.key in not_after:
                continue
            if key in predicate_only and not _is_predicate(before):
                continue
            yield Hit(before.start, tokens[k].end, suggestion=f"{before.text}, {doc.text[tokens[start].start:token.end]}")


_NOUN_PHRASE = ("NOUN", "ADJF", "PRTF", "NUMR", "NPRO")


def _clause_opened_earlier(tokens: list[Token], start: int, prepositions: frozenset[str]) -> bool:
    """«…, внесение изменений в которые осуществляется», «…, на решение которой направлена»: the
    pronoun sits inside a noun phrase that opens the clause after a comma (or opens the line)."""
    j = start
    while j > 0 and start - j < 6:
        previous = tokens[j - 1]
        if previous.kind == PUNCT:
            return previous.text in (",", ";", ":", "(", "—", "–", "-", "«", '"')
        if previous.kind == WORD and previous.key in ("и", "или", "а", "но"):
            return True  # «…, где …, и при выполнении которых …»: a second clause of a pair
        if previous.kind != WORD or not (previous.key in prepositions or
                                         previous.morph.parses[0].pos in _NOUN_PHRASE):
            return False
        if _finite(previous):
            return False
        j -= 1
    return j == 0


def _is_predicate(token: Token) -> bool:
    best = token.morph.parses[0]
    return best.pos in ("VERB", "INFN", "PRTS", "ADJS", "PRED", "GRND") or token.key in ("то", "том", "тем", "того")



# «…в учреждение, которое определяет кадастровую стоимость с заявлением»: the relative clause
# runs to the end of the sentence and swallows a phrase of the main clause. Syntax decides, and it
# is costly, so only candidate sentences are parsed.
_CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "-", "(", ")"})
_PREDICATES = frozenset({"VERB", "INFN", "PRTS", "GRND", "PRTF"})


@dataclass(frozen=True, slots=True)
class _OpenClause:
    """A sentence whose last clause mark is the comma before «который» (or «где», «куда»)."""

    tokens: list[Token]
    comma: int  # the comma that opens the clause
    verb: int  # the clause's predicate
    tail: int  # the preposition that may belong to the main clause

    def variants(self) -> list[list[str]]:
        """The sentence as written, without the clause, and with the clause closed by a comma."""
        words = [t.text for t in self.tokens]
        return [words, words[:self.comma] + words[self.tail:], words[:self.tail] + [","] + words[self.tail:]]


_CLAUSE_WORDS = ("openers", "prepositions", "auxiliaries", "conjunctions", "adverbials")


@python_check("unclosed_relative_clause",
              options={"openers": [], "prepositions": [], "auxiliaries": [], "conjunctions": [],
                       "adverbials": []},
              prepare=_folding(*_CLAUSE_WORDS))
def unclosed_relative_clause(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A clause with «который» that is not closed by a comma, so a phrase of the main clause reads
    as part of it. A finding needs the parse to agree three times: as written, the phrase is an
    adverbial of a verb (not a noun's attribute); without the clause, and with the comma put in, it
    hangs on the main clause, on a verb once the comma is there."""
    words = {key: options["_" + key] for key in _CLAUSE_WORDS}
    # Only a sentence with «который» or an opener («где») can hold such a clause.
    openers = [t for t in _words_keyed(doc, words["openers"] | {"который"})
               if t.morph.lemma == "который" or t.key in words["openers"]]
    candidates = [c for tokens, _ in by_sentence(doc, openers) if (c := _open_clause(tokens, words)) is not None]
    if not candidates:
        return  # natasha stays unloaded
    # The sentence as written rules most candidates out: the other two variants are parsed only
    # for the rest (a parse does not depend on the other sentences of its batch).
    written = syntax.parse_texts([c.variants()[0] for c in candidates])
    kept = [(c, noun) for c, parse in zip(candidates, written) if (noun := _phrase_as_written(c, parse)) is not None]
    if not kept:
        return
    others = syntax.parse_texts([variant for c, _ in kept for variant in c.variants()[1:]])
    for k, (clause, noun) in enumerate(kept):
        if not _main_clause_holds(clause, noun, *others[2 * k:2 * k + 2]):
            continue
        tokens = clause.tokens
        before, phrase = tokens[clause.tail - 1], doc.text[tokens[clause.tail].start:tokens[noun].end]
        yield Hit(tokens[clause.verb].start, tokens[noun].end,
                  suggestion=f"закройте придаточное запятой: «…{before.text}, {phrase}»")


def _open_clause(tokens: list[Token], words: Mapping[str, frozenset[str]]) -> _OpenClause | None:
    comma = _last_clause_mark(tokens)
    if comma is None or tokens[comma].text != ",":
        return None
    opener = comma + 1
    if opener < len(tokens) and tokens[opener].key in words["prepositions"]:
        opener += 1  # «…, в котором»
    if opener >= len(tokens) or tokens[opener].kind != WORD or not (
            tokens[opener].morph.lemma == "который" or tokens[opener].key in words["openers"]):
        return None
    if not any(t.kind == WORD and t.morph.parses[0].pos in ("VERB", "INFN") for t in tokens[:comma]):
        return None
    verb = _clause_predicate(tokens, opener + 1, words["auxiliaries"])
    if verb is None:
        return None
    for k in range(verb + 1, len(tokens)):
        token = tokens[k]
        key = token.key
        if token.kind != WORD:
            continue
        if key in words["conjunctions"] or token.morph.parses[0].pos in _PREDICATES and key not in words["prepositions"]:
            return None  # a second verb or a conjunction: the clause goes on
        if key in words["prepositions"]:
            if k == verb + 1 or tokens[k - 1].kind != WORD or _complex_preposition(tokens, k, words["adverbials"]):
                return None
            return _OpenClause(tokens, comma, verb, k) if _plain_phrase(tokens, k) else None
    return None


def _complex_preposition(tokens: list[Token], k: int, adverbials: frozenset[str]) -> bool:
    """«в соответствии с», «по сравнению с», «в качестве»: such adverbials fit either clause."""
    following = " ".join(t.key for t in tokens[k:k + 3] if t.kind == WORD)
    return any(following == phrase or following.startswith(phrase + " ") for phrase in adverbials)


def _last_clause_mark(tokens: list[Token]) -> int | None:
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].kind == PUNCT and tokens[k].text in _CLAUSE_MARKS:
            return k
    return None


def _clause_predicate(tokens: list[Token], k: int, auxiliaries: frozenset[str]) -> int | None:
    """The first finite verb or short participle of the clause («был проведен»: the participle)."""
    for j in range(k, len(tokens)):
        if tokens[j].kind == WORD and _finite(tokens[j]):
            if tokens[j].key in auxiliaries:
                continue
            return j
    return None


def _plain_phrase(tokens: list[Token], k: int) -> bool:
    """From the preposition to the end: two or more words and no verb, participle or gerund."""
    rest = [t for t in tokens[k:] if t.kind == WORD]
    return len(rest) >= 2 and not any(t.morph.parses[0].pos in _PREDICATES for t in rest)


def _phrase_as_written(clause: _OpenClause, written: list[syntax.Dependency]) -> int | None:
    """The noun of the tail phrase when, as written, the phrase is an adverbial of the clause's verb."""
    noun = written[clause.tail].head
    if noun is None or noun <= clause.tail or written[clause.tail].rel != "case":
        return None
    if any(written[k].rel.startswith("nsubj") for k in range(clause.verb + 1, clause.tail)):
        return None  # «протоколом, который подписывает председательствующий на заседании»: inverted order
    attached = written[noun].head
    if written[noun].rel != "obl" or attached is None or attached >= clause.comma and attached != clause.verb:
        return None  # as written, the phrase hangs on a noun or a participle: «ремонт дороги по улице Мира»
    return noun


def _main_clause_holds(clause: _OpenClause, noun: int, reduced: list[syntax.Dependency],
                       closed: list[syntax.Dependency]) -> bool:
    """Without the clause, and with the comma put in, the phrase hangs on a verb of the main clause."""
    shift = clause.tail - clause.comma
    head = reduced[noun - shift].head
    if head is None or head >= clause.comma or reduced[noun - shift].rel != "obl":
        return False
    head = closed[noun + 1].head
    if head is None or head >= clause.comma or closed[noun + 1].rel != "obl":
        return False
    if clause.tokens[head].morph.parses[0].pos not in ("VERB", "INFN"):
        return False
    if closed[clause.comma - 1].head != head:
        return False  # the clause must stand between two complements of one verb: «обратитесь в учреждение, …, с заявлением»
    return True


@python_check("comma_before_gerund", options={"not_gerunds": [], "not_after": []},
              prepare=_folding("not_gerunds", "not_after"))
def comma_before_gerund(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A gerund that opens a phrase in the middle of a sentence with no comma before it:
    «передать участок в субаренду направив уведомление»."""
    skip = options["_not_gerunds"]
    not_after = options["_not_after"]
    # No index knows the part of speech: every token is read, but only gerunds get their sentence.
    gerunds = [t for t in doc.tokens if t.kind == WORD and t.morph.parses[0].pos == "GRND" and t.key not in skip]
    for tokens, positions in by_sentence(doc, gerunds):
        for k in positions:
            start = k
            while start > 0 and tokens[start - 1].kind == WORD and tokens[start - 1].morph.parses[0].pos == "ADVB":
                start -= 1  # «попутно освободив»: the adverb belongs to the gerund phrase
            before = _word_before(tokens, start)
            if before is None or before.key in not_after:
                continue
            phrase = doc.text[tokens[start].start:tokens[k].end]
            yield Hit(before.start, tokens[k].end, suggestion=f"{before.text}, {phrase}")


@python_check("comma_compound_and", options={"conjunctions": []}, prepare=_folding("conjunctions"))
def comma_compound_and(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """«и» (or another conjunction from the list) between two clauses that each have their own
    verb, the second with its own subject: «очередь подошла и Вы можете выбрать»."""
    joins = options["_conjunctions"]
    # A subject with its verb right after «и» is rare: it is looked for first, in the whole text
    # (where it finds all the sentence would, and more), and only those sentences are read.
    words = [t for t in _words_keyed(doc, joins)
             if t.key in joins and _subject_after(doc.tokens, t.index + 1) is not None]
    for tokens, positions in by_sentence(doc, words):
        for k in positions:
            token = tokens[k]
            before = _word_before(tokens, k)
            if before is None or len(before.text) < 2 or not _clause_has_verb(tokens, k):
                continue
            subject = _subject_after(tokens, k + 1)
            if subject is None or len(subject.text) < 2:
                continue
            yield Hit(before.start, subject.end, suggestion=f"{before.text}, {token.text} {subject.text}")


_CLAUSE_WINDOW = 60  # tokens looked back: longer stretches without a comma are no clause to split


def _clause_has_verb(tokens: list[Token], k: int) -> bool:
    """A finite verb between the last comma (or other clause mark) before token k and k."""
    for i in range(k - 1, max(-1, k - 1 - _CLAUSE_WINDOW), -1):
        token = tokens[i]
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
            and tokens[j].key not in _SUBJECT_PRONOUNS:
        j += 1
    if j >= len(tokens) or tokens[j].kind != WORD:
        return None
    subject = tokens[j]
    best = subject.morph.parses[0]
    pronoun = subject.key in _SUBJECT_PRONOUNS
    if not pronoun and not (best.pos == "NOUN" and "nomn" in best.grammemes):
        return None
    for follower in tokens[j + 1:j + 4]:
        if follower.kind != WORD:
            return None
        if _finite(follower):
            return subject
    return None


def _prepare_introductory(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    prepared = dict(options)
    prepared["_phrases"] = [tuple(fold(w) for w in p.split()) for p in options["phrases"]]
    if not all(prepared["_phrases"]):
        raise RuleFileError(path, "пустая фраза", rule_id, "options.phrases")
    prepared["_openers"] = {tuple(fold(w) for w in p.split()) for p in options["may_open_phrase"]}
    return prepared


@python_check("introductory_words", options={"phrases": [], "may_open_phrase": []}, prepare=_prepare_introductory)
def introductory_words(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Introductory words and phrases («например», «к сожалению») not set off by commas. Words in
    `may_open_phrase` after a comma may open a clarifying phrase: «…, например свидетельство»."""
    openers: set[tuple[str, ...]] = options["_openers"]
    starts = _phrase_starts(doc, options["_phrases"])
    for tokens, positions in by_sentence(doc, [doc.tokens[i] for i in sorted(starts)]):
        for k in positions:
            for phrase in starts[tokens[k].index]:
                end = k + len(phrase)
                if tuple(t.key for t in tokens[k:end]) != phrase:
                    continue
                before_ok = k == 0 or tokens[k - 1].kind == PUNCT
                after_ok = end >= len(tokens) or tokens[end].kind == PUNCT or (
                    phrase in openers and k > 0 and tokens[k - 1].text == ",")
                if before_ok and after_ok:
                    continue
                text = doc.text[tokens[k].start:tokens[end - 1].end]
                yield Hit(tokens[k].start, tokens[end - 1].end, suggestion=f"выделите запятыми: «, {text},»")


def _phrase_starts(doc: Document, phrases: list[tuple[str, ...]]) -> dict[int, list[tuple[str, ...]]]:
    """The token indexes where some of `phrases` may begin, each with those phrases in list order.
    A phrase is looked up by its rarest word: «в частности» by «частности», not by every «в»."""
    index = doc.phrase_keys
    anchors = [min(range(len(p)), key=lambda j: (not _ALNUM.search(p[j]), len(index.get(p[j], ())))) for p in phrases]
    places: dict[str, list[int]] = {}
    for token in _tokens_keyed(doc, {p[j] for p, j in zip(phrases, anchors)}):
        places.setdefault(token.key, []).append(token.index)
    starts: dict[int, list[tuple[str, ...]]] = {}
    for phrase, j in zip(phrases, anchors):
        for i in places.get(phrase[j], ()):
            if i >= j:
                starts.setdefault(i - j, []).append(phrase)
    return starts


def _tokens_keyed(doc: Document, keys: Collection[str]) -> list[Token]:
    """The tokens whose folded text is one of `keys`, in text order. doc.phrase_keys indexes the
    words and numbers; the tokens of links are looked at apart, and a key with no letter or digit
    (a mark) makes every token be read."""
    if not all(_ALNUM.search(key) for key in keys):
        return [t for t in doc.tokens if t.key in keys]
    index, tokens = doc.phrase_keys, doc.tokens
    found = {i for key in keys for i in index.get(key, ()) if tokens[i].key == key}
    found.update(t.index for t in doc.link_tokens if t.key in keys)
    return [tokens[i] for i in sorted(found)]


_PAIRS = {"«": "»", "(": ")", "„": "“", "“": "”"}
_CLOSING = {v: k for k, v in _PAIRS.items()}
_MARKS = regexes.compile("[«»()„“”]")  # most of a paragraph is letters: only the marks are looked at


@python_check("paired_marks", options={})
def paired_marks(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A quote or bracket without its pair inside one paragraph; «1)» at the start of a list item
    is a list marker, not a bracket."""
    for paragraph in doc.paragraphs:
        stack: list[tuple[str, int]] = []
        quotes: list[int] = []  # where each « stands
        text = doc.text[paragraph.start:paragraph.end]
        for m in _MARKS.finditer(text):
            ch, i = m.group(), m.start()
            if ch == "«":
                quotes.append(i)
            if ch == "“" and stack and stack[-1][0] == "„":
                stack.pop()  # „…“: the German-style pair closes with the mark that opens “…”
            elif ch in _PAIRS:
                stack.append((ch, i))
            elif ch in _CLOSING:
                if stack and stack[-1][0] == _CLOSING[ch]:
                    stack.pop()
                elif not _list_marker(text, i):
                    yield Hit(paragraph.start + i, paragraph.start + i + 1,
                              suggestion=f"добавьте парный знак «{_CLOSING[ch]}» или уберите этот")
        last_matched = max(set(quotes) - {i for _, i in stack}, default=-1)
        for ch, i in stack:
            if ch == "«" and last_matched > i:
                continue  # «Об утверждении программы «Развитие района»: the outer quote closes with the inner
            yield Hit(paragraph.start + i, paragraph.start + i + 1,
                      suggestion=f"добавьте парный знак «{_PAIRS[ch]}» или уберите этот")


def _list_marker(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    marker = text[line_start:i].strip().lstrip("«\"")
    return text[i] == ")" and 0 < len(marker) <= 3 and (marker.isdigit() or marker.isalpha())


# Spacing around marks. A hyphen with spaces around it is a dash between phrases («вывоз
# мусора - задача оператора»), a hyphen with stray spaces inside a compound («Троицко -
# Печорский»), a hanging hyphen («свето - и звукотехнического») or a range of numbers.
# A pattern that opens with a look-behind is tried at every character of the text; one that opens
# with the mark itself is found by a fast scan. So the marks come first, and the patterns that open
# with spaces after a letter are tried only where those spaces end in the mark (_after_spaces).
_SPACED_HYPHEN = regexes.compile(r"(?<=[а-яёА-ЯЁ»)0-9])[ \t]+(?:-|--)[ \t]+(?=[а-яёА-ЯЁ«(0-9])")
_HYPHEN_AFTER_SPACE = regexes.compile(r"-(?<=[ \t]-)")
_NUMBER_SUFFIX = regexes.compile(r"(?:ФЗ|ФКЗ|КЗ|ОЗ|РЗ|П|па|рп|р|п|ти|х|ми|й|го|му|м|е|я|ю)\b")
_NUMBER_BEFORE = regexes.compile(r"\d+$")
_WORD_BEFORE = regexes.compile(r"([а-яёА-ЯЁ]+)$")
_WORD_AFTER = regexes.compile(r"[а-яёА-ЯЁ]+")
_SPACE_BEFORE_MARK = regexes.compile(r"(?<=[а-яёА-ЯЁ»)])[ \t]+([,;:!?])")
_SPACE_BEFORE_DOT = regexes.compile(r"(?<=[а-яё»)])[ \t]+(\.)(?!\.)")
_MARK_SPACING = (  # (pattern, where a match may end its leading spaces or None, advice, replacement)
    (_SPACE_BEFORE_MARK, regexes.compile(r"[,;:!?](?<=[ \t][,;:!?])"), "уберите пробел перед знаком", r"\1"),
    (_SPACE_BEFORE_DOT, regexes.compile(r"\.(?<=[ \t]\.)"), "уберите пробел перед точкой", r"\1"),
    (regexes.compile(r"([,;])(?<=[а-яёА-ЯЁ»)][,;])(?=[А-Яа-яЁё«(])"), None, "поставьте пробел после знака", r"\1 "),
    (regexes.compile(r"([.!?])(?<=[а-яё]{2}[.!?])(?=[А-ЯЁ][а-яё])"), None, "поставьте пробел после знака", r"\1 "),
)
_DOUBLE_SPACE = regexes.compile(r"(?<=\S) {2,}(?=\S)")
_SPACES = regexes.compile("  +")  # two spaces or more; the literal pair makes the scan fast
_STRAIGHT_QUOTES = regexes.compile(r'"(?<![\w"]")[ \t]*([А-Яа-яЁё][^"\n]{0,200}?)[ \t]*"(?![\w"])')


def _after_spaces(pattern: re.Pattern[str], end_mark: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern whose matches open with spaces or tabs that end in a
    match of `end_mark`: it is tried only where such a run of spaces begins."""
    return _matches_at(pattern, text, (_space_run_start(text, m.start()) for m in end_mark.finditer(text)))


def _space_run_start(text: str, end: int) -> int:
    start = end
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def _matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches pattern.finditer(text) gives, when `starts` (ascending) holds every place where
    a match may begin."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            end = m.end()
            yield m


@dataclass(frozen=True, slots=True)
class _Hyphen:
    kind: str  # "dash", "compound", "hanging", "range"
    start: int
    end: int
    replacement: str


def _prepare_spacing(options: dict[str, Any], path: Path, rule_id: str) -> dict[str, Any]:
    prepared = dict(options)
    parts: set[str] = set()
    if options["compound_parts"]:
        source = (Path(path).parent / options["compound_parts"]).resolve()
        if not source.is_file():
            raise RuleFileError(path, f"нет файла словаря {options['compound_parts']}", rule_id,
                                "options.compound_parts")
        parts = read_word_list(source)
    # One lexicon for the rules that read the same list, so they share the hyphens it classified.
    prepared["_lexicon"] = _LEXICONS.setdefault(frozenset(parts), Lexicon((), parts))
    return prepared


_LEXICONS: dict[frozenset[str], Lexicon] = {}


def _classify_hyphen(text: str, m: re.Match[str], lexicon: Lexicon) -> _Hyphen:
    before = _WORD_BEFORE.search(text, max(0, m.start() - 60), m.start())
    after = _WORD_AFTER.match(text, m.end())
    if m.start() > 0 and text[m.start() - 1].isdigit():
        if text[m.end()].isdigit():
            return _Hyphen("range", m.start(), m.end(), "–")
        suffix = _NUMBER_SUFFIX.match(text, m.end())
        number = _NUMBER_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if suffix and number:  # «№ 172 - ФЗ», «55 - ти»
            return _Hyphen("compound", number.start(), suffix.end(), f"{number.group()}-{suffix.group()}")
    if before and after:
        left, right = before.group(1), after.group()
        if fold(right) in ("и", "или") and not lexicon.knows(left) or \
                fold(right) in ("и", "или") and fold(left) in lexicon.parts:
            return _Hyphen("hanging", before.start(), m.end(), left + "- ")
        if _compound_halves(left, right, lexicon):
            solid = fold(left + right)
            word = left + right.lower() if in_dictionary(solid) and zipf(solid) > 0 else f"{left}-{right}"
            return _Hyphen("compound", before.start(), after.end(), word)
    return _Hyphen("dash", m.start(), m.end(), " — ")


def _compound_halves(left: str, right: str, lexicon: Lexicon) -> bool:
    """«детско - юношеская», «Западно - Лугинецкого», «северо - запад»: a first part with the
    joining vowel and a word that can follow it (capitalised after a capitalised part)."""
    key = fold(left)
    if len(key) < 3 or not lexicon.joining_part(key):
        return False
    if left[:1].isupper() != right[:1].isupper():
        return False
    if left[:1].isupper():
        return True  # a place or a name: «Верхне - Кондратинский», «Южно - Шингинского»
    parses = morph(right).parses
    if any(p.pos in ("ADJF", "PRTF") for p in parses):
        return True
    return (key in lexicon.parts or not lexicon.knows(key)) and any(p.pos == "NOUN" for p in parses)


def _split_word(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """«Гео  портале»: spaces inside one word, which the spelling rule reports."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    if not before or not after or not after.group().islower():
        return False
    left = before.group(1)
    return lexicon.join(left, after.group()) is not None and (
        not lexicon.knows(left) or not lexicon.knows(after.group()) or fold(left) in lexicon.parts)


def _spaced_hyphens(doc: Document, lexicon: Lexicon) -> list[_Hyphen]:
    """The hyphens with spaces around them, classified once for mark-spacing and hyphen-spacing."""
    key = ("spaced-hyphens", lexicon)
    hyphens = doc.shared.get(key)
    if hyphens is None:
        hyphens = doc.shared[key] = [_classify_hyphen(doc.text, m, lexicon)
                                     for m in _after_spaces(_SPACED_HYPHEN, _HYPHEN_AFTER_SPACE, doc.text)]
    return hyphens  # type: ignore[return-value]


@python_check("mark_spacing", options={"compound_parts": ""}, prepare=_prepare_spacing)
def mark_spacing(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Spaces before and after marks, a hyphen with spaces where a dash belongs, a range of numbers."""
    for regex, end_mark, advice, replacement in _MARK_SPACING:
        matches = regex.finditer(doc.text) if end_mark is None else _after_spaces(regex, end_mark, doc.text)
        for m in matches:
            yield Hit(m.start(), m.end(), suggestion=advice, replacement=m.expand(replacement))
    for hyphen in _spaced_hyphens(doc, options["_lexicon"]):
        if hyphen.kind == "dash":
            yield Hit(hyphen.start, hyphen.end, suggestion="между частями предложения ставится тире: « — »",
                      replacement=hyphen.replacement)
        elif hyphen.kind == "range":
            yield Hit(hyphen.start, hyphen.end, suggestion="между числами — тире без пробелов: «2014–2020»",
                      replacement=hyphen.replacement)


@python_check("punctuation_spacing", options={"compound_parts": ""}, prepare=_prepare_spacing)
def punctuation_spacing(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Two or more spaces between words; spaces inside a split word («Гео  портале») are left to
    the spelling rule, spaces before a mark to mark-spacing."""
    lexicon: Lexicon = options["_lexicon"]
    for m in _matches_at(_DOUBLE_SPACE, doc.text, (run.start() for run in _SPACES.finditer(doc.text))):
        if doc.text[m.end()] in ",;:!?." or _split_word(doc.text, m.start(), m.end(), lexicon):
            continue
        yield Hit(m.start(), m.end(), suggestion="один пробел", replacement=" ")


@python_check("hyphen_spacing", options={"compound_parts": ""}, prepare=_prepare_spacing)
def hyphen_spacing(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """A hyphen inside a compound written with spaces: «детско - юношеская» → «детско-юношеская»,
    «свето - и звукотехнического» → «свето- и звукотехнического»."""
    for hyphen in _spaced_hyphens(doc, options["_lexicon"]):
        if hyphen.kind == "compound":
            yield Hit(hyphen.start, hyphen.end, suggestion=hyphen.replacement, replacement=hyphen.replacement)
        elif hyphen.kind == "hanging":
            yield Hit(hyphen.start, hyphen.end, suggestion=f"висячий дефис: «{hyphen.replacement}»",
                      replacement=hyphen.replacement)


@python_check("straight_quotes", options={})
def straight_quotes(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """Straight quotes "…" around Russian words: the Russian quotes are «…»."""
    for m in _STRAIGHT_QUOTES.finditer(doc.text):
        inner = m.group(1).rstrip()
        fixed = f"«{inner}»" if "«" not in inner and "»" not in inner else None
        yield Hit(m.start(), m.end(), suggestion=f"«{inner}»", replacement=fixed)
