"""The substring test before a pattern scans the text: it may only skip texts that cannot match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plainreply.engine.patterns import PatternCheck, required_strings
from plainreply.linter import default_linter

LETTERS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "replies-dev.jsonl"


@pytest.mark.parametrize(("pattern", "flags", "required"), [
    (r"\bв\s+виду\s+того\b", re.IGNORECASE, ("виду",)),
    (r"\b(?:бред|чушь|ерунд[аеуыо]й?)", re.IGNORECASE, ("бред", "ерунд", "чушь")),
    (r"\b(?:вы|вам)\s+(?-i:ЕГРН)", re.IGNORECASE, ("егрн",)),
    (r"!{2,}|\?{2,}", 0, ("!!", "??")),
    (r"[•●■]+", 0, ("•", "■", "●")),
    (r"\b[а-я]+ость\b", 0, ("ость",)),
])
def test_required_strings_are_what_every_match_contains(pattern, flags, required):
    assert required_strings(re.compile(pattern, flags)) == required


@pytest.mark.parametrize(("pattern", "required"), [
    (r"\b[а-я]{3,}\b", ()),       # no fixed text at all
    (r"(?:а|бв)\s", ()),           # «а» is in every letter: not worth a test
    (r"(?:абв)?где", ("где",)),     # the optional group guarantees nothing
    (r"\w+@\w+", ("@",)),          # one sign that is no letter is worth it
])
def test_only_what_a_match_cannot_lack_is_required(pattern, required):
    assert required_strings(re.compile(pattern)) == required


def _texts() -> list[str]:
    linter = default_linter()
    texts = [text for rule in linter.ruleset.rules for text in (*rule.examples.bad, *rule.examples.good)]
    if LETTERS.exists():
        texts += [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8") if line.strip()]
    texts += ["ВЫ ОПЯТЬ ПИШЕТЕ ЕРУНДУ!!!", "Выписка с ЕГРН… Что бы Вы ни решили, В ВИДУ ТОГО"]
    return texts


def test_a_pattern_that_matches_a_text_always_finds_its_required_string_there():
    patterns = [p for rule in default_linter().ruleset.rules if isinstance(rule.check, PatternCheck)
                for p in rule.check.patterns]
    assert sum(bool(p.required) for p in patterns) > len(patterns) // 2
    checked = 0
    for text in _texts():
        folded = text.casefold()
        for pattern in patterns:
            if pattern.required and pattern.regex.search(text):
                checked += 1
                assert any(word in folded for word in pattern.required), (pattern.regex.pattern, text)
    assert checked >= 50
