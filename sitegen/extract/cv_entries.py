"""The smaller CV entries: projects, teaching, talks, awards, news, skills and interests."""
from __future__ import annotations

import re

from sitegen.extract.cv_blocks import Entry, Line
from sitegen.extract.cv_heads import ROLE_WORDS, EntryHead, apply_single_date, detail_texts, read_head
from sitegen.extract.cv_positions import INSTITUTION_WORDS, is_role
from sitegen.extract.cv_text import Part, comma_parts, join_wrapped, plain, styled_parts
from sitegen.extract.dates import MONTH_PATTERN, parse_date, trailing_range, year_of
from sitegen.extract.names import looks_like_author_list
from sitegen.model import Award, NewsItem, Origin, Project, SkillGroup, Talk, Teaching

_QUOTED_RE = re.compile(r"[\"“”'‘’]([^\"“”]{4,}?)[\"“”'‘’](?=[\s,.;:]|$)")
_SKILL_CATEGORY_RE = re.compile(
    r"^((?:[A-Z][\w+#/&.-]*\s+){0,3}?(?:Languages?|Frameworks?|Tools?|Libraries|Software|Softwares|Technologies|"
    r"Databases?|Platforms?|Systems|Skills|Packages|Environments?|Hardware|Cloud|Toolkits?|Stack))\s+(\S.*)$")
_INTERESTS_LABEL_RE = re.compile(r"^(?:research\s+)?interests?$", re.I)
_AWARD_QUALIFIER_RE = re.compile(r"^(?:honou?rable mention|runner[- ]up|finalist|shortlisted|winner|"
                                 r"(?:first|second|third|1st|2nd|3rd) (?:place|prize)|(?:gold|silver|bronze) medal)\b", re.I)
_PAREN_ROLE_RE = re.compile(r"^(?P<course>.+?)\s*\((?P<role>[^()]+)\)?$")  # `(Lecturer, 2023–)`: the date took the `)`


def _origin(entry: Entry, path: str) -> Origin:
    return Origin(path, entry.first_line, entry.last_line)


def _clean_title(text: str) -> str:
    return plain(text).strip(" .,;:–—-")


# --- projects ----------------------------------------------------------------

def read_project(entry: Entry, path: str) -> Project | None:
    head = read_head(entry)
    parts = styled_parts(head.text)
    bold = next((p.text for p in parts if p.style == "bold"), None)
    if bold:
        title = bold
        after = [p.text for p in comma_parts(head.text) if p.text != bold and p.style != "bold"]
    else:
        pieces = [p.text for p in comma_parts(head.text)]
        title, after = (pieces[0], pieces[1:]) if len(pieces) > 1 and head.meta is None and head.start else (plain(head.text), [])
    title = _clean_title(title)
    if not title:
        return None
    organization = head.meta or (after[0] if after and not ROLE_WORDS.search(after[0]) else None)
    details = [t for t in after if t != organization] + detail_texts(head.rest)
    start, end = apply_single_date(head)
    return Project(title, organization, start, end, details, _origin(entry, path))


# --- teaching ----------------------------------------------------------------

def read_teaching(entry: Entry, path: str) -> Teaching | None:
    head = read_head(entry)
    parts = comma_parts(head.text)
    for part in parts:
        m = _PAREN_ROLE_RE.match(part.text)
        if m and is_role(m["role"]):  # `Program Verification (Lecturer)`
            return _teaching(m["course"], m["role"], parts, part, head, entry, path)
    role = next((p.text for p in parts if is_role(p.text)), None)
    institution = next((p.text for p in parts if INSTITUTION_WORDS.search(p.text) and p.text != role), None)
    bold = next((p.text for p in parts if p.style == "bold" and p.text not in (role, institution)), None)
    course = bold or next((p.text for p in parts if p.text not in (role, institution)), None)
    if not course:
        return None
    start, end = apply_single_date(head)
    return Teaching(_clean_title(course), role, institution, start, end, _origin(entry, path))


def _teaching(course: str, role: str, parts: list[Part], own: Part, head: EntryHead, entry: Entry,
              path: str) -> Teaching:
    """A `Course (Role), Institution` teaching entry."""
    institution = next((p.text for p in parts if p is not own and INSTITUTION_WORDS.search(p.text)), None)
    start, end = apply_single_date(head)
    return Teaching(_clean_title(course), role, institution, start, end, _origin(entry, path))


# --- talks -------------------------------------------------------------------

# `Raman, P. N. (2023, March). Title. Venue.`: a talk cited the APA way, the speaker first.
_APA_TALK_RE = re.compile(rf"^(?P<speaker>[^()]{{2,80}}?)\s*\((?P<year>(?:19|20)\d\d)(?:,\s*(?P<month>{MONTH_PATTERN})"
                          rf"(?:\s+(?P<day>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?)?)?\)\.\s*(?P<title>.+?[.?!])\s+(?P<venue>\S.*)$", re.I)


