"""Topics: research areas derived from what sources say, each with its reason.

A publication's topics come from its subject codes (arXiv `cs.LG` → Machine
Learning), its keywords, and the vocabulary matched against its title and
abstract. A member's stated interests are topics too. Every attachment keeps a
TopicReason so pages and `sitegen check` can say why.

Matching looks words up in an index of the vocabulary's phrases, so its cost
grows with the length of the text, not with the size of the vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable, Optional

import yaml

from sitegen.model import Publication, TopicReason

_WORD = re.compile(r"\w+")
# What a subject code means: (topic name, how to say where it came from), or None when unknown.
CategoryTopic = Callable[[str], Optional[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class VocabularyTopic:
    name: str
    phrases: tuple[str, ...]


@dataclass(slots=True)
class Vocabulary:
    """Topics and their phrases. A phrase matches whole words, case-insensitively; one written
    in capitals (an acronym such as LLM) matches only in capitals. Spaces and hyphens are alike."""

    topics: list[VocabularyTopic]
    _names: dict[str, str] = field(default_factory=dict)  # folded name or phrase -> topic name
    _phrases: dict[tuple[str, ...], list[tuple[int, bool]]] = field(default_factory=dict)  # words -> (topic, exact)
    _lengths: dict[str, list[int]] = field(default_factory=dict)  # first word -> phrase lengths, longest first

    def __post_init__(self) -> None:
        for number, topic in enumerate(self.topics):
            for text in (topic.name, *topic.phrases):
                self._names.setdefault(text.strip().lower(), topic.name)
            for phrase in topic.phrases:
                exact = phrase.isupper()
                words = tuple(w if exact else w.lower() for w in _WORD.findall(phrase))
                if words:
                    self._phrases.setdefault(words, []).append((number, exact))
                    lengths = self._lengths.setdefault(words[0].lower(), [])
                    if len(words) not in lengths:
                        lengths.append(len(words))
                        lengths.sort(reverse=True)

    def canonical_name(self, text: str) -> str:
        """The vocabulary's name for `text` when it is a topic name or synonym, else `text`."""
        return self._names.get(text.strip().lower(), text.strip())

    def match(self, text: str) -> list[tuple[str, str]]:
        """(topic name, phrase as written) for every topic whose phrases occur in `text`, in vocabulary order."""
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        lowered = [w.lower() for w, _, _ in words]
        found: dict[int, str] = {}
        for start, first in enumerate(lowered):
            lengths = self._lengths.get(first)
            if not lengths or not _free_left(text, words[start][1]):
                continue
            for length in lengths:
                span = words[start:start + length]
                if len(span) < length:
                    continue
                hits = [n for n, exact in self._phrases.get(tuple(w for w, _, _ in span), ()) if exact]
                hits += [n for n, exact in self._phrases.get(tuple(lowered[start:start + length]), ()) if not exact]
                if hits and _free_right(text, span[-1][2]) and _joined(text, span):
                    for number in hits:
                        found.setdefault(number, text[span[0][1]:span[-1][2]])
        return [(self.topics[n].name, found[n]) for n in sorted(found)]


def _free_left(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] != "-"  # `self-supervised` is not `supervised`


def _free_right(text: str, end: int) -> bool:
    return end == len(text) or text[end] != "-"


def _joined(text: str, span: list[tuple[str, int, int]]) -> bool:
    """Whether the words follow each other with only spaces or hyphens between them."""
    return all(not text[a[2]:b[1]].strip(" \t\n-") for a, b in zip(span, span[1:]))


def make_vocabulary(entries: list[tuple[str, list[str]]]) -> Vocabulary:
    return Vocabulary([VocabularyTopic(name, tuple(dict.fromkeys([name, *synonyms]))) for name, synonyms in entries])


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = resources.files("sitegen").joinpath("data/topics.yaml").read_text(encoding="utf-8")
    return tuple((item["name"], tuple(item.get("synonyms") or ())) for item in yaml.safe_load(text))


def site_vocabulary(extra: list[tuple[str, list[str]]] = ()) -> Vocabulary:
    """The shipped vocabulary with a site's own topics added (a site topic of the same name replaces it)."""
    own = {name.lower() for name, _ in extra}
    entries = [(n, list(s)) for n, s in shipped_entries() if n.lower() not in own]
    return make_vocabulary(entries + [(n, list(s)) for n, s in extra])


def publication_topics(record: Publication, vocabulary: Vocabulary,
                       category_topic: CategoryTopic) -> dict[str, list[TopicReason]]:
    """Topic name → reasons, for one publication."""
    topics: dict[str, list[TopicReason]] = {}

    def attach(name: str, reason: TopicReason) -> None:
        reasons = topics.setdefault(name, [])
        if reason not in reasons:
            reasons.append(reason)

    for code in record.categories:
        if found := category_topic(code):
            name, label = found
            attach(vocabulary.canonical_name(name), TopicReason("category", label))
    for keyword in record.keywords:
        attach(vocabulary.canonical_name(keyword), TopicReason("keywords", f"keyword “{keyword}”"))
    for name, phrase in vocabulary.match(record.title):
        attach(name, TopicReason("title", f"“{phrase}” in the title"))
    if record.abstract:
        for name, phrase in vocabulary.match(record.abstract):
            attach(name, TopicReason("abstract", f"“{phrase}” in the abstract"))
    return topics

