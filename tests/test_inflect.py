"""Replacements fitted to the sentence: agreement, verb forms, a rebuilt noun phrase, and phrase
rules whose pasted replacement leaves nothing for the same rule to find."""

from __future__ import annotations

import pytest

from plainreply import Linter, RuleFileError
from plainreply.analysis import WORD, analyze
from plainreply.analysis.inflect import fit_phrase, fit_span, inflect_word
from plainreply.engine.loader import load_ruleset
from plainreply.engine.phrases import PhraseCheck, compile_entry
from plainreply.resources import rules_dir


def fitted_sentence(text: str, span: str, template: str) -> str | None:
    """`text` with `span` replaced by the fitted template, or None when it does not fit."""
    doc = analyze(text)
    start = text.index(span)
    end = start + len(span)
    tokens = [t for t in doc.tokens if t.start >= start and t.end <= end]
    following = [t for t in doc.tokens if t.start >= end]
    fitted = fit_span(template, tokens, following)
    if fitted is None:
        return None
    stop = following[fitted.extra - 1].end if fitted.extra else end
    return text[:start] + fitted.text + text[stop:]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def pasted(linter: Linter, text: str, rule: str) -> str:
    """`text` with the replacement of the first finding of `rule` pasted in."""
    finding = next(f for f in linter.check(text).findings if f.rule == rule)
    assert finding.replacement is not None, finding
    return text[:finding.start] + finding.replacement + text[finding.end:]


# --- agreement of an adjective or pronoun ---

def test_pronoun_takes_the_case_number_and_gender_of_the_word_it_replaces():
    assert fitted_sentence("Данное повреждение устранят до 5 мая.", "Данное", "этот") == \
        "Это повреждение устранят до 5 мая."
    assert fitted_sentence("Ошибки в данных документах исправлены.", "данных", "этот") == \
        "Ошибки в этих документах исправлены."
    assert fitted_sentence("Проверку данной жалобы провела жилищная инспекция.", "данной", "этот") == \
        "Проверку этой жалобы провела жилищная инспекция."


def test_rules_paste_agreeing_forms(linter):
    assert pasted(linter, "Данное повреждение устранят до 5 мая.", "bureaucratese-word") == \
        "Это повреждение устранят до 5 мая."
    assert pasted(linter, "Ошибки в данных документах исправлены.", "bureaucratese-word") == \
        "Ошибки в этих документах исправлены."
    assert pasted(linter, "Сообщаем, что в данном случае перерасчет не нужен.", "bureaucratese-phrase") == \
        "Сообщаем, что в этом случае перерасчет не нужен."
    assert pasted(linter, "Копию акта прилагаем к настоящему письму.", "bureaucratese-word") == \
        "Копию акта прилагаем к этому письму."
    assert pasted(linter, "Возврат денежных средств управляющая компания провела 3 марта.",
                  "bureaucratese-phrase") == "Возврат денег управляющая компания провела 3 марта."


# --- verbs keep their form ---

def test_verb_keeps_person_number_and_mood():
    assert fitted_sentence("Произведите оплату до 5 мая.", "Произведите оплату", "оплатить") == \
        "Оплатите до 5 мая."
    assert fitted_sentence("Мы произведем оплату до 5 мая.", "произведем оплату", "оплатить") == \
        "Мы оплатим до 5 мая."
    assert fitted_sentence("Просим произвести оплату до 5 мая.", "произвести оплату", "оплатить") == \
        "Просим оплатить до 5 мая."
    assert fitted_sentence("Комиссия произвела осмотр 3 марта.", "произвела осмотр", "осмотреть") == \
        "Комиссия осмотрела 3 марта."


def test_verb_of_the_other_aspect_is_not_forced():
    # «производим» is habitual: the perfective «оплатим» would promise a single payment.
    assert fitted_sentence("Мы производим оплату ежемесячно.", "производим оплату", "оплатить") is None
    assert fitted_sentence("Мы производим оплату ежемесячно.", "производим оплату", "оплатить|оплачивать") == \
        "Мы оплачиваем ежемесячно."


def test_participle_and_finite_verb_of_a_replaced_verb(linter):
    assert pasted(linter, "В микрорайоне функционируют две котельные.", "bureaucratese-word") == \
        "В микрорайоне работают две котельные."
    assert pasted(linter, "Список функционирующих котельных приведен ниже.", "bureaucratese-word") == \
        "Список работающих котельных приведен ниже."


# --- a preposition that changes rebuilds its noun phrase ---

def test_new_preposition_puts_the_noun_phrase_into_its_case():
    assert fitted_sentence("Обращение по вопросу слабого напора воды рассмотрено.", "по вопросу",
                           "о _[gent>loct]") == "Обращение о слабом напоре воды рассмотрено."
    assert fitted_sentence("Справка по вопросу обеспечения жильем выдана.", "по вопросу",
                           "о _[gent>loct]") == "Справка об обеспечении жильем выдана."


