"""Publications: which records are the same paper, and how their fields combine.

A record's identity keys are its DOI, its arXiv id and its normalised title;
records sharing any key are one paper. Combining keeps the richest value of
each field: the full author list over a truncated one, a published venue over
arXiv, the longest abstract, and every link, identifier and category.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Iterable

from sitegen.model import Link, Publication

PREPRINT_VENUES = {"arxiv", "corr", "biorxiv", "medrxiv", "ssrn", "openreview", "preprint"}


def title_key(title: str) -> str:
    """Case-, accent-, LaTeX-brace- and punctuation-insensitive form of a title."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text)  # LaTeX commands such as \emph
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def identity_keys(record: Publication) -> list[str]:
    keys = []
    if record.doi:
        keys.append("doi:" + record.doi.strip().lower())
    if record.arxiv:
        keys.append("arxiv:" + re.sub(r"v\d+$", "", record.arxiv.strip().lower()))
    title = title_key(record.title)
    if len(title) >= 8:  # a title this short says too little to match on
        keys.append("title:" + title)
    return keys


def group_same_papers(records: list[Publication]) -> list[list[int]]:
    """Indexes of `records` grouped into papers (union-find over shared keys), in first-seen order."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with_key: dict[str, int] = {}
    for index, record in enumerate(records):
        for key in identity_keys(record):
            other = first_with_key.setdefault(key, index)
            a, b = root(index), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(records)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


def is_preprint(record: Publication) -> bool:
    venue = (record.venue or "").lower()
    return record.status == "preprint" or record.kind == "preprint" or venue in PREPRINT_VENUES


def merge_records(records: list[Publication]) -> Publication:
    """One record combining several records of the same paper."""
    if len(records) == 1:
        return records[0]
    published = [r for r in records if r.venue and not is_preprint(r)]
    lead = max(published or records, key=_richness)
    authors_from = max(records, key=lambda r: (not r.authors_truncated, len(r.authors)))
    return replace(
        lead,
        authors=list(authors_from.authors),
        authors_truncated=authors_from.authors_truncated,
        equal_contribution=_union(r.equal_contribution for r in records),
        year=lead.year or next((r.year for r in records if r.year), None),
        date=lead.date or next((r.date for r in records if r.date and r.year == lead.year), None),
        venue_full=lead.venue_full or next((r.venue_full for r in records if r.venue == lead.venue and r.venue_full), None),
        abstract=max((r.abstract for r in records if r.abstract), key=len, default=None),
        notes=_union(r.notes for r in records),
        categories=_union(r.categories for r in records),
        keywords=_union(r.keywords for r in records),
        links=_union_links(r.links for r in records),
        doi=next((r.doi for r in records if r.doi), None),
        arxiv=next((r.arxiv for r in records if r.arxiv), None),
        owner_author=None,
        selected=any(r.selected for r in records),
    )


def _richness(record: Publication) -> tuple:
    filled = sum(bool(v) for v in (record.venue, record.venue_full, record.year, record.date, record.abstract,
                                    record.doi, record.arxiv, record.links))
    return (not record.authors_truncated, len(record.authors), filled)


def _union(lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for items in lists:
        out.extend(x for x in items if x not in out)
    return out


def _union_links(lists: Iterable[list[Link]]) -> list[Link]:
    seen, out = set(), []
    for links in lists:
        for link in links:
            if link.url not in seen:
                seen.add(link.url)
                out.append(link)
    return out
