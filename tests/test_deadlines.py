"""The acknowledgement deadline: 24 hours counted on Russian working days only."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from plainreply.drafting.deadlines import (
    WorkingCalendar,
    acknowledgement_deadline,
    default_calendar_path,
    is_working_day,
)
from plainreply.errors import RuleFileError

VALID_CALENDAR = """\
holidays: ["01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "01-07", "01-08",
           "02-23", "03-08", "05-01", "05-09", "06-12", "11-04"]
years:
  2026:
    source: "Постановление Правительства РФ от 24.09.2025 № 1466"
    days_off: ["2026-01-09", "2026-03-09", "2026-05-11", "2026-12-31"]
    working_days: []
"""


def write_calendar(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ru-working-days.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped calendar -------------------------------------------------------------------


def test_shipped_calendar_covers_2025_and_2026() -> None:
    calendar = WorkingCalendar.load()
    assert calendar.path == default_calendar_path()
    assert calendar.covers(2025) and calendar.covers(2026)
    assert not calendar.covers(2024)


@pytest.mark.parametrize("year", [2025, 2026])
def test_each_year_has_247_working_days_as_in_the_official_production_calendar(year: int) -> None:
    day, working = date(year, 1, 1), 0
    while day.year == year:
        working += is_working_day(day)
        day += timedelta(days=1)
    assert working == 247


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 11, 1), True),    # Saturday made a working day
        (date(2025, 11, 3), False),   # Monday off, moved from 1 November
        (date(2025, 2, 24), True),    # 23 Feb 2025 (Sunday) was moved to 8 May, not to the next Monday
        (date(2025, 5, 8), False),
        (date(2025, 12, 31), False),
        (date(2026, 1, 9), False),
        (date(2026, 3, 9), False),    # 8 March 2026 is a Sunday, art. 112 part 2
        (date(2026, 5, 11), False),   # 9 May 2026 is a Saturday
        (date(2026, 2, 23), False),
        (date(2026, 12, 30), True),
        (date(2026, 12, 31), False),
        (date(2026, 3, 14), False),   # ordinary Saturday
    ],
)
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


# --- the deadline ---------------------------------------------------------------------------


def test_ordinary_tuesday_gives_the_same_time_next_day() -> None:
    assert acknowledgement_deadline(datetime(2026, 2, 10, 10, 30)) == datetime(2026, 2, 11, 10, 30)


def test_friday_afternoon_skips_the_weekend() -> None:
    # 8 hours on Friday, 16 more on Monday.
    assert acknowledgement_deadline(datetime(2026, 2, 13, 16, 0)) == datetime(2026, 2, 16, 16, 0)


def test_new_year_holidays_from_30_december_2025() -> None:
    # 8 hours on 30 Dec; 31 Dec 2025 is a day off; 1–8 Jan holidays; 9 Jan 2026 is a day off;
    # 10–11 Jan weekend; 16 more hours on Monday 12 January.
    assert acknowledgement_deadline(datetime(2025, 12, 30, 16, 0)) == datetime(2026, 1, 12, 16, 0)


def test_received_during_new_year_holidays_counts_from_first_working_day() -> None:
    assert acknowledgement_deadline(datetime(2026, 1, 2, 9, 0)) == datetime(2026, 1, 13, 0, 0)


def test_received_on_a_holiday_starts_at_midnight_of_next_working_day() -> None:
    # 12 June 2025 (Thursday) holiday, 13 June day off, 14–15 weekend → from Monday 16 June 00:00.
    assert acknowledgement_deadline(datetime(2025, 6, 12, 10, 0)) == datetime(2025, 6, 17, 0, 0)


def test_transferred_day_off_8_may_2025() -> None:
    # 12 hours on Wednesday 7 May; 8 May day off, 9 May holiday, 10–11 weekend; 12 hours on Monday.
    assert acknowledgement_deadline(datetime(2025, 5, 7, 12, 0)) == datetime(2025, 5, 12, 12, 0)


def test_transferred_working_saturday_1_november_2025_counts() -> None:
    # 8 hours on Friday 31 October, 16 on working Saturday 1 November.
    assert acknowledgement_deadline(datetime(2025, 10, 31, 16, 0)) == datetime(2025, 11, 1, 16, 0)


def test_from_working_saturday_over_the_november_holidays() -> None:
    # 14 hours on Saturday 1 November; 2 Nov Sunday, 3 Nov day off, 4 Nov holiday; 10 hours on 5 Nov.
    assert acknowledgement_deadline(datetime(2025, 11, 1, 10, 0)) == datetime(2025, 11, 5, 10, 0)


def test_friday_evening_before_8_march_2026_skips_monday_9_march() -> None:
    # 6 hours on Friday 6 March; 7–8 March weekend; 9 March day off (8 March is a Sunday); 18 hours on 10 March.
    assert acknowledgement_deadline(datetime(2026, 3, 6, 18, 0)) == datetime(2026, 3, 10, 18, 0)


def test_received_exactly_at_midnight() -> None:
    assert acknowledgement_deadline(datetime(2026, 2, 10, 0, 0)) == datetime(2026, 2, 11, 0, 0)


def test_hours_running_out_at_midnight_end_on_that_midnight() -> None:
    # All 24 hours fit into Friday 13 February: the deadline is the end of Friday, not Monday.
    assert acknowledgement_deadline(datetime(2026, 2, 13, 0, 0)) == datetime(2026, 2, 14, 0, 0)


def test_received_on_saturday_night_counts_from_monday() -> None:
    assert acknowledgement_deadline(datetime(2026, 2, 14, 23, 59)) == datetime(2026, 2, 17, 0, 0)


@pytest.mark.parametrize(
    ("received", "hours", "expected"),
    [
        (datetime(2026, 2, 10, 10, 0), 48, datetime(2026, 2, 12, 10, 0)),
        (datetime(2026, 2, 13, 20, 0), 8, datetime(2026, 2, 16, 4, 0)),     # 4 h Friday + 4 h Monday
        (datetime(2026, 2, 20, 12, 0), 72, datetime(2026, 2, 26, 12, 0)),   # 23 February is a holiday
        (datetime(2026, 2, 10, 10, 0), 1, datetime(2026, 2, 10, 11, 0)),
    ],
)
def test_hours_other_than_24(received: datetime, hours: int, expected: datetime) -> None:
    assert acknowledgement_deadline(received, hours=hours) == expected


def test_hours_must_be_positive() -> None:
    with pytest.raises(ValueError, match="больше нуля"):
        acknowledgement_deadline(datetime(2026, 2, 10, 10, 0), hours=0)


def test_aware_datetime_is_counted_in_izhevsk_time() -> None:
    # 12:00 UTC on Friday is 16:00 in Izhevsk: 8 h on Friday, 16 h on Monday, 16:00 Izhevsk = 12:00 UTC.
    received = datetime(2026, 2, 13, 12, 0, tzinfo=timezone.utc)
    deadline = acknowledgement_deadline(received)
    assert deadline == datetime(2026, 2, 16, 12, 0, tzinfo=timezone.utc)
    assert deadline.tzinfo is timezone.utc


# --- years the calendar does not cover ------------------------------------------------------


def test_year_not_covered_raises_value_error_naming_year_and_file() -> None:
    with pytest.raises(ValueError) as caught:
        acknowledgement_deadline(datetime(2024, 12, 27, 10, 0))
    message = str(caught.value)
    assert "2024" in message
    assert "ru-working-days.yaml" in message


def test_new_year_2027_counts_with_the_fixed_holidays() -> None:
    # 8 hours on Wednesday 30 Dec 2026; 31 Dec is a day off, 1–8 January are holidays,
    # 9–10 January 2027 are a weekend: the other 16 hours run on Monday 11 January.
    assert acknowledgement_deadline(datetime(2026, 12, 30, 16, 0)) == datetime(2027, 1, 11, 16, 0)


def test_counting_into_an_uncovered_year_raises_value_error() -> None:
    with pytest.raises(ValueError, match="2028"):
        acknowledgement_deadline(datetime(2027, 12, 31, 16, 0))


def test_is_working_day_in_uncovered_year_raises_value_error() -> None:
    with pytest.raises(ValueError, match="2030"):
        is_working_day(date(2030, 3, 1))


# --- a calendar file an editor got wrong ----------------------------------------------------


def test_calendar_from_another_file_is_used(tmp_path: Path) -> None:
    calendar = WorkingCalendar.load(write_calendar(tmp_path, VALID_CALENDAR))
    assert calendar.covers(2026) and not calendar.covers(2025)
    assert acknowledgement_deadline(datetime(2026, 3, 6, 18, 0), calendar=calendar) == datetime(2026, 3, 10, 18, 0)


@pytest.mark.parametrize(
    ("broken", "field"),
    [
        (VALID_CALENDAR.replace('"2026-03-09"', '"2026-03-32"'), "years.2026.days_off[1]"),
        (VALID_CALENDAR.replace('"2026-03-09"', '"09.03.2026"'), "years.2026.days_off[1]"),
        (VALID_CALENDAR.replace('"2026-03-09"', '"2025-03-10"'), "years.2026.days_off[1]"),
        (VALID_CALENDAR.replace('"2026-03-09"', '"2026-03-07"'), "years.2026.days_off[1]"),  # a Saturday
        (VALID_CALENDAR.replace("working_days: []", 'working_days: ["2026-03-10"]'),
         "years.2026.working_days[0]"),  # a Tuesday
        (VALID_CALENDAR.replace('"06-12"', '"13-12"'), "holidays[12]"),
        (VALID_CALENDAR.replace("    working_days: []\n", ""), "years.2026.working_days"),
        (VALID_CALENDAR.replace("    source:", "    sourse:"), "years.2026.sourse"),
        (VALID_CALENDAR.replace('    source: "Постановление Правительства РФ от 24.09.2025 № 1466"', '    source: ""'),
         "years.2026.source"),
        (VALID_CALENDAR.replace("  2026:", "  двадцать шестой:"), "years.двадцать шестой"),
        (VALID_CALENDAR.replace("years:", "yeras:"), "yeras"),
    ],
)
def test_malformed_calendar_names_file_and_field(tmp_path: Path, broken: str, field: str) -> None:
    path = write_calendar(tmp_path, broken)
    with pytest.raises(RuleFileError) as caught:
        WorkingCalendar.load(path)
    assert caught.value.path == str(path)
    assert caught.value.field == field
    assert str(path) in str(caught.value) and field in str(caught.value)


def test_calendar_with_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = write_calendar(tmp_path, "holidays: [\"01-01\"\nyears: {")
    with pytest.raises(RuleFileError) as caught:
        WorkingCalendar.load(path)
    assert caught.value.path == str(path)


def _deadline_cli(*args: str, cwd=None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "plainreply", "deadline", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_the_command_says_the_deadline_in_words_and_which_midnight(tmp_path):
    # Received on Friday 2 January 2026, a holiday: the 24 hours are all of Monday 12 January.
    done = _deadline_cli("--received", "2026-01-02 09:00", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == ("Первичный ответ нужно отправить до 24:00 12 января 2026 года (понедельник); "
                           "время Europe/Samara, UTC+4.\n")


def test_a_date_without_a_time_is_refused_rather_than_read_as_midnight(tmp_path):
    done = _deadline_cli("--received", "2026-12-30", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "plainreply: --received: укажите и время, когда пришло сообщение: «2026-12-30 16:00»\n"


def test_a_deadline_in_a_year_without_its_decree_is_flagged(tmp_path):
    done = _deadline_cli("--received", "2027-03-03 10:00", cwd=tmp_path)
    assert done.returncode == 0
    assert "до 10:00 4 марта 2027 года (четверг)" in done.stdout
    assert "в производственном календаре 2027 года еще нет постановления о переносе выходных" in done.stderr


def test_the_time_zone_comes_from_the_configuration(tmp_path):
    (tmp_path / "plainreply.toml").write_text('time_zone = "Europe/Moscow"\n', encoding="utf-8")
    aware = _deadline_cli("--received", "2026-02-10T10:00+04:00", cwd=tmp_path)
    assert aware.returncode == 0
    assert "до 10:00 11 февраля 2026 года (среда); время UTC+4." in aware.stdout  # in the zone it was given in
    local = _deadline_cli("--received", "2026-02-10 10:00", cwd=tmp_path)
    assert "до 10:00 11 февраля 2026 года (среда); время Europe/Moscow, UTC+3." in local.stdout
    (tmp_path / "plainreply.toml").write_text('time_zone = "Europe/Ижевск"\n', encoding="utf-8")
    wrong = _deadline_cli("--received", "2026-02-10 10:00", cwd=tmp_path)
    assert wrong.returncode == 2 and "time_zone: нужно название часового пояса" in wrong.stderr
