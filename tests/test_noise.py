"""Less noise: repeats grouped per paragraph, one finding per span, advice is not a problem."""

from __future__ import annotations

import plainreply
from plainreply.engine.model import Finding
from plainreply.engine.tidy import group_repeats, one_per_span
from plainreply.linter import default_linter
from plainreply.report import Report

LETTER = (
    "Мы  проверили  дом  по улице Ленина. Крышу  починим в мае.\n\n"
    "Подъезд  покрасим летом."
)


def spacing(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.rule == "punctuation-spacing"]


def test_double_spaces_in_one_paragraph_are_one_finding_with_a_count():
    found = spacing(plainreply.check(LETTER))
    assert [(LETTER[f.start:f.start + 2], f.count) for f in found] == [("  ", 4), ("  ", 1)]
    first = found[0]
    assert LETTER[first.start:first.end] == "  проверили  дом  по улице Ленина. Крышу  "
    assert first.message.endswith("4 раза в этом абзаце")
    assert first.to_dict()["count"] == 4


def _finding(rule: str, category: str, start: int, end: int, replacement: str | None,
             severity: str = "warning") -> Finding:
    return Finding(rule=rule, category=category, severity=severity, start=start, end=end,
                   message="m", suggestion="", replacement=replacement)


def test_a_grouped_finding_carries_one_replacement_that_fixes_every_repeat():
    rules = default_linter().ruleset.by_id
    text = "Мы  проверили  дом."
    repeats = [_finding("punctuation-spacing", "punctuation", 2, 4, " "),
               _finding("punctuation-spacing", "punctuation", 13, 15, " ")]
    [merged] = group_repeats(repeats, rules, text, [0])
    assert (merged.start, merged.end, merged.count) == (2, 15, 2)
    assert text[:merged.start] + merged.replacement + text[merged.end:] == "Мы проверили дом."


def test_one_span_gets_the_more_specific_finding_and_sentence_findings_stay():
    words = _finding("bureaucratese-phrase", "bureaucratese", 0, 17, None)
    caps = _finding("caps-words", "typography", 0, 17, "Обращаем внимание")
    refusal = _finding("refusal-without-reason", "refusal-without-reason", 0, 40, None)
    next_step = _finding("refusal-without-next-step", "refusal-without-next-step", 0, 40, None)
    kept = one_per_span([words, caps, refusal, next_step])
    assert sorted(f.rule for f in kept) == ["caps-words", "refusal-without-next-step", "refusal-without-reason"]


def test_advice_does_not_lower_the_score_nor_count_as_a_problem():
    text = "Мы проверили дом по улице Ленина."
    advice = _finding("some-advice", "readability", 0, 5, None, severity="info")
    plain = Report(text=text, findings=[], profile="citizen", words=6, sentences=1, readability=80.0, letters=28,
                    sentence_sizes=[(28, 6)])
    advised = Report(text=text, findings=[advice], profile="citizen", words=6, sentences=1, readability=80.0, letters=28,
                    sentence_sizes=[(28, 6)])
    assert advised.score == plain.score
    assert advised.problems == [] and advised.advice == [advice]


def test_far_apart_repeats_in_a_long_paragraph_stay_separate_places():
    sentence = "Мы проверили дом по улице Ленина и составили акт осмотра крыши и подъезда. "
    text = "Крыша  течет. " + sentence * 6 + "Подъезд  покрасим летом."
    found = spacing(plainreply.check(text))
    assert [f.count for f in found] == [1, 1]
    assert all(f.end - f.start == 2 for f in found)
