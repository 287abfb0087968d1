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
