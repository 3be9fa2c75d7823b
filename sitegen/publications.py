"""Publications: which records are the same paper, and how their fields combine.

Records are one paper when they share a DOI or an arXiv id; otherwise when their
normalised titles are equal, or differ only by spelling (`neighbour` /
`neighbor`, `pre-training` / `pretraining`), *and* the records agree: an author
family name in common, years at most one apart, no conflicting arXiv ids. A
title that gains or swaps a word (“X” / “X: A Survey”, “…for Images” / “…for
Video”) is another paper. Candidate titles are found through an index of each
title's rarest words, so the cost grows with the number of records, not its square;
exact cheap tests (character counts, difflib's matching of words worked out directly)
rule out most candidates before difflib compares them.

Combining keeps the richest value of each field: the full author list over a
truncated one, a published venue over arXiv, the longest abstract, and every
link, identifier and category.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate, chain
from typing import Iterable, Sequence

from sitegen.model import Link, Publication

PREPRINT_VENUES = {"arxiv", "corr", "biorxiv", "medrxiv", "ssrn", "openreview", "preprint"}
ARTICLES = {"a", "an", "the"}  # may come and go without making another paper
MIN_TITLE = 8  # a normalised title this short says too little to match on
SPELLING = 0.8  # how alike two differing words must be (difflib ratio) to be one spelling
RARE_WORDS = 3  # index each title under this many of its rarest words
BLOCK_ALL_PAIRS = 40  # titles sharing a rare word: compare all pairs up to this many, else sorted neighbours
BLOCK_WINDOW = 8
LENGTH_CHANGE = 3  # titles whose words differ by more characters in all are not one spelling
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


def similar_title_pairs(keys: list[str]) -> list[tuple[str, str, str]]:
    """(key, key, what differs) for distinct normalised titles that differ only by spelling."""
    shapes = [_title_shape(key) for key in keys]
    found = []
    for a, b in _candidate_pairs(keys, shapes):
        if _may_differ_by_spelling(shapes[a], shapes[b]):
            spelling = _spelling_difference(keys[a], keys[b])
            if spelling:
                found.append((keys[a], keys[b], spelling))
    return found


def _candidate_pairs(keys: list[str], shapes: list[_TitleShape]) -> dict[tuple[int, int], None]:
    """Pairs of titles (indexes, in the order first found) that share a rare word, as blocking compares them."""
    lengths = [shape.length for shape in shapes]
    pairs: dict[tuple[int, int], None] = {}
    for word, members in sorted(_rare_word_blocks(shapes).items()):
        window = len(members)  # compare all pairs
        if window > BLOCK_ALL_PAIRS:  # a common word: compare titles that sort near each other
            members, window = sorted(members, key=keys.__getitem__), BLOCK_WINDOW
        for n, a in enumerate(members):
            for b in members[n + 1:n + 1 + window]:
                # spelling_difference's first test, made before remembering the pair: most pairs fail it
                if abs(lengths[a] - lengths[b]) <= LENGTH_CHANGE:
                    pairs.setdefault((a, b) if a < b else (b, a))
    return pairs


def _rare_word_blocks(shapes: list[_TitleShape]) -> dict[str, list[int]]:
    """Each title's index under its RARE_WORDS rarest words (of three letters or more, not articles)."""
    frequency = Counter(chain.from_iterable(shape.positions for shape in shapes))
    indexed = sorted((w for w in frequency if len(w) >= 3 and w not in ARTICLES), key=lambda w: (frequency[w], w))
    rarity = {w: n for n, w in enumerate(indexed)}  # rarest first
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, shape in enumerate(shapes):
        for word in sorted(filter(rarity.__contains__, shape.positions), key=rarity.__getitem__)[:RARE_WORDS]:
            blocks[word].append(index)
    return blocks


@lru_cache(maxsize=500_000)
def _spelling_difference(left: str, right: str) -> str | None:
    """`spelling_difference` of two normalised titles, remembered by their text: `sitegen serve` links the
    graph again after every edit, and nearly every pair of titles is one it compared before."""
    return spelling_difference(left.split(), right.split())


def spelling_difference(left: list[str], right: list[str]) -> str | None:
    """What differs between two titles' words when only spelling does (e.g. “neighbour” / “neighbor”), else None."""
    if abs(len("".join(left)) - len("".join(right))) > LENGTH_CHANGE:
        return None
    # Cheap exits before difflib (most blocked pairs): the words in matching blocks are at most the shared
    # words counted with repeats, so fewer than 3 of those can never make `same >= 3`.
    shared = set(left).intersection(right)
    if len(shared) < 3 and (len(set(left)) == len(left)
                            or sum(min(left.count(w), right.count(w)) for w in shared) < 3):
        return None
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    differences, same = [], 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = left[i1:i2], right[j1:j2]
        if tag == "equal":
            same += len(a)
            continue
        if all(w in ARTICLES for w in a + b):
            differences.append(f"“{' '.join(a)}” / “{' '.join(b)}”")
            continue
        if tag != "replace":
            return None  # a word added or dropped: another paper (or a subtitle)
        joined_a, joined_b = "".join(a), "".join(b)
        if joined_a != joined_b and not _alike(joined_a, joined_b):
            return None
        differences.append(f"“{' '.join(a)}” / “{' '.join(b)}”")
    if same < 3 or not differences:
        return None
    return "; ".join(differences)


