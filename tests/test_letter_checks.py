"""Letter-level checks on real Russian letters: abbreviations, terms, one word for one thing,
refusals, legal references and the survey link."""

from __future__ import annotations

import plainreply

SURVEY = "\n\nОцените, пожалуйста, наш ответ: https://mio.example.ru/opros"


def found(text: str, category: str, **kwargs) -> list[tuple[str, str]]:
    report = plainreply.check(text, **kwargs)
    return [(text[f.start:f.end], f.suggestion) for f in report.findings if f.category == category]


def spans(text: str, category: str, **kwargs) -> list[str]:
    return [s for s, _ in found(text, category, **kwargs)]


# --- abbreviations -----------------------------------------------------------------------

def test_acronym_gets_its_expansion_in_the_right_case_once():
    text = "Выписку можно заказать в МФЦ. В МФЦ также принимают заявления. Это выписка из ЕГРН."
    assert found(text, "abbreviation") == [
        ("МФЦ", "многофункциональном центре (МФЦ)"),
        ("ЕГРН", "Единого государственного реестра недвижимости (ЕГРН)"),
    ]


def test_acronym_defined_at_or_before_its_use_passes():
    for text in [
        "Обратитесь в многофункциональный центр (МФЦ). В МФЦ примут заявление.",
        "МФЦ (многофункциональный центр) работает без выходных. Приходите в МФЦ.",
        "МФЦ — многофункциональный центр — работает без выходных.",
        "Заявление примет многофункциональный центр (далее — МФЦ).",
    ]:
        assert spans(text, "abbreviation") == [], text


def test_names_numbers_legal_forms_and_allow_list_are_not_abbreviations():
    text = ("Договор с ООО «Ромашка» подписал В. Г. Шутов по закону № 59-ФЗ и распоряжению № 2816-р. "
            "Участок 18:26:050607:212 находится в РФ. КУМИ ответит.")
    assert spans(text, "abbreviation") == ["КУМИ"]
    config = {"options": {"abbreviation": {"allow": ["КУМИ"]}}}
    assert spans(text, "abbreviation", config=config) == []


def test_multiword_acronym_and_unknown_acronym():
    text = "Арендатор вправе заключить договор по статье 39.6 ЗК РФ. Сведения внесены в АБВГ."
    result = found(text, "abbreviation")
    assert result[0] == ("ЗК РФ", "Земельного кодекса Российской Федерации (ЗК РФ)")
    assert result[1][0] == "АБВГ" and "расшифруйте" in result[1][1]


def test_abbreviations_at_the_very_start_and_end_of_the_text():
    assert spans("ЕГРН", "abbreviation") == ["ЕГРН"]
    assert spans("МФЦ принимает заявления, справку дает ФНС", "abbreviation") == ["МФЦ", "ФНС"]


def test_shortenings_get_full_words_agreeing_with_numbers_and_prepositions():
    text = ("Долг составляет 48 312 руб., пени — 22 150 руб. Площадь помещения 84,6 кв.м. "
            "Согласно п. 3 договора платите ежемесячно, т.к. так удобнее. Прием пн-чт.")
    assert found(text, "abbreviation") == [
        ("руб.", "рублей"),
        ("кв.м", "квадратного метра"),
        ("п.", "пункту"),
        ("т.к.", "так как"),
        ("пн-чт", "понедельник — четверг"),
    ]


def test_shortening_meaning_depends_on_a_number_nearby():
    assert found("Договор заключен в 2026 г.", "abbreviation") == [("г.", "году")]
    assert found("Договор заключен в 2026 г. в г. Ижевске.", "abbreviation") == [("г.", "году")]  # «г. Ижевске» is an address


def test_initials_are_not_shortenings():
    assert spans("Ответ подготовила Т. Е. Петрова, проверил П. С. Иванов.", "abbreviation") == []


# --- terms -------------------------------------------------------------------------------------

