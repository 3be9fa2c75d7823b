"""The first lines of a CV entry: its dates and its headline text, however they were laid out.

Dates stand in a left column (`July'22–` with `Present` wrapped onto the next line),
at the end of the line (`BigCode Oct 2022 - present`) or on a line of their own under
a sub-heading (`IBM Research, Jul 2022 - present`). `read_head` finds them all the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.extract.cv_blocks import Entry, Line
from sitegen.extract.cv_text import plain
from sitegen.extract.dates import DateRange, leading_range, trailing_range

# Words that name what someone was (a role), not where they were.
ROLE_WORDS = re.compile(
    r"\b(?:engineer|scientist|researcher|fellow|intern|internship|assistant|associate|professor|lecturer|"
    r"postdoc|post-doc|postdoctoral|developer|manager|director|lead|head|consultant|analyst|student|member|"
    r"architect|officer|founder|co-founder|cofounder|chair|instructor|tutor|maintainer|contributor|programmer|"
    r"designer|coordinator|president|editor|trainee|apprentice|technician|staff|faculty|candidate|visitor|"
    r"visiting|ta|ra|scholar|advisor|adviser|mentor|volunteer|specialist|partner|owner|cto|ceo|vp)\b", re.I)


@dataclass(slots=True)
class EntryHead:
    text: str  # the head line without its dates (Markdown kept)
    start: str | None = None
    end: str | None = None
    single_date: bool = False  # one date, no range: `Summer 2023`
    meta: str | None = None  # a line under the head holding a date and maybe a place: `IBM Research`
    rest: list[Line] = field(default_factory=list)  # the entry's other lines


def read_head(entry: Entry, *, open_end_is_present: bool = True) -> EntryHead:
    """The entry's dates and head text; lines used for dates are taken out of `rest`."""
    head, rest = entry.head, list(entry.lines[1:])
    date, text = head.date, head.after_date
    if date is None:
        date, text = trailing_range(head.body)
    result = EntryHead(text if date else head.body, rest=rest)
    if date is None:
        date = _date_from_meta_line(result)
    if date is None:
        return result
    result.start, result.end = date.start, date.end
    if date.open_end and rest and rest[0].date and not rest[0].bulleted and not rest[0].date.end:
        result.end = rest[0].date.start  # `July'22–` / `Present **Org**`: the end wrapped
        if result.text.strip():
            rest[0] = _without_date(rest[0])
        else:
            result.text = rest.pop(0).after_date
    elif date.open_end and open_end_is_present:
        result.end = "present"  # `Sep 2023 –` with nothing after it
    elif not date.open_end and date.end is None:
        result.single_date = True
    if not result.text.strip(" *_.,;") and rest and not rest[0].bulleted and not rest[0].date:
        result.text = rest.pop(0).body  # a date-only first line: the entry's head is the line under it
    if result.start == "present":
        result.start = None
    result.rest = [line for line in result.rest if line.body.strip()]
    return result


def _date_from_meta_line(result: EntryHead) -> DateRange | None:
    """`#### Title` then `IBM Research, Jul 2022 - present`: the date (and place) under a head."""
    for index, line in enumerate(result.rest[:2]):
        if line.bulleted:
            return None
        date, before = trailing_range(line.body)
        if date is None:
            date, before = leading_range(line.body)
            if date and before.strip():
                return None
        if date:
            result.meta = plain(before).strip(" ,;") or None
            del result.rest[index]
            return date
    return None


def _without_date(line: Line) -> Line:
    return Line(line.number, line.raw, line.after_date, line.bulleted, line.subheading, line.indent,
                line.after_blank, None, line.after_date)


def apply_single_date(head: EntryHead) -> tuple[str | None, str | None]:
    """(start, end) of a one-time entry (`Summer 2023` -> 2023 to 2023)."""
    if head.single_date:
        return head.start, head.start
    return head.start, head.end


def detail_texts(lines: list[Line]) -> list[str]:
    """The plain text of detail lines, one item each."""
    return [text for text in (plain(line.body) for line in lines) if text]