@lru_cache(maxsize=200_000)
def _alike(a: str, b: str) -> bool:
    """difflib ratio >= SPELLING; the cheaper upper bounds (real_quick_ratio, quick_ratio) rule most pairs out."""
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= SPELLING and matcher.quick_ratio() >= SPELLING \
        and matcher.ratio() >= SPELLING


# --- cheap tests before difflib --------------------------------------------------------
#
# `spelling_difference` is None unless every stretch of words that difflib does not match as equal is
# either articles only or a "replace" whose joined words are equal or alike (difflib ratio 2M/T >= 0.8,
# T the characters of both sides, M those matched). M is at most the characters the sides have in common,
# so an alike stretch has at most T - 2M <= T/5 characters that are in one side only; an article stretch
# at most all its T. Equal words cancel out, so adding up over the stretches, D (the characters, with
# repeats, that one title has and the other has not) obeys
#     5·D <= (characters outside the equal words, both titles) + 4·(article characters among them),
# 5 being _ALIKE. `_may_differ_by_spelling` checks that necessary condition, first with a least bound on the equal words
# that needs no matching, then with difflib's own matching; then each replaced stretch against the upper
# bounds difflib checks before its ratio. Only the pairs that pass every test meet difflib.

_ALIKE = 5  # 1 / (1 - SPELLING): an alike stretch has at most a fifth of its characters in one side only
_COUNTED = "abcdefghijklmnopqrstuvwxyz0123456789"  # the characters `_character_bits` counts
_FIRST_EIGHT = bytes((1 << min(n, 8)) - 1 for n in range(256))  # a count's first eight as set bits
_NEXT_EIGHT = bytes((1 << min(max(n - 8, 0), 8)) - 1 for n in range(256))  # and its next eight
_AT = tuple((index,) for index in range(1000))  # the positions of a word that stands once at 0, 1, 2, ...


@dataclass(frozen=True, slots=True)
class _TitleShape:
    """What the cheap tests need from one normalised title, worked out once."""

    words: tuple[str, ...]
    positions: dict[str, Sequence[int]]  # word -> where it stands
    ends: tuple[int, ...]  # characters of the first 0, 1, 2, ... words
    length: int  # characters of its words (spelling_difference compares joined words)
    article_length: int  # characters of its articles
    shortest_three: int  # characters of its three shortest words
    unrepeated: bool  # no word comes twice
    characters: int  # see `_character_bits`


@lru_cache(maxsize=200_000)  # titles come back: in each profile's merge, the site graph, serve's every relink
def _title_shape(key: str) -> _TitleShape:
    words = tuple(key.split())
    positions: dict[str, Sequence[int]] = dict(zip(words, _AT))  # right when no word comes twice (most titles)
    unrepeated = len(positions) == len(words)
    if not unrepeated:
        positions = _positions(words)
    ends = (0, *accumulate(map(len, words)))
    return _TitleShape(words, positions, ends, ends[-1], sum(len(w) for w in words if w in ARTICLES),
                       sum(sorted(map(len, words))[:3]), unrepeated, _character_bits(words, ends[-1]))


