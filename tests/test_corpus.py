"""The dev corpus of annotated replies: every category the linter covers keeps its quality bar.
The numbers themselves are reported in README (score_replies.py); this guards against regressions."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import shared_path

CATEGORIES = [
    "bureaucratese", "split-predicate", "nominal-chain", "passive", "long-sentence", "negative",
    "forbidden-phrase", "aggression", "archaism", "jargon", "typography", "abbreviation", "term",
    "consistency", "refusal-without-reason", "refusal-without-next-step", "legal-references", "survey-link",
]


@pytest.fixture(scope="module")
def result():
    tool = shared_path("tools", "score_replies.py")
    corpus = shared_path("corpus", "replies-dev.jsonl")
    spec = importlib.util.spec_from_file_location("score_replies", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(str(corpus))


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall(result, category):
    row = result["per_category"][category]
    if row["tp"] + row["fn"] < 5:
        pytest.skip(f"fewer than 5 annotated cases of {category}")
    assert row["precision"] >= 0.80, row
    assert row["recall"] >= 0.75, row


def test_clean_letters_stay_clean(result):
    assert result["clean_false_per_1000_words"] <= 2.0


@pytest.mark.parametrize("category", ["spelling", "punctuation"])
def test_spelling_and_punctuation_precision_first(result, category):
    row = result["per_category"][category]
    assert row["precision"] >= 0.85 and row["recall"] >= 0.75, row


def test_spelling_f1_on_spellrueval():
    """SpellRuEval 2016 (blog text): the bar is F1 0.80; pymorphy3's word list alone gives 0.72."""
    source = shared_path("data", "spellrueval", "source.txt")
    corrected = shared_path("data", "spellrueval", "corrected.txt")
    spec = importlib.util.spec_from_file_location("score_spelling", shared_path("tools", "score_spelling.py"))
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    import plainreply

    linter = plainreply.Linter({"select": ["spelling", "spelling-confusion"]})
    tp = fp = fn = 0
    src = source.read_text(encoding="utf-8-sig").splitlines()
    cor = corrected.read_text(encoding="utf-8-sig").splitlines()
    for s, c in zip(src, cor):
        gold = tool.gold_errors(s, c)
        spans = [(f.start, f.end) for f in linter.check(s).findings]
        for k, (_, a, b) in enumerate(tool.words_with_spans(s)):
            flagged = any(x < b and a < y for x, y in spans)
            tp, fp, fn = tp + (flagged and k in gold), fp + (flagged and k not in gold), fn + (not flagged and k in gold)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.80, (precision, recall)
