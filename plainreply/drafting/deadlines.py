"""Deadline of the primary acknowledgement of a message received by electronic channels.

Clause 3.5 of the ministry's order: the acknowledgement is sent «в течение 24 часов после
получения сообщения по электронным каналам (за исключением выходных и нерабочих праздничных
дней)».

Interpretation implemented here:

* The 24 hours run only during working days. Time on Saturdays and Sundays, on the non-working
  holidays of art. 112 of the Labour Code, and on the days off moved onto weekdays (by the
  government's annual transfer decree or by art. 112 part 2) does not count.
* A Saturday or Sunday made a working day by a transfer decree counts in full.
* A message received on a day that does not count starts the clock at 00:00 of the next working day.
* If the hours run out exactly at midnight, the deadline is that midnight: the end of the last
  working day, not the start of the next one.

Examples: received on Friday at 16:00 of an ordinary week → 8 hours on Friday, Saturday and Sunday
skipped, 16 more hours on Monday → deadline Monday 16:00. Received on 7 January at 10:00 →
the clock starts at 00:00 of the first working day after the New Year holidays.

The production calendar is data, not code: `rules/calendar/ru-working-days.yaml`, updated each
year when the transfer decree is published. A year the file does not cover raises ValueError.

Naive datetimes are local time of the ministry (by default Izhevsk: UTC+4 all year, no daylight
saving since 2011; `zone` or the configuration's `time_zone` name another) and the deadline comes
back naive. An aware datetime is counted in that local time and the deadline comes back in the
time zone of `received`. A year whose transfer decree is not yet in the file is marked
`complete: false` there, and the command line warns when a deadline crosses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import regexes
from ..engine.loader import read_yaml
from ..errors import RuleFileError
from ..resources import data_dir

IZHEVSK = timezone(timedelta(hours=4), "Ижевск")
CALENDAR_TOP_FIELDS = frozenset({"holidays", "years"})
CALENDAR_YEAR_FIELDS = frozenset({"source", "days_off", "working_days", "complete"})
SATURDAY = 5
_MONTH_DAY = regexes.compile(r"^\d{2}-\d{2}$")
_ISO_DATE = regexes.compile(r"^\d{4}-\d{2}-\d{2}$")
_LEAP_YEAR = 2000  # lets "02-29" be checked like any other month-day


def default_calendar_path() -> Path:
    return data_dir("rules") / "calendar" / "ru-working-days.yaml"


@dataclass(frozen=True)
class CalendarYear:
    """One year's transfer decree: extra weekday days off and weekend days made working."""

    year: int
    source: str
    days_off: frozenset[date]
    working_days: frozenset[date]
    complete: bool = True  # false while the year's transfer decree is not yet in the file


@dataclass(frozen=True)
class WorkingCalendar:
    """The Russian production calendar read from `rules/calendar/ru-working-days.yaml`."""

    path: Path
    holidays: frozenset[tuple[int, int]]
    years: Mapping[int, CalendarYear]

    @classmethod
    def load(cls, path: Path | None = None) -> WorkingCalendar:
        path = Path(path) if path is not None else default_calendar_path()
        return _parse_calendar(read_yaml(path), path)

    def covers(self, year: int) -> bool:
        return year in self.years

    def incomplete_years(self, first: date, last: date) -> list[int]:
        """The years from `first` to `last` whose transfer decree is not yet in the file."""
        return [y for y in range(first.year, last.year + 1) if y in self.years and not self.years[y].complete]

    def is_working_day(self, day: date) -> bool:
        decree = self._year(day.year)
        if day in decree.working_days:
            return True
        if day in decree.days_off or (day.month, day.day) in self.holidays:
            return False
        return day.weekday() < SATURDAY

    def _year(self, year: int) -> CalendarYear:
        if not self.covers(year):
            raise ValueError(
                f"В производственном календаре нет {year} года. Добавьте {year} год в файл {self.path} "
                f"по постановлению Правительства РФ о переносе выходных дней в {year} году."
            )
        return self.years[year]


