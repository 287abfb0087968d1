"""Spelling and punctuation on real Russian sentences."""

from __future__ import annotations

import pytest

import plainreply
from plainreply import RuleFileError


def found(text: str, category: str, **kwargs) -> list[tuple[str, str]]:
    report = plainreply.check(text, **kwargs)
    return [(text[f.start:f.end], f.suggestion) for f in report.findings if f.category == category]


def test_misspelt_words_get_corrections_ranked_by_frequency():
    text = "К участию допускаются только учасники. Документы забрать в приемной министества."
    result = found(text, "spelling")
    assert [w for w, _ in result] == ["учасники", "министества"]
    assert result[0][1].split(", ")[0] == "участники"
    assert result[1][1].split(", ")[0] == "министерства"


def test_names_places_links_numbers_and_abbreviations_pass():
    text = ("Документы подписал Р. Ф. Галиева. Участок в деревне Кривцово Завьяловского района, "
            "номер 18:26:010203:45, адрес zemlya@mio.example.ru, сайт https://mio.example.ru/opros. "
            "Выписку из ЕГРН закажите в МФЦ или через Gosuslugi.")
    assert found(text, "spelling") == []


def test_real_word_errors_found_by_patterns():
    text = "Ответ дадим в течении 10 дней. По всем вопросам можно обратится к нам. Кто то звонил."
    assert [w for w, _ in found(text, "spelling")] == ["в течении", "обратится", "Кто то"]
    assert [s for _, s in found(text, "spelling")] == ["в течение", "обратиться", "Кто-то"]


def test_words_run_together_are_split():
    result = found("Я незнаю, чтото случилось.", "spelling")
    assert ("незнаю", "не знаю") in [(w, s.split(", ")[0]) for w, s in result]
    assert any(w == "чтото" and "что-то" in s for w, s in result)


def test_user_dictionary_from_the_configuration(tmp_path):
    text = "Сведения передал специалист Жуйкобоева."
    words = tmp_path / "words.txt"
    words.write_text("# слова отдела\nжуйкобоева\n", encoding="utf-8")
    lower = "сведения передал жуйкобоев."
    assert [w for w, _ in found(lower, "spelling")] == ["жуйкобоев"]
    config = {"options": {"spelling": {"user_dictionary": str(words)}}}
    assert found(lower, "spelling", config=config) == []
    assert found(text, "spelling") == []  # a capitalised word inside a sentence is a name


def test_missing_user_dictionary_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(RuleFileError) as info:
        plainreply.check("Текст.", config={"options": {"spelling": {"user_dictionary": str(missing)}}})
    assert str(missing) in str(info.value) and "\n" not in str(info.value)


def test_commas_before_clauses_and_gerunds():
    text = ("В ходе проверки установлено что при расчете была ошибка. Вы можете передать участок "
            "в субаренду направив уведомление. Задаток вернут всем участникам кроме победителя.")
    assert [w for w, _ in found(text, "punctuation")] == [
        "установлено что", "субаренду направив", "участникам кроме"]


def test_compound_sentence_and_introductory_words():
    text = "Ваша очередь подошла и Вы можете выбрать участок. К сожалению мы отказываем."
    result = found(text, "punctuation")
    assert [w for w, _ in result] == ["подошла и Вы", "К сожалению"]


def test_correct_punctuation_passes():
    text = ("Мы рассмотрели заявление и продлили договор. Участок выбрали семьи, очередь которых "
            "наступила раньше. Мы отказываем, потому что участок занят. Подайте заявление, "
            "приложив копию паспорта. Принесите документы, например свидетельство о рождении. "
            "Что нужно сделать:\n1) подать заявление;\n2) оплатить пошлину.")
    assert found(text, "punctuation") == []


def test_spacing_dashes_quotes_and_pairs():
    text = 'Вывоз мусора - задача оператора , а не наша. Центр "Мои документы" работает (с 9:00.'
    assert [w for w, _ in found(text, "punctuation")] == [" - ", " ,", "("]
    assert [w for w, _ in found(text, "typography")] == ['"Мои документы"']
