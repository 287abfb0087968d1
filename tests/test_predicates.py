"""Split predicates, passives and nominal chains on sentences like those of real official letters."""

from __future__ import annotations

import plainreply


def findings(text: str, category: str):
    return [f for f in plainreply.check(text).findings if f.category == category or f.rule == category]


def spans(text: str, category: str) -> list[str]:
    return [text[f.start:f.end] for f in findings(text, category)]


def fixed(text: str, finding) -> str:
    return text[:finding.start] + finding.replacement + text[finding.end:]


# --- split predicates: the verb keeps its form ---

def test_split_predicate_replacement_keeps_the_imperative():
    text = "Произведите оплату до 25 марта."
    [finding] = findings(text, "split-predicate")
    assert finding.replacement == "Оплатите"
    assert fixed(text, finding) == "Оплатите до 25 марта."


def test_split_predicate_rebuilds_the_genitive_object_as_accusative():
    text = "Вам необходимо произвести оплату задолженности за отопление."
    [finding] = findings(text, "split-predicate")
    assert text[finding.start:finding.end] == "произвести оплату задолженности"
    assert finding.replacement == "оплатить задолженность"


def test_split_predicate_keeps_aspect_and_person():
    text = "Управление производит выплату компенсации ежемесячно."
    [finding] = findings(text, "split-predicate")
    assert finding.replacement == "выплачивает компенсацию"
    text = "Отдел осуществляет подготовку ответа на обращение."
    [finding] = findings(text, "split-predicate")
    assert finding.replacement == "готовит ответ"  # not the perfective «подготовит»


def test_split_predicate_first_person_future_is_advice_when_a_preposition_follows():
    text = "Мы произведем замену счетчиков в апреле."
    [finding] = findings(text, "split-predicate")
    assert finding.suggestion == "заменим"
    assert finding.replacement is None  # «в апреле» or «в квартире»: the object is not certain


def test_split_predicate_with_a_preposition_the_verb_does_not_keep_gives_advice():
    text = "Управа осуществляет контроль за содержанием дворов."
    [finding] = findings(text, "split-predicate")
    assert finding.suggestion == "контролирует"
    assert finding.replacement is None  # «контролирует за содержанием» is wrong


def test_split_predicate_in_the_passive_gives_advice_with_a_doer():
    text = "В 2025 году проведена проверка состояния кровли. В договор внесены изменения."
    found = findings(text, "split-predicate")
    assert [text[f.start:f.end] for f in found] == ["проведена проверка", "внесены изменения"]
    assert [f.replacement for f in found] == [None, None]
    assert "«мы проверили»" in found[0].suggestion
    assert "«мы изменили»" in found[1].suggestion
    assert spans(text, "passive") == []  # one finding for one span


def test_future_passive_split_predicate_takes_the_auxiliary():
    text = "Будет осуществлено рассмотрение Вашего заявления."
    [finding] = findings(text, "split-predicate")
    assert text[finding.start:finding.end] == "Будет осуществлено рассмотрение"
    assert "«мы рассмотрим»" in finding.suggestion


def test_split_predicate_skips_terms_nouns_after_prepositions_and_other_subjects():
    text = ("Гражданам оказана бесплатная медицинская помощь. Для участия в аукционе внесите задаток. "
            "Расчет размера социальной выплаты производится по площади квартиры. "
            "Их цветовое решение должно вносить в застройку разнообразие.")
    assert spans(text, "split-predicate") == []


# --- passive: advice, never «мы …» where someone else acts ---

def test_passive_with_an_instrumental_agent_names_the_agent():
    text = "Сроки подачи заявлений установлены постановлением Правительства региона."
    [finding] = findings(text, "passive")
    assert text[finding.start:finding.end] == "установлены"
    assert finding.suggestion == "скажите, кто действует: «постановление установило»"
    assert finding.replacement is None


def test_passive_pointing_to_an_appendix_gets_plain_advice():
    text = "Перечень домов для капитального ремонта приведен в приложении 2."
    [finding] = findings(text, "passive")
    assert "мы" not in finding.suggestion.split()
    assert "— в приложении 2" in finding.suggestion


def test_stative_participles_and_middle_verbs_are_not_passive():
    text = ("Рост платы связан с ростом тарифа. Программа направлена на ремонт дворов. "
            "Жилой фонд района представлен 120 многоквартирными домами. "
            "Рост выпуска обусловлен спросом. На территории кладбища скапливается мусор. "
            "Развитие нано индустрии. Расширение рынка сбыта продукции.")
    assert spans(text, "passive") == []


def test_passive_that_hides_the_doer_is_still_found():
    text = "Ваше обращение направлено на рассмотрение в администрацию района. Соглашение заключается в течение 30 дней."
    found = findings(text, "passive")
    assert [text[f.start:f.end] for f in found] == ["направлено", "заключается"]
    assert found[0].suggestion == "скажите, кто действует: «мы направили», если это сделали вы"


# --- nominal chains ---

def test_nominal_chain_names_the_verbal_noun_to_replace():
    text = "Заявление нужно подать до окончания срока действия договора аренды."
    [finding] = findings(text, "nominal-chain")
    assert text[finding.start:finding.end] == "окончания срока действия договора аренды"
    assert "замените «окончания» глаголом («закончиться»)" in finding.suggestion


def test_nominal_chain_of_three_genitives_without_a_verbal_noun():
    text = "Мы изучили показатели качества жизни населения района."
    [finding] = findings(text, "nominal-chain")
    assert text[finding.start:finding.end] == "качества жизни населения района"
    assert finding.suggestion.startswith("4 существительных подряд")


def test_terms_and_adjectives_do_not_make_a_chain():
    text = ("Протяженность автомобильных дорог общего пользования местного значения — 107 км. "
            "В районе работают 905 субъектов малого предпринимательства. "
            "Мы проверили системы видео наблюдения во дворах. "
            "С точки зрения жильцов дома двор стал удобнее. "
            "Это ресоциализация лиц, освободившихся из мест лишения свободы.")
    assert spans(text, "nominal-chain") == []


# --- stand-alone verbal nouns ---

def test_verbal_noun_after_a_preposition_is_advice_with_a_verb():
    text = "Для устранения протечки кровли управляющая компания направит бригаду. При поступлении оплаты мы вышлем договор."
    found = [f for f in plainreply.check(text).findings if f.rule == "verbal-noun"]
    assert [text[f.start:f.end] for f in found] == ["Для устранения", "При поступлении"]
    assert [f.suggestion for f in found] == ["чтобы устранить", "когда поступит"]
    assert all(f.replacement is None for f in found)


def test_verbal_noun_leaves_plain_purpose_phrases_alone():
    text = "Реквизиты для оплаты прилагаем. Для участия в аукционе внесите задаток."
    assert [f for f in plainreply.check(text).findings if f.rule == "verbal-noun"] == []