def read_talk(entry: Entry, path: str) -> Talk | None:
    head = read_head(entry)
    text = head.text
    apa = _APA_TALK_RE.match(plain(" ".join([text] + [line.body for line in head.rest])))
    if apa and not head.start and looks_like_author_list(apa["speaker"].strip(" ,."), allow_single=True):
        date = parse_date(" ".join(filter(None, (apa["month"], apa["day"], apa["year"])))) or apa["year"]
        return Talk(_clean_title(apa["title"]), _clean_title(apa["venue"]) or None, date, _origin(entry, path))
    parts = styled_parts(text)
    bold = next((p.text for p in parts if p.style == "bold"), None)
    if bold or (parts and parts[0].style == "italic"):
        # `**Title**, *Venue*` or `*Title*, Venue, City`: the first styled run is the title.
        title = bold or parts[0].text
        venue = next((p.text for p in parts if p.style == "italic" and p.text != title), None) if bold else \
            ", ".join(p.text for p in comma_parts(text)[1:] if p.style != "italic") or None
    else:
        quoted = _QUOTED_RE.search(plain(text))
        if quoted:  # `"Title," Venue` or `Venue | "Title"`: the venue is what stands outside the quotes
            outside = [plain(text)[quoted.end():], plain(text)[: quoted.start()]]
            title, venue = quoted[1], next((o for o in outside if o.strip(" ,.;:|–—-")), "")
            venue = venue.strip(" ,.;:|–—-")
        else:
            pieces = [p.text for p in comma_parts(text)]
            title, venue = (pieces[0], ", ".join(pieces[1:])) if pieces else ("", "")
    title = _clean_title(title)
    venue = _clean_title(venue or "") or None
    return Talk(title, venue, head.start, _origin(entry, path)) if title else None


# --- awards ------------------------------------------------------------------

def read_award(entry: Entry, path: str) -> Award | None:
    head = entry.head
    lead = head.date
    text = plain(" ".join([head.after_date] + [line.body for line in entry.lines[1:]]))
    year = year_of(lead.start) if lead else None
    title, details = _award_title(text)
    if year is None:
        years = re.findall(r"(?<!\d)((?:19[5-9]|20\d)\d)(?!\d)", text)
        year = int(years[0]) if years else None
    if not title:
        return None
    return Award(title, year, details, _origin(entry, path))


def _award_title(text: str) -> tuple[str, str | None]:
    """`Google Ph.D. Fellowship, 2022.` -> the title, and what follows the first comma as details.

    A comma that starts an enumeration (`Reviewer for NeurIPS, ICML, ICLR`) does not end the title."""
    pieces = [p.strip() for p in re.split(r",\s+", text)]
    enumeration = len(pieces) >= 3 and all(len(p.split()) <= 3 and not re.match(r"(?:19|20)\d\d", p) for p in pieces[1:])
    qualified = len(pieces) >= 2 and _AWARD_QUALIFIER_RE.match(pieces[1])
    if qualified:
        pieces = [f"{pieces[0]}, {pieces[1]}"] + pieces[2:]
    if len(pieces) == 1 or enumeration:
        title, details = text, None
    else:
        title, details = pieces[0], ", ".join(pieces[1:])
    title = re.sub(r"\s*[(\[]?\s*(?:19|20)\d\d\s*[)\]]?\s*\.?$", "", title)  # `Fellowship 2018`: its year
    if details and re.fullmatch(r"\s*(?:19|20)\d\d\s*\.?\s*", details):
        details = None  # `Google Ph.D. Fellowship, 2022.`: the year is the award's year, not a detail
    return title.strip(" .;:"), (details.strip(" .") or None) if details else None


# --- news --------------------------------------------------------------------

def read_news(entry: Entry, path: str) -> NewsItem | None:
    head = entry.head
    date, text = head.date, head.after_date
    if date is None:
        date, before = trailing_range(head.body)
        text = before if date else head.body
    body = plain(" ".join([text] + [line.body for line in entry.lines[1:]])).strip(" :–—-")
    if not body:
        return None
    return NewsItem(body, date.start if date else None, _origin(entry, path))


# --- skills and interests ----------------------------------------------------

def read_skill_line(line: Line, path: str) -> tuple[SkillGroup | None, list[str]]:
    """A skills line: (its group, or None for an `Interests:` line, and the interests it names)."""
    text = plain(line.body)
    category, items_text = None, text
    m = re.match(r"^([^:]{1,40}):\s*(.+)$", text) or re.match(r"^([^|,]{1,40}?)\s+\|\s+([^|]+,[^|]+)$", text)
    if m:
        category, items_text = m[1].strip(), m[2]
    else:
        m = _SKILL_CATEGORY_RE.match(text)
        if m and ("," in m[2] or ";" in m[2]):
            category, items_text = m[1].strip(), m[2]
    items = split_list(items_text)
    if category and _INTERESTS_LABEL_RE.match(category):
        return None, items
    if not items:
        return None, []
    return SkillGroup(items, category, Origin(path, line.number, line.number)), []


def split_list(text: str) -> list[str]:
    """`A, B, and C.` / `A; B` / `A | B` -> [A, B, C]; commas inside brackets stay."""
    pieces = [p.text for p in comma_parts(re.sub(r"\s*[;·•|]\s*", ", ", text))]
    cleaned = [re.sub(r"^(?:and|&)\s+", "", p).strip(" .") for p in pieces]
    return [p for p in cleaned if p]


def read_interests(lines: list[Line]) -> tuple[list[str], list[str]]:
    """(interests, lines that are prose rather than a list)."""
    interests, prose = [], []
    for text in _unwrapped(lines):
        items = split_list(plain(text))
        if items and all(len(item.split()) <= 6 for item in items):
            interests.extend(items)
        else:
            prose.append(plain(text))
    return interests, prose


def _unwrapped(lines: list[Line]) -> list[str]:
    """Line bodies, with a line that goes on in lower case (`…of high mountain` / `regions, and …`) joined to it."""
    texts: list[str] = []
    for line in lines:
        if texts and not line.bulleted and re.match(r"[a-z]", line.body) and not texts[-1].rstrip().endswith((".", ";")):
            texts[-1] = join_wrapped([texts[-1], line.body])
        else:
            texts.append(line.body)
    return texts
