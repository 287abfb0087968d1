"""Abbreviations, terms and capitals on real-looking municipal text (RuREBus-like): what is an
abbreviation and what is a name, when one counts as explained, and replacements that fit."""

from __future__ import annotations

import pytest

import plainreply
from plainreply.analysis import analyze
from plainreply.linter import default_linter


def findings(text: str, *rules: str) -> list[tuple[str, str, str | None]]:
    report = plainreply.check(text)
    return [(f.rule, text[f.start:f.end], f.replacement) for f in report.findings
            if f.rule in rules or f.category in rules]


def found(text: str, rule: str) -> list[tuple[str, str | None]]:
    return [(span, replacement) for r, span, replacement in findings(text, rule) if r == rule]


def advice(text: str, rule: str) -> list[tuple[str, str]]:
    report = plainreply.check(text)
    return [(text[f.start:f.end], f.suggestion) for f in report.findings if f.rule == rule]


# --- acronyms -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Сведения внесены в Единый государственный реестр недвижимости (ЕГРН). Выписка из ЕГРН готова.",
    "Сведения внесены в реестр недвижимости (далее – ЕГРН). Выписка из ЕГРН готова.",
    "Изделия из древесно-полимерного композита (далее «ДПК»): скамейки из ДПК, лестницы из ДПК.",
    "ЕГРН (Единый государственный реестр недвижимости) ведет Росреестр. Выписка из ЕГРН готова.",
    "МСП (малое и среднее предпринимательство) получают субсидии. Поддержка МСП продолжится.",
    "ИК - Исполнительный комитет Азнакаевского муниципального района;\nИК утверждает план.",
    "КДН и ЗП БМР – комиссия по делам несовершеннолетних и защите их прав Буинского района;",
    "УГИБДД МВД по РТ - Управление Государственной инспекции безопасности дорожного движения;",
    "Доля жалоб в Федеральную антимонопольную службу (ФАС России) снизится. ФАС России рассмотрит их.",
])
def test_acronym_explained_in_the_forms_letters_use(text):
    assert found(text, "abbreviation") == []


@pytest.mark.parametrize("text", [
    "Плиты выпускает ООО «СВИСС КРОНО».",
    "Перевозки вело МУП «Кривошеинское АТП», которое сейчас ликвидируется.",
    "Филиал ОАО ТАТМЕДИА выпускает газету.",
    "Федеральным законом от 29 декабря 2012 года № 273 - ФЗ предусмотрены льготы.",
    "ДМесБ = (30% - ДФБ)/2",
    "ОБ УТВЕРЖДЕНИИ ГОСУДАРСТВЕННОЙ ПРОГРАММЫ",
    "ПРОГРАММА ПОДДЕРЖКИ ГОРОДУ БИЙСКУ",
])
def test_names_act_numbers_formulas_and_headings_are_not_acronyms(text):
    assert found(text, "abbreviation") == []


def test_expansion_is_inflected_and_pasted_only_when_the_case_is_certain():
    assert found("Сведения о границах участка есть в ЕГРН.", "abbreviation") == [
        ("ЕГРН", "Едином государственном реестре недвижимости (ЕГРН)")]
    assert found("Выписку из ЕГРН выдают бесплатно.", "abbreviation") == [
        ("ЕГРН", "Единого государственного реестра недвижимости (ЕГРН)")]
    assert found("Заявление подают через МФЦ.", "abbreviation") == [
        ("МФЦ", "многофункциональный центр (МФЦ)")]
    assert found("Обратитесь в МФЦ с паспортом.", "abbreviation") == [
        ("МФЦ", "многофункциональный центр (МФЦ)")]
    # Every adjective agrees, not only the first: «малого и среднего предпринимательства».
    assert found("Поддержка субъектов МСП продолжится.", "abbreviation") == [
        ("МСП", "малого и среднего предпринимательства (МСП)")]
    assert found("Звонки принимают в ЕДДС круглосуточно.", "abbreviation") == [
        ("ЕДДС", "единой дежурно-диспетчерской службе (ЕДДС)")]
    # «граничит с … СП»: «с» asks for two cases; the expansion stays advice.
    assert found("Поселение граничит с Атнинским СП.", "abbreviation") == [("СП", None)]


def test_acronym_with_several_meanings_and_unknown_acronym_give_advice():
    text = "Отделу по делам ГО и ЧС поручено проверить площадки. Техника поступила в ГПКО."
    result = advice(text, "abbreviation")
    assert result[0] == ("ГО", "расшифруйте при первом упоминании: «городской округ (ГО)» или "
                               "«гражданская оборона (ГО)»")
    assert result[-1] == ("ГПКО", "расшифруйте при первом упоминании: «полное название (ГПКО)»")
    assert all(replacement is None for _, span, replacement in findings(text, "abbreviation")
               if span in ("ГО", "ГПКО"))


