"""Phone numbers, dates and numbers for the context layer.

    +7 (3412) 12-34-56, 8-800-100-00-00; 12.01.2027, 12 января 2027 года, 2014-2020 годы;
    1 200 руб., 2747,271 тыс. руб., 18:26:010101:123, № 59-ФЗ, № 12/4083, 131-ФЗ, 12,5 %
"""

from __future__ import annotations


from .. import regexes
from .context_words import digit_runs, matches_at, positions, words_before_numbers

_SP = r"[ \t\u00a0]"
_MONTHS_GENITIVE = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_MONTHS = (r"январ[ьяеюё]\w{0,2}|феврал[ьяеюё]\w{0,2}|март\w{0,2}|апрел[ьяеюё]\w{0,2}|ма[йяеюё]\w{0,2}|"
           r"июн[ьяеюё]\w{0,2}|июл[ьяеюё]\w{0,2}|август\w{0,2}|сентябр[ьяеюё]\w{0,2}|октябр[ьяеюё]\w{0,2}|"
           r"ноябр[ьяеюё]\w{0,2}|декабр[ьяеюё]\w{0,2}")
# Shortened words («г.», «руб.», «кв. м») stay outside the spans: the abbreviation rule reads them.
_YEAR_WORD = rf"(?:{_SP}*год(?:а|у|ом|е|ы|ов|ах|ам|ами)?(?![\w-])|(?={_SP}*г\.|{_SP}*гг\.))"

# Each pattern can start only at a digit run, at one of the characters of its lookahead, or
# (a month) before a year: it is tried there only (see the functions at the end).
_PHONE = regexes.compile(
    rf"(?=[\d(+])(?:"
    rf"(?:(?<![\w+])(?:\+7|8)[{_SP[1:-1]}-]{{0,2}}\(?\d{{3,5}}\)?[{_SP[1:-1]}-]{{0,2}}\d{{1,3}}(?:[{_SP[1:-1]}-]?\d{{2}}){{2}}"
    rf"|\(\d{{3,5}}\){_SP}?\d{{1,3}}(?:-\d{{2}}){{2}}"
    rf"|(?<![\d.,/-])\d{{1,3}}-\d{{2}}-\d{{2}})(?![\d-]))"
)
_DATE = regexes.compile(
    rf"(?=[\d«яфмаисондЯФМАИСОНД])(?:(?<![\d.,/])(?:"
    rf"\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}})(?![\d.]\d){_YEAR_WORD}?"          # 12.01.2027 г.
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?!\d)"                                       # 2027-01-12
    rf"|«?\d{{1,2}}»?{_SP}+(?:{_MONTHS_GENITIVE})(?:{_SP}+\d{{4}}{_YEAR_WORD}?)?"  # 12 января 2027 года
    rf"|[12]\d{{3}}(?:{_SP}*[-–—]{_SP}*[12]\d{{3}})?{_YEAR_WORD}"                 # 2014-2020 годы, 2017 г.
    rf")(?![\w-])"
    rf"|(?<![\w-])(?i:{_MONTHS}){_SP}+[12]\d{{3}}{_YEAR_WORD}?(?![\w-]))"       # январь 2027 года
)
_AMOUNT = r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_UNIT = (
    rf"(?:(?:тыс|млн|млрд|трлн)\.?{_SP}*)?(?:руб(?:\.|лей|ля|ль|лям|лями)?|коп\.|долл\.)"
    rf"|%|процент\w{{0,3}}"
    rf"|кв\.{_SP}?м\.?|куб\.{_SP}?м\.?|м2|м²|м3|м³|км|га|м(?![\w.])|кг|т(?![\w.])|Гкал|кВт(?:ч|·ч)?"
    rf"|чел\.|ед\.|шт\.|тыс\.(?:{_SP}*(?:чел|ед|шт)\.)?|млн\.?|млрд\.?"
)
_FULL_UNIT = rf"{_SP}*(?:%|процент\w{{0,3}}|(?:(?:тысяч|миллион|миллиард)\w{{0,2}}{_SP}+)?рубл\w{{0,3}})(?![\w])"
_NUMBER = regexes.compile(
    rf"(?=[\d№N])(?:(?<![\w.,])(?:{_AMOUNT})(?:{_FULL_UNIT}|(?={_SP}*(?:{_UNIT})(?![\w])))"  # 1 200 руб., 12,5 %
    rf"|(?<![\d:])\d{{2}}:\d{{2}}:\d{{5,7}}:\d{{1,7}}(?![\d:])"               # 18:26:010101:123
    rf"|(?:№№?|(?<![\w])N(?={_SP}?\d)){_SP}*[\dА-Яа-яA-Za-z](?:[\w/-]|\.(?=\w)){{0,30}}"  # № 59-ФЗ, № 12/4083
    rf"|(?<![\w-])\d{{1,5}}-(?:ФЗ|ФКЗ|РЗ|ОЗ|КЗ|пп|па|рп)(?![\w-]))"            # 131-ФЗ
)


def phone_spans(text: str) -> list[tuple[int, int]]:
    starts = sorted([*digit_runs(text), *positions(text, "+"), *positions(text, "(")])
    return [(m.start(), m.end()) for m in matches_at(_PHONE, text, starts)]


def date_spans(text: str) -> list[tuple[int, int]]:
    starts = sorted([*digit_runs(text), *positions(text, "«"), *_months_before_years(text)])
    return [(m.start(), m.end()) for m in matches_at(_DATE, text, starts)]


def _months_before_years(text: str) -> list[int]:
    """Where the word before a year starts, spaces between: «январь 2027 года» may start there."""
    return [start for start, _, number in words_before_numbers(text) if text[number] in "12"]


def number_spans(text: str) -> list[tuple[int, int]]:
    starts = sorted([*digit_runs(text), *positions(text, "№"), *positions(text, "N")])
    return [(m.start(), m.end()) for m in matches_at(_NUMBER, text, starts)]
