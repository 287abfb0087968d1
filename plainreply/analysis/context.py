"""Spans of text that are not the writer's own prose: addresses, names, titles, numbers.

Rules skip findings that lie mostly in such a span unless their rule file lists its kind under
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
        """True when at least half of [start, end) lies in context spans whose kind is not in
        `allowed`. «пр.» in «Невский пр., 104» is blocked; a clause of the writer that merely
        contains an address or a date («назначен на 15.04.2026») is not."""
        pieces = sorted((max(s.start, start), min(s.end, end))
                        for s in self.overlapping(start, end) if s.kind not in allowed)
        covered, reach = 0, start
        for piece_start, piece_end in pieces:
            if piece_end > reach:
                covered += piece_end - max(piece_start, reach)
                reach = piece_end
        return covered > 0 and 2 * covered >= max(1, end - start)

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
