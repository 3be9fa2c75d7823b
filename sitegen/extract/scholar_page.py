"""Author pages copied from Google Scholar and Semantic Scholar.

Google Scholar: a header (name, affiliation, `Verified email at …`, interests - often run
together at capital letters: `Coral reefsOcean acidification`), counters, co-authors, then
the `TITLE / CITED BY / YEAR` table: each row a title line, an author line (cut short with
`...`), and `venue<TAB>cites<TAB>year`.

Semantic Scholar: the name over its counters (`Publications`, `h-index`, ...), then paper
cards: title, authors (`+3 authors` hides the middle ones), fields of study, venue, date,
maybe a TLDR, then the card's buttons (`Save`, `Alert`, `Cite`).

Site chrome is dropped; neither page lists positions, education or awards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.extract.dates import YEAR_PATTERN, parse_date, year_of
from sitegen.extract.names import AuthorList, looks_like_author_list, looks_like_person_name, parse_authors
from sitegen.extract.venues import find_status, venue_kind
from sitegen.model import Origin, OtherSection, Profile, Publication

NAME = "scholar-page"
DESCRIPTION = "an author page copied from Google Scholar or Semantic Scholar"
PATTERNS = ("*scholar*.txt", "*semantic*.txt")

# Google Scholar ----------------------------------------------------------------
_TABLE_HEAD = ("TITLE", "CITED BY", "YEAR")
# `Global Change Biology 25 (4), 1234-1245<TAB>412<TAB>2019`; the cites or the year may be empty.
_ROW_TAIL_RE = re.compile(rf"^(?P<venue>.*?)(?:\t|\s{{2,}})(?P<cites>\d[\d,]*\*?)?(?:\t|\s{{2,}})(?P<year>{YEAR_PATTERN})?\s*$")
_VERIFIED_RE = re.compile(r"^(?:verified email at|no verified email)\b", re.I)
_GOOGLE_CHROME_RE = re.compile(r"^(?:google scholar|get my own profile|follow|cited by|view all|all|public access"
                               r"|co-?authors|show more|articles|sort by .*|edit|citations?|h-index|i10-index)\b", re.I)
# `Global Change Biology 25 (4), 1234-1245`, `Marine Ecology Progress Series 640, 87-101`, `bioRxiv, 2023.05.11…`:
# the volume, issue, pages or identifier after a journal's name.
_VENUE_TAIL_RE = re.compile(r"(?:,\s*|\s+)(?:\d[\d.()\s,:–-]*|e\d+)(?:[,\s].*)?$")
_THESIS_RE = re.compile(r"\b(?:ph\.?\s?d|doctoral|master'?s?|msc|bachelor'?s?)\b.*\b(?:thesis|dissertation)\b"
                        r"|^(?:thesis|dissertation)\b", re.I)

# Semantic Scholar ----------------------------------------------------------------
_S2_COUNTERS = ("Publications", "h-index", "Citations", "Highly Influential Citations")
_S2_BUTTONS_RE = re.compile(r"^(?:save|alert|cite|pdf|expand|collapse|tldr|\d[\d,]*|view (?:pdf|paper)"
                            r"|publisher|highly influential(?: citations)?)$", re.I)
_HIDDEN_AUTHORS_RE = re.compile(r",?\s*\+\s*\d+\s+authors?\s*,?\s*", re.I)
# Semantic Scholar's fields of study: a card's line of them is not its venue.
_FIELDS_OF_STUDY = {
    "computer science", "medicine", "biology", "environmental science", "chemistry", "physics", "mathematics",
    "engineering", "psychology", "economics", "materials science", "geology", "geography", "political science",
    "sociology", "business", "history", "art", "philosophy", "agricultural and food sciences", "education",
    "law", "linguistics",
}
_CARD_DATE_RE = re.compile(rf"^(?:\d{{1,2}}\s+[A-Z][a-z]+\s+|[A-Z][a-z]+\s+)?{YEAR_PATTERN}$")


@dataclass(slots=True)
class _Row:
    number: int
    text: str


def sniff(text: str, path: Path) -> float:
    """Sure when the Google Scholar table head or several Semantic Scholar cards are present."""
    lines = [line.strip() for line in text.splitlines()[:5000]]
    if _table_start(lines) is not None:
        return 0.95 if sum(1 for line in lines if _ROW_TAIL_RE.match(line)) >= 1 else 0.6
    if _s2_counters_at(lines) is not None and len(_s2_card_dates(lines)) >= 2:
        return 0.95
    return 0.0


def extract(text: str, path: Path) -> Profile:
    shown = str(path)
    rows = [_Row(n, s.strip()) for n, s in enumerate(text.splitlines(), start=1) if s.strip()]
    lines = [row.text for row in rows]
    profile = Profile()
    start = _table_start(lines)
    if start is not None:
        _read_google_header(rows[:start], profile)
        profile.publications = _read_google_table(rows[start + 3:], shown)
    else:
        _read_s2_page(rows, profile, shown)
    _mark_owner(profile)
    return profile


# --- Google Scholar -----------------------------------------------------------------

def _table_start(lines: list[str]) -> int | None:
    """Where `TITLE`, `CITED BY`, `YEAR` head the table (one line each, as a copy gives them)."""
    for i in range(len(lines) - 2):
        if tuple(line.upper() for line in lines[i:i + 3]) == _TABLE_HEAD:
            return i
    return None


def _read_google_header(rows: list[_Row], profile: Profile) -> None:
    """Name, affiliation line and interests; counters and co-authors are the page's, not the owner's."""
    name_at = next((i for i, row in enumerate(rows[:12]) if _is_owner_name(row.text)), None)
    if name_at is None:
        return
    profile.name = rows[name_at].text
    after = rows[name_at + 1:]
    if after and not _VERIFIED_RE.match(after[0].text) and not _GOOGLE_CHROME_RE.match(after[0].text):
        profile.headline = after[0].text
        profile.affiliation = after[0].text.rsplit(",", 1)[-1].strip() if "," in after[0].text else after[0].text
        after = after[1:]
    if after and _VERIFIED_RE.match(after[0].text):
        after = after[1:]
    for row in after:
        if _GOOGLE_CHROME_RE.match(row.text) or "\t" in row.text:
            break
        profile.interests += _split_interests(row.text)


def _is_owner_name(text: str) -> bool:
    return not _GOOGLE_CHROME_RE.match(text) and 2 <= len(text.split()) <= 5 and looks_like_person_name(text)


def _split_interests(text: str) -> list[str]:
    """`Coral reefsOcean acidification` (the page's links run together) or `A, B`: the interests."""
    pieces = re.split(r"\s*[,;·|]\s*|(?<=[a-z)])(?=[A-Z])", text)
    return [piece.strip() for piece in pieces if piece.strip()]


def _read_google_table(rows: list[_Row], shown: str) -> list[Publication]:
    publications = []
    for i, row in enumerate(rows):
        tail = _ROW_TAIL_RE.match(row.text) if "\t" in row.text or "  " in row.text else None
        if not tail or i < 1:
            continue
        title_at = i - 2 if i >= 2 and not _ROW_TAIL_RE.match(rows[i - 2].text) else i - 1
        authors_text = rows[i - 1].text if title_at == i - 2 else None
        publication = _google_publication(rows[title_at].text, authors_text, tail, shown,
                                          rows[title_at].number, row.number)
        if publication:
            publications.append(publication)
    return publications


def _google_publication(title: str, authors_text: str | None, tail: re.Match, shown: str,
                        first: int, last: int) -> Publication | None:
    title = title.strip().rstrip(".")
    if not title or _GOOGLE_CHROME_RE.fullmatch(title):
        return None
    authors = parse_authors(authors_text) if authors_text else AuthorList(truncated=True)
    publication = Publication(title, authors.names, authors.truncated, authors.equal_contribution,
                              year=int(tail["year"]) if tail["year"] else None, origin=Origin(shown, first, last))
    _fill_venue(publication, tail["venue"].strip())
    return publication


def _fill_venue(publication: Publication, text: str) -> None:
    """The journal's name without volume and pages; a thesis line names a kind of work, not a venue."""
    if not text:
        return
    if _THESIS_RE.search(text):
        publication.kind = "thesis"
        publication.notes.append(text)
        return
    venue = _VENUE_TAIL_RE.sub("", text).strip(" ,.") or None
    publication.venue = venue
    publication.venue_full = text if venue != text else None
    status = find_status(text)
    publication.status = status.value if status else ("published" if venue else None)
    publication.kind = venue_kind(venue, text)


# --- Semantic Scholar ----------------------------------------------------------------

def _s2_counters_at(lines: list[str]) -> int | None:
    """The line where the author's counters start: `Publications` then a number."""
    for i in range(len(lines) - 1):
        if lines[i] == _S2_COUNTERS[0] and re.fullmatch(r"\d[\d,]*", lines[i + 1]):
            return i
    return None


def _s2_card_dates(lines: list[str]) -> list[int]:
    """A card's date line: a year or `14 March 2023`, with an author line at most three lines above."""
    return [i for i, line in enumerate(lines)
            if _CARD_DATE_RE.match(line) and parse_date(line) and _s2_authors_above(lines, i) is not None]


def _s2_authors_above(lines: list[str], date_at: int) -> int | None:
    """The card's author line: the first author-like line of the three over the date that has a
    title over it (not a button). A venue (`Global Change Biology`) can look like a name too, but
    comes after the authors."""
    for j in range(max(1, date_at - 3), date_at):
        if _is_s2_authors(lines[j]) and not _S2_BUTTONS_RE.match(lines[j - 1]) \
                and not _is_fields_line(lines[j - 1]) and lines[j - 1] not in _S2_COUNTERS:
            return j
    return None


def _is_s2_authors(text: str) -> bool:
    cleaned = _HIDDEN_AUTHORS_RE.sub(", ", text).strip(" ,")
    return bool(cleaned) and looks_like_author_list(cleaned, allow_single=True) and not _is_fields_line(text)


def _is_fields_line(text: str) -> bool:
    return all(piece.strip().lower() in _FIELDS_OF_STUDY for piece in text.split(","))


def _read_s2_page(rows: list[_Row], profile: Profile, shown: str) -> None:
    lines = [row.text for row in rows]
    counters = _s2_counters_at(lines)
    if counters is not None:
        _read_s2_header(rows[:counters], profile)
    dates = _s2_card_dates(lines)
    for date_at in dates:
        authors_at = _s2_authors_above(lines, date_at)
        profile.publications.append(_s2_publication(rows, authors_at, date_at, shown))
    if dates and counters is None:
        profile.other.append(OtherSection("Page text", lines[: max(0, dates[0] - 3)], Origin(shown, rows[0].number)))


def _read_s2_header(rows: list[_Row], profile: Profile) -> None:
    """The name stands right over the counters, maybe with an affiliation line between."""
    for row in reversed(rows[-3:]):
        if 2 <= len(row.text.split()) <= 5 and looks_like_person_name(row.text):
            profile.name = row.text
            after = rows[rows.index(row) + 1:]
            profile.affiliation = after[0].text if after else None
            return


def _s2_publication(rows: list[_Row], authors_at: int, date_at: int, shown: str) -> Publication:
    title = rows[authors_at - 1].text.rstrip(".")
    authors_text = rows[authors_at].text
    authors = parse_authors(_HIDDEN_AUTHORS_RE.sub(", ", authors_text).strip(" ,"))
    truncated = authors.truncated or bool(_HIDDEN_AUTHORS_RE.search(authors_text))
    between = [row.text for row in rows[authors_at + 1:date_at] if not _is_fields_line(row.text)]
    date = parse_date(rows[date_at].text)
    publication = Publication(title, authors.names, truncated, authors.equal_contribution,
                              year=year_of(date), date=date if date and len(date) > 4 else None,
                              origin=Origin(shown, rows[authors_at - 1].number, rows[date_at].number))
    venue = between[-1] if between else None
    if venue:
        publication.venue = venue
        status = find_status(venue)
        publication.status = status.value if status else "published"
        publication.kind = venue_kind(venue)
    return publication


def _mark_owner(profile: Profile) -> None:
    """The author on each paper who is the page's owner: same family name, same first initial."""
    if not profile.name:
        return
    words = profile.name.split()
    family, initial = words[-1].lower(), words[0][0].lower()
    for publication in profile.publications:
        publication.owner_author = next(
            (a for a in publication.authors
             if a.split()[-1].lower() == family and a.split()[0][0].lower() == initial), None)
