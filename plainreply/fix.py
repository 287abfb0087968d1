"""Safe fixes: every finding's exact `replacement` put in place of its span, and the diff it makes.

Only non-overlapping replacements are applied: where two overlap, the one that starts first wins,
then the longer one. A replacement is skipped where the checked text differs from the file inside
its span (Markdown markup or a `plainreply: ignore` marker the checks did not see), so a fix never
eats markup.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from .engine.model import Finding
from .markdown import mask_markdown
from .suppress import find_suppressions


@dataclass(frozen=True, slots=True)
class AppliedFix:
    """A replacement that was made: its finding, and where the new text stands in the fixed text."""

    finding: Finding
    start: int
    end: int


def checked_text(text: str, markdown: bool = False) -> str:
    """The text the checks saw (the same length as `text`): markers and, for Markdown, markup blanked."""
    analysed, _ = find_suppressions(text)
    return mask_markdown(analysed) if markdown else analysed


def choose_fixes(text: str, findings: Iterable[Finding], checked: str | None = None) -> list[Finding]:
    """The findings whose replacements can be made together, in text order."""
    candidates = sorted(
        (f for f in findings if _usable(text, f, checked)),
        key=lambda f: (f.start, -(f.end - f.start)),
    )
    chosen: list[Finding] = []
    for finding in candidates:
        if chosen and _overlap(chosen[-1], finding):
            continue
        chosen.append(finding)
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding], checked: str | None = None) -> tuple[str, list[AppliedFix]]:
    """Apply every usable replacement; return the fixed text and the fixes made, in text order.

    `checked`: the text the checks saw, when it differs from `text` (see `checked_text`)."""
    chosen = choose_fixes(text, findings, checked)
    pieces: list[str] = []
    applied: list[AppliedFix] = []
    position = 0
    shift = 0
    for finding in chosen:
        replacement = finding.replacement or ""
        pieces.append(text[position:finding.start])
        pieces.append(replacement)
        start = finding.start + shift
        applied.append(AppliedFix(finding, start, start + len(replacement)))
        shift += len(replacement) - (finding.end - finding.start)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces), applied


def unified_diff(original: str, fixed: str, name: str) -> str:
    """A unified diff from `original` to `fixed`, both under the file's name; empty if they agree."""
    lines = difflib.unified_diff(_lines(original), _lines(fixed), fromfile=name, tofile=name)
    return "".join(lines)


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and lines[-1].splitlines() == [lines[-1]]:  # the last line has no line break
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def _usable(text: str, finding: Finding, checked: str | None) -> bool:
    if not finding.replacement:
        return False
    if not 0 <= finding.start <= finding.end <= len(text):
        return False
    if text[finding.start:finding.end] == finding.replacement:
        return False  # nothing to change
    return checked is None or checked[finding.start:finding.end] == text[finding.start:finding.end]


def _overlap(kept: Finding, later: Finding) -> bool:
    """`later` starts at or after `kept`; two insertions at one point also collide."""
    return later.start < kept.end or later.start == kept.start
