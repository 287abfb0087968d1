"""The result of a check: findings in text order, per-category counts and a plainness score."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .engine.model import Finding

SEVERITY_WEIGHT = {"error": 3.0, "warning": 1.0, "info": 0.5}
# Findings per 100 words at which the findings part of the score halves.
HALF_SCORE_DENSITY = 6.0
# Readability below FLOOR counts as 0, above CEILING as full marks.
READABILITY_FLOOR, READABILITY_CEILING = -20.0, 100.0


def plainness_score(findings: list[Finding], words: int, readability: float) -> float:
    """10 = plain. Half the score rewards few weighted findings per 100 words, half rewards
    readability (Oborneva). Continuous: two texts can be compared by it."""
    if words == 0:
        return 10.0
    weight = sum(SEVERITY_WEIGHT[f.severity] for f in findings)
    density = 100.0 * weight / max(words, 20)
    findings_part = math.exp(-math.log(2) * density / HALF_SCORE_DENSITY)
    span = READABILITY_CEILING - READABILITY_FLOOR
    readability_part = min(max((readability - READABILITY_FLOOR) / span, 0.0), 1.0)
    return 10.0 * (0.5 * findings_part + 0.5 * readability_part)


@dataclass
class Report:
    text: str
    findings: list[Finding]
    profile: str
    words: int
    sentences: int
    readability: float
    path: str | None = None
    score: float = field(init=False)

    def __post_init__(self) -> None:
        self.findings.sort(key=lambda f: (f.start, f.end, f.rule))
        self.score = plainness_score(self.findings, self.words, self.readability)

    @property
    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.category for f in self.findings).items()))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object `plainreply check --format json` prints for one draft."""
        from .output.positions import LineIndex

        lines = LineIndex(self.text)
        findings = []
        for f in self.findings:
            line, column = lines.position(f.start)
            findings.append({**f.to_dict(), "line": line, "column": column})
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