@lru_cache(maxsize=1)
def _default_calendar() -> WorkingCalendar:
    return WorkingCalendar.load()


def is_working_day(day: date, calendar: WorkingCalendar | None = None) -> bool:
    return (calendar or _default_calendar()).is_working_day(day)


def incomplete_years(first: date, last: date, calendar: WorkingCalendar | None = None) -> list[int]:
    return (calendar or _default_calendar()).incomplete_years(first, last)


def acknowledgement_deadline(
    received: datetime, hours: int = 24, calendar: WorkingCalendar | None = None, zone: tzinfo = IZHEVSK
) -> datetime:
    """The moment by which the acknowledgement is due: `hours` hours counted on working days only,
    by the calendar of `zone` (the ministry's local time; a naive `received` is in it)."""
    if hours <= 0:
        raise ValueError(f"Срок должен быть больше нуля часов, а указано {hours}.")
    calendar = calendar or _default_calendar()
    local_deadline = _add_working_hours(_to_local(received, zone), timedelta(hours=hours), calendar)
    return _back_to_zone_of(received, local_deadline, zone)


def _add_working_hours(start: datetime, duration: timedelta, calendar: WorkingCalendar) -> datetime:
    moment, remaining = start, duration
    while True:
        working = calendar.is_working_day(moment.date())  # first: a year beyond the calendar is refused here
        midnight = _next_midnight(moment)
        if working:
            left_today = midnight - moment
            if remaining <= left_today:
                return moment + remaining
            remaining -= left_today
        moment = midnight


def _next_midnight(moment: datetime) -> datetime:
    return datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())


def _to_local(moment: datetime, zone: tzinfo) -> datetime:
    if moment.utcoffset() is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def _back_to_zone_of(received: datetime, local: datetime, zone: tzinfo) -> datetime:
    if received.utcoffset() is None:
        return local
    return local.replace(tzinfo=zone).astimezone(received.tzinfo)


# --- reading the calendar file -------------------------------------------------------------


def _parse_calendar(data: Any, path: Path) -> WorkingCalendar:
    if not isinstance(data, Mapping):
        raise RuleFileError(path, "файл календаря должен содержать ключи holidays и years")
    for key in data:
        if key not in CALENDAR_TOP_FIELDS:
            raise RuleFileError(path, "неизвестное поле", field=str(key))
    holidays = _parse_holidays(data.get("holidays"), path)
    years = _parse_years(data.get("years"), path, holidays)
    return WorkingCalendar(path=path, holidays=holidays, years=years)


def _parse_holidays(raw: Any, path: Path) -> frozenset[tuple[int, int]]:
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(path, "нужен непустой список дат вида \"ММ-ДД\"", field="holidays")
    holidays: set[tuple[int, int]] = set()
    for i, value in enumerate(raw):
        month_day = _parse_month_day(value, path, f"holidays[{i}]")
        if month_day in holidays:
            raise RuleFileError(path, f"дата {value} повторяется", field=f"holidays[{i}]")
        holidays.add(month_day)
    return frozenset(holidays)


def _parse_month_day(value: Any, path: Path, field: str) -> tuple[int, int]:
    if not isinstance(value, str) or not _MONTH_DAY.match(value):
        raise RuleFileError(path, f"нужна дата вида \"ММ-ДД\", а указано {value!r}", field=field)
    month, day = int(value[:2]), int(value[3:])
    try:
        date(_LEAP_YEAR, month, day)
    except ValueError:
        raise RuleFileError(path, f"такой даты нет: {value}", field=field) from None
    return month, day


