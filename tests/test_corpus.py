"""The dev corpus of annotated replies: every category with five or more cases keeps precision
0.90 and recall 0.85, and clean letters stay clean (issue 9's bars).
The numbers themselves are reported in README (score_replies.py); this guards against regressions."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import shared_path

CATEGORIES = [
    "bureaucratese", "split-predicate", "nominal-chain", "passive", "long-sentence", "negative",
    "forbidden-phrase", "aggression", "archaism", "jargon", "typography", "abbreviation", "term",
    "consistency", "refusal-without-reason", "refusal-without-next-step", "legal-references", "survey-link",
    "spelling", "punctuation",
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
    assert row["precision"] >= 0.90, row
    assert row["recall"] >= 0.85, row


def test_clean_letters_stay_clean(result):
    assert result["clean_false_per_1000_words"] <= 0.5


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


def test_score_beats_fewer_characters_on_rusimplesenteval():
    """The plainness score ranks the simple side of RuSimpleSentEval pairs above the complex one
    more often than «fewer characters» does, on all pairs and on length-matched ones."""
    path = shared_path("data", "rsse", "dev_sents.csv")
    spec = importlib.util.spec_from_file_location("score_rsse", shared_path("tools", "score_rsse.py"))
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    import plainreply

    pairs = tool.pairs_from(str(path))
    words = lambda t: len(t.split())  # noqa: E731
    matched = [p for p in pairs if abs(words(p[0]) - words(p[1])) <= 2]
    scores: dict[str, float] = {}

    def score(text: str) -> float:
        if text not in scores:
            scores[text] = plainreply.check(text).score
        return scores[text]

    ours = lambda c, s: (score(s) > score(c)) - (score(s) < score(c))  # noqa: E731
    by_chars = lambda c, s: (len(s) < len(c)) - (len(s) > len(c))  # noqa: E731
    for subset in (pairs, matched):
        assert tool.accuracy(ours, subset) > tool.accuracy(by_chars, subset)
