"""The result of a check: findings in text order, per-category counts and a plainness score."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from statistics import median
from dataclasses import dataclass, field
from typing import Any, Callable

from .engine.model import Finding
from .positions import LineIndex

# Advice (`info`) is not a problem: it neither lowers the score nor counts as a finding.
SEVERITY_WEIGHT = {"error": 3.0, "warning": 1.0, "info": 0.0}
# Correctness, layout and the survey link, not plainness: they are reported but do not move the score.
NOT_PLAINNESS = frozenset({"spelling", "punctuation", "formatting", "survey-link"})
# A finding of weight 1 costs the reader about one more six-letter word in its sentence.
LETTERS_PER_FINDING = 6.0
# Reading load (letters per sentence) at which the score is 5: about 20 average words.
HALF_SCORE_LOAD = 120.0
# Sentences shorter than this (in words) are headings, list lines or table cells: they say little about how
# the letter reads, and a long document has proportionally fewer of them.
PROSE_MIN_WORDS = 8


def plainness_score(findings: list[Finding], sentence_sizes: list[tuple[int, int]]) -> float:
    """10 = plain. The score falls with the reading load of the typical sentence of prose: the
    median of its letters (sentences of eight words or more), plus a cost per sentence for each finding about plain language
    (spelling, punctuation and formatting are left out). A median and a rate per sentence do not
    grow with the letter's length, so a long letter is not punished for being long, and one long
    sentence does not sink a short letter. Continuous and never rounded, so two texts can be compared.

    `sentence_sizes` holds (letters, words) for each sentence."""
    if not sentence_sizes:
        return 10.0
    prose = [letters for letters, words in sentence_sizes if words >= PROSE_MIN_WORDS]
    prose = prose or [letters for letters, _ in sentence_sizes]
    weight = sum(SEVERITY_WEIGHT[f.severity] * f.count for f in findings if f.category not in NOT_PLAINNESS)
    load = median(prose) + LETTERS_PER_FINDING * weight / len(prose)
    return 10.0 / (1.0 + (load / HALF_SCORE_LOAD) ** 2)


@dataclass
class Report:
    text: str
    findings: list[Finding]
    profile: str
    words: int
    sentences: int
    readability: float
    letters: int = 0
    path: str | None = None
    # (letters, words) of each sentence, for the score.
    sentence_sizes: list[tuple[int, int]] = field(default_factory=list, repr=False)
    sentence_spans: list[tuple[int, int]] = field(default_factory=list, repr=False)
    # For Word drafts: where an offset is in the document (story, paragraph, run), and the draft.
    locate: Callable[[int], dict[str, Any] | None] | None = field(default=None, repr=False)
    source: Any = field(default=None, repr=False)
    score: float = field(init=False)

    def __post_init__(self) -> None:
        self.findings.sort(key=lambda f: (f.start, f.end, f.rule))
        self.score = plainness_score(self.findings, self.sentence_sizes)

    @property
    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.category for f in self.findings).items()))

    @property
    def problems(self) -> list[Finding]:
        """Findings that are problems: everything but `info` advice."""
        return [f for f in self.findings if f.severity != "info"]

    @property
    def advice(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "info"]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The span of the sentence that holds `offset` (the whole line if none does)."""
        # Sentences are in text order and do not overlap: the one that starts last at or before
        # `offset` is the only candidate (a scan per finding was quadratic on long texts).
        i = bisect_right(self.sentence_spans, (offset, float("inf"))) - 1
        if i >= 0:
            start, end = self.sentence_spans[i]
            if start <= offset < end:
                return start, end
        line_start = self.text.rfind("\n", 0, offset) + 1
        line_end = self.text.find("\n", offset)
        return line_start, len(self.text) if line_end < 0 else line_end

    def to_dict(self) -> dict[str, Any]:
        """The JSON object `plainreply check --format json` prints for one draft."""
        lines = LineIndex(self.text)
        findings = []
        for f in self.findings:
            line, column = lines.position(f.start)
            item = {**f.to_dict(), "line": line, "column": column}
            if self.locate is not None:
                item["location"] = self.locate(f.start)
            findings.append(item)
        result: dict[str, Any] = {"path": self.path} if self.path is not None else {}
        return result | {
            "profile": self.profile,
            "score": self.score,
            "words": self.words,
            "sentences": self.sentences,
            "readability": self.readability,
            "counts": self.counts,
            "findings": findings,
        }