def test_term_is_flagged_once_with_its_definition():
    text = "Для прохода нужен сервитут. Сервитут оформим за 30 дней."
    result = found(text, "term")
    assert [s for s, _ in result] == ["сервитут"]
    assert result[0][1].startswith("объясните термин: «сервитут — это ")


def test_explained_terms_pass():
    for text in [
        "Для прохода нужен сервитут — право ограниченно пользоваться чужим участком.",
        "Для прохода нужен сервитут. Сервитут — это право пользоваться чужим участком.",
        "Кадастровая стоимость, то есть оценка участка государством, выросла.",
        "Такое присоединение называется перераспределением земель.",
        "Без торгов участок может выкупить собственник здания.",
    ]:
        assert spans(text, "term") == [], text


def test_terms_are_not_checked_in_internal_letters():
    text = "Прошу подготовить соглашение о сервитуте."
    assert spans(text, "term", profile="citizen") == ["сервитуте"]
    assert spans(text, "term", profile="internal") == []


# --- consistency --------------------------------------------------------------------------------

def test_later_synonyms_are_flagged_with_the_first_name():
    text = ("Ваша семья получит земельный участок. Выбрать надел можно до 30 апреля. "
            "Сейчас в перечне 23 ЗУ.")
    assert found(text, "consistency") == [("надел", "земельный участок"), ("ЗУ", "земельный участок")]


def test_a_name_declared_in_parentheses_is_allowed():
    text = "Ваш земельный участок (ЗУ) свободен. ЗУ можно выкупить."
    assert spans(text, "consistency") == []


def test_names_that_often_mean_two_documents_need_a_word_pointing_back():
    # «Заявка» of an applicant and «ходатайство» of a district are different papers (RuREBus);
    # «Вашей заявки» after «ходатайство ООО …» renames the one document the letter is about.
    counted = "Район поддержал ходатайство фермеров. С района направлено 18 заявок на участие в программе."
    assert spans(counted, "consistency") == []
    renamed = ("Министерство рассмотрело ходатайство ООО «Тепло» об установлении сервитута. "
               "В удовлетворении Вашей заявки отказано.")
    assert found(renamed, "consistency") == [("заявки", "ходатайство")]


# --- refusals -----------------------------------------------------------------------------------

REFUSAL_CITING_ONLY = (
    "Министерство рассмотрело Ваше заявление.\n\n"
    "В удовлетворении заявления отказано на основании подпункта 9 пункта 9 статьи 39.29 "
    "Земельного кодекса Российской Федерации."
)
REFUSAL_PLAIN = (
    "К сожалению, мы отказываем в предоставлении этого участка. По плану развития села на нем "
    "построят школу.\n\nВыберите другой участок из перечня на сайте министерства."
)


def test_refusal_with_only_a_citation_has_neither_reason_nor_next_step():
    assert spans(REFUSAL_CITING_ONLY, "refusal-without-reason") == [REFUSAL_CITING_ONLY.split("\n\n")[1]]
    assert spans(REFUSAL_CITING_ONLY, "refusal-without-next-step") == [REFUSAL_CITING_ONLY.split("\n\n")[1]]
    report = plainreply.check(REFUSAL_CITING_ONLY)
    assert {f.severity for f in report.findings if f.category.startswith("refusal")} == {"error"}


def test_plain_refusal_with_reason_and_next_step_passes():
    assert spans(REFUSAL_PLAIN, "refusal-without-reason") == []
    assert spans(REFUSAL_PLAIN, "refusal-without-next-step") == []


def test_reason_before_the_conclusion_counts():
    text = ("Участок уже выбрали семьи, очередь которых наступила раньше. Поэтому предоставить его "
            "Вам не представляется возможным.")
    assert spans(text, "refusal-without-reason") == []
    assert len(spans(text, "refusal-without-next-step")) == 1


def test_conditional_refusal_of_someone_else_is_not_a_refusal():
    text = "Если учреждение откажет, его решение можно обжаловать в суде."
    assert spans(text, "refusal-without-reason") == [] and spans(text, "refusal-without-next-step") == []


