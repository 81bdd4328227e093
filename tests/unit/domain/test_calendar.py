"""Calendar arithmetic (tracker.domain.time): months as consecutive numbers, a month's last day, and the day some
months later, as the compliance checks, the scheduler's periods, the charts, the pages and the demo count."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.time import add_months, month_end, month_index, month_of

#: Days far enough from date.min and date.max that a hundred years either way is still a date.
days = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))
months = st.integers(min_value=-1200, max_value=1200)


def same_month(a: date, b: date) -> bool:
    return (a.year, a.month) == (b.year, b.month)


# -- month indexes -------------------------------------------------------------------------------------------


def test_are_consecutive_months_consecutive_numbers_across_a_year_end():
    """Is January 2026 one month after December 2025, and does the index name its year and month back?"""
    assert month_index(date(2026, 1, 1)) == month_index(date(2025, 12, 31)) + 1 == 2026 * 12
    assert month_of(2026 * 12) == (2026, 1)
    assert month_of(2026 * 12 - 1) == (2025, 12)


def test_is_every_day_of_a_month_in_the_same_month_index():
    """Do the first and the last day of a month have one index?"""
    assert month_index(date(2024, 2, 1)) == month_index(date(2024, 2, 29))


@pytest.mark.parametrize(("year", "month", "last"), [
    (2026, 1, 31), (2026, 4, 30), (2026, 12, 31),
    (2025, 2, 28), (2024, 2, 29), (2000, 2, 29), (1900, 2, 28), (2100, 2, 28),
])
def test_what_is_the_last_day_of_a_month(year, month, last):
    """Is it the 28th of February but in leap years (every fourth, but not centuries but every fourth century)?"""
    assert month_end(month_index(date(year, month, 1))) == date(year, month, last)


@given(days)
def test_does_a_month_index_give_its_days_year_and_month_back(day):
    assert month_of(month_index(day)) == (day.year, day.month)


@given(days)
def test_does_a_days_month_end_on_or_after_it_and_the_next_month_begin_after(day):
    end = month_end(month_index(day))
    assert same_month(end, day) and end >= day
    assert month_index(date.fromordinal(end.toordinal() + 1)) == month_index(day) + 1


# -- the day some months later -------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "n", "later"), [
    # the same day of the month
    (date(2025, 11, 15), 3, date(2026, 2, 15)), (date(2026, 5, 4), 0, date(2026, 5, 4)),
    # month ends: the month's last day when it is shorter
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2026, 8, 31), 1, date(2026, 9, 30)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)), (date(2026, 2, 28), 1, date(2026, 3, 28)),
    # leap years
    (date(2024, 1, 31), 1, date(2024, 2, 29)), (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)), (date(2024, 2, 29), -12, date(2023, 2, 28)),
    (date(2000, 1, 31), 1, date(2000, 2, 29)), (date(2100, 1, 31), 1, date(2100, 2, 28)),
    # year boundaries, both ways
    (date(2025, 12, 31), 1, date(2026, 1, 31)), (date(2026, 1, 1), -1, date(2025, 12, 1)),
    (date(2025, 12, 15), 12, date(2026, 12, 15)), (date(2026, 1, 15), -13, date(2024, 12, 15)),
    # negative months, several years back
    (date(2026, 3, 15), -3, date(2025, 12, 15)), (date(2026, 5, 31), -27, date(2024, 2, 29)),
    (date(2026, 5, 31), -123, date(2016, 2, 29)),
])
def test_what_day_is_some_months_later_or_earlier(day, n, later):
    """Is it the same day of the month, or the month's last day when that month is shorter?"""
    assert add_months(day, n) == later


@pytest.mark.parametrize(("day", "n", "day_of_month", "later"), [
    (date(2026, 5, 20), -14, 5, date(2025, 3, 5)), (date(2026, 5, 20), 1, 1, date(2026, 6, 1)),
    (date(2026, 5, 20), -1, 31, date(2026, 4, 30)), (date(2026, 3, 1), -1, 30, date(2026, 2, 28)),
    (date(2024, 3, 1), -1, 30, date(2024, 2, 29)), (date(2026, 1, 10), 0, 31, date(2026, 1, 31)),
])
def test_what_day_of_a_month_some_months_away_is_a_given_day(day, n, day_of_month, later):
    """Is it that day of the month, or the month's last day when the month is shorter?"""
    assert add_months(day, n, day_of_month=day_of_month) == later


@pytest.mark.parametrize("day_of_month", [0, -1, 32])
def test_which_days_of_a_month_are_refused(day_of_month):
    """Is a day of the month outside 1 to 31 refused rather than read as some other day?"""
    with pytest.raises(ValueError, match="day_of_month"):
        add_months(date(2026, 5, 20), 1, day_of_month=day_of_month)


@given(days, months)
def test_does_adding_months_move_by_exactly_that_many_months(day, n):
    assert month_index(add_months(day, n)) == month_index(day) + n


@given(days, months)
def test_is_the_day_kept_unless_the_month_is_shorter(day, n):
    later = add_months(day, n)
    assert later.day == min(day.day, month_end(month_index(later)).day)


@given(days, months)
def test_does_going_back_as_many_months_return_to_the_same_month_not_after_the_day(day, n):
    """Does add_months(add_months(d, n), -n) fall in d's month, on d itself unless a shorter month clamped it?"""
    back = add_months(add_months(day, n), -n)
    assert same_month(back, day) and back <= day
    if day.day <= 28:
        assert back == day


@given(days, months, st.integers(min_value=1, max_value=31))
def test_is_a_given_day_of_the_month_kept_unless_the_month_is_shorter(day, n, day_of_month):
    later = add_months(day, n, day_of_month=day_of_month)
    assert month_index(later) == month_index(day) + n
    assert later.day == min(day_of_month, month_end(month_index(later)).day)


@given(days, months, months)
def test_is_adding_months_in_two_steps_never_later_than_in_one(day, m, n):
    """Clamping only ever moves a day back, so two steps land in the same month, on or before one step's day."""
    two, one = add_months(add_months(day, m), n), add_months(day, m + n)
    assert same_month(two, one) and two <= one
