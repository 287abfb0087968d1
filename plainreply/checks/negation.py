"""Negative constructions that a positive sentence would say better (order, clause 3.10, 4).

A strict editor accepts a plain statement of absence: «нарушений не выявлено», «задолженности
нет», «заявлений не поступило» are the fact itself. So this check reports only negations with a
positive wording to offer:
  - double negation: «никто не сможет», «не могло не отразиться», «нельзя не сказать»;
  - a verb with a positive counterpart in `positive` («не позволяет» → «мешает»);
  - a negation addressed to the reader («Ваш дом не зарегистрирован» → «зарегистрируйте дом»,
    «Вы не можете» → what the reader can do), except verbs of absence (`absence`);
  - «нет» and «отсутствует» with a right, a ground or a possibility («права на выкуп у Вас нет»),
    and «нельзя» said to the reader.
Limits with «не» («не позднее 1 июня», «не менее 75 %») are the check `negative_limits`.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping, Sequence

from .. import regexes
from ..analysis import NUMBER, WORD, Document, Token, fold
from ..analysis.morph import analyzer
from ..engine.model import Hit
from ..engine.python import python_check

_PREDICATE_POS = frozenset({"VERB", "INFN", "PRTS", "ADJS", "PRED", "GRND"})
_NEGATIVE_PRONOUNS = frozenset({"ничего", "ничем", "ничто", "никто", "никого", "никому", "никем",
                                "никогда", "нигде", "никуда", "никак"})
_DOUBLE_WINDOW = 3  # words between a negative pronoun and «не»
_WANT_WINDOW = 5  # words between «нет» and the right or ground it denies
_FORM_GRAMMEMES = ("pres", "past", "futr", "sing", "plur", "1per", "2per", "3per", "masc", "femn", "neut",
                   "indc", "impr", "INFN", "PRTS", "GRND")


@python_check(
    "negation",
    options={"ignore_after_ne": [], "positive": {}, "absence": [], "reader_words": [], "wants": [],
             "double_suggestion": "", "do_suggestion": "", "can_suggestion": "", "want_suggestion": "",
             "forbid_suggestion": "", "positive_template": ""},
)
def negation(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """The negations listed in the module's docstring; each place is reported once."""
    ignore = {fold(w) for w in options["ignore_after_ne"]}
    absence = {fold(w) for w in options["absence"]}
    reader = {fold(w) for w in options["reader_words"]}
    wants = {fold(w) for w in options["wants"]}
    positive = {fold(k): v for k, v in options["positive"].items()}
    keys = doc.phrase_keys
    # Every finding starts at one of these words: other sentences are not read.
    triggers = sorted({*keys.get("не", ()), *keys.get("нет", ()), *keys.get("нельзя", ())})
    for sentence, _ in doc.sentences_holding(triggers):
        words = [t for t in doc.sentence_tokens(sentence) if t.kind == WORD]
        to_reader = any(_lemma(t) in reader or t.key in reader for t in words)
        yield from _sentence(words, options, ignore, absence, positive, wants, to_reader)