def _positions(words: tuple[str, ...]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        positions.setdefault(word, []).append(index)
    return positions


def _character_bits(words: tuple[str, ...], length: int) -> int:
    """Each letter's and digit's count, up to 16, as that many set bits (its first eight in one byte, the next
    eight in another)."""
    # Two titles' bits differ (XOR) in as many places as they have characters one has and the other has not,
    # or fewer when a count passes 16 or a character is not counted: never more.
    if length < 256:  # no count reaches 256, so adding the words' counts never carries into the next byte
        counts = sum(map(_word_counts, words)).to_bytes(len(_COUNTED), "little")
    else:
        counts = bytes(min("".join(words).count(c), 255) for c in _COUNTED)
    first, following = counts.translate(_FIRST_EIGHT), counts.translate(_NEXT_EIGHT)
    return int.from_bytes(first, "little") | int.from_bytes(following, "little") << 8 * len(_COUNTED)


@lru_cache(maxsize=200_000)
def _word_counts(word: str) -> int:
    """How often each of _COUNTED occurs in `word`, one byte each (used for titles shorter than 256)."""
    return sum(1 << 8 * _COUNTED.index(c) for c in word if c in _COUNTED)


def _may_differ_by_spelling(x: _TitleShape, y: _TitleShape) -> bool:
    """False when `spelling_difference(x.words, y.words)` is certainly None (see the comment above)."""
    differing = (x.characters ^ y.characters).bit_count()  # at most D (see `_character_bits`)
    articles = x.article_length + y.article_length
    # Before matching: spelling_difference needs three equal words, so at least twice the three shortest
    # words of either title are not outside the equal words (of the words both titles have, when no word
    # comes twice in either).
    shortest = x.shortest_three if x.shortest_three > y.shortest_three else y.shortest_three
    if _too_different(differing, x.length + y.length - 2 * shortest, articles):
        return False
    if x.unrepeated and y.unrepeated:
        shared = sorted(map(len, x.positions.keys() & y.positions.keys()))
        if len(shared) < 3 or _too_different(differing, x.length + y.length - 2 * sum(shared[:3]), articles):
            return False
    # With difflib's matching: the equal words are known, and a word added or dropped is another paper.
    equal = equal_articles = same = 0
    replaced = []  # (left, right) joined words of each stretch that is more than articles
    i = j = 0
    for start_x, start_y, size in [*_matching_blocks(x.words, y), (len(x.words), len(y.words), 0)]:
        if i < start_x or j < start_y:
            left, right = x.words[i:start_x], y.words[j:start_y]
            if not all(w in ARTICLES for w in (*left, *right)):
                if not (left and right):
                    return False
                replaced.append(("".join(left), "".join(right)))
        i, j = start_x + size, start_y + size
        same += size
        equal += x.ends[i] - x.ends[start_x]
        if x.article_length:
            equal_articles += sum(len(w) for w in x.words[start_x:i] if w in ARTICLES)
    if same < 3 or _too_different(differing, x.length + y.length - 2 * equal, articles - 2 * equal_articles):
        return False
    return all(left == right or _may_be_alike(left, right) for left, right in replaced)


def _too_different(differing: int, outside: int, articles_outside: int) -> bool:
    """Whether `differing` characters in one title only are more than the stretches outside the equal words,
    `outside` characters of which `articles_outside` in articles, can hold (the bound in the comment above)."""
    return _ALIKE * differing > outside + (_ALIKE - 1) * articles_outside


def _may_be_alike(a: str, b: str) -> bool:
    """False when `_alike(a, b)` is certainly False: difflib's two upper bounds of the ratio it checks first
    (real_quick_ratio, quick_ratio), with the same arithmetic but without building a SequenceMatcher."""
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total < SPELLING:
        return False
    return 2.0 * sum((Counter(a) & Counter(b)).values()) / total >= SPELLING


def _matching_blocks(left: tuple[str, ...], right: _TitleShape) -> list[tuple[int, int, int]]:
    """The blocks (i, j, size) of equal words that `SequenceMatcher(None, left, right.words,
    autojunk=False).get_matching_blocks()` finds, in order (before it merges blocks that touch).

    difflib's recursion: match the longest run of equal words in a range (earliest in `left`, then in
    `right`), then do the same before it and after it. Without junk, that run is the longest of the
    maximal runs of equal words cut to the range, so it is picked among a pair's few runs here instead
    of by difflib's scan of every word of the range.
    """
    blocks = []
    ranges = [(0, len(left), 0, len(right.words), _equal_runs(left, right.positions))]
    while ranges:
        low_i, high_i, low_j, high_j, runs = ranges.pop()
        within, best, size = [], (0, 0), 0  # the runs reaching into the range; the longest part inside
        for run in runs:
            i, j, length = run
            # The part of the run inside the range: from `skip` words in to `stop` words in. (Comparisons
            # rather than max() and min(): this loop is most of the time spent comparing titles.)
            skip = low_i - i if low_i - i > low_j - j else low_j - j
            skip = skip if skip > 0 else 0
            stop = high_i - i if high_i - i < high_j - j else high_j - j
            stop = stop if stop < length else length
            if stop > skip:
                within.append(run)
                start = (i + skip, j + skip)
                if stop - skip > size or (stop - skip == size and start < best):
                    best, size = start, stop - skip
        if size:
            i, j = best
            blocks.append((i, j, size))
            if low_i < i and low_j < j:
                ranges.append((low_i, i, low_j, j, within))
            if i + size < high_i and j + size < high_j:
                ranges.append((i + size, high_i, j + size, high_j, within))
    return sorted(blocks)


def _equal_runs(left: tuple[str, ...], positions: dict[str, Sequence[int]]) -> list[list[int]]:
    """Maximal runs [i, j, length]: left[i + k] is the right title's word j + k for k below length."""
    runs: list[list[int]] = []
    latest: dict[int, list[int]] = {}  # i - j -> the last run on that diagonal so far
    for i, word in enumerate(left):
        for j in positions.get(word, ()):
            run = latest.get(i - j)
            if run is not None and run[0] + run[2] == i:  # it ends at (i - 1, j - 1): one more equal word
                run[2] += 1
            else:
                latest[i - j] = run = [i, j, 1]
                runs.append(run)
    return runs


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
