"""Silencing a finding in the text itself.

Write `plainreply: ignore` on a line to silence every finding that starts on that line,
or `plainreply: ignore passive-participle, bureaucratese` to silence only those rules or
categories. In Markdown put it in a comment: `<!-- plainreply: ignore passive -->`.
The marker itself is blanked out before the text is analysed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import regexes
from .engine.model import Finding

_MARKER = regexes.compile(
    r"(?:<!--[ \t]*)?plainreply:[ \t]*ignore(?P<targets>(?:[ \t]+[a-z][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z][a-z0-9-]*)*)?)[ \t]*(?:-->)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Suppression:
    line_start: int
    line_end: int
    targets: frozenset[str]  # empty: everything on the line

    def covers(self, finding: Finding) -> bool:
        if not self.line_start <= finding.start < self.line_end:
            return False
        return not self.targets or finding.rule in self.targets or finding.category in self.targets


def find_suppressions(text: str) -> tuple[str, list[Suppression]]:
    """Return the text with markers blanked (same length) and the suppressions they set."""
    suppressions = []
    pieces: list[str] = []  # the text between markers, and a blank of each marker's length
    pos = 0
    for m in _MARKER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        targets = frozenset(t.strip().lower() for t in re.split(r"[\s,]+", m.group("targets")) if t.strip())
        suppressions.append(Suppression(line_start, line_end, targets))
        pieces += (text[pos:m.start()], " " * (m.end() - m.start()))
        pos = m.end()
    if not pieces:
        return text, suppressions
    pieces.append(text[pos:])
    return "".join(pieces), suppressions
