"""Check type `patterns`: regular expressions over the surface text.

Python's `re` treats Cyrillic as word characters, so `\\b` and `\\w` work on Russian.
Matches inside links and e-mail addresses are skipped.

Each pattern may carry `suggest:` (advice) and `replace:` (the exact text to put in place of the
match). Both are `re` templates: `\\1`, `\\g<name>` refer to the pattern's groups, as in `re.sub`.

Most patterns name words that a given letter does not contain («бред», «в виду того»). Before a
pattern scans the text, a substring test asks whether one of the words every match must contain is
there at all; scanning with `re` costs far more than `in`.

A pattern from a user's rule folder also runs under a time budget: `re` cannot be stopped once a
match attempt has begun, so such patterns are compiled a second time with the `regex` module,
which can (`timeout=`). Patterns shipped in rules/ are reviewed and run with `re` alone. A pattern that opens with whole words
(«\\b(што|щас|ета)\\b», «\\bпол\\s+…») is tested against the set of the text's words instead: «ета»
is inside «бюджета», but no letter about a budget holds the word «ета».
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from heapq import merge
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

from .. import regexes
from ..analysis import Document
from ..errors import RuleFileError
from ..resources import rules_dir
from .model import Hit

# Seconds that all patterns of one user rule may spend on one text.
USER_PATTERN_BUDGET = 5.0


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: re.Pattern[str]
    suggest: str
    note: str
    replace: str | None = None
    # Every match contains one of these strings (compared case-folded); empty: no such knowledge.
    required: tuple[str, ...] = ()
    # Every match contains a word of each set as a whole word (case-folded).
    required_words: tuple[frozenset[str], ...] = ()
    # Every match holds a character at or above this one (see lowest_character); "": no such knowledge.
    lowest: str = ""
    # Words one of which every match opens with (see opening_words); empty: no such knowledge.
    opening: frozenset[str] = frozenset()
    # The same expression compiled by the `regex` module, for patterns that run under a budget.
    bounded: Any = None
    field: str = ""


class PatternCheck:
    needs_syntax = False
    fields = {"patterns", "case_sensitive"}

    def __init__(self, patterns: list[Pattern], path: object = "", rule_id: str = ""):
        self.patterns = patterns
        self.path = path
        self.rule_id = rule_id


    @classmethod
    def from_rule(cls, data: Mapping[str, Any], path: object, rule_id: str) -> PatternCheck:
        raw = data.get("patterns")
        if not isinstance(raw, list) or not raw:
            raise RuleFileError(path, "нужен непустой список patterns", rule_id, "patterns")
        case_sensitive = data.get("case_sensitive", False)
        if not isinstance(case_sensitive, bool):
            raise RuleFileError(path, "значение должно быть true или false", rule_id, "case_sensitive")
        flags = 0 if case_sensitive else re.IGNORECASE
        bounded = not _shipped(path)
        patterns = [_pattern(item, flags, path, rule_id, f"patterns[{i}]", bounded) for i, item in enumerate(raw)]
        return cls(patterns, path, rule_id)

    def run(self, doc: Document, params: Mapping[str, Any]) -> Iterator[Hit]:
        links = _link_spans(doc)
        taken = _Spans([])
        folded = None
        words = None
        started = time.monotonic()
        highest = None
        for pattern in self.patterns:
            if pattern.lowest:
                if highest is None:
                    highest = max(doc.text, default="")
                if highest < pattern.lowest:
                    continue  # «[😀-🙏]» in a letter without a single emoji
            if pattern.required_words:
                if words is None:
                    words = _words(doc)
                if any(words.isdisjoint(needed) for needed in pattern.required_words):
                    continue
            elif pattern.required:
                if folded is None:
                    folded = _folded_text(doc)
                if not any(word in folded for word in pattern.required):
                    continue
            # One pattern's matches never overlap each other; an earlier pattern's match wins.
            kept = []
            for m in self._matches(pattern, doc, started):
                start, end = m.span()
                if links.overlaps(start, end) or taken.overlaps(start, end):
                    continue
                kept.append((start, end))
                yield Hit(start, end, suggestion=m.expand(pattern.suggest) if pattern.suggest else "",
                          note=pattern.note,
                          replacement=m.expand(pattern.replace) if pattern.replace is not None else None)
            if kept:
                taken = taken.merged(kept)

    def _matches(self, pattern: Pattern, doc: Document, started: float) -> Iterator[Any]:
        text = doc.text
        if pattern.bounded is None:
            starts = _word_starts(doc, pattern.opening) if pattern.opening else None
            if starts is None:
                yield from pattern.regex.finditer(text)
                return
            end = 0  # what finditer gives: matches start only at these words, none overlaps the last
            for start in starts:
                if start >= end and (m := pattern.regex.match(text, start)) is not None:
                    end = m.end()
                    yield m
            return
        budget = USER_PATTERN_BUDGET
        try:
            yield from pattern.bounded.finditer(text, timeout=max(budget - (time.monotonic() - started), 0.001))
        except TimeoutError:
            raise RuleFileError(self.path, f"выражение проверяло текст дольше {budget:g} с и остановлено; "
                                "упростите его", self.rule_id, f"{pattern.field}.regex") from None


def _shipped(path: object) -> bool:
    """A rule file of the package's own rules/ folder (reviewed), not one of a user's folder."""
    try:
        return Path(str(path)).resolve().is_relative_to(rules_dir().resolve())
    except (OSError, ValueError):
        return False


def _pattern(item: Any, flags: int, path: object, rule_id: str, field: str, bounded: bool) -> Pattern:
    if not isinstance(item, Mapping):
        raise RuleFileError(path, "запись должна быть словарем с полем regex", rule_id, field)
    unknown = set(item) - {"regex", "suggest", "note", "replace"}
    if unknown:
        raise RuleFileError(path, f"неизвестное поле {', '.join(sorted(unknown))}", rule_id, field)
    source = item.get("regex")
    if not isinstance(source, str) or not source:
        raise RuleFileError(path, "нет регулярного выражения", rule_id, f"{field}.regex")
    try:
        regex = regexes.compile(source, flags)
    except re.error as exc:
        raise RuleFileError(path, f"ошибка в регулярном выражении: {exc}", rule_id, f"{field}.regex") from None
    if regex.match(""):
        raise RuleFileError(path, "выражение совпадает с пустой строкой", rule_id, f"{field}.regex")
    if nested_repeat(regex):
        raise RuleFileError(path, "повтор внутри повтора, например (а+)+ или (\\w+\\s?)*, на некоторых текстах "
                            "работает бесконечно долго; перепишите выражение без вложенных повторов",
                            rule_id, f"{field}.regex")
    suggest = str(item.get("suggest", "") or "")
    _check_template(regex, suggest, path, rule_id, f"{field}.suggest")
    replace = item.get("replace")
    if replace is not None:
        if not isinstance(replace, str) or not replace:
            raise RuleFileError(path, "замена должна быть непустой строкой; чтобы убрать знак, "
                                      "включите в выражение соседний символ", rule_id, f"{field}.replace")
        _check_template(regex, replace, path, rule_id, f"{field}.replace")
    return Pattern(regex, suggest, str(item.get("note", "") or ""), replace, required_strings(regex),
                   required_words(regex), lowest_character(regex), opening_words(regex),
                   _bounded(source, flags, path, rule_id, field) if bounded else None, field)


def _bounded(source: str, flags: int, path: object, rule_id: str, field: str) -> Any:
    import regex as bounded_re  # only user rule folders need it

    try:
        return bounded_re.compile(source, bounded_re.VERSION0 | (bounded_re.IGNORECASE if flags & re.IGNORECASE else 0))
    except bounded_re.error as exc:
        raise RuleFileError(path, f"ошибка в регулярном выражении: {exc}", rule_id, f"{field}.regex") from None


def nested_repeat(regex: re.Pattern[str]) -> bool:
    """A repeat of more than one time inside another such repeat: the shape of catastrophic
    backtracking in `re`, which cannot be interrupted once a match attempt has begun."""
    from re import _constants as codes, _parser as parser
    try:
        tree = list(parser.parse(regex.pattern, regex.flags))
    except Exception:  # the private parser changed: compiling succeeded, so let the pattern be
        return False
    repeats = (codes.MAX_REPEAT, codes.MIN_REPEAT, getattr(codes, "POSSESSIVE_REPEAT", None))

    def walk(items: list, inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                many = arg[1] > 1
                if (inside and many) or walk(list(arg[2]), inside or many):
                    return True
            elif op is codes.SUBPATTERN and walk(list(arg[-1]), inside):
                return True
            elif op is codes.BRANCH and any(walk(list(branch), inside) for branch in arg[1]):
                return True
            elif op in (codes.ASSERT, codes.ASSERT_NOT) and walk(list(arg[1]), inside):
                return True
        return False

    return walk(tree, False)


def _link_spans(doc: Document) -> _Spans:
    spans = doc.shared.get("pattern-link-spans")
    if spans is None:
        spans = doc.shared["pattern-link-spans"] = _Spans([(t.start, t.end) for t in doc.link_tokens])
    return spans  # type: ignore[return-value]


_WORD_RUN = regexes.compile(r"\w+")


def _words(doc: Document) -> frozenset[str]:
    """Every run of word characters in the text, case-folded: what `required_words` is tested on."""
    words = doc.shared.get("casefolded-words")
    if words is None:
        words = doc.shared["casefolded-words"] = frozenset(w.casefold() for w in set(_WORD_RUN.findall(doc.text)))
    return words  # type: ignore[return-value]


def _word_starts(doc: Document, words: frozenset[str]) -> list[int] | None:
    """Where one of `words` (case-folded) stands in the text as a whole run of word characters,
    in text order; None when case-folding changes the text's length, so that its offsets are not
    the text's (then the caller scans the whole text)."""
    folded = _folded_text(doc)
    text = doc.text
    if len(folded) != len(text):
        return None
    starts = []
    for word in words:
        at = folded.find(word)
        while at != -1:
            after = at + len(word)
            if (at == 0 or not _is_word_char(text[at - 1])) and (after == len(text) or not _is_word_char(text[after])):
                starts.append(at)
            at = folded.find(word, at + 1)
    starts.sort()
    return starts


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \\w matches


