"""The cached tokeniser gives exactly razdel's tokens: on real documents and on the chunk edges
where razdel looks past the whitespace («кто -то», «1 ,5», «кто- то»)."""

from __future__ import annotations

import gzip
import json

import pytest
import razdel

from plainreply.analysis.tokenize import tokenize

from conftest import shared_path


def razdel_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.stop, t.text) for t in razdel.tokenize(text)]


@pytest.mark.parametrize("text", [
    "Кто -то позвонил, кто- то написал.",
    "Сумма 1 ,5 тыс. руб. и 1, 5 тыс. руб.; дробь 3 /4 и 3/ 4.",
    "Слово — тире, - дефис, -- два дефиса, snake _case и snake_ case.",
    "Что-то, из-за, 1.5, 1,5, 3/4, ΔP, mβж, Yahoo!, :-), ...?!",
    "Т. е. ул. Ленина, д. 5-а, кв. 12/3; e-mail: info@mail.ru",
    "- начало с дефиса и конец с дефисом -",
    "«Цитата»… (скобки) [и] {фигурные} № 5 § 2 %",
    "ab -то, § -то, 5 -то, » -то, 5 ,5, x ,5, 5, 5 5 /5 5/ x x_ 5 _x ΔP -й",
])
def test_tricky_edges_tokenise_as_razdel_does(text):
    assert list(tokenize(text)) == razdel_tokens(text)


def test_a_chunk_reads_the_same_after_its_neighbour_changes():
    # «-то» joins after a word and stays apart after a comma: the cache keys on the neighbour.
    assert [t[2] for t in tokenize("кто -то")] == ["кто", "-то"]
    assert [t[2] for t in tokenize(", -то")] == [",", "-", "то"]
    assert [t[2] for t in tokenize("кто -то")] == ["кто", "-то"]
    assert [t[2] for t in tokenize("кто- то")] == ["кто-", "то"]
    assert [t[2] for t in tokenize("кто- ,")] == ["кто", "-", ","]


def test_real_documents_tokenise_as_razdel_does():
    path = shared_path("data", "rurebus", "rurebus_docs.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(60), f)]
    for text in texts:
        assert list(tokenize(text)) == razdel_tokens(text)


def test_random_strings_of_letters_digits_and_marks_tokenise_as_razdel_does():
    # Seeded, so a failure repeats: short strings where every shortcut of the cache is tried
    # next to every kind of neighbour (a word, a number, a mark, «Yahoo!»).
    import random

    alphabet = [*"абвЯ", *"abZ", *"019", *".,;:!?-—–_/\\()«»\"'…№%$§Δ ", "  "]
    rng = random.Random(10)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.05:
            text = "Yahoo! " + text
        assert list(tokenize(text)) == razdel_tokens(text), text


def test_sentences_of_a_line_are_razdels():
    # A line with no sentence mark, or one only at its end, skips razdel; the rest goes through it.
    import random

    from plainreply.analysis.segment import sentence_spans

    alphabet = [*"абвЯ ", *".?!…;\"»)(:-=", "т.е", "Ст.", " 5", "ул.", ":)"]
    rng = random.Random(3)
    texts = ["Уважаемый Иван Петрович!", "Приложение: на 3 л.", "Ответ дан. Срок продлен.", "Т. е. ул. Ленина"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10))).strip() for _ in range(20_000)]
    for text in filter(None, texts):
        assert list(sentence_spans(text, 0, len(text))) == [(s.start, s.stop) for s in razdel.sentenize(text)], text