def test_act_after_a_cited_article_takes_the_genitive():
    text = "Арендатор вправе заключить договор по статье 39.6 ЗК РФ."
    assert found(text, "abbreviation") == [("ЗК РФ", "Земельного кодекса Российской Федерации (ЗК РФ)")]


# --- shortenings --------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, replacement", [
    ("Введено жилья 1211 кв. м общей площади.", "кв. м", "квадратных метров"),
    ("Площадь кладовой составляет 2 кв. м.", "кв. м", "квадратных метра"),
    ("Площадь тамбура составляет 21 кв. м.", "кв. м", "квадратный метр"),
    ("Площадь помещения 84,6 кв. м.", "кв. м", "квадратного метра"),
    ("Бюджет программы составляет 24471,0 тыс. рублей.", "тыс.", "тысячи"),
    ("Субсидия составила 1700 тыс. рублей.", "тыс.", "тысяч"),
    ("На программу направлено 5 тыс. руб. в месяц.", "руб.", "рублей"),
    ("Выручка составила 14736,4 млн. руб. за год.", "руб.", "рублей"),
    ("Заболеваемость в расчете на 1 тыс. работающих снизилась.", "тыс.", "тысячу"),
    ("Обследовано более 8 тыс. детей.", "тыс.", "тысяч"),
    ("Штат отдела составляет 30 чел. по расписанию.", "чел.", "человек"),
    ("Библиотеки – 27 ед.\n2018 год – 28 ед.", "ед.", "единиц"),
])
def test_units_agree_with_their_number_and_case(text, span, replacement):
    assert (span, replacement) in found(text, "shortening")


def test_unit_after_a_noun_with_an_uncertain_case_is_advice():
    # «в размере 2 тыс. рублей»: «двух тысяч» or «2 тысячи» — the writer decides.
    assert ("тыс.", None) in found("Выплата в размере 2 тыс. рублей положена каждому.", "shortening")


@pytest.mark.parametrize("text, replacement", [
    ("Программа принята в 2017 г. и продлена.", "году"),
    ("В I полугодии 2017 г. число родившихся снизилось.", "года"),
    ("План составлен на 2018 г. и утвержден.", "год"),
    ("Мероприятия пройдут в 2019 – 2021 гг. по плану.", "годах"),
    ("Перечень мероприятий на период 2016-2026 гг. утвержден.", "годов"),
])
def test_year_shortening_takes_the_case_of_its_place(text, replacement):
    assert [r for s, r in found(text, "shortening") if s in ("г.", "гг.")] == [replacement]


@pytest.mark.parametrize("text, span, replacement", [
    ("Согласно п. 3 договора платите ежемесячно.", "п.", "пункту"),
    ("Дом сестринского ухода (п. Вежъю) рассчитан на 20 коек.", "п.", "поселок"),
    ("Текст дан в ред. постановления от 25.10.2018.", "ред.", "редакции"),
    ("Заявления принимают и в выходные, т.к. очередь большая.", "т.к.", "так как"),
    ("Ремонтируют дороги, тротуары и пр.", "пр.", "прочее"),
])
def test_shortening_is_disambiguated_by_the_next_word(text, span, replacement):
    assert (span, replacement) in found(text, "shortening")


def raw_hits(text: str, rule: str) -> list[tuple[str, str, str | None]]:
    """The rule's own hits, before the context layer drops those in addresses and names."""
    check = default_linter().ruleset.by_id[rule].check
    return [(text[h.start:h.end], h.suggestion, h.replacement) for h in check.run(analyze(text), {})]


def test_ambiguous_shortening_without_a_clue_gives_both_meanings():
    assert raw_hits("Заявки принимает ст. Полтавская.", "shortening") == [
        ("ст.", "статья или станица или станция", None)]
    assert raw_hits("Дом сестринского ухода (п. Вежъю).", "shortening") == [("п.", "поселок", "поселок")]
    assert raw_hits("Отказ дан на основании п. подготовленного ранее.", "shortening") == [
        ("п.", "пункт или поселок", None)]
    assert raw_hits("Магазин на Невский пр. сдается.", "shortening") == [("пр.", "прочее или проспект", None)]


def test_square_metres_written_half_in_full_get_advice():
    assert advice("Площадь скверов составила 60088 кв. метров.", "shortening") == [("кв.", "квадратных")]


def test_other_words_after_a_shortening_stay_advice():
    # «и др.» takes the case of the list: «и другие», «и других».
    assert found("Работы ведут на улицах, в скверах и др.", "shortening") == [("др.", None)]