# --- legal references ---------------------------------------------------------------------------

def test_references_are_structured_data():
    refs = plainreply.legal_references(
        "Основания перечислены в пп. 2 п. 1 ст. 39.16 ЗК РФ и в статье 39.16 Земельного кодекса "
        "Российской Федерации. Регистрацию ведут по Федеральному закону от 13.07.2015 № 218-ФЗ "
        "«О государственной регистрации недвижимости» и постановлению Правительства Удмуртской "
        "Республики от 25.12.2015 N601, а также приказу Министерства от 3 марта 2023 года № 13."
    )
    assert [(r.kind, r.article, r.point, r.subpoint, r.date, r.number) for r in refs] == [
        ("code", "39.16", "1", "2", None, None),
        ("code", "39.16", None, None, None, None),
        ("federal_law", None, None, None, "13.07.2015", "№218-ФЗ"),
        ("act", None, None, None, "25.12.2015", "N601"),
        ("act", None, None, None, "3 марта 2023 года", "№13"),
    ]
    assert refs[0].text == "пп. 2 п. 1 ст. 39.16 ЗК РФ" and refs[0].act == "ЗК РФ"


def test_more_than_two_references_in_the_body_give_one_finding_on_the_first():
    text = ("Пени начислены по статьям 330 и 614 Гражданского кодекса Российской Федерации, статье 65 "
            "Земельного кодекса Российской Федерации и постановлению Правительства Удмуртской Республики "
            "от 25.12.2015 № 601.")
    result = found(text, "legal-references")
    assert [s for s, _ in result] == ["статьям 330 и 614 Гражданского кодекса Российской Федерации"]
    assert "2) статье 65 Земельного кодекса Российской Федерации" in result[0][1]


def test_references_in_endnotes_do_not_count():
    text = ("Вы можете продлить аренду без торгов (примечание 1).\n\nПримечания:\n"
            "1. Земельный кодекс Российской Федерации, статья 39.6.\n"
            "2. Гражданский кодекс Российской Федерации, статья 614.\n"
            "3. Федеральный закон от 13.07.2015 № 218-ФЗ." + SURVEY)
    refs = plainreply.legal_references(text)
    assert len(refs) == 3 and all(r.in_endnotes for r in refs)
    assert spans(text, "legal-references") == []


# --- survey link --------------------------------------------------------------------------------

def test_missing_survey_link_is_an_empty_span_at_the_end():
    text = "Мы продлили договор. Подробности на сайте https://mio.example.ru/arenda"
    report = plainreply.check(text)
    [finding] = [f for f in report.findings if f.category == "survey-link"]
    assert (finding.start, finding.end, finding.severity) == (len(text), len(text), "error")
    assert spans("Мы продлили договор." + SURVEY, "survey-link") == []


def test_survey_url_pattern_from_the_configuration():
    text = "Мы продлили договор. Анкета: https://forms.example.ru/q/77"
    assert spans(text, "survey-link") == []  # «анкета» is a rating word
    text = "Мы продлили договор. Ссылка: https://forms.example.ru/q/77"
    assert len(spans(text, "survey-link")) == 1
    config = {"options": {"survey-link": {"url_pattern": r"forms\.example\.ru/q/"}}}
    assert spans(text, "survey-link", config=config) == []


# --- bad input ------------------------------------------------------------------------------------

def test_odd_letters_do_not_crash_and_offsets_stay_inside():
    huge = ("Министерство рассмотрело Ваше обращение по вопросу аренды земельного участка в МФЦ. "
            "Согласно п. 3 ст. 39.6 ЗК РФ в удовлетворении отказано. ") * 3600
    for text in ["...", "!!!", "Уважаемый Иван Петрович!", "ЕГРН", "ст. 39.6 ЗК РФ", huge]:
        report = plainreply.check(text)
        for f in report.findings:
            assert 0 <= f.start <= f.end <= len(text)
    assert len(huge.split()) > 50_000