def _folded_text(doc: Document) -> str:
    folded = doc.shared.get("casefolded-text")
    if folded is None:
        folded = doc.shared["casefolded-text"] = doc.text.casefold()
    return folded  # type: ignore[return-value]


_MAX_REQUIRED = 64  # more alternatives than this cost more to test than the scan saves
_MIN_REQUIRED_LENGTH = 2


def required_strings(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Case-folded strings one of which every match of `regex` contains, or () when the pattern
    gives no such guarantee. Only a necessary condition: a text holding none cannot match, so
    skipping the scan changes no result (case-folding makes the test hold under IGNORECASE too)."""
    try:
        from re import _constants as codes, _parser as parser  # the parse tree `re` compiles from
        tree = parser.parse(regex.pattern, regex.flags)
        found = _required(list(tree), codes)
    except Exception:  # a future `re` may change its private parser: then no shortcut, same results
        return ()
    if not found or len(found) > _MAX_REQUIRED or not all(map(_telling, found)):
        return ()
    return tuple(sorted(found))


_CYRILLIC_WORD = regexes.compile(r"[а-яё]{2,}")


def required_words(regex: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of case-folded words: every match of `regex` holds a word of each set as a whole word.
    Such a word stands in the pattern's main sequence between word edges: `\\b`, a space, a dot
    («\\bв\\s+виду\\s+того\\b» gives {виду}, {того}; «\\b(што|щас)\\b» gives {што, щас}).
    Only Cyrillic words of two letters or more: their case-folding is the one `re` matches by.
    Empty when the pattern has no such word."""
    if regex.flags & re.ASCII:
        return ()  # `\\b` would not see Cyrillic letters as word characters
    try:
        from re import _constants as codes, _parser as parser
        tree = list(parser.parse(regex.pattern, regex.flags))
        found = _whole_words(tree, codes)
    except Exception:  # a future `re` may change its private parser: then no shortcut, same results
        return ()
    return tuple(words for words in found
                 if len(words) <= _MAX_REQUIRED and all(_CYRILLIC_WORD.fullmatch(w) for w in words))


def _whole_words(items: list, codes: Any) -> list[frozenset[str]]:
    found = []
    for i in range(1, len(items)):
        if _ends_word(items[i - 1], codes) and (words := _segment_at(items, i, codes)) is not None:
            found.append(words)
    return found


def _segment_at(items: list, i: int, codes: Any) -> frozenset[str] | None:
    """The case-folded words that items[i:] spell up to a word edge, or None."""
    j = i
    words = [""]
    while j < len(items):
        choices = _word_choices([items[j]], codes)
        if choices is None:
            break
        words = [w + c for w in words for c in choices]
        j += 1
        if len(words) > _MAX_REQUIRED:
            return None
    if j == i:
        return None
    # Optional marks after the word («,?» in «странно,?\s+что») do not move its end: whether or not
    # one is there, the next character is no word character when a mandatory one follows.
    while j < len(items) and _optional_marks(items[j], codes):
        j += 1
    if j < len(items) and _ends_word(items[j], codes):
        return frozenset(w.casefold() for w in words)
    return None


def _optional_marks(item: tuple, codes: Any) -> bool:
    op, arg = item
    if op not in (codes.MAX_REPEAT, codes.MIN_REPEAT, getattr(codes, "POSSESSIVE_REPEAT", None)) or arg[0] != 0:
        return False
    body = list(arg[2])
    return len(body) == 1 and _ends_word(body[0], codes) and body[0] != (codes.AT, codes.AT_BOUNDARY)


_CLASS_SIZE_READ = 10_000  # a class with more characters than this is not read one by one


def lowest_character(regex: re.Pattern[str]) -> str:
    """For a pattern that is one class of characters without case («[☺☹😀-🙏]», «§+»): its lowest
    character. A text whose highest character is below it cannot match. "" for other patterns."""
    try:
        from re import _constants as codes, _parser as parser
        items = list(parser.parse(regex.pattern, regex.flags))
    except Exception:  # a future `re` may change its private parser: then no shortcut, same results
        return ""
    if len(items) == 1 and items[0][0] in (codes.MAX_REPEAT, codes.MIN_REPEAT) and items[0][1][0] >= 1:
        items = list(items[0][1][2])
    if len(items) != 1:
        return ""
    op, arg = items[0]
    members = [(codes.LITERAL, arg)] if op is codes.LITERAL else arg if op is codes.IN else None
    points: list[int] = []
    for member, value in members or [(None, None)]:
        if member is codes.LITERAL:
            points.append(value)
        elif member is codes.RANGE and value[1] - value[0] < _CLASS_SIZE_READ:
            points.extend(range(value[0], value[1] + 1))
        else:
            return ""
        if len(points) > _CLASS_SIZE_READ:
            return ""
    # A character with case would also match its other case, which may stand lower.
    if not points or any(chr(p).lower() != chr(p) or chr(p).upper() != chr(p) for p in points):
        return ""
    return chr(min(points))


def opening_words(regex: re.Pattern[str]) -> frozenset[str]:
    """For a pattern that opens with `\\b` (after look-arounds, if any) and a choice of whole Cyrillic
    words («\\b(как|кто)\\s+…»):
    those words, case-folded. Every match starts where one of them stands as a whole word, so the
    pattern need only be tried there. Empty for other patterns."""
    if regex.flags & re.ASCII:
        return frozenset()
    try:
        from re import _constants as codes, _parser as parser
        items = list(parser.parse(regex.pattern, regex.flags))
        # Look-arounds before the `\b` («(?<!не\s)\b(?:странно|…)») take no characters: a match
        # still starts at the word, and matching there still tests them.
        first = 0
        while first < len(items) and items[first][0] in (codes.ASSERT, codes.ASSERT_NOT):
            first += 1
        words = _segment_at(items, first + 1, codes) \
            if first < len(items) and items[first] == (codes.AT, codes.AT_BOUNDARY) else None
    except Exception:  # a future `re` may change its private parser: then no shortcut, same results
        return frozenset()
    if not words or not all(_CYRILLIC_WORD.fullmatch(w) for w in words):
        return frozenset()
    return words


def _word_choices(items: list, codes: Any) -> list[str] | None:
    """The strings of word characters a sequence of literals and choices spells, or None when it
    holds anything else (a class like \\w, a repeat, a character that is no letter)."""
    words = [""]
    for op, arg in items:
        if op is codes.LITERAL and _WORD_RUN.match(chr(arg)):
            choices = [chr(arg)]
        elif op is codes.IN and arg and all(m is codes.LITERAL and _WORD_RUN.match(chr(v)) for m, v in arg):
            choices = [chr(v) for _, v in arg]
        elif op is codes.SUBPATTERN:
            choices = _word_choices(list(arg[-1]), codes)
        elif op is codes.BRANCH:
            choices = []
            for branch in arg[1]:
                inner = _word_choices(list(branch), codes)
                if inner is None:
                    return None
                choices += inner
        else:
            return None
        if choices is None or not choices:
            return None
        words = [w + c for w in words for c in choices]
        if len(words) > _MAX_REQUIRED:
            return None
    return words


def _ends_word(item: tuple, codes: Any) -> bool:
    """`\\b`, or one or more characters none of which is a word character."""
    op, arg = item
    if (op, arg) == (codes.AT, codes.AT_BOUNDARY):
        return True
    if op is codes.LITERAL:
        return not _WORD_RUN.match(chr(arg))
    if op is codes.IN:
        return all(member is codes.CATEGORY and value in (codes.CATEGORY_SPACE, codes.CATEGORY_UNI_SPACE)
                   or member is codes.LITERAL and not _WORD_RUN.match(chr(value)) for member, value in arg)
    if op in (codes.MAX_REPEAT, codes.MIN_REPEAT, getattr(codes, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
        body = list(arg[2])
        return len(body) == 1 and _ends_word(body[0], codes)
    return False


def _telling(required: str) -> bool:
    """Worth a test: two characters or more, or one that is no letter or digit («§», «•»)."""
    return len(required) >= _MIN_REQUIRED_LENGTH or not required.isalnum()


def _required(items: list, codes: Any) -> frozenset[str] | None:
    """For a sequence of parse items: the best set of strings one of which every match holds."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items + [(None, None)]:
        if op is codes.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            options.append(frozenset({"".join(run).casefold()}))
            run = []
        inner: frozenset[str] | None = None
        if op is codes.SUBPATTERN:
            inner = _required(list(arg[-1]), codes)
        elif op is codes.BRANCH:
            branches = [_required(list(branch), codes) for branch in arg[1]]
            if all(branches):
                inner = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op is codes.IN and all(member is codes.LITERAL for member, _ in arg):
            inner = frozenset(chr(value).casefold() for _, value in arg)
        elif op in (codes.MAX_REPEAT, codes.MIN_REPEAT, getattr(codes, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
            body = list(arg[2])
            if len(body) == 1 and body[0][0] is codes.LITERAL:  # «!{2,}» holds «!!»
                inner = frozenset({chr(body[0][1]).casefold() * min(arg[0], 8)})
            else:
                inner = _required(body, codes)
        if inner:
            options.append(inner)
    if not options:
        return None
    # The set whose shortest string is longest tests best; of equal ones, the smaller set.
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _check_template(regex: re.Pattern[str], template: str, path: object, rule_id: str, field: str) -> None:
    """Expand the template on a stand-in match with the same groups, so a reference to a group the
    pattern lacks fails when the rule loads, with the same judgement `m.expand` makes later."""
    if "\\" not in template:
        return
    names = {number: name for name, number in regex.groupindex.items()}
    stand_in = "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, regex.groups + 1))
    try:
        regexes.compile(stand_in).match("").expand(template)
    except (re.error, IndexError) as exc:
        raise RuleFileError(path, f"ошибка в ссылке на группу выражения: {exc}", rule_id, field) from None


class _Spans:
    """Disjoint spans sorted by start: «does [start, end) overlap one of them?» in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.max_end = list(accumulate((end for _, end in self.spans), max))

    def merged(self, spans: list[tuple[int, int]]) -> _Spans:
        """These spans and the given ones (disjoint from them, in text order): one linear merge."""
        return _Spans(list(merge(self.spans, spans)))

    def overlaps(self, start: int, end: int) -> bool:
        before_end = bisect_left(self.starts, end)  # spans that start before `end`
        return before_end > 0 and self.max_end[before_end - 1] > start
