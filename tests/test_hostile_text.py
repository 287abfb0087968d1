"""Hostile text: inputs built to make the checker hang or eat memory get a result or one clear line.

Time is measured by benchmarks/hostile.py; here each case runs in a child process with a generous
timeout as a guard only, and the child reports its own peak memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import plainreply
from plainreply.engine.loader import load_ruleset
from plainreply.errors import RuleFileError, TextTooLongError
from plainreply.linter import Linter
from plainreply.resources import rules_dir

GUARD_SECONDS = 120
MEMORY_MB = 500

# The child's own peak (VmHWM): Linux carries ru_maxrss over fork and exec, so a child of this
# test process would report the test process's peak.
CHILD = """
import json, sys
import plainreply
text = {make}
report = plainreply.check(text)
status = open("/proc/self/status").read()
print(json.dumps({{"findings": [[f.rule, f.start, f.end, f.suggestion] for f in report.findings],
                  "rss_mb": int(status.split("VmHWM:")[1].split()[0]) / 1024}}))
"""


def check_in_child(make: str) -> dict:
    """Check the text that the Python expression `make` builds, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", CHILD.format(make=make)], capture_output=True, text=True,
                          timeout=GUARD_SECONDS, check=True)
    return json.loads(done.stdout)


def test_a_word_of_two_thousand_letters_gets_advice_not_a_million_corrections():
    result = check_in_child('"Прошу рассмотреть " + "а" * 2000 + " и ответить."')
    assert result["rss_mb"] < MEMORY_MB
    spelling = [f for f in result["findings"] if f[0] == "spelling"]
    assert [(f[1], f[2]) for f in spelling] == [(18, 2018)]
    assert "больше 40 букв" in spelling[0][3]


def test_words_of_ordinary_length_still_get_corrections():
    report = plainreply.check("Прошу рассмотреть заявлние о выкупе участка.")
    assert [(f.rule, f.suggestion) for f in report.findings if f.rule == "spelling"] == [("spelling", "заявление")]


def test_a_single_line_of_200_kilobytes_is_checked():
    result = check_in_child('"Министерство рассмотрело Ваше обращение о предоставлении участка, " * 3000')
    assert result["rss_mb"] < MEMORY_MB
    assert any(f[0] == "long-sentence" for f in result["findings"])


def test_five_thousand_unbalanced_quotes_are_checked():
    result = check_in_child('"Вы написали «заявление о выкупе участка. " * 5000')
    assert result["rss_mb"] < MEMORY_MB
    assert result["findings"]


def test_a_heading_of_ten_thousand_words_in_capitals_is_checked():
    # Each word once read its whole line again: quadratic in the length of the line.
    result = check_in_child('"ПЛАН МЕРОПРИЯТИЙ ГУП РЭП " * 2500')
    assert result["rss_mb"] < MEMORY_MB


def test_a_text_over_the_cap_is_refused_in_one_line():
    with pytest.raises(TextTooLongError) as info:
        Linter({}).check("а " * 1_000_001)
    message = str(info.value)
    assert "\n" not in message and "2 000 002" in message and "2 000 000" in message


def test_the_cap_can_be_raised_for_an_archive():
    linter = Linter({})
    linter.max_characters = 10
    with pytest.raises(TextTooLongError):
        linter.check("Министерство рассмотрело Ваше обращение.")


RULE_WITH = """\
rules:
  - id: kb-greedy
    category: bureaucratese
    severity: warning
    message: "Штамп «{{match}}»"
    description: Правило из базы знаний отдела.
    source: "3.10.1"
    check: {check}
    examples:
      bad: ["Прием в порядке очереди.", "Выдача в порядке очереди."]
      good: ["Прием по очереди.", "Выдача по очереди."]
"""


def load_user_rule(tmp_path: Path, check: str) -> RuleFileError:
    path = tmp_path / "kb.yaml"
    path.write_text(textwrap.dedent(RULE_WITH.format(check=check)), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_ruleset([rules_dir(), tmp_path])
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    return info.value


def test_a_phrase_with_many_optional_words_is_refused_at_load(tmp_path):
    words = " ".join(f"{w}?" for w in "в на по за под над при для без из".split())
    error = load_user_rule(tmp_path, f"phrases\n    entries:\n      - match: {words} очереди")
    assert error.field == "entries[0].match" and "1024 вариантов" in str(error)


def test_a_phrase_with_three_gaps_is_refused_at_load(tmp_path):
    error = load_user_rule(tmp_path, "phrases\n    entries:\n      - match: в ... на ... по ... очереди")
    assert error.field == "entries[0].match" and "пропуска" in str(error)


@pytest.mark.parametrize("regex", [r"(а+)+б", r"(?:\w+\s?)+$", r"((?:ab)*c)+"])
def test_a_pattern_with_a_repeat_inside_a_repeat_is_refused_at_load(tmp_path, regex):
    error = load_user_rule(tmp_path, f"patterns\n    patterns:\n      - regex: '{regex}'")
    assert error.field == "patterns[0].regex" and "повтор внутри повтора" in str(error)


def test_a_sentence_is_found_for_every_finding_of_a_long_text():
    text = "Министерство рассмотрело Ваше обращение. Данный вопрос решен. " * 2000
    report = plainreply.check(text)
    spans = [f for f in report.findings if f.end > f.start]  # not the letter-level ones
    for finding in spans[:50] + spans[-50:]:
        start, end = report.sentence_of(finding.start)
        assert start <= finding.start < end and text[start:end].strip().endswith(".")


def test_suppression_markers_are_blanked_in_place():
    from plainreply.suppress import find_suppressions

    text = "Данный вопрос решен. <!-- plainreply: ignore bureaucratese -->\nДанный участок свободен."
    blanked, suppressions = find_suppressions(text)
    assert len(blanked) == len(text) and "plainreply" not in blanked
    assert blanked.startswith("Данный вопрос решен. ") and blanked.endswith("\nДанный участок свободен.")
    assert len(suppressions) == 1


def test_a_user_pattern_that_backtracks_without_end_is_stopped_by_its_budget(tmp_path, monkeypatch):
    # «(?:а|аа)+б» has no repeat inside a repeat, so it passes the load-time test, yet on a run of
    # «а» without «б» it tries every way to split the run: 2^50 attempts. The budget stops it.
    from plainreply.config import Config
    from plainreply.engine import patterns

    path = tmp_path / "kb.yaml"
    path.write_text(textwrap.dedent(RULE_WITH.format(check="patterns\n    patterns:\n      - regex: '(?:а|аа)+б'"))
                    .replace("Прием в порядке очереди.", "Ааб.").replace("Выдача в порядке очереди.", "Аб."),
                    encoding="utf-8")
    monkeypatch.setattr(patterns, "USER_PATTERN_BUDGET", 0.5)
    linter = Linter(Config(rule_dirs=(tmp_path,)))
    assert [f.rule for f in linter.check("Ответ: аб.").findings if f.rule == "kb-greedy"] == ["kb-greedy"]
    with pytest.raises(RuleFileError) as info:
        linter.check("Ответ: " + "а" * 50 + ".")
    assert info.value.rule == "kb-greedy" and info.value.field == "patterns[0].regex"
    assert str(path) in str(info.value) and "остановлено" in str(info.value) and "\n" not in str(info.value)


def test_shipped_patterns_run_without_the_budget_machinery():
    from plainreply.engine.patterns import PatternCheck

    checks = [r.check for r in plainreply.linter.default_linter().ruleset.rules if isinstance(r.check, PatternCheck)]
    assert checks and all(p.bounded is None for c in checks for p in c.patterns)
