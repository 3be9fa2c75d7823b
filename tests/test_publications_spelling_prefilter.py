"""The cheap tests in front of difflib never change which titles are one spelling.

`similar_title_pairs` skips difflib for a pair when `_may_differ_by_spelling` says the titles cannot
differ only by spelling. That is a speed-up, never a rule of its own: whenever `spelling_difference`
(the slow, difflib path) finds a spelling difference, the pre-filter must let the pair through, and the
pairs found must be exactly the ones the plain blocked comparison finds, in the same order.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.model import Publication
from sitegen.publications import author_family, split_versions, title_key
from sitegen.title_spelling import (_ALIKE, ARTICLES, BLOCK_ALL_PAIRS, BLOCK_WINDOW, RARE_WORDS, SPELLING, _alike,
                                    _character_bits, _matching_blocks, _may_be_alike, _may_differ_by_spelling,
                                    _spelling_difference, _title_shape, similar_title_pairs, spelling_difference)

SETTINGS = settings(max_examples=400, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

SPELLINGS = [("neighbour", "neighbor"), ("colour", "color"), ("optimisation", "optimization"),
             ("modelling", "modeling"), ("pretraining", "pre training"), ("multilabel", "multi label"),
             ("behaviour", "behavior"), ("analysing", "analyzing"), ("centre", "center")]
WORDS = ["graph", "neural", "networks", "for", "of", "in", "on", "learning", "deep", "sparse", "robust", "label",
         "extreme", "classification", "retrieval", "with", "via", "and", "image", "segmentation", "models", "x", "ab",
         "scalable", "bayesian", "inference", *ARTICLES, *(w for pair in SPELLINGS for w in pair[0].split())]


TITLES = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12)


@st.composite
def variant(draw, words: list[str]) -> list[str]:
    """`words` with one to three edits: spellings, articles, swaps, repeats, added, dropped or changed words."""
    words = list(words)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, max(len(words) - 1, 0)))
        edit = draw(st.sampled_from(["spelling", "spelling", "article", "drop article", "swap", "repeat", "add",
                                     "drop", "letter", "join", "split"]))
        if not words:
            words.append(draw(st.sampled_from(WORDS)))
        elif edit == "spelling":
            british, american = draw(st.sampled_from(SPELLINGS))
            text = " ".join(words)
            words = (text.replace(british, american) if british in text else
                     text.replace(american, british) if american in text else
                     " ".join([*words[:where], draw(st.sampled_from([british, american])), *words[where:]])).split()
        elif edit == "article":
            words.insert(where, draw(st.sampled_from(sorted(ARTICLES))))
        elif edit == "drop article":
            words = [w for n, w in enumerate(words) if n != where or w not in ARTICLES]
        elif edit == "swap" and where + 1 < len(words):
            words[where], words[where + 1] = words[where + 1], words[where]
        elif edit == "repeat":
            words.insert(draw(st.integers(0, len(words))), words[where])
        elif edit == "add":
            words.insert(where, draw(st.sampled_from(WORDS)))
        elif edit == "drop" and len(words) > 1:
            del words[where]
        elif edit == "letter":
            word = words[where]
            at = draw(st.integers(0, len(word)))
            words[where] = word[:at] + draw(st.sampled_from("aeiouslrz")) + word[at + 1:] or word
        elif edit == "join" and where + 1 < len(words):
            words[where:where + 2] = [words[where] + words[where + 1]]
        elif edit == "split" and len(words[where]) > 3:
            at = draw(st.integers(1, len(words[where]) - 1))
            words[where:where + 1] = [words[where][:at], words[where][at:]]
    return words


@st.composite
def title_pairs(draw):
    left = draw(TITLES)
    return left, draw(variant(left))


def merged(blocks):
    """Touching blocks as one, the way difflib reports them."""
    out: list[tuple[int, int, int]] = []
    for i, j, size in blocks:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + size)
        else:
            out.append((i, j, size))
    return out


@SETTINGS
@given(st.lists(st.sampled_from(["a", "the", "x", "y", "zz", "colour", "color"]), max_size=14),
       st.lists(st.sampled_from(["a", "the", "x", "y", "zz", "colour", "color"]), max_size=14))
def test_the_matching_blocks_are_difflibs(left, right):
    expected = SequenceMatcher(None, left, right, autojunk=False).get_matching_blocks()[:-1]
    shape = _title_shape(" ".join(right))
    assert merged(_matching_blocks(tuple(left), shape)) == [tuple(block) for block in expected]


@SETTINGS
@given(title_pairs())
def test_the_prefilter_lets_every_spelling_difference_through(pair):
    left, right = pair
    if spelling_difference(left, right) is not None:
        assert _may_differ_by_spelling(_title_shape(" ".join(left)), _title_shape(" ".join(right)))


@SETTINGS
@given(st.lists(title_pairs(), min_size=1, max_size=12))
def test_similar_title_pairs_finds_what_comparing_every_blocked_pair_finds(pairs):
    keys = list(dict.fromkeys(" ".join(words) for pair in pairs for words in pair if words))
    assert similar_title_pairs(keys) == slow_similar_title_pairs(keys)


def slow_similar_title_pairs(keys: list[str]) -> list[tuple[str, str, str]]:
    """The blocked comparison without pre-filters: every blocked pair goes to difflib."""
    words = [key.split() for key in keys]
    frequency = Counter(w for ws in words for w in set(ws))
    blocks: dict[str, list[int]] = {}
    for index, ws in enumerate(words):
        rare = sorted({w for w in ws if len(w) >= 3 and w not in ARTICLES}, key=lambda w: (frequency[w], w))
        for word in rare[:RARE_WORDS]:
            blocks.setdefault(word, []).append(index)
    pairs: dict[tuple[int, int], None] = {}
    for word in sorted(blocks):
        members = blocks[word]
        if len(members) <= BLOCK_ALL_PAIRS:
            candidates = [(a, b) for n, a in enumerate(members) for b in members[n + 1:]]
        else:
            members = sorted(members, key=lambda i: keys[i])
            candidates = [(a, b) for n, a in enumerate(members) for b in members[n + 1:n + 1 + BLOCK_WINDOW]]
        for a, b in candidates:
            pairs.setdefault((min(a, b), max(a, b)))
    return [(keys[a], keys[b], found) for a, b in pairs if (found := spelling_difference(words[a], words[b]))]


def test_spelling_variants_are_found_and_other_papers_are_not():
    keys = ["graph neural networks for neighbour sampling in large graphs",
            "graph neural networks for neighbor sampling in large graphs",
            "the colour of deep image segmentation models",
            "colour of deep image segmentation models",
            "sparse retrieval for extreme classification",
            "extreme classification for sparse retrieval"]
    assert sorted(pair[:2] for pair in similar_title_pairs(keys)) == [(keys[0], keys[1]), (keys[2], keys[3])]
    swapped = _title_shape(keys[4]), _title_shape(keys[5])
    assert not _may_differ_by_spelling(*swapped)  # the same words, reordered: another paper


def test_a_large_block_compares_only_neighbours_in_sorted_order():
    keys = [f"robust {n:03d} learning for the long tail" for n in range(BLOCK_ALL_PAIRS + 20)]
    keys += ["robust 000 learnings for the long tail"]
    assert similar_title_pairs(keys) == slow_similar_title_pairs(keys)


@SETTINGS
@given(st.lists(st.text(alphabet="abcdez019éß_", min_size=1, max_size=30), max_size=6),
       st.lists(st.text(alphabet="abcdez019éß_", min_size=1, max_size=30), max_size=6))
def test_the_character_bits_never_count_more_than_the_characters_that_differ(left, right):
    a, b = Counter("".join(left)), Counter("".join(right))
    differing = sum(((a - b) + (b - a)).values())
    bits = (_character_bits(tuple(left), sum(a.values())) ^ _character_bits(tuple(right), sum(b.values()))).bit_count()
    assert bits <= differing
    if set(a + b) <= set("abcdez019") and max((a + b).values(), default=0) <= 16:
        assert bits == differing


def test_the_bound_allows_what_an_alike_ratio_allows():
    # ratio 2M/T >= SPELLING leaves at most (1 - SPELLING)·T characters in one side only: 1/_ALIKE of T or less
    assert _ALIKE <= Fraction(1) / (1 - Fraction(SPELLING))


def test_long_titles_count_their_characters_the_slow_way():
    long = tuple(["e" * 200, "e" * 100])  # 300 of one character: past what a byte of counts can hold
    assert (_character_bits(long, 300) ^ _character_bits(("e" * 16,), 16)).bit_count() == 0
    assert (_character_bits(long, 300) ^ _character_bits(("e",), 1)).bit_count() == 15


@SETTINGS
@given(st.text(alphabet="abcdefgh", min_size=1, max_size=12), st.text(alphabet="abcdefgh", min_size=1, max_size=12))
def test_may_be_alike_is_an_upper_bound_of_alike(a, b):
    if _alike(a, b):
        assert _may_be_alike(a, b)


@SETTINGS
@given(st.text(max_size=40))
def test_title_key_and_author_family_skip_unicode_work_only_for_ascii(text):
    assert title_key(text) == original_title_key(text)
    assert author_family(text) == original_author_family(text)


def original_title_key(title: str) -> str:
    import re
    text = re.sub(r"\\[^a-zA-Z\s]", "", title)
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


def original_author_family(name: str) -> str:
    import re
    name = name.strip()
    family = name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1]
    family = unicodedata.normalize("NFKD", family)
    return re.sub(r"[^a-z]", "", "".join(c for c in family if not unicodedata.combining(c)).lower())


def test_one_record_is_one_version_whatever_it_is():
    for record in [Publication(title="A", venue="ICML"), Publication(title="A"),
                   Publication(title="A", venue="arXiv", status="preprint")]:
        assert split_versions([record]) == [[0]]
        assert split_versions([record], [7]) == [[7]]


def test_the_spelling_cache_and_the_slow_path_agree():
    left, right = "learning to rank for neighbour search", "learning to rank for neighbor search"
    found = spelling_difference(left.split(), right.split())
    assert _spelling_difference(left, right) == found == "“neighbour” / “neighbor”"
