"""Cutting a CV section into entries (one job, one paper, one award), whatever the layout.

A section's entries start with the same kind of line - a date in the left column, a
bold title, a `####` sub-heading, a plain line above bulleted details, or simply a
bullet - and the lines after it (details, authors, venue, a wrapped date) belong to
it. Which kind of line starts entries is decided per section from the lines it has.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.extract.cv_text import strip_label
from sitegen.extract.dates import DateRange, find_range, leading_range, trailing_range
from sitegen.extract.names import looks_like_author_list
from sitegen.extract.sections import BULLET_RE

_RULE_RE = re.compile(r"^\s*(?:[-=_*~#]\s*){3,}$")
_SUBHEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
# What may stand before an entry's bold title: numbering (`C.1`) or a venue and year (`NeurIPS 2023`).
_TITLE_PREFIX_RE = re.compile(r"^\s*(?:[A-Za-z][\w&/-]*(?:\s+[A-Za-z][\w&/-]*)?\s*['’]?\d{2,4}\s*[:.,-]?)?\s*$")


# A page's running header or footer in a pasted PDF (`Jane Doe — Curriculum Vitae 2/4`, `Page 3 of 5`),
# or a site template's tags (`{% include base_path %}`, `<ul>`): not the CV's words.
_PAGE_MARK_RE = re.compile(r"^\s*(?:.{0,60}\b(?:curriculum vitae|cv|résumé|resume)\b.{0,10}?\s)?(?:page\s*)?\d{1,2}"
                           r"(?:\s*(?:/|of)\s*\d{1,2})?\s*$", re.I)
# `### 2021` over the papers of that year: a group label (each citation states its year), not an entry.
_YEAR_SUBHEADING_RE = re.compile(r"^\s{0,3}#{2,6}\s+\(?(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)?\d\d|present))?\)?\s*#*\s*$", re.I)
_LINE_BREAK_RE = re.compile(r"<br\s*/?>", re.I)
_TEMPLATE_TAG_RE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|</?[a-zA-Z][^>]*>")


def is_page_furniture(raw: str) -> bool:
    return bool(_PAGE_MARK_RE.match(raw)) or (bool(_TEMPLATE_TAG_RE.search(raw)) and not _TEMPLATE_TAG_RE.sub("", raw).strip())


@dataclass(slots=True)
class Line:
    number: int  # 1-based line number in the source
    raw: str
    body: str  # without bullet or sub-heading marks
    bulleted: bool = False
    subheading: bool = False
    indent: int = 0
    after_blank: bool = False
    date: DateRange | None = None  # a date that opens the line
    after_date: str = ""  # the body after that date
    hanging: bool = False  # a wrapped line of the bullet above it, indented past the bullet's mark


@dataclass(slots=True)
class Entry:
    lines: list[Line] = field(default_factory=list)

    @property
    def head(self) -> Line:
        return self.lines[0]

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        return self.lines[-1].number


def section_lines(lines: list[str], start: int, end: int, *, first_number: int = 1) -> list[Line]:
    """The non-blank lines of `lines[start:end]` (0-based) as Lines, with their shape;
    `first_number` is the source line number of `lines[0]`."""
    out: list[Line] = []
    blank_before = True
    bullet_indent = 0
    for index in range(start, end):
        raw = lines[index]
        if not raw.strip() or _RULE_RE.match(raw):  # a `-----` rule is decoration, not content
            blank_before = True
            continue
        if is_page_furniture(raw) or _YEAR_SUBHEADING_RE.match(raw):
            continue
        # `[Title](url)<br>Authors<br>*Venue*`: each `<br>` ends a line of the entry it opens.
        pieces = [piece for piece in _LINE_BREAK_RE.split(raw) if piece.strip()]
        for k, piece in enumerate(pieces):
            line = _line(index + first_number, piece, blank_before and k == 0)
            above = out[-1] if out else None
            if above and (k or not blank_before) and (above.bulleted or above.hanging) \
                    and not (line.bulleted or line.subheading):
                line.hanging = k > 0 or line.indent > bullet_indent
            if line.bulleted:
                bullet_indent = line.indent
            out.append(line)
        blank_before = False
    return out


def _line(number: int, raw: str, after_blank: bool) -> Line:
    subheading = bool(_SUBHEADING_RE.match(raw))
    bullet = BULLET_RE.match(raw)
    body = raw[bullet.end():] if bullet else _SUBHEADING_RE.sub("", raw)
    body = body.strip()
    date, after = leading_range(body)
    return Line(number, raw, body, bool(bullet), subheading, len(raw) - len(raw.lstrip()),
                after_blank, date, after if date else body)


def split_entries(lines: list[Line], *, per_line: bool = False) -> tuple[list[Line], list[Entry]]:
    """(lines before the first entry, entries). `per_line`: in a section with no visible
    structure every line is an entry (awards, skills) rather than every paragraph (papers)."""
    starts = _entry_starts(lines, per_line)
    preamble: list[Line] = []
    entries: list[Entry] = []
    for line, starts_entry in zip(lines, starts):
        if starts_entry:
            entries.append(Entry([line]))
        elif entries:
            entries[-1].lines.append(line)
        else:
            preamble.append(line)
    return preamble, entries


def _entry_starts(lines: list[Line], per_line: bool) -> list[bool]:
    continues_date = [_continues_open_date(lines, i) for i in range(len(lines))]
    date_led = any(line.date and (line.after_date or line.date.open_end) and not continues_date[i]
                   and not line.subheading and not line.hanging for i, line in enumerate(lines))
    titled = [not line.subheading and (_opens_with_title(line) or _bold_title_over_authors(lines, i))
              for i, line in enumerate(lines)]
    # `Postdoctoral Fellow, Niels Bohr Institute 2019–2021` then wrapped details: dates in a right column.
    trailing = [not line.bulleted and not line.subheading and not line.hanging and _ends_with_dates(line)
                for line in lines]
    trailing_led = (not date_led and sum(trailing) >= 2 and not all(trailing)
                    and not any(line.subheading for line in lines))
    any_titled = any(titled)
    bold_led = not date_led and any_titled
    # When titled entries are bulleted, a bold phrase on an unbulleted line (`CVPR 2022 **Oral**`) is not a title.
    bulleted_titles = any(t and line.bulleted for t, line in zip(titled, lines))
    bullets = [line for line in lines if line.bulleted]
    unbulleted = [line for line in lines if not line.bulleted and not line.subheading and not line.hanging]
    has_subheadings = any(line.subheading for line in lines)
    plain_heads = not (date_led or bold_led) and bool(bullets) and (bool(unbulleted) or has_subheadings)
    top_indent = min((line.indent for line in bullets), default=0)
    starts: list[bool] = []
    dated_run = _DatedRun(lines)
    for i, line in enumerate(lines):
        previous = lines[i - 1] if i else None
        if line.subheading:
            starts.append(True)
        elif line.hanging or continues_date[i]:
            starts.append(False)
        elif date_led:
            starts.append(bool(line.date) and not _date_only_after_head(line, previous, starts))
        elif trailing_led and not any_titled:
            starts.append(trailing[i] or (previous is None))
        elif bold_led:
            # `**2016 – 2021**` over `**PhD in …**` (al-folio): a date-only line opens the entry its title follows.
            starts.append(titled[i] and (line.bulleted or not bulleted_titles) and not _is_date_only(previous))
        elif plain_heads:
            starts.append(not line.bulleted and (previous is None or previous.bulleted))
        elif bullets:
            starts.append(line.bulleted and line.indent == top_indent)
        else:
            starts.append(previous is None or per_line or line.after_blank or dated_run.continues(i))
        dated_run.record(i, starts[-1])
    return starts


def _is_date_only(line: Line | None) -> bool:
    return line is not None and not line.subheading and line.date is not None and not line.after_date.strip(" .,;*_")


def _ends_with_dates(line: Line) -> bool:
    date, before = trailing_range(line.body)
    closed = re.search(r"\)\W*$", line.body)  # `(2024).` closes a citation, not a right-hand date column
    # `with priors. Journal of Things, 12, 2021.`: sentences, then the year and a full stop end a citation.
    cited = bool(re.search(r"\.\s*$", line.body)) and ". " in before
    return (date is not None and not closed and not cited and len(before.split()) >= 2
            and not before.rstrip().endswith("."))


class _DatedRun:
    """Lines each with their own date (`M.Tech …, 2014` / `B.E. …, 2012`) are separate entries.
    Whether every line of the current entry so far has a date, checked lazily and once per line."""

    def __init__(self, lines: list[Line]) -> None:
        self._lines = lines
        self._checked = 0  # lines before this index in the current entry all have a date
        self._broken = False

    def continues(self, i: int) -> bool:
        while not self._broken and self._checked < i:
            self._broken = not find_range(self._lines[self._checked].body)
            self._checked += 1
        return not self._broken and bool(find_range(self._lines[i].body))

    def record(self, i: int, starts_entry: bool) -> None:
        if starts_entry:
            self._checked, self._broken = i, False


def _continues_open_date(lines: list[Line], i: int) -> bool:
    """`July'22–` / `Present **Org**`: a date range wrapped onto the next line."""
    date = lines[i].date
    if i == 0 or not date or lines[i].bulleted or date.end or date.open_end:
        return False
    previous = lines[i - 1]
    return bool(previous.date and previous.date.open_end and previous.date.end is None
                and not re.match(r"^\s*(?:present|current|now|ongoing)\b", previous.after_date, re.I))


def _date_only_after_head(line: Line, previous: Line | None, starts: list[bool]) -> bool:
    """A line holding only a date, right under an entry's first line, is that entry's date."""
    return not line.after_date.strip(" .,;*_") and previous is not None and bool(starts) and starts[-1]


def _quoted_title_after_authors(text: str) -> bool:
    """`**K. Tanaka**, Y. Mori, "Title," ...`: bold names an author, the title is quoted."""
    quoted = re.search(r"[\"“]", text)
    before = re.sub(r"[.,]?\s*\(?(?:19|20)\d\d[a-z]?\)?[.,]?\s*$", "", text[: quoted.start()]) if quoted else ""
    return bool(quoted) and looks_like_author_list(before.strip(" ,."), allow_single=True)


_BOLD_ONLY_RE = re.compile(r"^(?:\*\*[^*]+\*\*|__[^_]+__)\W{0,2}$")


def _bold_title_over_authors(lines: list[Line], i: int) -> bool:
    """`- **Robust Sampling**` over `Lena Okoro, Ravi Kasu`: a bold phrase alone on its line, with an
    author list under it, is a paper's title even when it reads like a name."""
    _, text = strip_label(lines[i].body)
    if not _BOLD_ONLY_RE.match(text) or i + 1 >= len(lines):
        return False
    below = lines[i + 1]
    return (not below.bulleted and not below.subheading and not _BOLD_ONLY_RE.match(below.body)
            and looks_like_author_list(below.body, allow_single=True))


def _opens_with_title(line: Line) -> bool:
    """A line whose first words (after numbering or a venue label) are bold, and not an author list."""
    _, text = strip_label(line.body)
    position = text.find("**")
    if position < 0 or not _TITLE_PREFIX_RE.match(text[:position]):
        return False
    return not looks_like_author_list(text) and not _quoted_title_after_authors(text)
