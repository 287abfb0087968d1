"""The context layer: spans that are not the writer's own prose, found by analysis/context_spans.py."""

from __future__ import annotations

import pytest

import plainreply
from plainreply.analysis.context import ContextIndex, ContextSpan
from plainreply.analysis.context_quotes import quoted_spans
from plainreply.analysis.context_spans import detect


def spans_of(text: str, kind: str) -> list[str]:
    return [text[s.start:s.end] for s in sorted(detect(text), key=lambda s: s.start) if s.kind == kind]


@pytest.mark.parametrize("text, expected", [
    ("Почтовый адрес министерства: 426000, г. Ижевск, ул. Пушкинская, д. 5, корп. 2, кв. 7.",
     ["426000, г. Ижевск, ул. Пушкинская, д. 5, корп. 2, кв. 7"]),
    ("Приём ведётся в офисе на Невский пр., 104, по вторникам.", ["Невский пр., 104"]),
    ("Ремонт дороги на пр-т Ленина запланирован на лето.", ["пр-т Ленина"]),
    ("Жалоба касается дома на наб. реки Мойки.", ["наб. реки Мойки"]),
    ("Участок расположен в с. Ильинское, Завьяловский р-н, Удмуртская обл.",
     ["с. Ильинское, Завьяловский р-н, Удмуртская обл."]),
    ("Вывоз мусора с пер. Садовый возобновлён.", ["пер. Садовый"]),
    ("Котельная в мкр. «Венеция» работает в штатном режиме.", ["мкр. «Венеция»"]),
    ("Документы примем по адресу: ул. Красной Армии, стр. 3, оф. 12.", ["ул. Красной Армии, стр. 3, оф. 12"]),
    ("Ямочный ремонт по улице Высотной закончен.", ["улице Высотной"]),
    ("Школа на 1 000 мест появится в Костроме (ул. Суслова, 8).", ["ул. Суслова, 8"]),
    ("Заявку на подключение к сетям подали жители дома № 12.", ["дома № 12"]),
])
def test_address(text, expected):
    assert spans_of(text, "address") == expected


@pytest.mark.parametrize("text", [
    "Просим пройти в кабинет 12 для получения справки.",
    "По улице прошли работы по замене труб.",
    "В 2017 г. Ижевск получил субсидию на ремонт дорог.",
    "Учтены расходы на материалы, услуги связи и пр. Также учтена аренда.",
    "Согласно п. 2 ст. 39 Земельного кодекса участок предоставляется без торгов.",
    "Общая площадью 1490 кв. м, дом сдан в 2016 году.",
])
def test_no_address_in_ordinary_prose(text):
    assert spans_of(text, "address") == []


@pytest.mark.parametrize("text, expected", [
    ("Министерство рассмотрело обращение ООО «Северный склад» о продлении аренды.", ["ООО «Северный склад»"]),
    ("Ремонт подъезда выполнит ГУП РЭП \"Строитель\" до 1 июня.", ["ГУП РЭП \"Строитель\""]),
    ("Ответ направлен в МКУ «Управление ЖКХ» и АО «Прикамский хлеб».",
     ["МКУ «Управление ЖКХ»", "АО «Прикамский хлеб»"]),
    ("Председатель СНТ «Ромашка» передал список участков.", ["СНТ «Ромашка»"]),
    ("Дом обслуживает управляющая компания «Домострой».", ["«Домострой»"]),
    ("Договор заключён с обществом с ограниченной ответственностью «Вектор-Сервис».",
     ["обществом с ограниченной ответственностью «Вектор-Сервис»"]),
    # the inner name is a span of its own, nested in the outer one
    ("Заявление подало ООО «Компания «Уралстройинвест»» в марте.",
     ["ООО «Компания «Уралстройинвест»»", "«Уралстройинвест»"]),
])
def test_organisation(text, expected):
    assert spans_of(text, "organisation") == expected


def test_quoted_name_after_an_ordinary_word_is_not_an_organisation():
    text = "Новый вид разрешённого использования «пищевая промышленность» допускает строительство цеха."
    assert spans_of(text, "organisation") == []


@pytest.mark.parametrize("text, expected", [
    ("Исполнитель: Иванов И. И., тел. 12-34-56", ["Иванов И. И."]),
    ("Проект согласован с И.И. Ивановым.", ["И.И. Ивановым"]),
    ("Уважаемая Марина Рашидовна!", ["Марина Рашидовна"]),
    ("Поручаем специалисту пригласить Иванову Марию Петровну на приём.", ["Иванову Марию Петровну"]),
])
def test_person(text, expected):
    assert spans_of(text, "person") == expected


def test_no_person_in_capitalised_place_names():
    assert spans_of("Магазин откроется на улице Красной Армии.", "person") == []


def test_title_of_a_resolution_with_nested_quotes():
    text = ("Программа утверждена постановлением Администрации города Ижевска от 25 февраля 2014 года № 509 "
            "«О муниципальных программах «Развитие образования» и «Безопасный город»».")
    titles = spans_of(text, "act-title")
    assert "«О муниципальных программах «Развитие образования» и «Безопасный город»»" in titles
    assert "постановлением Администрации города Ижевска от 25 февраля 2014 года № 509" in titles