def _parse_years(raw: Any, path: Path, holidays: frozenset[tuple[int, int]]) -> dict[int, CalendarYear]:
    if not isinstance(raw, Mapping) or not raw:
        raise RuleFileError(path, "нужен хотя бы один год с постановлением о переносе выходных", field="years")
    years: dict[int, CalendarYear] = {}
    for key, entry in raw.items():
        year = _parse_year_number(key, path)
        if year in years:
            raise RuleFileError(path, f"{year} год указан дважды", field=f"years.{key}")
        years[year] = _parse_year(year, entry, path, holidays)
    return years


def _parse_year_number(key: Any, path: Path) -> int:
    if isinstance(key, int) and not isinstance(key, bool) and 1900 <= key <= 2999:
        return key
    if isinstance(key, str) and key.isdigit() and 1900 <= int(key) <= 2999:
        return int(key)
    raise RuleFileError(path, f"ключ должен быть годом, например 2026, а указано {key!r}", field=f"years.{key}")


def _parse_year(year: int, entry: Any, path: Path, holidays: frozenset[tuple[int, int]]) -> CalendarYear:
    field = f"years.{year}"
    if not isinstance(entry, Mapping):
        raise RuleFileError(path, "нужны поля source, days_off и working_days", field=field)
    for key in entry:
        if key not in CALENDAR_YEAR_FIELDS:
            raise RuleFileError(path, "неизвестное поле", field=f"{field}.{key}")
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        raise RuleFileError(path, "укажите постановление о переносе выходных: дату и номер", field=f"{field}.source")
    days_off = _parse_dates(entry, "days_off", year, path)
    working_days = _parse_dates(entry, "working_days", year, path)
    _check_days_off(days_off, year, path, holidays)
    _check_working_days(working_days, year, path, holidays)
    complete = entry.get("complete", True)
    if not isinstance(complete, bool):
        raise RuleFileError(path, "нужно true или false: учтено ли постановление этого года", field=f"{field}.complete")
    return CalendarYear(year, source.strip(), frozenset(days_off), frozenset(working_days), complete)


def _parse_dates(entry: Mapping[str, Any], name: str, year: int, path: Path) -> list[date]:
    field = f"years.{year}.{name}"
    if name not in entry:
        raise RuleFileError(path, "нет поля; если таких дней нет, напишите []", field=field)
    raw = entry[name]
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise RuleFileError(path, "нужен список дат вида \"ГГГГ-ММ-ДД\"", field=field)
    days: list[date] = []
    for i, value in enumerate(raw):
        day = _parse_date(value, path, f"{field}[{i}]")
        if day.year != year:
            raise RuleFileError(path, f"дата {day.isoformat()} не из {year} года", field=f"{field}[{i}]")
        if day in days:
            raise RuleFileError(path, f"дата {day.isoformat()} повторяется", field=f"{field}[{i}]")
        days.append(day)
    return days


def _parse_date(value: Any, path: Path, field: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # YAML reads an unquoted 2026-01-09 as a date
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise RuleFileError(path, f"нужна дата вида \"ГГГГ-ММ-ДД\", а указано {value!r}", field=field)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RuleFileError(path, f"такой даты нет: {value}", field=field) from None


def _check_days_off(days: list[date], year: int, path: Path, holidays: frozenset[tuple[int, int]]) -> None:
    for i, day in enumerate(days):
        field = f"years.{year}.days_off[{i}]"
        if day.weekday() >= SATURDAY:
            raise RuleFileError(path, f"{day.isoformat()} — суббота или воскресенье, он и так выходной", field=field)
        if (day.month, day.day) in holidays:
            raise RuleFileError(path, f"{day.isoformat()} уже есть в списке holidays", field=field)


def _check_working_days(days: list[date], year: int, path: Path, holidays: frozenset[tuple[int, int]]) -> None:
    for i, day in enumerate(days):
        field = f"years.{year}.working_days[{i}]"
        if day.weekday() < SATURDAY:
            raise RuleFileError(path, f"{day.isoformat()} — будний день, он и так рабочий", field=field)
        if (day.month, day.day) in holidays:
            raise RuleFileError(path, f"{day.isoformat()} — нерабочий праздничный день", field=field)
