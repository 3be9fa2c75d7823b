"""Researcher profile pages copied from a scholarly site.

Such a page is a heading with the researcher's name, site chrome (buttons, counters,
calls to log in or claim the profile), then the works: each one a line with status,
year and venue, often run together (`preprint2026arXiv`), the title on the next line,
maybe an author line, then the abstract. Chrome is dropped; other text is kept in `other`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.extract import dblp_entries
from sitegen.extract.dates import YEAR_PATTERN, fold_ignorecase_twins
from sitegen.extract.names import AuthorList, looks_like_author_list, looks_like_person_name, parse_authors
from sitegen.extract.links import find_links
from sitegen.model import Diagnostic, Link, Origin, OtherSection, Profile, Publication

NAME = "profile-page"
DESCRIPTION = "a researcher's profile page copied from a scholarly site (works with status, year and venue)"
PATTERNS = ("*profile*.txt", "*scholar*.txt")

# The status or type word a page shows first on a work's line -> (status, kind).
_WORK_TYPES = {
    "preprint": ("preprint", "preprint"), "published": ("published", None),
    "accepted": ("accepted", None), "under review": ("under-review", None),
    "journal article": ("published", "journal"), "journal": ("published", "journal"),
    "article": ("published", "journal"), "conference paper": ("published", "conference"),
    "conference": ("published", "conference"), "proceedings": ("published", "conference"),
    "workshop": ("published", "workshop"), "book chapter": ("published", "chapter"),
    "chapter": ("published", "chapter"), "book": ("published", "book"),
    "thesis": ("published", "thesis"), "dissertation": ("published", "thesis"),
    "patent": ("published", "patent"),
}
_TYPE_WORDS = "|".join(sorted((re.escape(w) for w in _WORK_TYPES), key=len, reverse=True))
_SEP = r"\s*[·•|,–—-]?\s*"
# `preprint2026arXiv`, `Journal article · 2021 · Nature`: type, year, then the venue (maybe none).
_WORK_HEADER = re.compile(rf"^\s*(?P<type>{_TYPE_WORDS}){_SEP}(?P<year>{YEAR_PATTERN})(?!\d){_SEP}"
                          rf"(?P<venue>[^\s].{{0,79}})?$", re.I)

# Site chrome: the words of buttons, counters and calls to action that scholarly sites share.
_CHROME_WORDS = re.compile(
    r"\b(?:follow(?:ers?|ing)?|log ?in|sign ?(?:in|up)|claim(?:ed|ing)?|unclaimed|unlock\w*|share|export"
    r"|download|load(?:ing)? more|loading|show (?:more|less)|view all|see all|open full|explorer"
    r"|graph|trust|verification|verified|snapshot|quick read|actions?|connect(?:ed)?|collaborat\w*"
    r"|metrics|h-index|i10-index|citations|cited by|co-?authors|sort by|filter|researcher|profile"
    r"|published (?:work|items?)|works?|publications|topics|affiliation not imported)\b", re.I)
# A short line telling the reader to do something: `Open a focused conversation when the fit is right`.
_CALL_TO_ACTION = re.compile(r"^(?:open|see|view|explore|inspect|decide|discover|start|join|invite|message"
                             r"|contact|request|add|create|manage|learn more)\b(?:\W+\w+){0,11}\W*$", re.I)
# `20works`, `0followers`, `4close collaborators`, `20 published item(s)`, `Follow researcher0`.
_COUNTER = re.compile(r"^\s*(?P<count>\d+)\s*(?P<what>[A-Za-z][A-Za-z ()]{0,40})$|^[A-Za-z ]{2,40}\d+$")
_DECLARED_WORKS = re.compile(r"^\s*(?P<count>\d+)\s*(?:works|published items?(?:\(s\))?|publications|papers)\s*$", re.I)


@dataclass(slots=True)
class _Work:
    header: re.Match
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)


def sniff(text: str, path: Path) -> float:
    """Sure when work lines (`preprint2026arXiv`) and site chrome are both present."""
    lines = [line for line in text.splitlines()[:5000] if line.strip()]
    if dblp_entries.count_keys(lines) >= 3:
        return 0.9  # a dblp person page: `[j3]`, `[c8]` keys before each entry
    headers = sum(1 for line in lines if _WORK_HEADER.match(line))
    chrome = sum(1 for line in lines if _is_chrome(line))
    if headers >= 3 and chrome >= 2:
        return 0.95
    if headers >= 3:
        return 0.6
    if headers >= 1 and chrome >= 3:
        return 0.5
    return 0.0


def extract(text: str, path: Path) -> Profile:
    """The page's owner and works; chrome is dropped and other text kept in `other`."""
    shown = str(path)
    lines = [(n, s.strip()) for n, s in enumerate(text.splitlines(), start=1) if s.strip()]
    profile = Profile()
    if dblp_entries.count_keys([t for _, t in lines]) >= 3:
        preamble, profile.publications = dblp_entries.read_entries(lines, shown)
        _read_preamble(preamble, profile, shown)
        profile.links = [Link(link.url, link.kind) for _, text in preamble for link in find_links(text)]
        return profile
    preamble, works = _split_works(lines)
    _read_preamble(preamble, profile, shown)
    profile.publications = [_publication(work, shown, profile.warnings) for work in works]
    profile.publications = [p for p in profile.publications if p is not None]
    _check_counts(preamble, profile, shown)
    return profile


