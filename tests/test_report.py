from __future__ import annotations

import json

import pytest

import plainreply

BUREAUCRATIC = (
    "В соответствии с подпунктом 6 статьи 39.5 Земельного кодекса Российской Федерации в настоящее "
    "время предоставление Вам данного земельного участка не представляется возможным. "
    "Ответ будет направлен в установленный законодательством срок."
)
PLAIN = (
    "К сожалению, мы отказываем в предоставлении этого участка: на нем построят школу. "
    "Выберите другой участок из перечня на сайте министерства."
)


def test_empty_and_blank_texts_are_clean():
    for text in ["", "   \n\t  \n"]:
        report = plainreply.check(text)
        assert report.findings == [] and report.score == 10.0


def test_plain_text_scores_higher_and_the_score_is_continuous():
    heavy, plain = plainreply.check(BUREAUCRATIC), plainreply.check(PLAIN)
    assert 0.0 <= heavy.score < plain.score <= 10.0
    # One short word more changes the score a little: nothing is rounded or bucketed.
    longer = plainreply.check(PLAIN.replace("построят школу", "построят новую школу")).score
    assert 0 < plain.score - longer < 0.2


def test_one_more_finding_lowers_the_score():
    base = plainreply.check(PLAIN).score
    worse = plainreply.check(PLAIN.replace("этого участка", "данного участка")).score
    assert worse < base


def test_to_dict_is_json_with_counts_and_positions():
    report = plainreply.check("Текст письма.\nДанный участок предоставлен Вам в аренду.")
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["counts"] == report.counts and sum(data["counts"].values()) == len(data["findings"])
    first = data["findings"][0]
    assert set(first) >= {"rule", "category", "severity", "start", "end", "message", "suggestion", "line", "column"}
    assert (first["line"], first["column"]) == (2, 1)
    assert data["profile"] == "citizen" and data["score"] == report.score


def test_profiles_change_results():
    long = " ".join(["слово"] * 26) + "."
    assert plainreply.check(long, profile="citizen").findings
    assert not [f for f in plainreply.check(long, profile="internal").findings if f.category == "long-sentence"]


def test_inline_suppression_silences_one_finding():
    text = "Данный участок свободен.\nДанный участок занят. plainreply: ignore bureaucratese"
    found = [f for f in plainreply.check(text).findings if f.category == "bureaucratese"]
    assert [(f.start, text[f.start:f.end]) for f in found] == [(0, "Данный")]


def test_inline_suppression_without_names_silences_the_whole_line_only():
    text = "<!-- plainreply: ignore --> Вы не правы, данный участок занят.\nВы не правы."
    found = plainreply.check(text, markdown=True, config={"ignore": ["survey-link"]}).findings
    assert [(f.category, text[f.start:f.end]) for f in found] == [("forbidden-phrase", "Вы не правы")]
    assert found[0].start > text.index("\n")


def test_markdown_markup_is_not_read_as_text():
    text = "# Ответ\n\n**Данный** участок свободен: [перечень](https://mio.example.ru/list).\n"
    report = plainreply.check(text, markdown=True)
    assert [text[f.start:f.end] for f in report.findings if f.category == "bureaucratese"] == ["Данный"]
    assert not [f for f in report.findings if f.category == "typography"]


def test_one_long_sentence_does_not_sink_a_short_plain_letter():
    letter = (
        "Уважаемая Мария Петровна!\n\n"
        "Мы проверили Ваш дом по улице Ленина, 5. Крышу починят до 1 июня. "
        "Подъезд покрасят летом, когда будет тепло и сухо, потому что краска плохо ложится в холод "
        "и сырость, а переделывать работу дважды за один год жильцам и подрядчику невыгодно.\n\n"
        "Оцените, пожалуйста, наш ответ: https://mio.example.ru/opros\n\n"
        "С уважением,\nИ. И. Петров"
    )
    report = plainreply.check(letter)
    assert [f.category for f in report.findings] == ["long-sentence"]
    assert report.score > 6.0


def test_the_score_does_not_fall_with_the_number_of_plain_paragraphs():
    paragraph = "Мы проверили Ваш дом по улице Ленина. Крышу починят до 1 июня, а подъезд покрасят летом."
    short = plainreply.check(paragraph).score
    long = plainreply.check("\n\n".join([paragraph] * 30)).score
    assert long == pytest.approx(short)


def test_markdown_markup_and_code_cause_no_findings_and_hide_none_of_the_letter():
    text = ("# Ответ на обращение\n\n"
            "**Вам надлежит** оплатить пошлину. Смотрите [сайт министерства](https://mio.ru) и `код  ошибки`.\n\n"
            "- первый пункт списка;\n- второй _пункт_ списка.\n\n"
            "```\nданный  участок  ,  код\n```\n\n"
            "Оцените, пожалуйста, наш ответ: https://mio.udmurt.ru/opros\n")
    report = plainreply.check(text, markdown=True)
    assert [(f.rule, text[f.start:f.end]) for f in report.findings] == [("archaism-word", "надлежит")]
    plain = plainreply.check(text.replace("**", "").replace("`код  ошибки`", "код ошибки"))
    assert "надлежит" in [text.replace("**", "")[f.start:f.end] for f in plain.findings]


def test_a_real_spacing_slip_next_to_markup_is_still_found():
    text = "Мы **рассмотрели** обращение.  Участок  свободен.\n\nОцените, пожалуйста, наш ответ: https://mio.ru/o\n"
    found = {(f.rule, text[f.start:f.end]) for f in plainreply.check(text, markdown=True).findings}
    assert any(rule == "punctuation-spacing" for rule, _ in found), found


def test_markdown_table_borders_are_markup_and_a_pipe_in_prose_is_not():
    table = "| Поле | Значение |\n|---|:---:|\n| Срок | 14 дней |\n\nОцените, пожалуйста, наш ответ: https://mio.ru/o\n"
    assert [f.rule for f in plainreply.check(table, markdown=True).findings] == []
    from plainreply.markdown import markup_spans

    assert markup_spans("Выберите: да | нет.") == []  # a «|» in a sentence is text, not a cell border
    assert markup_spans("| Срок | 14 дней |") == [(0, 1), (7, 8), (17, 18)]