def _sentence(words: list[Token], options: Mapping[str, Any], ignore: set[str], absence: set[str],
              positive: Mapping[str, str], wants: set[str], to_reader: bool) -> Iterator[Hit]:
    pronoun: int | None = None
    skip_until = -1
    for k, token in enumerate(words):
        key = token.key
        if k <= skip_until:
            continue
        if key in _NEGATIVE_PRONOUNS and pronoun is None:
            pronoun = k
        if key == "нет" and _near(words, k, wants):
            yield Hit(token.start, token.end, suggestion=options["want_suggestion"])
        elif key == "нельзя":
            if k + 2 < len(words) and words[k + 1].key == "не":  # «нельзя не сказать»
                yield Hit(token.start, words[k + 2].end, suggestion=options["double_suggestion"],
                          values={"detail": "двойное отрицание"})
                skip_until = k + 2
            elif to_reader:
                yield Hit(token.start, token.end, suggestion=options["forbid_suggestion"])
        if key != "не" or k + 1 >= len(words):
            continue
        following = words[k + 1]
        lemma = _lemma(following)
        if following.key in ignore or lemma in ignore or not _is_predicate(following):
            continue
        if pronoun is not None and k - pronoun <= _DOUBLE_WINDOW:
            yield Hit(words[pronoun].start, following.end, suggestion=options["double_suggestion"],
                      values={"detail": "двойное отрицание"})
            pronoun = None
            continue
        if lemma == "мочь" and k + 3 < len(words) and words[k + 2].key == "не":  # «не могло не отразиться»
            yield Hit(token.start, words[k + 3].end, suggestion=options["double_suggestion"],
                      values={"detail": "двойное отрицание"})
            skip_until = k + 3
            continue
        if lemma in positive:
            advice = _positive_advice(following, positive[lemma], options["positive_template"])
            if advice:
                yield Hit(token.start, following.end, suggestion=advice)
        elif to_reader and lemma not in absence:
            advice = _reader_advice(following, lemma, options)
            if advice:
                yield Hit(token.start, following.end, suggestion=advice)


def _positive_advice(token: Token, positive: str, template: str) -> str:
    """Advice for a verb with a positive counterpart. `positive` is advice as it stands, or «=слова»:
    words put into the form of the negated verb («=помешать» for «не позволили» gives «помешали»;
    «=остаться прежний[ablt]» for «не изменилась» gives «осталась прежней»)."""
    if not positive.startswith("="):
        return positive
    source = next((p for p in analyzer().parse(token.text.lower())
                   if p.tag.POS in ("VERB", "INFN", "PRTS", "GRND")), None)
    if source is None:
        return ""
    words = []
    for word in positive[1:].split():
        form = _fitted(word, source.tag)
        if form is None:
            return ""
        words.append(form)
    return template.format(words=" ".join(words))


def _fitted(word: str, tag: Any) -> str | None:
    """`word` (a verb, or an adjective with its case: «прежний[ablt]») in the form that `tag` describes."""
    case = None
    if word.endswith("]"):
        word, case = word[:-1].split("[")
    grammemes = {g for g in _FORM_GRAMMEMES if g in tag}
    for parse in analyzer().parse(word):
        if case and parse.tag.POS == "ADJF":
            wanted = {case, "plur"} if "plur" in tag else {case, next((g for g in ("masc", "femn", "neut") if g in tag), "masc"), "sing"}
        elif not case and parse.tag.POS == "INFN":
            wanted = grammemes | ({"pssv"} if "PRTS" in tag else set())
        else:
            continue
        form = parse.inflect(wanted) if wanted - {"INFN"} else parse
        return form.word if form else None
    return None


def _lemma(token: Token) -> str:
    return fold(token.morph.lemma)


def _is_predicate(token: Token) -> bool:
    return token.morph.parses[0].pos in _PREDICATE_POS or token.morph.has("PRTS")


def _near(words: Sequence[Token], k: int, lemmas: set[str]) -> bool:
    window = words[max(0, k - _WANT_WINDOW):k + _WANT_WINDOW + 1]
    return any(_lemma(t) in lemmas for t in window)


def _reader_advice(token: Token, lemma: str, options: Mapping[str, Any]) -> str:
    """What to tell the reader instead: what they can do, or the step that is missing
    («не зарегистрирован» → «зарегистрируйте …»); nothing when no such advice fits."""
    if lemma == "мочь":
        return options["can_suggestion"]
    if not token.morph.has("PRTS") and not token.morph.has("past") and not token.morph.has("perf"):
        return ""
    verb = _verb_lemma(token)
    imperative = _imperative(verb) if verb else None
    return options["do_suggestion"].format(verb=imperative) if imperative else ""


def _verb_lemma(token: Token) -> str | None:
    """«зарегистрирован» → «зарегистрировать»: the infinitive behind a participle or a verb form."""
    for parse in analyzer().parse(token.text.lower()):
        if parse.tag.POS in ("PRTS", "VERB", "INFN") and "perf" in parse.tag:
            return parse.normal_form if parse.tag.POS != "PRTS" else _infinitive(parse)
    return None


