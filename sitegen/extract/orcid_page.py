"""An ORCID record page as a browser copies it (orcid.org/0000-…): name, links, keywords,
employment, education, funding and works.

The page is a list of sections headed `Works (4)`, `Employment (2)`, …; each item in a
section ends with its `Source: …` line. An item's lines are told apart by their shape:
`2020-01-01 to present | Researcher (Department)` for affiliations, `2023-03 | Journal
article` for works, `DOI: …` and `Contributors: A; B` for a work's identifiers and authors.
A work the page lists without contributors gets `authors: []`, `authors_truncated: true`.
"""
from __future__ import annotations

import re
from pathlib import Path

from sitegen.extract.links import find_links
from sitegen.extract.venues import short_venue_for
from sitegen.model import Award, Diagnostic, Education, Link, Origin, Position, Profile, Publication

NAME = "orcid-page"
DESCRIPTION = "ORCID record page copied from a browser (orcid.org/0000-…)"
PATTERNS = ("*.txt",)

_ORCID_URL_RE = re.compile(r"https?://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b")
_SECTION_RE = re.compile(r"^(?P<name>Employment|Education and qualifications|Education|Qualifications|Funding|Works|"
                         r"Invited positions and distinctions|Distinctions|Membership and service|Peer review|"
                         r"Research resources)\s*\((?P<count>\d+)[^)]*\)\s*$")
_LABELS = ("Also known as", "Country", "Keywords", "Websites & social links", "Emails", "Other IDs", "Activities",
           "Personal information", "Biography")
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
# `2020-01-01 to present | Researcher (Department of Soil and Environment)`
_AFFILIATION_DATES_RE = re.compile(rf"^(?P<start>{_DATE})?\s*(?:to\s+(?P<end>{_DATE}|present))?\s*\|\s*(?P<what>.+)$")
# `2023-03 | Journal article`
_WORK_DATE_RE = re.compile(rf"^(?P<date>{_DATE})\s*\|\s*(?P<type>[A-Za-z][\w ,/-]+)$")
_WORK_KINDS = {"journal article": "journal", "conference paper": "conference", "preprint": "preprint",
               "dissertation or thesis": "thesis", "dissertation": "thesis", "book": "book",
               "book chapter": "chapter", "conference abstract": "conference", "conference poster": "conference"}


def sniff(text: str, path: Path) -> float:
    """Sure when the page has an ORCID iD and at least two of ORCID's own section heads."""
    head = text[:200_000]
    if not _ORCID_URL_RE.search(head):
        return 0.0
    sections = {m["name"] for m in (_SECTION_RE.match(line.strip()) for line in head.split("\n")) if m}
    return 0.9 if len(sections) >= 2 else 0.0


def extract(text: str, path: Path) -> Profile:
    """The record as a Profile. Pure; never raises on any text."""
    lines = [line.strip() for line in text.split("\n")]
    profile = Profile()
    _read_person(lines, profile)
    for name, start, end in _sections(lines):
        for first, item in _items(lines, start, end):
            origin = Origin(str(path), first + 1, first + len(item))
            if not _read_item(name, item, origin, profile):
                profile.warnings.append(Diagnostic(f"could not read this {name} item; left out", str(path), first + 1))
    return profile