def test_rule_rebuilds_the_noun_phrase_and_covers_it(linter):
    text = "Ваше обращение по вопросу слабого напора воды рассмотрено."
    finding = next(f for f in linter.check(text).findings if f.rule == "bureaucratese-phrase")
    assert text[finding.start:finding.end] == "обращение по вопросу слабого напора"
    assert finding.replacement == "обращение о слабом напоре"
    assert "«обращение по вопросу»" in finding.message
    # After a noun that is not a letter or a request, «о» would change the meaning: advice only.
    text = "Назначен помощник главы по вопросам противодействия коррупции."
    finding = next(f for f in linter.check(text).findings if f.rule == "bureaucratese-phrase")
    assert finding.replacement is None and text[finding.start:finding.end] == "по вопросам"
    assert pasted(linter, "Работы выполнены в соответствии с утвержденным графиком.", "bureaucratese-phrase") == \
        "Работы выполнены по утвержденному графику."


def test_coordinated_noun_phrase_is_left_as_advice():
    # «о слабом напоре и отсутствия воды» would leave the second noun in the old case.
    assert fitted_sentence("Обращение по вопросу слабого напора и отсутствия воды рассмотрено.",
                           "по вопросу", "о _[gent>loct]") is None


# --- ambiguity gives advice only ---

def test_ambiguous_case_returns_none():
    # «Платеж» may be nominative or accusative: «оплата» or «оплату»; nothing in the span decides.
    doc = analyze("Платеж поступил вовремя.")
    assert fit_phrase("оплата", doc.tokens[:1], doc.tokens[1:]) is None


def test_noun_of_another_gender_is_not_pasted():
    # «долг» is masculine: «погашена» would no longer agree.
    assert fitted_sentence("Задолженность погашена 3 марта.", "Задолженность", "долг") is None


def test_commas_around_the_old_phrase_keep_it_as_advice(linter):
    text = "В настоящее время, по данным управляющей компании, ремонт кровли закончен."
    finding = next(f for f in linter.check(text).findings if f.rule == "bureaucratese-phrase")
    assert finding.replacement is None and finding.suggestion == "сейчас"
    assert pasted(linter, "В настоящее время ремонт кровли закончен.", "bureaucratese-phrase") == \
        "Сейчас ремонт кровли закончен."


def test_negated_form_gets_its_own_replacement(linter):
    assert pasted(linter, "Задолженности по оплате отопления не имеется.", "bureaucratese-word") == \
        "Задолженности по оплате отопления нет."


def test_advice_entries_offer_no_replacement(linter):
    text = "Полномочия по содержанию дорог осуществляет администрация района."
    finding = next(f for f in linter.check(text).findings if f.rule == "bureaucratese-word")
    assert finding.replacement is None and "делать" in finding.suggestion


# --- inflect_word ---

def test_inflect_word_keeps_the_requested_capitalisation():
    assert inflect_word("этот", {"femn", "sing", "gent"}) == "этой"
    assert inflect_word("этот", {"femn", "sing", "gent"}, like="Данной") == "Этой"
    assert inflect_word("ДАННЫЙ", {"plur", "loct"}) == "ДАННЫХ"
    assert inflect_word("оплатить", {"impr", "plur", "excl"}) == "оплатите"
    assert inflect_word("оплатить", {"pres", "1per", "plur"}) is None  # a perfective verb has no present


# --- `replace` is validated when the rules load ---

@pytest.mark.parametrize("template, field_hint", [
    ("о _[loct] и", "только в конце"),
    ("о _[where]", "падеж"),
    ("делать|вести", "видовую пару"),
    ("этот [ADJF]", "не разобрать"),
    ("~ этот ~", "один раз"),
])
def test_malformed_replace_stops_loading(template, field_hint):
    with pytest.raises(RuleFileError) as info:
        compile_entry({"match": "данный", "suggest": "этот", "replace": template}, "kb.yaml", "kb", 0)
    assert info.value.field == "entries[0].replace" and field_hint in str(info.value)


# --- every phrase rule example with a replacement: pasting it removes the finding ---

def _phrase_examples():
    for rule in load_ruleset([rules_dir()]).rules:
        if not isinstance(rule.check, PhraseCheck):
            continue
        texts = list(rule.examples.bad)
        texts += [e.example for e in rule.check.entries if e.example and e.replace]
        for text in dict.fromkeys(texts):
            yield pytest.param(rule.id, text, id=f"{rule.id}: {text[:40]}")


@pytest.mark.parametrize("rule_id, text", list(_phrase_examples()))
def test_pasted_replacement_clears_the_rule_at_that_place(linter, rule_id, text):
    report = linter.check(text)
    for finding in (f for f in report.findings if f.rule == rule_id and f.replacement):
        fixed = text[:finding.start] + finding.replacement + text[finding.end:]
        assert fixed != text
        start, end = finding.start, finding.start + len(finding.replacement)
        again = [f for f in linter.check(fixed).findings
                 if f.rule == rule_id and f.start < end and start < f.end]
        assert not again, (fixed, [(f.start, f.end, f.message) for f in again])


def test_every_entry_example_with_a_replacement_gets_one(linter):
    """An entry that declares `replace` shows it works on its own example."""
    missing = []
    for rule in load_ruleset([rules_dir()]).rules:
        if not isinstance(rule.check, PhraseCheck):
            continue
        for entry in rule.check.entries:
            if entry.replace and entry.example:
                found = [f for f in linter.check(entry.example).findings if f.rule == rule.id]
                if not any(f.replacement for f in found):
                    missing.append((rule.id, entry.match, entry.example))
    assert not missing
