"""Matching the vocabulary finds the same topics, with the same phrase as written, as a plain scan.

`Vocabulary.match` looks phrases up from the words where they may begin and checks what lies between
the words with one regular expression; the plain scan below looks up every word and checks the gaps
one by one. They must agree on every text: hyphens, acronyms, capitals and punctuation included.
"""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.topics import make_vocabulary, site_vocabulary

SETTINGS = settings(max_examples=500, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

ENTRIES = [("Machine Learning", ["ML", "machine-learning", "statistical learning"]),
           ("Deep Learning", ["deep neural networks", "DNN"]),
           ("Large Language Models", ["large language models", "LLMs", "GPT"]),
           ("Graphs", ["graph", "graph neural network", "GNN"]),
           ("Learning", ["learning"]),
           ("Self-Supervision", ["self-supervised learning", "self supervised"]),
           ("Straßen", ["Ünïcode Straße", "straße"])]
PIECES = ["machine", "Machine", "MACHINE", "learning", "Learning", "ML", "ml", "deep", "neural", "networks", "DNN",
          "large", "language", "models", "LLMs", "llms", "GPT", "graph", "Graph", "GNN", "self", "supervised",
          "Ünïcode", "straße", "STRASSE", "Straße", "x", "42", "statistical"]
PHRASES = [phrase for name, synonyms in ENTRIES for phrase in (name, *synonyms)]
SEPARATORS = [" ", " ", "-", " - ", ", ", "\n", "\t", ". ", ": ", "--", " (", ") ", "/", "_", "\r", "’"]


@st.composite
def texts(draw, pieces=PIECES):
    """Words, mostly the vocabulary's phrases word by word, with any separators between them."""
    words: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        words += draw(st.one_of(st.sampled_from(pieces).map(lambda w: [w]),
                                st.sampled_from(pieces).map(lambda w: [w.upper()]),
                                st.sampled_from(PHRASES).map(lambda p: re.split(r"[\s-]+", p))))
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return draw(st.sampled_from(["", " ", "-", "("])) + "".join(w + s for w, s in zip(words, separators))


@SETTINGS
@given(texts())
def test_matching_agrees_with_a_plain_scan(text):
    vocabulary = make_vocabulary(ENTRIES)
    assert vocabulary.match(text) == plain_match(vocabulary, text)


SHIPPED = site_vocabulary()
SHIPPED_WORDS = sorted({w for topic in SHIPPED.topics for phrase in topic.phrases
                        for w in re.split(r"[\s-]+", phrase) if w} | {"the", "of", "X"})


@SETTINGS
@given(st.lists(st.sampled_from(SHIPPED_WORDS), max_size=12), st.data())
def test_matching_the_shipped_vocabulary_agrees_with_a_plain_scan(words, data):
    separators = data.draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, separators))
    assert SHIPPED.match(text) == plain_match(SHIPPED, text)


def test_hyphens_join_phrases_but_do_not_cut_words():
    vocabulary = make_vocabulary(ENTRIES)
    assert vocabulary.match("Self-supervised learning, machine-learning and GNN") == [
        ("Machine Learning", "machine-learning"), ("Graphs", "GNN"), ("Learning", "learning"),
        ("Self-Supervision", "Self-supervised learning")]
    assert vocabulary.match("non-learning; gnn") == []


def plain_match(vocabulary, text: str) -> list[tuple[str, str]]:
    """Every word a possible start, every phrase length tried, longest first; the gaps checked one by one."""
    phrases: dict[tuple[str, ...], list[tuple[int, bool]]] = {}
    for number, topic in enumerate(vocabulary.topics):
        for phrase in topic.phrases:
            exact = phrase.isupper()
            words = tuple(w if exact else w.lower() for w in re.findall(r"\w+", phrase))
            if words:
                phrases.setdefault(words, []).append((number, exact))
    lengths = sorted({len(words) for words in phrases}, reverse=True)
    spans = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    found: dict[int, str] = {}
    for start in range(len(spans)):
        if spans[start][1] and text[spans[start][1] - 1] == "-":
            continue
        for length in lengths:
            span = spans[start:start + length]
            if len(span) < length:
                continue
            hits = [n for n, exact in phrases.get(tuple(w for w, _, _ in span), ()) if exact]
            hits += [n for n, exact in phrases.get(tuple(w.lower() for w, _, _ in span), ()) if not exact]
            free_right = span[-1][2] == len(text) or text[span[-1][2]] != "-"
            joined = all(not text[a[2]:b[1]].strip(" \t\n-") for a, b in zip(span, span[1:]))
            if hits and free_right and joined:
                for number in hits:
                    found.setdefault(number, text[span[0][1]:span[-1][2]])
    return [(vocabulary.topics[n].name, found[n]) for n in sorted(found)]
