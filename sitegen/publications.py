"""Publications: which records are the same paper, and how their fields combine.

Records are one paper when they share a DOI or an arXiv id; otherwise when their
normalised titles are equal, or differ only by spelling (`neighbour` /
`neighbor`, `pre-training` / `pretraining`), *and* the records agree: an author
family name in common, years at most one apart, no conflicting arXiv ids. A
title that gains or swaps a word (“X” / “X: A Survey”, “…for Images” / “…for
Video”) is another paper. Which titles differ only by spelling, found without
comparing every pair, is title_spelling.py's to decide.

Combining keeps the richest value of each field: the full author list over a
truncated one, a published venue over arXiv, the longest abstract, and every
link, identifier and category.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from sitegen.model import Link, Publication
from sitegen.title_spelling import similar_title_pairs, spelling_difference

PREPRINT_VENUES = {"arxiv", "corr", "biorxiv", "medrxiv", "ssrn", "openreview", "preprint"}
MIN_TITLE = 8  # a normalised title this short says too little to match on
ARXIV_DOI = "10.48550/"

_LATEX_ACCENT = re.compile(r"\\[^a-zA-Z\s]")  # \'e, \"o
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\s*")  # \emph
_NOT_WORD = re.compile(r"[\W_]+")
_ARXIV_VERSION = re.compile(r"v\d+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)")
_NOT_LETTER = re.compile(r"[^a-z]")


def _strip_accents(text: str) -> str:
    """`text` decomposed (NFKD) without its combining marks; ASCII text has neither, so it is returned as it is."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def title_key(title: str) -> str:
    """Case-, accent-, LaTeX-, punctuation- and `&`-insensitive form of a title."""
    if "\\" in title:  # LaTeX accents and commands start with a backslash
        title = _LATEX_COMMAND.sub("", _LATEX_ACCENT.sub("", title))
    text = _strip_accents(title)
    text = text.lower().replace("&", " and ")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def arxiv_key(arxiv: str | None) -> str | None:
    return _ARXIV_VERSION.sub("", arxiv.strip().lower()) if arxiv and arxiv.strip() else None


def doi_key(doi: str | None) -> str | None:
    if not doi or not doi.strip():
        return None
    return _DOI_PREFIX.sub("", doi.strip().lower())


def identity_keys(record: Publication) -> list[str]:
    keys = []
    if doi := doi_key(record.doi):
        keys.append("doi:" + doi)
    if arxiv := arxiv_key(record.arxiv):
        keys.append("arxiv:" + arxiv)
    return keys


def is_preprint(record: Publication) -> bool:
    venue = (record.venue or "").lower()
    return record.status == "preprint" or record.kind == "preprint" or venue in PREPRINT_VENUES


# --- which records are one paper -----------------------------------------------------

@dataclass(slots=True)
class PaperMatch:
    """Indexes of records that are one paper, and why they were put together."""

    indexes: list[int]
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Evidence:
    """What a group of records says about itself, to confirm a title match."""

    families: set[str]
    years: set[int]
    arxiv: set[str]
    dois: set[str]

    def absorb(self, other: "_Evidence") -> None:
        self.families |= other.families
        self.years |= other.years
        self.arxiv |= other.arxiv
        self.dois |= other.dois


class _Groups:
    """Union-find over records, keeping each group's evidence and merge reasons."""

    def __init__(self, records: list[Publication]):
        self.records = records
        self.parent = list(range(len(records)))
        self._evidence: list[_Evidence | None] = [None] * len(records)  # a group's, worked out when first needed
        self.reasons: list[list[str]] = [[] for _ in records]

    def evidence(self, root: int) -> _Evidence:
        found = self._evidence[root]
        if found is None:  # a group that was never joined: its one record's evidence
            found = self._evidence[root] = _evidence(self.records[root])
        return found

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, reason: str) -> None:
        a, b = sorted((self.root(i), self.root(j)))
        if a == b:
            return
        self.parent[b] = a
        self.evidence(a).absorb(self.evidence(b))
        for text in [*self.reasons[b], reason]:
            if text not in self.reasons[a]:
                self.reasons[a].append(text)

    def agreement(self, i: int, j: int, *, need_authors: bool) -> str | None:
        """How the groups of i and j agree (for the merge reason), or None when they contradict."""
        a, b = self.evidence(self.root(i)), self.evidence(self.root(j))
        if a.arxiv and b.arxiv and not a.arxiv & b.arxiv:
            return None
        if a.dois and b.dois and not a.dois & b.dois:
            return None
        if a.years and b.years and not any(abs(x - y) <= 1 for x in a.years for y in b.years):
            return None
        shared = sorted(a.families & b.families)
        if a.families and b.families and not shared:
            return None
        if need_authors and not shared:
            return None
        parts = []
        if shared:
            parts.append("shared author" + ("s " if len(shared) > 1 else " ") + ", ".join(shared[:3]))
        years = sorted(a.years | b.years)
        if years:
            parts.append("year " + "/".join(map(str, years)))
        return ", ".join(parts)


def _evidence(record: Publication) -> _Evidence:
    families = {f for f in map(author_family, record.authors) if f}
    doi = doi_key(record.doi)
    return _Evidence(families, {record.year} if record.year else set(),
                     {a} if (a := arxiv_key(record.arxiv)) else set(),
                     {doi} if doi and not doi.startswith(ARXIV_DOI) else set())