def _infinitive(parse: Any) -> str | None:
    infinitive = parse.inflect({"INFN"})
    return infinitive.word if infinitive else None


def _imperative(verb: str) -> str | None:
    for parse in analyzer().parse(verb):
        if parse.tag.POS == "INFN" and "perf" in parse.tag and "tran" in parse.tag:
            form = parse.inflect({"impr", "plur", "excl"})
            if form and re.fullmatch(r"[а-яё]+те", form.word):
                return form.word
    return None


@python_check("negative_limits", options={"advice": {}, "month_names": []})
def negative_limits(doc: Document, params: Mapping[str, Any], options: Mapping[str, Any]) -> Iterator[Hit]:
    """«не позднее», «не ранее», «не менее», «не более», «не свыше»: an exact replacement where the
    words after it allow one («не позднее 1 июня» → «до 1 июня включительно», «не менее 75 %» →
    «как минимум 75 %», «не более 30 дней» → «до 30 дней»), advice otherwise. «тем не менее» and
    «не менее важно» are no limits."""
    advice = {fold(k): v for k, v in options["advice"].items()}
    months = {fold(m) for m in options["month_names"]}
    for sentence, positions in doc.sentences_holding(_particles_ne(doc)):
        tokens = doc.sentence_tokens(sentence)
        for k in positions:
            if k + 1 >= len(tokens):
                continue
            word = tokens[k + 1].key
            if word not in advice or (k > 0 and tokens[k - 1].key == "тем"):
                continue
            end = k + 2
            if end < len(tokens) and tokens[end].key == "чем":
                end += 1
            rest = tokens[end:]
            if not rest or rest[0].kind != NUMBER and rest[0].key not in ("через", "за"):
                continue  # «не менее важно», «не более чем на …»: no limit to rewrite
            hit = _limit_hit(doc.text, tokens, k, end, word, rest, months, advice[word])
            if hit:
                yield hit


def _particles_ne(doc: Document) -> list[int]:
    """The indexes of the tokens «не»: looked up in the index of word forms. That index holds words
    only, and a «не» inside a link is a token too, so a text with links is read token by token."""
    if any(span.kind == "link" for span in doc.context):
        return [t.index for t in doc.tokens if t.key == "не"]
    return [i for i in doc.phrase_keys.get("не", ()) if doc.tokens[i].key == "не"]


def _limit_hit(text: str, tokens: list[Token], k: int, end: int, word: str, rest: list[Token],
               months: set[str], advice: str) -> Hit | None:
    start = tokens[k].start
    capital = text[start].isupper()
    if rest[0].kind != NUMBER:
        if rest[0].key == "за" and len(rest) > 1:  # «не ранее чем за месяц до …»
            return _within(start, tokens[end - 1].end, rest, capital, advice)
        return Hit(start, tokens[end - 1].end, suggestion=advice)
    if word in ("позднее", "позже", "ранее", "раньше"):
        found = _date_end(rest, months)
        if found is None:
            if word in ("позднее", "позже") and _counted_days(rest):  # «не позднее 10 дней с даты …»
                return _replace(start, tokens[end - 1].end, "в течение", capital, advice)
            return Hit(start, tokens[end - 1].end, suggestion=advice)
        date_end, final_dot = found
        date = text[rest[0].start:date_end]
        dot = "." if final_dot else ""
        if word in ("позднее", "позже"):
            return _replace(start, date_end, f"до {date} включительно{dot}", capital, advice)
        return _replace(start, date_end, f"начиная с {date}{dot}", capital, advice)
    if word in ("более", "свыше"):
        return _replace(start, tokens[end - 1].end, "до", capital, advice)
    if _nominative_reads_alike(rest):  # «не менее 5 дней» → «как минимум 5 дней»
        return _replace(start, tokens[end - 1].end, "как минимум", capital, advice)
    return Hit(start, tokens[end - 1].end, suggestion=advice)