@pytest.mark.parametrize("text, expected", [
    ("Требования к вывескам установлены Правилами благоустройства территории города Ижевска, "
     "которые утверждены решением Городской думы.", "Правилами благоустройства территории города Ижевска"),
    ("Проверку проводят по Положению о муниципальном земельном контроле на территории города.",
     "Положению о муниципальном земельном контроле на территории города"),
    ("Сроки определяет Порядок предоставления субсидий управляющим организациям.",
     "Порядок предоставления субсидий управляющим организациям"),
    ("Средства выделены в рамках подпрограммы «Развитие газоснабжения и газификации Томского района».",
     "«Развитие газоснабжения и газификации Томского района»"),
])
def test_title_without_act_details(text, expected):
    assert expected in spans_of(text, "act-title")


def test_rules_in_lower_case_are_prose():
    text = "Просим соблюдать правила благоустройства во дворе дома."
    assert spans_of(text, "act-title") == []


def test_act_words_with_a_phrase_of_the_writer_are_not_a_reference():
    text = "Внести в приложение к постановлению согласно приложению № 1 следующие изменения."
    assert spans_of(text, "act-title") == []


@pytest.mark.parametrize("text, expected", [
    ("Вы пишете: «Дорогу у дома не ремонтируют третий год».", ["«Дорогу у дома не ремонтируют третий год»"]),
    ("Вы сообщаете, \"во дворе нет освещения\", и просите установить фонари.", ["\"во дворе нет освещения\""]),
    ("По Вашим словам, «управляющая компания не отвечает на звонки».",
     ["«управляющая компания не отвечает на звонки»"]),
])
def test_quotation_is_only_the_quoted_words(text, expected):
    assert spans_of(text, "quotation") == expected


def test_no_quotation_for_a_name_after_a_verb_of_speech():
    text = "Вы сообщили, что компания «Северный ветер» переплатила аренду."
    assert spans_of(text, "quotation") == []
    assert spans_of(text, "organisation") == ["«Северный ветер»"]


@pytest.mark.parametrize("text, kind, expected", [
    ("Справки по телефону +7 (3412) 12-34-56 или 8-800-100-00-00.", "phone",
     ["+7 (3412) 12-34-56", "8-800-100-00-00"]),
    ("Заявление поступило 12.01.2027, ответ дан 12 января 2027 года.", "date", ["12.01.2027", "12 января 2027 года"]),
    ("Программа рассчитана на 2014-2020 годы.", "date", ["2014-2020 годы"]),
    ("Долг составляет 1 200 руб., лимит — 2747,271 тыс. руб.", "number", ["1 200", "2747,271"]),
    ("Участок с кадастровым номером 18:26:010101:123 поставлен на учёт.", "number", ["18:26:010101:123"]),
    ("Обращение рассмотрено по закону № 59-ФЗ, письмо № 12/4083, постановление № 219-пп.", "number",
     ["№ 59-ФЗ", "№ 12/4083", "№ 219-пп"]),
    ("Износ сетей составляет 60 процентов, по дворам — 12,5 %.", "number", ["60 процентов", "12,5 %"]),
])
def test_phone_date_number(text, kind, expected):
    assert spans_of(text, kind) == expected


def test_shortened_units_stay_outside_number_and_date_spans():
    """«руб.», «кв. м» and «г.» are left to the abbreviation rule."""
    text = "Площадь 84,6 кв. м, плата 48 312 руб. за 2025 г."
    assert spans_of(text, "number") == ["84,6", "48 312"]
    assert spans_of(text, "date") == ["2025"]


def test_unbalanced_quotes_stay_bounded():
    text = "Письмо «без конца " + "слово " * 200 + "» и ООО «Вектор»."
    assert [text[s:e] for s, e in quoted_spans(text)] == ["«Вектор»"]
    assert spans_of("«" * 5000 + "ООО «Вектор»", "organisation") == ["ООО «Вектор»"]


def test_half_covered_finding_is_blocked_a_clause_around_a_name_is_not():
    index = ContextIndex([ContextSpan(10, 20, "address")])
    assert index.blocks(12, 15, frozenset())          # inside the address
    assert not index.blocks(0, 40, frozenset())       # a clause that contains the address
    assert not index.blocks(12, 15, frozenset({"address"}))


def findings(text: str, category: str | None = None, rule: str | None = None) -> list[str]:
    report = plainreply.check(text)
    return [text[f.start:f.end] for f in report.findings
            if (category is None or f.category == category) and (rule is None or f.rule == rule)]


def test_street_shortening_is_not_an_abbreviation_finding():
    text = "Министерство проверило дом на Невский пр., 104. Нарушений нет."
    assert "пр." not in findings(text, category="abbreviation")


def test_name_of_an_enterprise_is_not_shouting_or_an_abbreviation():
    text = "Ремонт кровли выполнит ГУП РЭП \"Строитель\" до 1 июня 2026 года."
    flagged = findings(text, category="abbreviation") + findings(text, rule="caps-words")
    assert not any(word in span for span in flagged for word in ("ГУП", "РЭП", "Строитель"))


def test_nominal_chain_inside_a_programme_title_is_skipped_outside_it_is_found():
    inside = ("Ремонт дороги включён в муниципальную программу "
              "«Обеспечение безопасности дорожного движения населения города».")
    outside = "Мы занимаемся обеспечением безопасности дорожного движения населения города."
    assert findings(inside, category="nominal-chain") == []
    assert findings(outside, category="nominal-chain") != []