# --- terms --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Своевременное перераспределение объемов финансирования между мероприятиями программы.",
    "Эти данные упрощают оперативное управление действиями исполнителей программы.",
    "Конфликты в семье перерастают в полное отчуждение детей и родителей.",
    "Законодательные новации в области финансового управления внедряются постепенно.",
    "В 2018 году введен в эксплуатацию многоквартирный дом на улице Мира.",
    "Плата за подключение (технологическое присоединение) объекта к сетям возмещается.",
    "Меры по минимизации рисков будут приниматься в ходе оперативного управления.",
    "Заявки на резервирование архивных видеозаписей выполнены.",
    "Преимущественное право на получение социальной выплаты имеют молодые семьи.",
])
def test_term_in_another_sense_or_already_explained_passes(text):
    assert found(text, "term") == []


def test_term_in_its_own_sense_is_still_found():
    text = "Имущество передано школе в оперативное управление. Квартира подлежит отчуждению."
    assert [span for span, _ in found(text, "term")] == ["оперативное управление", "отчуждению"]
    text = "Вы подали заявление о перераспределении земельных участков."
    assert [span for span, _ in found(text, "term")] == ["перераспределении земельных участков"]


# --- capitals -----------------------------------------------------------------------------

def test_heading_in_capitals_is_one_finding_in_sentence_case():
    text = "ПАСПОРТ\nМУНИЦИПАЛЬНОЙ ПРОГРАММЫ\nНА 2015 - 2020 ГОДЫ\n\nПрограмма утверждена главой района."
    assert found(text, "caps-words") == [(
        "ПАСПОРТ\nМУНИЦИПАЛЬНОЙ ПРОГРАММЫ\nНА 2015 - 2020 ГОДЫ",
        "Паспорт\nмуниципальной программы\nна 2015 - 2020 годы")]


@pytest.mark.parametrize("heading, replacement", [
    ("О НАДЕЛЕНИИ ОРГАНОВ МЕСТНОГО САМОУПРАВЛЕНИЯ В РЕСПУБЛИКЕ КОМИ ОТДЕЛЬНЫМИ ПОЛНОМОЧИЯМИ",
     "О наделении органов местного самоуправления в Республике Коми отдельными полномочиями"),
    ("ГОСУДАРСТВЕННАЯ ПРОГРАММА АЛТАЙСКОГО КРАЯ", "Государственная программа Алтайского края"),
    ("ЗАКОН РОССИЙСКОЙ ФЕДЕРАЦИИ", "Закон Российской Федерации"),
    ("ЦЕЛИ ПРОГРАММЫ ГОРОДСКОГО ОКРУГА ЖУКОВСКИЙ", "Цели программы городского округа Жуковский"),
    ("МЕРОПРИЯТИЯ В КАЙБИЦКОМ МУНИЦИПАЛЬНОМ РАЙОНЕ НА 2014-2020 г.г.",
     "Мероприятия в Кайбицком муниципальном районе на 2014-2020 г.г."),
])
def test_heading_keeps_capitals_of_names(heading, replacement):
    assert found(heading + "\n\nТекст программы.", "caps-words") == [(heading, replacement)]


def test_heading_with_an_unknown_word_gets_advice_only():
    assert found("МЕРОПРИЯТИЯ ПО РЕАЛИЗАЦИИИ ПОЛИТИКИ\n\nТекст.", "caps-words") == [
        ("МЕРОПРИЯТИЯ ПО РЕАЛИЗАЦИИИ ПОЛИТИКИ", None)]


@pytest.mark.parametrize("text", [
    "Ремонт кровли выполнит ГУП РЭП «Строитель».",
    "Предписание ГАТИ выполнено в срок.",
    "Светильники заменены вместе с проводом СИП.",
])
def test_short_names_in_capitals_are_not_shouting(text):
    assert found(text, "caps-words") == []


def test_shouting_inside_ordinary_text_is_one_finding_per_run():
    text = "Для участия ОБЯЗАТЕЛЬНО внесите задаток. ОБРАЩАЕМ ВНИМАНИЕ НА СРОК подачи."
    assert found(text, "caps-words") == [
        ("ОБЯЗАТЕЛЬНО", "обязательно"), ("ОБРАЩАЕМ ВНИМАНИЕ НА СРОК", "Обращаем внимание на срок")]


# --- special symbols ----------------------------------------------------------------------

def test_footnotes_and_form_blanks_are_not_decoration():
    text = ("Площадь указана без балконов*.\n* Включает расходы по контрактам.\n"
            "от «____» ____ 2014 г. № ____\n***\nКонец.")
    assert [span for span, _ in found(text, "special-symbols")] == ["***"]


def test_the_year_after_a_full_date_is_genitive_whatever_the_preposition():
    text = "На 01.01.2016 г. долг погашен."
    found = [(text[f.start:f.end], f.replacement) for f in plainreply.check(text).findings
             if f.rule == "shortening"]
    assert found == [("г.", "года")]
