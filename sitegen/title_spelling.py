"""Titles that differ only by spelling: which pairs among many to compare, and whether two do.

Two normalised titles differ only by spelling when at least three words are equal and every other
stretch of words is either articles (`a`, `an`, `the`) or a replacement whose joined words are alike
(difflib ratio at least SPELLING): `neighbour` / `neighbor`, `pre training` / `pretraining`. A word
added or dropped (“X” / “X: A Survey”) or changed (“…for Images” / “…for Video”) makes another paper.
Whether the records behind the titles agree (authors, years, identifiers) is publications.py's to decide.

Comparing every pair of titles would cost the square of their number, so `similar_title_pairs` looks only
at titles that share one of their rarest words (blocking). Most of those pairs still differ by more than
spelling, and difflib is slow, so exact tests rule them out first: character counts, and difflib's
matching of words worked out directly (`_matching_blocks`). Each test is a necessary condition of
`spelling_difference` (the proof is the comment above `_ALIKE`), never a rule of its own, so the pairs
found are exactly those difflib alone would find.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate, chain
from typing import Sequence

ARTICLES = {"a", "an", "the"}  # may come and go without making another paper
SPELLING = 0.8  # how alike two differing words must be (difflib ratio) to be one spelling
RARE_WORDS = 3  # index each title under this many of its rarest words
BLOCK_ALL_PAIRS = 40  # titles sharing a rare word: compare all pairs up to this many, else sorted neighbours
BLOCK_WINDOW = 8
LENGTH_CHANGE = 3  # titles whose words differ by more characters in all are not one spelling


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
