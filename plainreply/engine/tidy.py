"""Less noise: repeats of one trivial finding in a paragraph become one, and one span gets one finding."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Sequence

from ..analysis.morph import agree_phrase_with_number
from .model import SEVERITIES, Finding, Rule

# When two rules flag exactly the same words, the reader gets the finding that helps most:
# the more severe one, then one with a ready replacement, then the more specific category.
_SPECIFIC_FIRST = (
    "forbidden-phrase", "aggression", "typography", "consistency", "split-predicate", "archaism",
    "jargon", "negative", "term", "abbreviation", "passive", "bureaucratese", "nominal-chain",
    "spelling", "punctuation",
)


def group_repeats(findings: list[Finding], rules: dict[str, Rule], text: str,
                  paragraph_starts: Sequence[int]) -> list[Finding]:
    """Findings of a rule with `group: paragraph` that fall in one paragraph, close to each other,
    become one finding from the first to the last, with a count and one replacement that fixes
    them all."""
    kept: list[Finding] = []
    groups: dict[tuple[str, int], list[Finding]] = {}
    for finding in findings:
        if rules[finding.rule].group == "paragraph":
            paragraph = bisect_right(paragraph_starts, finding.start) - 1
            groups.setdefault((finding.rule, paragraph), []).append(finding)
        else:
            kept.append(finding)
    for members in groups.values():
        for chunk in _nearby(sorted(members, key=lambda f: f.start)):
            kept.append(chunk[0] if len(chunk) == 1 else _merged(chunk, text))
    return kept


# A grouped finding spans at most this many characters, so that it still points at a place
# (a Word comment on a whole page helps nobody); farther repeats start a new group.
MAX_GROUP_SPAN = 300


def _nearby(members: list[Finding]) -> list[list[Finding]]:
    chunks: list[list[Finding]] = []
    for finding in members:
        if chunks and finding.end - chunks[-1][0].start <= MAX_GROUP_SPAN:
            chunks[-1].append(finding)
        else:
            chunks.append([finding])
    return chunks


def _merged(members: list[Finding], text: str) -> Finding:
    first, last = members[0], members[-1]
    replacement = None
    if all(f.replacement is not None for f in members):
        pieces, pos = [], first.start
        for f in members:
            if f.start < pos:  # overlapping repeats: no single safe fix
                pieces = None
                break
            pieces += [text[pos:f.start], f.replacement]
            pos = f.end
        replacement = None if pieces is None else "".join(pieces) + text[pos:last.end]
    times = agree_phrase_with_number("раз", len(members))
    return replace(
        first, end=max(f.end for f in members), replacement=replacement, count=len(members),
        message=f"{first.message} — {len(members)} {times} в этом абзаце",
    )


def one_per_span(findings: list[Finding]) -> list[Finding]:
    """Of word-level findings of different rules on exactly the same span, keep the most useful
    one. Findings about a sentence or the letter (a refusal, a long sentence) always stay."""
    best: dict[tuple[int, int], Finding] = {}
    kept: list[Finding] = []
    for finding in findings:
        if finding.category not in _SPECIFIC_FIRST:
            kept.append(finding)
            continue
        key = (finding.start, finding.end)
        if key not in best or _usefulness(finding) < _usefulness(best[key]):
            best[key] = finding
    return kept + list(best.values())


def _usefulness(finding: Finding) -> tuple[int, bool, int]:
    specific = _SPECIFIC_FIRST.index(finding.category)
    return SEVERITIES.index(finding.severity), finding.replacement is None, specific
