"""Letter-level checks and negation on real-looking letters: the failure classes of issue 9, point 5."""

from __future__ import annotations

import plainreply
from plainreply.analysis import analyze
from plainreply.checks.references import legal_references

GREETING = "Уважаемый Иван Сергеевич!\n\n"
SIGNATURE = "\n\nС уважением,\nначальник управления\nО. Н. Кравцова"


def findings(text: str, category: str):
    return [f for f in plainreply.check(text).findings if f.category == category or f.rule == category]


def spans(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in findings(text, category)]


def letter(body: str) -> str:
    return GREETING + body + SIGNATURE


# Refusals


def test_a_delay_with_a_promised_date_is_no_refusal():
    text = letter("Ваше обращение о ремонте кровли дома на улице Ленина, 5 требует выезда на место. "
                  "Рассмотрение продлено до 15 мая, ответ направим до этой даты.\n\n"
                  "Ваше обращение не может быть рассмотрено в установленный срок, потому что нужен "
                  "осмотр чердака.")
    assert findings(text, "refusal-without-reason") == []
    assert findings(text, "refusal-without-next-step") == []


def test_a_refusal_with_a_reason_in_plain_words_needs_no_other_reason():
    because = letter("Мы не можем согласовать перепланировку квартиры, потому что по проекту переносится "
                     "несущая стена. Исправьте проект и подайте заявление снова.")
    fact_before = letter("Участок уже предоставлен в аренду другому человеку. Предоставить его Вам мы "
                         "не можем. Выберите другой участок из перечня на сайте.")
    assert findings(because, "refusal-without-reason") == []
    assert findings(fact_before, "refusal-without-reason") == []


def test_a_refusal_resting_only_on_a_clause_of_the_code_still_lacks_a_reason():
    only_citation = letter("Вам отказано в предоставлении земельного участка в соответствии с п. 2 "
                           "ст. 39.16 ЗК РФ. Вы можете подать заявление на другой участок.")
    citation_after_because = letter(
        "Вам отказано в предоставлении участка, так как в соответствии с п. 2 ст. 39.16 ЗК РФ участок "
        "не может быть предоставлен. Вы можете подать заявление на другой участок.")
    assert spans(only_citation, "refusal-without-reason") == [
        "Вам отказано в предоставлении земельного участка в соответствии с п. 2 ст. 39.16 ЗК РФ."]
    assert len(findings(citation_after_because, "refusal-without-reason")) == 1


def test_statistics_and_procedures_are_no_refusals_addressed_to_the_reader():
    text = ("Доля контрактов, заключенных по результатам несостоявшихся торгов, на которые не было подано "
            "заявок, либо заявки были отклонены, снизится до 7,5 процента.\n\n"
            "Учитывая специфику Программы, определить прямой экономический эффект не представляется "
            "возможным.\n\n"
            "Заявителю может быть отказано в предоставлении возмещения в случаях: повторного обращения.")
    assert findings(text, "refusal-without-reason") == []
    assert findings(text, "refusal-without-next-step") == []


def test_an_impersonal_refusal_of_the_request_is_still_found():
    text = letter("Принять решение об утверждении схемы расположения участка не представляется возможным "
                  "по основанию, предусмотренному подпунктом 3 пункта 16 статьи 11.10 Земельного кодекса "
                  "Российской Федерации.")
    assert len(findings(text, "refusal-without-reason")) == 1
    assert len(findings(text, "refusal-without-next-step")) == 1


# Legal references


def reference_count(text: str) -> int:
    hits = list(legal_references(analyze(text), {}, {"max_references": 0}))
    return int(hits[0].values["value"]) if hits else 0


def test_a_list_of_articles_of_one_act_is_one_reference():
    assert reference_count("Участок можно выкупить по статьям 44, 45, 46 Земельного кодекса "
                           "Российской Федерации.") == 1
    assert findings(letter("Участок можно выкупить по статьям 44, 45, 46 Земельного кодекса Российской "
                           "Федерации. Цену считают по статье 39.4 Земельного кодекса Российской Федерации."),
                    "legal-references") == []


