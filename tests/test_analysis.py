from __future__ import annotations

import subprocess
import sys

import pytest

from plainreply.analysis import LINK, WORD, analyze, morph
from plainreply.analysis.morph import _parse

TRICKY = (
    "Уважаемый Иван\u00a0Петрович!\r\n\r\n"
    "Министерство рассмотрело заявление ООО «Северный склад» — 😀 спасибо.\r\n"
    "Выписку из ЕГРН закажите на Gosuslugi-портале или по адресу https://mio.example.ru/opros.\r\n"
    "С уважением,\r\nА. А. Сычугов"
)


def test_offsets_point_into_the_original_text():
    doc = analyze(TRICKY)
    assert doc.tokens, "no tokens"
    for token in doc.tokens:
        assert TRICKY[token.start:token.end] == token.text
    for sentence in doc.sentences:
        tokens = doc.sentence_tokens(sentence)
        assert tokens[0].start == sentence.start and tokens[-1].end == sentence.end
    for paragraph in doc.paragraphs:
        assert not TRICKY[paragraph.start].isspace() and not TRICKY[paragraph.end - 1].isspace()


def test_paragraphs_sentences_and_special_tokens():
    doc = analyze(TRICKY)
    assert len(doc.paragraphs) == 2
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert texts[0] == "Уважаемый Иван\u00a0Петрович!"
    assert "С уважением," in texts  # a line break after a comma ends the line of the signature
    kinds = {t.text: t.kind for t in doc.tokens}
    assert kinds["😀"] != WORD
    assert kinds["Gosuslugi-портале"] == WORD
    assert all(t.kind == LINK for t in doc.tokens if "example" in t.text or t.text == "opros")


def test_soft_line_wraps_stay_inside_one_sentence():
    doc = analyze("Министерство рассмотрело Ваше\nзаявление о выкупе участка.")
    assert len(doc.sentences) == 1


@pytest.mark.parametrize("text, expected", [
    # the next line goes on in lower case
    ("Сообщаем, что заявление,\nпоступившее 5 мая, рассмотрено.", ["Сообщаем, что заявление,\nпоступившее 5 мая, рассмотрено."]),
    ("к Постановлению\nадминистрации города\nот 31 декабря 2015 г. № 12/4083", ["к Постановлению\nадминистрации города\nот 31 декабря 2015 г. № 12/4083"]),
    # a long line without a stop, wrapped before a name
    ("Мы направили Ваше обращение о ремонте дороги по улице Ленина и ямах на тротуаре\nМинистерству транспорта для ответа.",
     ["Мы направили Ваше обращение о ремонте дороги по улице Ленина и ямах на тротуаре\nМинистерству транспорта для ответа."]),
    # a wrap after a preposition, even in a short line
    ("Обращение направлено в\nМинистерство транспорта.", ["Обращение направлено в\nМинистерство транспорта."]),
    # a heading, list items and a signature end their lines
    ("ПАСПОРТ ПРОГРАММЫ\nНаименование программы: развитие дорог.", ["ПАСПОРТ ПРОГРАММЫ", "Наименование программы: развитие дорог."]),
    ("Приложите документы:\n- копию паспорта,\n- выписку из реестра.", ["Приложите документы:", "- копию паспорта,", "- выписку из реестра."]),
    ("С уважением,\nначальник отдела\nА. А. Сычугов", ["С уважением,", "начальник отдела", "А. А. Сычугов"]),
])
def test_line_breaks_end_a_sentence_only_where_a_line_ends_a_thought(text, expected):
    doc = analyze(text)
    assert [doc.sentence_text(s) for s in doc.sentences] == expected
    assert all(text[s.start:s.end] == doc.sentence_text(s) for s in doc.sentences)


def test_lemmas_pos_and_grammemes():
    m = morph("Денежных")
    assert m.lemma == "денежный" and m.pos == "ADJF" and m.has("gent", "plur")
    assert "рассмотреть" in morph("рассмотрено").lemmas
    assert morph("ещё").lemma == morph("еще").lemma


def test_each_word_form_is_parsed_once():
    morph.cache_clear()
    _parse.cache_clear()
    for word in ["Заявление", "заявление", "ЗАЯВЛЕНИЕ", "заявление", "рассмотрено", "Рассмотрено"]:
        morph(word)
    info = _parse.cache_info()
    assert (info.misses, info.hits) == (2, 3), info  # pymorphy3 ran twice; one repeat never reached it


def test_natasha_is_not_loaded_unless_a_rule_needs_it():
    code = (
        "import sys, plainreply\n"
        "plainreply.check('Заявки принимаются с 10 марта. Ваше заявление рассмотрено.')\n"
        "print('natasha' in sys.modules, 'slovnet' in sys.modules)\n"
        "plainreply.check('Заявки принимаются с 10 марта.', config={'select': ['passive-syntax']})\n"
        "print('natasha' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "False False"
    assert out[1] == "True"


def test_readability_prefers_short_sentences_and_short_words():
    plain = analyze("Мы получили письмо. Ответим до 13 марта. Если будут вопросы, позвоните.")
    heavy = analyze("Вышеуказанное обстоятельство свидетельствует о необходимости осуществления "
                    "дополнительного межведомственного информационного взаимодействия.")
    assert plain.readability > heavy.readability + 40


@pytest.mark.parametrize("text", [
    "Сайт WWW.MINIMUSHCHESTVO.RU и HTTPS://Gosuslugi.Ru/help, почта Info@Mail.Ru.",
    "Адрес udmurt.su, портал КАДАСТР.РФ; сайт example.INFO.",
    "Сайт example.ſu и почта ı@x.org",
])
def test_links_are_found_in_any_case(text):
    from plainreply.analysis.segment import _LINK, link_spans

    assert link_spans(text) and [text[s:e] for s, e in link_spans(text)] == \
        [m.group().rstrip(".,;:!?)»") for m in _LINK.finditer(text)]


def test_a_letter_without_any_sign_of_a_link_has_none():
    from plainreply.analysis.segment import link_spans

    assert link_spans("Министерство рассмотрело Ваше обращение о предоставлении участка.") == ()


def test_phrase_keys_file_every_word_under_each_lemma_and_its_form_in_text_order():
    doc = analyze("Сроки аренды продлены. Срок договора аренды истек 1 марта 2026 года; "
                  "в 2026 году сроки не продлевали. Срок — это срок.")
    expected: dict[str, list[int]] = {}
    for token in doc.tokens:
        keys = token.morph.keys if token.kind == "word" else {token.key} if token.kind == "number" else ()
        for key in keys:
            expected.setdefault(key, []).append(token.index)
    assert doc.phrase_keys == expected
    assert [doc.tokens[i].text for i in doc.phrase_keys["срок"]] == ["Сроки", "Срок", "сроки", "Срок", "срок"]
    assert [doc.tokens[i].text for i in doc.phrase_keys["2026"]] == ["2026", "2026"]
