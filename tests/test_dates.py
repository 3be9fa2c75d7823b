"""Dates as CVs write them, at the start or end of a line."""
from __future__ import annotations

import pytest

from sitegen.extract.dates import find_range, leading_range, parse_date, trailing_range


@pytest.mark.parametrize("text, value", [
    ("July'22", "2022-07"), ("Summer 2023", "2023"), ("Present", "present"), ("05/2021", "2021-05"),
    ("Oct 16, 2022", "2022-10-16"), ("2019", "2019"), ("nonsense", None),
])
def test_parse_date(text, value):
    assert parse_date(text) == value


def test_open_range_and_borrowed_year():
    assert find_range("Sep 2023 –").open_end
    r = find_range("Jan-Jul'22")
    assert (r.start, r.end) == ("2022-01", "2022-07")


@pytest.mark.parametrize("text, start, end, rest", [
    ("July'22–", "2022-07", None, ""),
    ("2016–2018 **Ramjas School**, Delhi", "2016", "2018", "**Ramjas School**, Delhi"),
    ("Summer 2023 **Postdoctoral Fellow**", "2023", None, "**Postdoctoral Fellow**"),
    ("**2019 - 2023** PhD", "2019", "2023", "PhD"),
    ("[Mar 2023] news", "2023-03", None, "news"),
])
def test_leading_range(text, start, end, rest):
    found, after = leading_range(text)
    assert (found.start, found.end, after) == (start, end, rest)


def test_no_leading_range():
    assert leading_range("NeurIPS 2023 **Title**") == (None, "NeurIPS 2023 **Title**")


def test_trailing_range():
    found, before = trailing_range("BigCode Oct 2022 - present")
    assert (found.start, found.end, before) == ("2022-10", "present", "BigCode")
    found, before = trailing_range("IBM Research, Jul 2021 - Sep 2021")
    assert (found.start, found.end, before) == ("2021-07", "2021-09", "IBM Research")
    assert trailing_range("No dates here") == (None, "No dates here")


def test_numeric_dates_are_day_first_unless_only_month_first_makes_sense():
    from sitegen.extract.dates import parse_date
    assert parse_date("14/05/1988") == "1988-05-14"
    assert parse_date("01/10/2019") == "2019-10-01"
    assert parse_date("05/14/1988") == "1988-05-14"
    assert parse_date("14.05.1988") == "1988-05-14"
    assert parse_date("31/31/2020") is None
