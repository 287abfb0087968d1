"""Behaviour of the text checks on real Russian sentences, beyond the rules' own examples."""

from __future__ import annotations

import plainreply


def findings(text: str, rule: str | None = None, **kwargs):
    report = plainreply.check(text, **kwargs)
    return [f for f in report.findings if rule is None or f.rule == rule or f.category == rule]


def spans(text: str, rule: str, **kwargs) -> list[str]:
    return [text[f.start:f.end] for f in findings(text, rule, **kwargs)]


def test_passive_advises_the_active_form_with_we_only_if_the_writer_acted():
    text = "Ваше обращение рассмотрено. Ответ будет направлен до 15 мая. Плата рассчитывается ежегодно."
    found = findings(text, "passive")
    assert [text[f.start:f.end] for f in found] == ["рассмотрено", "будет направлен", "рассчитывается"]
    assert [f.suggestion for f in found] == [
        f"скажите, кто действует: «{verb}», если это сделали вы"
        for verb in ("мы рассмотрели", "мы направим", "мы рассчитываем")
    ]
    assert all(f.replacement is None for f in found)  # the doer is not named: advice, not a fix


def test_passive_leaves_verbs_and_attributes_alone():
    text = ("Мы отказываем в аренде, сообщаем причину и прилагаем схему. "
            "Предоставленный участок находится в собственности региона.")
    assert spans(text, "passive") == []


def test_reflexive_verbs_with_middle_meaning_are_not_passive():
    text = ("Суть отказа заключается в том, что участок уже в аренде. Соглашение заключается в течение 30 дней. "
            "Пограничники подчиняются министерству.")
    assert spans(text, "passive") == ["заключается"]
    assert text.index("Соглашение") < findings(text, "passive")[0].start


def test_split_predicate_in_any_form_and_order():
    text = ("Министерство приняло решение о пересчете стоимости. "
            "Оплату денежных средств следует производить ежемесячно. Примите участие в аукционе.")
    found = findings(text, "split-predicate")
    assert [text[f.start:f.end] for f in found] == [
        "приняло решение о пересчете", "Оплату денежных средств следует производить", "Примите участие"]
    assert found[0].suggestion == "пересчитало"
    assert found[2].suggestion == "участвуйте"
    assert spans("Данное решение стало полезным. Принятое решение мы отменили.", "split-predicate") == []


def test_nominal_chain_spans_the_nouns_and_skips_citations_and_names():
    text = ("Заявление нужно подать до окончания срока действия договора аренды. "
            "Это указано в пункте 2 статьи 39.16 Земельного кодекса Российской Федерации. "
            "Мы получили письмо Министерства имущественных отношений Удмуртской Республики.")
    assert spans(text, "nominal-chain") == ["окончания срока действия договора аренды"]


def test_negation_reports_double_negation_once():
    text = "Никто не сможет выдать выписку быстрее. Ваш дом не зарегистрирован. Оснований нет."
    found = findings(text, "negation")
    assert [text[f.start:f.end] for f in found] == ["Никто не сможет", "не зарегистрирован", "нет"]
    assert "двойное отрицание" in found[0].suggestion


def test_a_statement_of_absence_is_the_fact_itself_not_a_negative_construction():
    text = "В ходе проверки нарушений не выявлено. Задолженности по арендной плате нет."
    assert findings(text, "negative") == []


def test_negation_inside_a_forbidden_phrase_is_reported_once():
    text = "Так что ничего не получится."
    found = {f.category for f in findings(text)}
    assert "forbidden-phrase" in found and "negative" not in found


def test_forbidden_phrases_in_other_forms():
    assert spans("Повторяем еще раз: срок истек.", "forbidden-phrase") == ["Повторяем еще раз"]
    assert spans("Это не наша задача.", "forbidden-phrase") == ["не наша задача"]
    assert spans("Мы этим вопросом не занимаемся.", "forbidden-phrase") == ["Мы этим вопросом не занимаемся"]
    assert spans("Как мы уже неоднократно сообщали, участок занят.", "forbidden-phrase") == [
        "Как мы уже неоднократно сообщали"]


def test_caps_words_flag_words_not_abbreviations():
    text = "ВАЖНО: выписку из ЕГРН выдает МФЦ, а договор с ООО «Ромашка» ОБЯЗАТЕЛЬНО подпишите."
    assert spans(text, "caps-words") == ["ВАЖНО", "ОБЯЗАТЕЛЬНО"]


def test_special_symbols_but_not_inside_links():
    text = "Продажа идет по § 1 главы 30!!! Анкета: https://mio.example.ru/opros?a=***&b=1"
    assert spans(text, "special-symbols") == ["§", "!!!"]


def test_long_sentence_threshold_follows_the_profile():
    sentence = " ".join(["слово"] * 26) + "."
    assert spans(sentence, "long-sentence", profile="citizen") == [sentence]
    assert spans(sentence, "long-sentence", profile="internal") == []
    assert spans(sentence, "long-sentence", config={"params": {"max_sentence_words": 30}}) == []


def test_findings_carry_the_contract_fields():
    text = "В целях получения выписки обратитесь в центр. Вы не правы."
    report = plainreply.check(text)
    assert report.findings
    for f in report.findings:
        assert f.category in plainreply.CATEGORIES
        assert f.severity in ("error", "warning", "info")
        assert 0 <= f.start <= f.end <= len(text)
        assert f.start < f.end or (f.category == "survey-link" and f.start == len(text))
        assert f.message and isinstance(f.suggestion, str)
        assert f.message.startswith(f.message[0].upper())
    assert [f.start for f in report.findings] == sorted(f.start for f in report.findings)


def test_a_check_gives_back_the_cycle_collector_as_it_found_it():
    import gc

    letter = "Министерство рассмотрело Ваше обращение. Участок предоставлен в аренду."
    assert gc.isenabled()
    plainreply.check(letter)
    assert gc.isenabled()
    gc.disable()
    try:
        report = plainreply.check(letter)
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
    assert any(f.category == "passive" for f in report.findings)
