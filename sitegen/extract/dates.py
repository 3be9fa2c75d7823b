"""Dates as CVs and feeds write them, normalised to 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or 'present'.

Understood: `July'22`, `Jul 2022`, `May 2021`, `2021-05`, `2021/05`, `05/2021`,
`Oct 16, 2022`, `16 Oct 2022`, `16/10/2022` (day first), `Summer 2023`, `2019`, `Present`/`Current`/`now`,
and ranges joined by `-`, `–`, `—`, `to` or `until` (`2019–2023`, `Jan-Jul'22`,
`July'22–Present`, `Sep 2023 –` with an open end).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}
SEASONS = ("spring", "summer", "fall", "autumn", "winter")
PRESENT_WORDS = ("present", "current", "now", "ongoing", "today", "date")

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?:19|20)\d{2}"
_SHORT_YEAR = r"['’‘`]\s?\d{2}"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_PRESENT = r"(?:present|current|now|ongoing|today|to date)"
# Regex fragments for other extractors that read dates inside larger patterns (case-insensitive).
MONTH_PATTERN = _MONTH
YEAR_PATTERN = _YEAR

# One date, the most specific forms first.
DATE_PATTERN = (
    rf"(?:{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH},?\s*(?:{_YEAR}|{_SHORT_YEAR})"
    rf"|{_SEASON}\s+{_YEAR}"
    rf"|{_YEAR}[-/.](?:0?[1-9]|1[0-2])(?!\d)"
    rf"|(?:0?[1-9]|1[0-2])/{_YEAR}"
    rf"|{_YEAR}"
    rf"|{_PRESENT})"
)
_DASH = r"\s*(?:-{1,2}|–|—|to|until|till)\s*"
# A range: a start date, a dash, and an end date or nothing (open end). A bare month may
# borrow its year from the end (`Jan-Jul'22`).
RANGE_PATTERN = rf"(?:(?:{DATE_PATTERN}|{_MONTH}){_DASH}(?:{DATE_PATTERN})?|{DATE_PATTERN})"

_date_re = re.compile(rf"^\s*({DATE_PATTERN})\s*$", re.I)
_range_re = re.compile(rf"(?<![\w/])(?P<start>{DATE_PATTERN}|{_MONTH})(?P<dash>{_DASH})(?P<end>{DATE_PATTERN})?(?![\w/])", re.I)
_find_re = re.compile(rf"(?<![\w/]){DATE_PATTERN}(?![\w/])", re.I)


@dataclass(frozen=True, slots=True)
class DateRange:
    start: str | None
    end: str | None
    text: str  # the text that was read
    span: tuple[int, int]  # where it stood in the string given
    open_end: bool = False  # a dash with no end after it: `July'22–` (the end may be on the next line)


def parse_date(text: str, *, default_year: int | None = None) -> str | None:
    """One date in normalised form, or None when `text` is not a date."""
    text = text.strip().strip(",.;()[]").strip()
    lowered = text.lower()
    if lowered in PRESENT_WORDS or lowered == "to date":
        return "present"
    m = re.fullmatch(rf"({_YEAR})-(\d{{2}})-(\d{{2}})", text)
    if m:
        return _ymd(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(rf"(\d{{1,2}})([/.])(\d{{1,2}})\2({_YEAR})", text)
    if m:
        return _numeric_day_month(int(m[1]), int(m[3]), int(m[4]))
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})", text, re.I)
    if m:
        return _ymd(int(m[3]), _month(m[1]), int(m[2]))
    m = re.fullmatch(rf"(\d{{1,2}})\s+({_MONTH}),?\s+({_YEAR})", text, re.I)
    if m:
        return _ymd(int(m[3]), _month(m[2]), int(m[1]))
    m = re.fullmatch(rf"({_MONTH}),?\s*({_YEAR}|{_SHORT_YEAR})", text, re.I)
    if m:
        return _ym(_full_year(m[2]), _month(m[1]))
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})", text, re.I)
    if m and default_year:  # `Jan 22` in a feed: month and day of a year the page does not show
        return _ymd(default_year, _month(m[1]), int(m[2]))
    m = re.fullmatch(rf"{_SEASON}\s+({_YEAR})", text, re.I)
    if m:
        return m[1]
    m = re.fullmatch(rf"({_YEAR})[-/.](\d{{1,2}})", text)
    if m and 1 <= int(m[2]) <= 12:
        return _ym(int(m[1]), int(m[2]))
    m = re.fullmatch(rf"(\d{{1,2}})/({_YEAR})", text)
    if m and 1 <= int(m[1]) <= 12:
        return _ym(int(m[2]), int(m[1]))
    m = re.fullmatch(_YEAR, text)
    if m:
        return text
    return None


def find_range(text: str) -> DateRange | None:
    """The first date range in `text`; a single date gives start only (end None)."""
    m = _range_re.search(text)
    if m:
        end_text = m["end"]
        end = parse_date(end_text) if end_text else None
        start = parse_date(m["start"])
        if start is None:  # a bare month borrowing the end's year: `Jan-Jul'22`
            year = (end or "")[:4]
            start = _ym(int(year), _month(m["start"])) if year.isdigit() else None
        if start:
            return DateRange(start, end, m.group(0), m.span(), open_end=not end_text)
    m = _find_re.search(text)
    if m:
        value = parse_date(m.group(0))
        if value:
            return DateRange(value, None, m.group(0), m.span())
    return None


def find_dates(text: str) -> list[str]:
    """Every single date in `text`, normalised, in order."""
    return [d for d in (parse_date(m.group(0)) for m in _find_re.finditer(text)) if d]


def find_year(text: str) -> int | None:
    """The last four-digit year (1950..2099) in `text`, or None."""
    years = re.findall(r"(?<!\d)((?:19[5-9]|20\d)\d)(?!\d)", text)
    return int(years[-1]) if years else None


# Letters that re.IGNORECASE matches to ASCII ones (`ſep` matches `sep`), which a dict lookup would miss.
_IGNORECASE_TWINS = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s", "\u212a": "K"})


def fold_ignorecase_twins(text: str) -> str:
    """`text` with the few non-ASCII letters re.IGNORECASE treats as ASCII replaced by them."""
    return text.translate(_IGNORECASE_TWINS)


def year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _month(word: str) -> int:
    return MONTHS[fold_ignorecase_twins(word).lower().rstrip(".")]


def _full_year(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 4:
        return int(digits)
    return 2000 + int(digits) if int(digits) < 70 else 1900 + int(digits)


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _numeric_day_month(first: int, second: int, year: int) -> str | None:
    """`14/05/1988` -> 1988-05-14. Day first, as most of the world writes it, unless only the
    other order makes a date (`05/14/1988`)."""
    day, month = (second, first) if second > 12 >= first else (first, second)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return _ymd(year, month, day)


def _ymd(year: int, month: int, day: int) -> str | None:
    if not 1 <= day <= 31:
        return _ym(year, month)
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- dates at the edges of a CV line -------------------------------------------------

_OPENERS = re.compile(r"^\s*(\*\*|__|\*|_|\[|\()?\s*")
_CLOSERS = {"**": r"\*\*", "__": "__", "*": r"\*", "_": "_", "[": r"\]", "(": r"\)"}
_AFTER_DATE = re.compile(r"^\s*[:|,;.]?\s*")


def leading_range(text: str) -> tuple[DateRange | None, str]:
    """The date or date range that opens `text` (`July'22–`, `2016–2018`, `Summer 2023`,
    `**2019 - 2023**`, `[Mar 2023]`) and the text after it; (None, text) when none does.

    CVs put the dates of an entry in a left column, which a pasted PDF turns into the
    start of the line; the caller decides whether that date belongs to the entry.
    """
    opener = _OPENERS.match(text)
    body = text[opener.end():]
    m = _range_re.match(body)
    found = None
    if m:
        found = find_range(body[: m.end()])
    if found is None or found.span[0] != 0:
        m = _find_re.match(body)
        found = find_range(body[: m.end()]) if m else None
    if found is None:
        return None, text
    rest = body[found.span[1]:]
    if opener[1]:
        rest = re.sub(rf"^\s*{_CLOSERS[opener[1]]}", "", rest)
    return found, _AFTER_DATE.sub("", rest, count=1)


# How a date (or an open range) can end: a digit, a dash, or a word for now (`– present`).
_CLOSING_DATE_RE = re.compile(rf"(?:\d|-|–|—|\b(?:{_PRESENT}|to|until|till))$", re.I)


def trailing_range(text: str) -> tuple[DateRange | None, str]:
    """The date range that closes `text` (`BigCode Oct 2022 - present`, `IBM Research, Jul 2021 -
    Sep 2021`) and the text before it; (None, text) when the line does not end with a date."""
    end = len(text.rstrip(" .,;*_)]"))
    if not _CLOSING_DATE_RE.search(text, 0, end):
        return None, text  # the line cannot end with a date: no need to look for one
    best = None
    window = max(0, end - 100)  # no date range is this long: a long line is searched only near its end
    for pattern in (_range_re, _find_re):
        for m in pattern.finditer(text, window):
            if m.end() >= end - 1 and text[m.end():end].strip() in ("", "-", "–", "—"):
                best = best or m
    if best is None:
        return None, text
    found = find_range(text[best.start(): best.end()])
    if found is None:
        return None, text
    before = text[: best.start()].rstrip()
    before = re.sub(r"(?:[,;|:(\[]|\*\*|\s[-–—])\s*$", "", before).rstrip()
    return found, before