@lru_cache(maxsize=200_000)
def author_family(name: str) -> str:
    """A cheap family name for overlap checks: before the comma of `Last, First`, else the last word."""
    name = name.strip()
    family = name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1]
    return _NOT_LETTER.sub("", _strip_accents(family).lower())


def match_papers(records: list[Publication]) -> list[PaperMatch]:
    """Records grouped into papers, in first-seen order, each group with its reasons."""
    groups = _Groups(records)
    _join_identifiers(records, groups)
    keys = [title_key(r.title) for r in records]
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        if len(key) >= MIN_TITLE:
            by_title[key].append(index)
    for indexes in by_title.values():
        if len(indexes) > 1:
            _join_within(indexes, groups, "same title", need_authors=False)
    for left, right, spelling in similar_title_pairs(list(by_title)):
        reason = f"similar title ({spelling})"
        for i in by_title[left]:
            for j in by_title[right]:
                if groups.root(i) != groups.root(j) and (why := groups.agreement(i, j, need_authors=True)):
                    groups.join(i, j, f"{reason}, {why}")
    ordered: dict[int, PaperMatch] = {}
    for index in range(len(records)):
        root = groups.root(index)
        ordered.setdefault(root, PaperMatch([], groups.reasons[root])).indexes.append(index)
    return list(ordered.values())


def _join_identifiers(records: list[Publication], groups: _Groups) -> None:
    first_with: dict[str, int] = {}
    for index, record in enumerate(records):
        for key in identity_keys(record):
            other = first_with.setdefault(key, index)
            if other != index:
                kind, _, value = key.partition(":")
                groups.join(other, index, f"same {'DOI' if kind == 'doi' else 'arXiv id'} {value}")


def _join_within(indexes: list[int], groups: _Groups, reason: str, *, need_authors: bool) -> None:
    """Join records with one title when they agree; a record that agrees with no group starts its own."""
    roots: list[int] = []
    for index in indexes:
        for other in roots:
            if groups.root(other) == groups.root(index):
                break
            why = groups.agreement(other, index, need_authors=need_authors)
            if why is not None:
                groups.join(other, index, f"{reason}, {why}" if why else reason)
                break
        else:
            roots.append(index)


def group_same_papers(records: list[Publication], *, versions_apart: bool = True) -> list[list[int]]:
    """Indexes of `records` grouped into papers, in first-seen order.

    With `versions_apart` (how one researcher's sources are merged), a preprint and its
    published version stay two records, so the site graph can show both versions.
    """
    groups = [match.indexes for match in match_papers(records)]
    if not versions_apart:
        return groups
    return [version for group in groups for version in split_versions([records[i] for i in group], group)]


def split_versions(records: list[Publication], indexes: list[int] | None = None) -> list[list[int]]:
    """The records of one paper split into versions, leading version first.

    Published records are one version; preprints are another, one per title when
    an arXiv version was retitled. The published version leads, else the newest preprint.
    """
    indexes = list(range(len(records))) if indexes is None else indexes
    if len(records) == 1:  # published, undecided or a preprint: the one version
        return [[indexes[0]]]
    published = [i for i, r in zip(indexes, records) if not is_preprint(r) and r.venue]
    undecided = [i for i, r in zip(indexes, records) if not is_preprint(r) and not r.venue]  # joins the lead
    families: list[tuple[list[str], list[int]]] = []  # (title words, indexes) of each preprint title
    for i, record in zip(indexes, records):
        if not is_preprint(record):
            continue
        words = title_key(record.title).split()
        for seen, members in families:
            if words == seen or spelling_difference(words, seen):
                members.append(i)
                break
        else:
            families.append((words, [i]))
    by_index = dict(zip(indexes, records))
    newest = lambda members: max(_newness(by_index[i]) for i in members)  # noqa: E731
    versions = ([published] if published else []) + sorted((m for _, m in families), key=newest, reverse=True)
    if not versions:
        return [undecided]
    versions[0] = sorted(versions[0] + undecided)
    return versions


def _newness(record: Publication) -> tuple:
    return (record.year or 0, record.date or "")


# --- combining records -----------------------------------------------------------------

def merge_records(records: list[Publication], lead_from: list[Publication] | None = None) -> Publication:
    """One record combining several records of the same paper.

    The lead (title, venue) is the richest published record, or the richest of `lead_from` when given.
    """
    if len(records) == 1:
        return records[0]
    published = [r for r in (lead_from or records) if r.venue and not is_preprint(r)]
    lead = max(published or lead_from or records, key=_richness)
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
        doi=lead.doi or next((r.doi for r in records if r.doi), None),
        arxiv=lead.arxiv or max((r for r in records if r.arxiv), key=_newness, default=lead).arxiv,
        owner_author=next((r.owner_author for r in records if r.owner_author), None),
        selected=any(r.selected for r in records),
    )


def _richness(record: Publication) -> tuple:
    filled = sum(bool(v) for v in (record.venue, record.venue_full, record.year, record.date, record.abstract,
                                    record.doi, record.arxiv, record.links))
    # Among equals the newer record leads: a retitled arXiv version replaces the old title.
    return (not record.authors_truncated, len(record.authors), filled, _newness(record))


def _union(lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for items in lists:
        for x in items:
            if x not in seen:
                seen.add(x)
                out.append(x)
    return out


def _union_links(lists: Iterable[list[Link]]) -> list[Link]:
    seen, out = set(), []
    for links in lists:
        for link in links:
            if link.url not in seen:
                seen.add(link.url)
                out.append(link)
    return out