def test_a_repeated_citation_counts_once_and_a_legislator_is_no_act():
    text = ("Порядок установлен Федеральным законом от 06.10.2003 № 131-ФЗ. Федеральный законодатель "
            "предусмотрел межбюджетные трансферты. Их распределяют по Федеральному закону № 131-ФЗ.")
    assert reference_count(text) == 1


def test_references_in_a_title_or_a_heading_are_not_counted():
    text = ("Приложение\nк постановлению администрации района от 14.01.2019 № 53\n\n"
            "О внесении изменений в постановление администрации от 24.12.2013 № 1419\n\n"
            "Изменения внесены постановлением администрации от 24.12.2014 № 1500 «Об утверждении программы, "
            "принятой в соответствии с постановлением от 01.02.2013 № 12 и решением Совета от 05.03.2013 № 7».")
    assert reference_count(text) == 1


def test_three_citations_in_the_body_are_reported_on_the_first():
    text = letter("Пени начислены по статьям 330 и 614 Гражданского кодекса Российской Федерации, статье 65 "
                  "Земельного кодекса Российской Федерации и постановлению Правительства региона от "
                  "25.12.2015 № 601.")
    found = findings(text, "legal-references")
    assert [text[f.start:f.end] for f in found] == ["статьям 330 и 614 Гражданского кодекса Российской Федерации"]
    assert "3" in found[0].message


# Negation


def test_tem_ne_menee_is_not_a_negative_limit():
    text = letter("Тем не менее мы продлим договор аренды до конца года. Не менее важно вносить плату вовремя.")
    assert findings(text, "negative") == []


def test_a_deadline_with_a_date_gets_an_exact_replacement():
    text = letter("Подписанный договор верните не позднее 1 июня. Отчет направьте не позднее 15.05.2026.")
    found = findings(text, "negative-limit")
    assert [(text[f.start:f.end], f.replacement) for f in found] == [
        ("не позднее 1 июня", "до 1 июня включительно"),
        ("не позднее 15.05.2026", "до 15.05.2026 включительно"),
    ]


def test_a_deadline_whose_date_goes_on_gets_advice_only():
    text = letter("Отчет представляется не позднее 1 апреля года, следующего за отчетным.")
    found = findings(text, "negative-limit")
    assert [text[f.start:f.end] for f in found] == ["не позднее"]
    assert found[0].replacement is None


def test_a_minimum_is_replaced_only_where_the_number_reads_alike():
    text = letter("Площадь участка должна быть не менее 600 кв. м, а проверки проводят не менее 2 раз в год.")
    found = findings(text, "negative-limit")
    assert [(text[f.start:f.end], f.replacement) for f in found] == [
        ("не менее", "как минимум"), ("не менее", None)]


def test_a_plain_statement_of_absence_is_the_fact_itself():
    text = letter("При проверке нарушений не выявлено. Задолженности по арендной плате у Вас нет. "
                  "Заявлений о предоставлении участков в 2025 году не поступило. "
                  "Централизованного теплоснабжения в доме не имеется. Задолженность по пеням отсутствует.")
    assert findings(text, "negative") == []


def test_negation_advice_fits_the_verb_and_its_form():
    text = letter("Дожди не позволили закончить ремонт дороги. Численность жильцов не изменилась. "
                  "Ваш дом не зарегистрирован, поэтому права на выкуп у Вас нет.")
    found = {text[f.start:f.end]: f.suggestion for f in findings(text, "negation")}
    assert found["не позволили"] == "скажите «помешали»"
    assert found["не изменилась"] == "скажите «осталась прежней»"
    assert found["не зарегистрирован"] == "скажите, что сделать: «зарегистрируйте …»"
    assert "нет" in found
    assert all("что есть или что сделать" not in advice for advice in found.values())
