"""Rules, the hits checks return, and the findings users see."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Protocol

if TYPE_CHECKING:
    from ..analysis import Document

SEVERITIES = ("error", "warning", "info")

CATEGORIES = (
    "bureaucratese", "split-predicate", "nominal-chain", "passive", "long-sentence", "negative",
    "forbidden-phrase", "aggression", "archaism", "jargon", "abbreviation", "term", "consistency",
    "refusal-without-reason", "refusal-without-next-step", "legal-references", "survey-link",
    "spelling", "punctuation", "typography", "formatting", "readability",
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a check found: a span, a suggestion and values for the rule's message."""

    start: int
    end: int
    suggestion: str = ""
    note: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)
    # Exact text to put in place of [start, end): the sentence stays correct Russian. None: advice only.
    replacement: str | None = None


class Check(Protocol):
    """A check type instantiated from a rule file."""

    needs_syntax: bool

    def run(self, doc: Document, params: Mapping[str, Any]) -> Iterable[Hit]: ...


@dataclass(frozen=True, slots=True)
class Examples:
    bad: tuple[str, ...]
    good: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    severity: str
    message: str
    description: str
    source: str
    examples: Examples
    check: Check
    check_type: str
    path: Path
    enabled: bool = True
    suppressed_by: tuple[str, ...] = ()
    # Findings of this rule in one paragraph become one finding with a count ("paragraph"), or stay apart ("").
    group: str = ""
    # Kinds of context span (analysis/context.py) this rule still reads; None means all of them.
    context: frozenset[str] | None = frozenset()

    def format_message(self, doc_text: str, hit: Hit) -> str:
        values = {"match": doc_text[hit.start:hit.end], "suggestion": hit.suggestion}
        values.update(hit.values)
        return self.message.format_map(_Defaulting(values)).strip()


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str
    note: str = ""
    # Text that can be substituted for [start, end) as it stands; None where only advice fits.
    replacement: str | None = None
    # How many like findings this one stands for (e.g. double spaces in one paragraph).
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "start": self.start, "end": self.end, "message": self.message,
            "suggestion": self.suggestion, "replacement": self.replacement, "note": self.note,
            "count": self.count,
        }