_PERIODS = frozenset({"день", "неделя", "месяц", "год", "сутки"})


def _within(start: int, limit_end: int, rest: list[Token], capital: bool, advice: str) -> Hit:
    """«не ранее чем за месяц до подачи» means «в течение месяца до подачи»."""
    period = rest[1]
    if period.kind == WORD and fold(period.morph.lemma) in _PERIODS and period.morph.has("accs", "sing"):
        genitive = next((p.inflect({"gent", "sing"}) for p in analyzer().parse(period.text.lower())
                         if p.tag.POS == "NOUN"), None)
        if genitive:
            return _replace(start, period.end, f"в течение {genitive.word}", capital, advice)
    if period.kind == NUMBER and _nominative_reads_alike(rest[1:]):
        return _replace(start, rest[0].end, "в течение", capital, advice)
    return Hit(start, limit_end, suggestion=advice)


def _replace(start: int, end: int, replacement: str, capital: bool, advice: str) -> Hit:
    if capital:
        replacement = replacement[0].upper() + replacement[1:]
    return Hit(start, end, suggestion=advice, replacement=replacement)


_UNITS = frozenset({"м", "км", "га", "кг", "т", "л", "см", "мм", "руб", "тыс", "млн", "млрд", "чел", "ед", "шт"})
_DATE_DIGITS = regexes.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_YEAR = regexes.compile(r"(?:19|20)\d\d")


def _date_end(rest: list[Token], months: set[str]) -> tuple[int, bool] | None:
    """Where a date right after the limit ends («15.05.2026», «1 июня», «1 июня 2026 года», «2020 г.»),
    and whether it took the sentence's final dot (the dot of «г.»); None when no date stands there
    or the date goes on («1 июня года, следующего …», «15 февраля текущего года»)."""
    first = rest[0]
    has_year = bool(_DATE_DIGITS.fullmatch(first.text))
    if has_year:
        end, i = first.end, 1
    elif re.fullmatch(r"\d{1,2}", first.text) and len(rest) > 1 and rest[1].key in months:
        end, i = rest[1].end, 2
        if i < len(rest) and _YEAR.fullmatch(rest[i].text):
            end, i, has_year = rest[i].end, i + 1, True
    elif _YEAR.fullmatch(first.text) and len(rest) > 1 and rest[1].key in ("года", "г"):
        end, i, has_year = first.end, 1, True
    else:
        return None
    took_dot = False
    if has_year and i < len(rest) and rest[i].key in ("года", "г"):
        end, i = rest[i].end, i + 1
        if rest[i - 1].key == "г" and i < len(rest) and rest[i].text == ".":
            end, i, took_dot = rest[i].end, i + 1, True
    if i < len(rest) and rest[i].kind == WORD and rest[i].morph.has("gent"):
        return None
    return end, took_dot and i == len(rest)


def _counted_days(rest: list[Token]) -> bool:
    return len(rest) > 1 and rest[1].kind == WORD and fold(rest[1].morph.lemma) in (
        "день", "месяц", "год", "неделя", "час") or (
        len(rest) > 2 and rest[1].key in ("рабочих", "календарных") and fold(rest[2].morph.lemma) == "день")


def _nominative_reads_alike(rest: list[Token]) -> bool:
    """After «как минимум» the number is nominative: «не менее 5 дней» reads the same, «не менее 2 раз»
    and «не менее 1 раза» would need another form of the noun."""
    number = rest[0].text
    after = rest[1] if len(rest) > 1 else None
    if after is None or after.kind != WORD:
        return True  # «75 %», end of the sentence
    if "," in number or "." in number:
        return True  # «1,5 метра»: the same form after both
    if len(rest) > 2 and rest[2].text == "." or after.key in _UNITS:
        return True  # «кв. м», «га», «км»: abbreviations read alike
    digits = number.replace(" ", "")
    last_two = int(digits[-2:]) if digits[-2:].isdigit() else int(digits[-1])
    return last_two % 10 in (0, 5, 6, 7, 8, 9) or 11 <= last_two <= 14