# --- the part before the works: name, summary, chrome ----------------------------------

def _split_works(lines: list[tuple[int, str]]):
    preamble, works = [], []
    for number, text in lines:
        header = _WORK_HEADER.match(text)
        if header:
            works.append(_Work(header, number))
        elif works:
            works[-1].lines.append((number, text))
        else:
            preamble.append((number, text))
    return preamble, works


def _read_preamble(preamble: list[tuple[int, str]], profile: Profile, shown: str) -> None:
    name_at = _find_name(preamble)
    kept: list[tuple[int, str]] = []
    for index, (number, text) in enumerate(preamble):
        if index == name_at:
            profile.name = text
        elif name_at is not None and profile.summary is None and text.startswith(profile.name or "\0") \
                and text.endswith("."):
            profile.summary = text  # the sentence about the person right under the heading
        elif not _is_chrome(text):
            kept.append((number, text))
    if name_at is None and preamble:
        profile.warnings.append(Diagnostic("no heading with the researcher's name found", shown, preamble[0][0]))
    if kept:
        profile.other.append(OtherSection("Profile page text", [t for _, t in kept],
                                          Origin(shown, kept[0][0], kept[-1][0])))


def _find_name(preamble: list[tuple[int, str]]) -> int | None:
    """The heading that names the researcher: a short name-like line, best one the next lines repeat."""
    candidates = [i for i, (_, text) in enumerate(preamble[:15]) if _looks_like_name(text)]
    for i in candidates:
        following = " ".join(text for _, text in preamble[i + 1:i + 4])
        if re.search(rf"(?<!\w){re.escape(preamble[i][1])}(?!\w)", following):
            return i
    return candidates[0] if candidates and candidates[0] < 5 else None


def _looks_like_name(text: str) -> bool:
    return 2 <= len(text.split()) <= 4 and not _is_chrome(text) and looks_like_person_name(text)


def _is_chrome(text: str) -> bool:
    """Buttons, counters and calls to action: short lines in the site's own vocabulary."""
    if _COUNTER.match(text):
        return True
    words = _split_run_together(text)
    return len(text.split()) <= 25 and bool(_CHROME_WORDS.search(words) or _CALL_TO_ACTION.match(words))


def _split_run_together(text: str) -> str:
    """`ResearcherAffiliation not importedOpen` -> words a word-boundary regex can see."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)


def _check_counts(preamble, profile: Profile, shown: str) -> None:
    for number, text in preamble:
        declared = _DECLARED_WORKS.match(text)
        if declared and int(declared["count"]) != len(profile.publications):
            profile.warnings.append(Diagnostic(
                f"the page says {declared['count']} works but {len(profile.publications)} were read",
                shown, number, hint="the copy may be cut short; check the end of the file"))
            return


# --- one work ---------------------------------------------------------------------

def _publication(work: _Work, shown: str, warnings: list[Diagnostic]) -> Publication | None:
    body = [(n, t) for n, t in work.lines if not _is_ui_label(t)]
    if not body:
        warnings.append(Diagnostic(f"a work line with no title after it: {work.header.group(0)!r}", shown, work.line))
        return None
    status, kind = _WORK_TYPES[fold_ignorecase_twins(work.header["type"]).lower()]
    (_, title), rest = body[0], body[1:]
    # A work shown without an author line has an unknown author list: truncated, not empty.
    authors = AuthorList(truncated=True)
    if rest and looks_like_author_list(rest[0][1], allow_single=True):
        authors = parse_authors(rest.pop(0)[1])
    return Publication(
        title=title.rstrip(" ."), authors=authors.names, authors_truncated=authors.truncated,
        equal_contribution=authors.equal_contribution,
        year=int(work.header["year"]), venue=(work.header["venue"] or "").strip() or None,
        kind=kind, status=status, abstract="\n".join(t for _, t in rest) or None,
        origin=Origin(shown, work.line, body[-1][0]))


def _is_ui_label(text: str) -> bool:
    """A lone button label inside a work (`Cite`, `Save`, `PDF`, `Show more`)."""
    return bool(re.fullmatch(r"(?i)(?:cite|save|share|pdf|html|doi|link|show (?:more|less)|read more|abstract"
                             r"|view(?: paper)?|open|bookmark|\.\.\.|…)", text))