def _read_person(lines: list[str], profile: Profile) -> None:
    """Name (the line above the iD), the iD, keywords, websites and e-mails."""
    at = next((i for i, line in enumerate(lines) if _ORCID_URL_RE.fullmatch(line)), None)
    if at is None:
        return
    profile.links.append(Link(lines[at], "orcid"))
    above = next((line for line in reversed(lines[:at]) if line), "")
    if above and not any(c.isdigit() for c in above) and 1 < len(above.split()) <= 5:
        profile.name = above
    for label, values in _labelled_blocks(lines):
        if label == "Keywords":
            profile.interests += [k.strip() for v in values for k in v.split(",") if k.strip()]
        elif label == "Websites & social links":
            profile.links += [Link(f.url, "website" if f.kind == "other" else f.kind)
                              for v in values for f in find_links(v)]
        elif label == "Emails":
            profile.links += [Link(f"mailto:{v}", "email") for v in values if re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", v)]


def _labelled_blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """`Keywords` / `soil microbiology, …`: a personal-information label and the lines up to the next blank."""
    first_section = next((i for i, line in enumerate(lines) if _SECTION_RE.match(line)), len(lines))
    blocks = []
    for i, line in enumerate(lines[:first_section]):
        if line in _LABELS:
            values = []
            for value in lines[i + 1:first_section]:
                if not value or value in _LABELS:
                    break
                values.append(value)
            blocks.append((line, values))
    return blocks


def _sections(lines: list[str]) -> list[tuple[str, int, int]]:
    heads = [(i, m["name"]) for i, m in ((i, _SECTION_RE.match(line)) for i, line in enumerate(lines)) if m]
    return [(name, i + 1, heads[k + 1][0] if k + 1 < len(heads) else len(lines)) for k, (i, name) in enumerate(heads)]


def _items(lines: list[str], start: int, end: int) -> list[tuple[int, list[str]]]:
    """The items of a section: runs of lines, each closed by its `Source:` line (`Sort` buttons dropped)."""
    items, current, first = [], [], start
    for i in range(start, end):
        line = lines[i]
        if not line or line in ("Sort", "Show more detail", "Collapse all", "Expand all"):
            continue
        if not current:
            first = i
        if line.startswith("Source:"):
            items.append((first, current))
            current = []
        else:
            current.append(line)
    return items


def _read_item(section: str, item: list[str], origin: Origin, profile: Profile) -> bool:
    if section == "Works":
        work = _work(item, origin)
        profile.publications += [work] if work else []
        return work is not None
    if section in ("Employment", "Invited positions and distinctions"):
        found = _affiliation(item)
        if found:
            organization, start, end, role, unit, location = found
            profile.positions.append(Position(organization, role, unit, start, end, location, origin=origin))
        return found is not None
    if section in ("Education and qualifications", "Education", "Qualifications"):
        found = _affiliation(item)
        if found:
            institution, start, end, degree, field, location = found
            profile.education.append(Education(institution, degree, field, start, end, location, origin=origin))
        return found is not None
    if section == "Funding":
        dates = next((_AFFILIATION_DATES_RE.match(line) for line in item if _AFFILIATION_DATES_RE.match(line)), None)
        if item and dates and dates["start"]:
            profile.awards.append(Award(item[0], int(dates["start"][:4]), origin=origin))
            return True
        return not item
    return True  # peer review and the rest: nothing the profile holds


def _affiliation(item: list[str]) -> tuple[str, str | None, str | None, str | None, str | None, str | None] | None:
    """`Org: City, CC` / `2020-01-01 to present | Role (Unit)` -> (org, start, end, role, unit, location)."""
    if len(item) < 2:
        return None
    organization, _, location = item[0].partition(": ")
    dates = _AFFILIATION_DATES_RE.match(item[1])
    if not dates:
        return None
    what = re.match(r"^(?P<role>.+?)\s*\((?P<unit>[^()]+)\)$", dates["what"].strip())
    role, unit = (what["role"], what["unit"]) if what else (dates["what"].strip(), None)
    return organization.strip(), dates["start"], dates["end"], role, unit, location.strip() or None


def _work(item: list[str], origin: Origin) -> Publication | None:
    dated = next((i for i, line in enumerate(item) if _WORK_DATE_RE.match(line)), None)
    if not item or dated is None or dated == 0:
        return None
    m = _WORK_DATE_RE.match(item[dated])
    publication = Publication(item[0].rstrip("."), origin=origin)
    journal = " ".join(item[1:dated]).strip() or None
    publication.kind = _WORK_KINDS.get(m["type"].strip().lower(), "other")
    publication.date, publication.year = m["date"], int(m["date"][:4])
    if journal and publication.kind != "thesis":
        publication.venue = short_venue_for(journal) or journal
        publication.venue_full = journal if publication.venue != journal else None
    if publication.kind == "preprint":
        publication.status = "preprint"
    elif publication.kind in ("journal", "conference", "book", "chapter"):
        publication.status = "published"
    for line in item[dated + 1:]:
        label, _, value = line.partition(":")
        if label == "DOI" and value.strip():
            publication.doi = value.strip()
        elif label == "Contributors":
            publication.authors = [name.strip() for name in value.split(";") if name.strip()]
    publication.authors_truncated = not publication.authors
    return publication
