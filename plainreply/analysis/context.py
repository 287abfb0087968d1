"""Spans of text that are not the writer's own prose: addresses, names, titles, numbers.

Rules skip findings that overlap such a span unless their rule file lists its kind under
`context:`. What a span is gets decided here, once; no rule keeps its own list of exceptions.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

# The kinds a rule file may name under `context:` (or `all`).
CONTEXT_KINDS = (
    "address",       # г. Ижевск, ул. Пушкинская, д. 5, корп. 2, кв. 7; Невский пр., 104
    "organisation",  # ООО «Северный склад», ГУП РЭП "Строитель", МКУ «…»
    "person",        # Иванов И. И., И. И. Иванов, Ивановой Марии Петровне
    "act-title",     # titles of legal acts and documents, in quotes or after «Правила», «Порядок»
    "quotation",     # the client's words in quotes
    "link",          # URLs and e-mail addresses
    "phone",         # +7 (3412) 12-34-56
    "date",          # 12.01.2027, 12 января 2027 года
    "number",        # sums, cadastral and document numbers, № 59-ФЗ
)


@dataclass(frozen=True, slots=True)
class ContextSpan:
    start: int
    end: int
    kind: str


class ContextIndex:
    """Answers «which context span overlaps [start, end)?» in O(log n + k)."""

    def __init__(self, spans: list[ContextSpan]):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self.spans]
        self._max_end = list(accumulate((s.end for s in self.spans), max))

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[ContextSpan]:
        found = []
        i = bisect_left(self._starts, end) - 1  # last span that starts before `end`
        while i >= 0 and self._max_end[i] > start:
            span = self.spans[i]
            if span.end > start and span.start < end:
                found.append(span)
            i -= 1
        return found

    def blocks(self, start: int, end: int, allowed: frozenset[str]) -> bool:
        """True when [start, end) touches a context span whose kind is not in `allowed`."""
        return any(span.kind not in allowed for span in self.overlapping(start, end))

    def kind_at(self, start: int, end: int) -> str | None:
        """The kind of the innermost span that holds all of [start, end), if any."""
        holders = [s for s in self.overlapping(start, end) if s.start <= start and end <= s.end]
        if not holders:
            return None
        return min(holders, key=lambda s: s.end - s.start).kind


def find_context(text: str) -> ContextIndex:
    """Every context span in `text` (spans may nest: an address inside an organisation's line)."""
    from .context_spans import detect

    return ContextIndex(detect(text))
