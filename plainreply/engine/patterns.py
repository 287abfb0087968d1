"""Check type `patterns`: regular expressions over the surface text.

Python's `re` treats Cyrillic as word characters, so `\\b` and `\\w` work on Russian.
Matches inside links and e-mail addresses are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..analysis import LINK, Document
from ..errors import RuleFileError
from .model import Hit


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: re.Pattern[str]
    suggest: str
    note: str


class PatternCheck:
    needs_syntax = False
    fields = {"patterns", "case_sensitive"}

    def __init__(self, patterns: list[Pattern]):
        self.patterns = patterns

    @classmethod
    def from_rule(cls, data: Mapping[str, Any], path: object, rule_id: str) -> PatternCheck:
        raw = data.get("patterns")
        if not isinstance(raw, list) or not raw:
            raise RuleFileError(path, "нужен непустой список patterns", rule_id, "patterns")
        case_sensitive = data.get("case_sensitive", False)
        if not isinstance(case_sensitive, bool):
            raise RuleFileError(path, "значение должно быть true или false", rule_id, "case_sensitive")
        flags = 0 if case_sensitive else re.IGNORECASE
        patterns = []
        for i, item in enumerate(raw):
            field = f"patterns[{i}]"
            if not isinstance(item, Mapping):
                raise RuleFileError(path, "запись должна быть словарем с полем regex", rule_id, field)
            unknown = set(item) - {"regex", "suggest", "note"}
            if unknown:
                raise RuleFileError(path, f"неизвестное поле {', '.join(sorted(unknown))}", rule_id, field)
            source = item.get("regex")
            if not isinstance(source, str) or not source:
                raise RuleFileError(path, "нет регулярного выражения", rule_id, f"{field}.regex")
            try:
                regex = re.compile(source, flags)
            except re.error as exc:
                raise RuleFileError(path, f"ошибка в регулярном выражении: {exc}", rule_id, f"{field}.regex") from None
            if regex.match(""):
                raise RuleFileError(path, "выражение совпадает с пустой строкой", rule_id, f"{field}.regex")
            patterns.append(Pattern(regex, str(item.get("suggest", "") or ""), str(item.get("note", "") or "")))
        return cls(patterns)

    def run(self, doc: Document, params: Mapping[str, Any]) -> Iterator[Hit]:
        links = [(t.start, t.end) for t in doc.tokens if t.kind == LINK]
        taken: list[tuple[int, int]] = []
        for pattern in self.patterns:
            for m in pattern.regex.finditer(doc.text):
                span = m.span()
                if any(a < span[1] and span[0] < b for a, b in links):
                    continue
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                yield Hit(span[0], span[1], suggestion=m.expand(pattern.suggest) if pattern.suggest else "", note=pattern.note)
