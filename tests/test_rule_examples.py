"""Every rule proves itself on its own examples: `bad` fires it, `good` does not.
Every phrase entry fires on its own text (or its `example`), so no entry matches nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from plainreply import Config, Linter
from plainreply.docx.examples import build_docx
from plainreply.engine.phrases import PhraseCheck
from plainreply.linter import default_linter

RULES = default_linter().ruleset.rules


def _fires(rule_id: str, text: str) -> bool:
    linter = Linter(Config(select=(rule_id,)))
    if getattr(linter.ruleset.by_id[rule_id].check, "needs_docx", False):
        # Formatting rules keep their examples in a small markup: build the Word draft.
        with tempfile.TemporaryDirectory() as folder:
            report = linter.check_docx(build_docx(text, Path(folder) / "example.docx"))
    else:
        report = linter.check(text)
    return any(f.rule == rule_id for f in report.findings)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_bad_examples_fire(rule):
    missed = [text for text in rule.examples.bad if not _fires(rule.id, text)]
    assert not missed, f"{rule.id} does not fire on its bad examples: {missed}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_good_examples_pass(rule):
    wrong = [text for text in rule.examples.good if _fires(rule.id, text)]
    assert not wrong, f"{rule.id} fires on its good examples: {wrong}"


PHRASE_RULES = [r for r in RULES if isinstance(r.check, PhraseCheck)]


@pytest.mark.parametrize("rule", PHRASE_RULES, ids=lambda r: r.id)
def test_every_entry_fires_on_itself(rule):
    silent = [e.match for e in rule.check.entries if not _fires(rule.id, e.example or e.match)]
    assert not silent, f"{rule.id}: entries that never fire: {silent}"


def test_every_rule_cites_the_order_and_has_two_examples_each():
    for rule in RULES:
        assert len(rule.examples.bad) >= 2 and len(rule.examples.good) >= 2, rule.id
        assert any(ch.isdigit() for ch in rule.source), rule.id
