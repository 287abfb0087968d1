"""Spelling and punctuation on real municipal text (RuREBus-like): correct domain words pass,
compounds written in pieces become one finding with the joined word, a hyphen with stray spaces
is not a dash, straight quotes get «ёлочки»."""

from __future__ import annotations

import pytest

import plainreply


def findings(text: str, *categories: str) -> list[tuple[str, str, str | None]]:
    report = plainreply.check(text)
    return [(f.rule, text[f.start:f.end], f.replacement) for f in report.findings if f.category in categories]


@pytest.mark.parametrize("text", [
    "Котельная признана низкоэффективной, теплоснабжающая организация подала заявку.",
    "Конкурсность: обеспечение равных возможностей для субъектов МСП при получении поддержки.",
    "Программа предусматривает софинансирование работ по водоотведению и газификации.",
    "На благоустройство дворовых территорий и ремонт общедомовых сетей выделено 2 млн рублей.",
    "Развитие биофармацевтики и детско-юношеского спорта, ремонт жилищно-коммунального хозяйства.",
    "Схема размещена на геопортале, рядом кедровник и старичное озеро.",
])
def test_correct_domain_words_pass(text):
    assert findings(text, "spelling") == []


@pytest.mark.parametrize("text", [
    "дельта ДТП постр. = N 2012 ДТП постр. - N СТ ДТП постр.,",
    "Нагрузка 1,5, среднеобл. 4,0, расход 12 Гкал в сутки.",
    "Дсу = Чв / Чу x 100%, где ДКрБ - доля средств краевого бюджета.",
])
def test_shortenings_and_formula_symbols_are_not_misspellings(text):
    assert findings(text, "spelling") == []


@pytest.mark.parametrize("text, span, replacement", [
    ("Развитие газо снабжения и газификации района.", "газо снабжения", "газоснабжения"),
    ("Иные меж бюджетные трансферты составили 1,4 млрд рублей.", "меж бюджетные", "межбюджетные"),
    ("Субсидии выделены на со финансирование мероприятий.", "со финансирование", "софинансирование"),
    ("В поселении 38 много квартирных домов.", "много квартирных", "многоквартирных"),
    ("Построено 5 одно этажных домов.", "одно этажных", "одноэтажных"),
    ("Камеры отображаются на Гео  портале Республики Татарстан.", "Гео  портале", "Геопортале"),
    ("Сфера включает туризм и био фармацевтику.", "био фармацевтику", "биофармацевтику"),
    ("Перевод отрасли на систему ресурсо и энергосбережения.", "ресурсо", "ресурсо-"),
    ("Отдел администрации Павинского муниципального районаКостромской области.",
     "районаКостромской", "района Костромской"),
])
def test_a_word_written_in_pieces_is_one_finding_with_the_joined_word(text, span, replacement):
    assert findings(text, "spelling") == [("spelling", span, replacement)]


def test_prepositions_with_their_case_are_not_joined():
    text = "Со временем мы отремонтируем дорогу со стороны школы, меж домов посадят деревья."
    assert findings(text, "spelling") == []


def test_one_likely_correction_is_the_replacement_several_are_advice():
    report = plainreply.check("Численость граждан, участвующих в мероприятиях по патриоическому воспитанию.")
    spelling = [f for f in report.findings if f.category == "spelling"]
    assert [(report.text[f.start:f.end], f.replacement) for f in spelling] == [
        ("Численость", "Численность"), ("патриоическому", "патриотическому")]
    report = plainreply.check("Показатель 2025 года в разах к 2011 году.")
    (finding,) = [f for f in report.findings if f.category == "spelling"]
    assert finding.replacement is None and "размах" in finding.suggestion


def test_a_wrong_part_of_a_hyphenated_word_is_corrected_in_place():
    text = "Ремонт объектов жилищно-комунального хозяйства."
    assert findings(text, "spelling") == [("spelling", "жилищно-комунального", "жилищно-коммунального")]


@pytest.mark.parametrize("text, span, replacement", [
    ("Внести изменения в программу района «Троицко - Печорский» от 24 декабря 2013 г.",
     "Троицко - Печорский", "Троицко-Печорский"),
    ("Проект разработки Западно - Лугинецкого месторождения.", "Западно - Лугинецкого", "Западно-Лугинецкого"),
    ("Это сказывается на общественно - социальной обстановке в городе.",
     "общественно - социальной", "общественно-социальной"),
    ("Развитие детско - юношеского спорта в районе.", "детско - юношеского", "детско-юношеского"),
    ("Граница проходит на северо - запад 1,4 км по болоту.", "северо - запад", "северо-запад"),
    ("Закупка свето - и звукотехнического оборудования.", "свето - ", "свето- "),
    ("В соответствии со статьей 11 Федерального закона N 172 - ФЗ.", "172 - ФЗ", "172-ФЗ"),
])
def test_hyphen_with_stray_spaces_inside_a_compound(text, span, replacement):
    assert findings(text, "punctuation", "spelling") == [("hyphen-spacing", span, replacement)]


@pytest.mark.parametrize("text, replacement", [
    ("Средства бюджета Одинцовского района - 409 тыс. руб.", " — "),
    ("РТ - Республика Татарстан.", " — "),
    ("Ускоренное развитие животноводства - важнейшее направление.", " — "),
    ("Программа рассчитана на 2014 - 2020 годы.", "–"),
])
def test_hyphen_between_phrases_or_numbers_is_a_dash(text, replacement):
    assert findings(text, "punctuation") == [("mark-spacing", " - ", replacement)]


def test_straight_quotes_are_typography_with_russian_quotes_as_the_fix():
    text = 'Комплекс обеспечивает функционирование "от поля до продукта".'
    assert findings(text, "punctuation", "typography") == [
        ("straight-quotes", '"от поля до продукта"', "«от поля до продукта»")]


def test_double_space_between_words_is_one_space_inside_a_word_is_a_split_word():
    assert findings("Мы продлили  договор аренды.", "punctuation") == [("punctuation-spacing", "  ", " ")]
    assert findings("Камеры указаны на Гео  портале.", "punctuation") == []


@pytest.mark.parametrize("text", [
    "Налог на доходы физических лиц, удельный вес которого составляет 44,7 %, поступает в бюджет.",
    "Программа района, внесение изменений в которые осуществляется по мере необходимости, утверждена.",
    "Характеристика проблемы, на решение которой направлена подпрограмма.",
    "Сдерживают несколько факторов, среди которых износ водопроводных сетей.",
    "Справка выдается в случае если заявитель представил ее самостоятельно.",
    "Выпуск изделий ЗАО «Электромеханический завод «Пегас» вырос на 0,6 %.",
    "С О Д Е Р Ж А Н И Е",
])
def test_correct_punctuation_of_official_documents_passes(text):
    assert findings(text, "punctuation") == []


def test_missing_comma_before_which_is_still_found():
    text = "Обратитесь в учреждение которое определяет кадастровую стоимость."
    assert findings(text, "punctuation") == [("comma-before-clause", "учреждение которое", None)]
