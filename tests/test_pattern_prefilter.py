"""The substring test before a pattern scans the text: it may only skip texts that cannot match."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from plainreply.engine.patterns import (PatternCheck, lowest_character, opening_words, required_strings,
                                        required_words)
from plainreply.analysis import analyze
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


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\b(што|щас|ета)\b", [{"што", "щас", "ета"}]),
    (r"\bв\s+виду\s+того\b", [{"виду"}, {"того"}]),       # «в» is too short to test
    (r"\b(как|кто)\s+(то|либо)\b", [{"как", "кто"}, {"то", "либо"}]),
    (r"\bзем\.\s*участ\w*", [{"зем"}]),                   # «участ…» goes on: no whole word
    (r"\b(?-i:ЕГРН)\b", [{"егрн"}]),
    (r"\b(?:бред|ерунд[аеуыо]й?)", []),                    # «бреда» also matches: no whole word
    (r"(?:а|бв)\s", []),
    (r"(?a)\bвы\b", []),                                   # ASCII \b does not see Cyrillic words
])
def test_required_words_are_whole_words_every_match_holds(pattern, words):
    assert [set(w) for w in required_words(re.compile(pattern, re.IGNORECASE))] == words


def test_a_whole_word_pattern_finds_the_word_in_any_case_and_not_inside_another_word():
    check = PatternCheck.from_rule({"patterns": [{"regex": r"\b(ета|щас)\b"}]}, "test.yaml", "test")
    assert check.patterns[0].required_words == (frozenset({"ета", "щас"}),)
    assert list(check.run(analyze("Исполнение бюджета за 2025 год."), {})) == []
    hits = list(check.run(analyze("ЕТА справка готова, щас отправим."), {}))
    assert [(h.start, h.end) for h in hits] == [(0, 3), (20, 23)]


def _texts() -> list[str]:
    linter = default_linter()
    texts = [text for rule in linter.ruleset.rules for text in (*rule.examples.bad, *rule.examples.good)]
    if LETTERS.exists():
        texts += [json.loads(line)["text"] for line in LETTERS.open(encoding="utf-8") if line.strip()]
    texts += ["ВЫ ОПЯТЬ ПИШЕТЕ ЕРУНДУ!!!", "Выписка с ЕГРН… Что бы Вы ни решили, В ВИДУ ТОГО"]
    return texts


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\b(как|кто)\s+(то|либо)\b", {"как", "кто"}),
    (r"\bзем\.\s*участ\w*", {"зем"}),
    (r"\b(?:бред|ерунд[ау])", set()),        # «бреда» matches too: the word does not end there
    (r"(?<= )(?=\w+тся\b)можно", set()),    # opens with no word
    (r"(?<!не\s)\b(?:странно|удивительно),?\s+что", {"странно", "удивительно"}),  # a look-behind takes nothing
    (r"(?=\w{5})\bсрок\w*", set()),           # «сроки»: the word does not end there
    (r"\bсрок,?\w", set()),                    # «сроков»: nothing mandatory ends the word
])
def test_opening_words_are_where_every_match_starts(pattern, words):
    assert opening_words(re.compile(pattern, re.IGNORECASE)) == words


def test_a_pattern_tried_only_at_its_opening_words_finds_what_a_scan_finds():
    check = PatternCheck.from_rule({"patterns": [{"regex": r"\b(как|кто)\s+(то|либо)\b"}]}, "test.yaml", "test")
    # A user's pattern runs with the regex module; this one is run with re, as shipped rules are.
    check.patterns[0] = dataclasses.replace(check.patterns[0], bounded=None)
    text = "Как то раз кто-то спросил, кто либо знает. Никак то не вышло; КТО ТО позвонил; Кто_то."
    found = [(h.start, h.end) for h in check.run(analyze(text), {})]
    assert found == [m.span() for m in check.patterns[0].regex.finditer(text)]
    assert [text[s:e] for s, e in found] == ["Как то", "кто либо", "КТО ТО"]


@pytest.mark.parametrize(("pattern", "lowest"), [
    (r"[☺☹😀-🙏]", "☹"),
    (r"§+", "§"),
    (r"[а-я]", ""),      # letters have case: «Я» would match «я» under IGNORECASE
    (r"[^a]", ""),
    (r"x{2}|y", ""),
])
def test_lowest_character_of_a_class_without_case(pattern, lowest):
    assert lowest_character(re.compile(pattern, re.IGNORECASE)) == lowest


def _matches(prefiltered: str) -> list[tuple[object, str]]:
    """(pattern, text) for every default pattern with a prefilter that matches one of the texts."""
    patterns = [p for rule in default_linter().ruleset.rules if isinstance(rule.check, PatternCheck)
                for p in rule.check.patterns]
    assert sum(bool(getattr(p, prefiltered)) for p in patterns) > len(patterns) // 2
    return [(pattern, text) for text in _texts() for pattern in patterns
            if getattr(pattern, prefiltered) and pattern.regex.search(text)]


def test_a_pattern_that_matches_a_text_always_finds_its_required_string_there():
    matches = _matches("required")
    assert len(matches) >= 50
    for pattern, text in matches:
        assert any(word in text.casefold() for word in pattern.required), (pattern.regex.pattern, text)


def test_a_pattern_that_matches_a_text_always_finds_its_required_words_there():
    matches = _matches("required_words")
    assert len(matches) >= 30
    for pattern, text in matches:
        words = {w.casefold() for w in re.findall(r"\w+", text)}
        assert all(words & needed for needed in pattern.required_words), (pattern.regex.pattern, text)


def test_every_default_pattern_tried_at_its_opening_words_finds_what_a_scan_finds():
    checks = [rule.check for rule in default_linter().ruleset.rules if isinstance(rule.check, PatternCheck)]
    opening = [(check, p) for check in checks for p in check.patterns if p.opening]
    assert len(opening) >= 30
    found = 0
    for text in _texts():
        doc = analyze(text)
        for check, pattern in opening:
            tried = [m.span() for m in check._matches(pattern, doc, 0.0)]
            assert tried == [m.span() for m in pattern.regex.finditer(text)], (pattern.regex.pattern, text)
            found += len(tried)
    assert found >= 20
