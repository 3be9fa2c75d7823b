"""Publication lists copied from a dblp person page: `[c9]`, authors ending in `:`, title, venue.

dblp keys say the kind (`j` journal, `c` conference, `i` informal such as CoRR, `b` book,
`p` part of a book); the venue line ends with pages and the year (`Proc. VLDB Endow.
16(9): 2301-2314 (2023)`, `ICDE 2023: 1450-1463`). Used by the profile-page reader.
"""
from __future__ import annotations

import re

from sitegen.extract.names import parse_authors
from sitegen.model import Origin, Publication

KEY_RE = re.compile(r"^\s*\[(?P<kind>[jcibpre])(?P<number>\d{1,4})\]\s*$")
_KINDS = {"j": "journal", "c": "conference", "i": "preprint", "b": "book", "p": "chapter", "e": "book", "r": "other"}
_YEAR_GROUP_RE = re.compile(r"^\s*(?:19|20)\d\d\s*$")


def count_keys(lines: list[str]) -> int:
    return sum(1 for line in lines if KEY_RE.match(line))


def read_entries(lines: list[tuple[int, str]], shown: str) -> tuple[list[tuple[int, str]], list[Publication]]:
    """(lines before the first entry, the publications); lines after the last entry's venue are dropped."""
    starts = [i for i, (_, text) in enumerate(lines) if KEY_RE.match(text)]
    if not starts:
        return lines, []
    publications = []
    for start in starts:
        body = [(n, t) for n, t in lines[start + 1:start + 5] if not KEY_RE.match(t)][:3]
        publication = _entry(KEY_RE.match(lines[start][1])["kind"], body, shown, lines[start][0])
        if publication:
            publications.append(publication)
    return lines[: starts[0]], publications


def _entry(key: str, body: list[tuple[int, str]], shown: str, line: int) -> Publication | None:
    if len(body) < 3 or not body[0][1].rstrip().endswith(":"):
        return None
    authors = parse_authors(body[0][1].rstrip().rstrip(":"))
    title = body[1][1].strip().rstrip(".")
    venue_text = body[2][1].strip()
    year = re.search(r"\((?P<y>(?:19|20)\d\d)\)\s*$|\b(?P<z>(?:19|20)\d\d)\s*:", venue_text)
    kind = _KINDS[key]
    venue = _venue_name(venue_text)
    if venue == "CoRR":
        venue, kind = "arXiv", "preprint"
    return Publication(title=title, authors=authors.names, authors_truncated=authors.truncated,
                       year=int(year["y"] or year["z"]) if year else None, venue=venue or None, kind=kind,
                       status="preprint" if kind == "preprint" else "published",
                       origin=Origin(shown, line, body[-1][0]))


def _venue_name(text: str) -> str:
    """`SIGMOD Conference 2024: 112:1-…` -> `SIGMOD`; `Proc. VLDB Endow. 16(9): …` -> `Proc. VLDB Endow.`."""
    name = re.split(r"\s+(?:\d|\(|abs/)", text, maxsplit=1)[0]
    return re.sub(r"\s+(?:Conference|Workshops?)$", "", name).strip(" ,:")


def is_year_group(text: str) -> bool:
    return bool(_YEAR_GROUP_RE.match(text))
