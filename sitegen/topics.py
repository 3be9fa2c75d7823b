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
# Between the words of a phrase only spaces and hyphens: any other character that is not part of a word breaks it.
_NOT_JOINING = re.compile(r"[^\w \t\n-]")
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
    _exact: dict[tuple[str, ...], list[int]] = field(default_factory=dict)  # acronym words -> topic numbers
    _folded: dict[tuple[str, ...], list[int]] = field(default_factory=dict)  # lowercase words -> topic numbers
    _lengths: dict[str, list[int]] = field(default_factory=dict)  # first word -> phrase lengths, longest first

    def __post_init__(self) -> None:
        for number, topic in enumerate(self.topics):
            for text in (topic.name, *topic.phrases):
                self._names.setdefault(text.strip().lower(), topic.name)
            for phrase in topic.phrases:
                exact = phrase.isupper()
                words = tuple(w if exact else w.lower() for w in _WORD.findall(phrase))
                if words:
                    (self._exact if exact else self._folded).setdefault(words, []).append(number)
                    lengths = self._lengths.setdefault(words[0].lower(), [])
                    if len(words) not in lengths:
                        lengths.append(len(words))
                        lengths.sort(reverse=True)

    def canonical_name(self, text: str) -> str:
        """The vocabulary's name for `text` when it is a topic name or synonym, else `text`."""
        return self._names.get(text.strip().lower(), text.strip())

    def match(self, text: str) -> list[tuple[str, str]]:
        """(topic name, phrase as written) for every topic whose phrases occur in `text`, in vocabulary order."""
        tokens = list(_WORD.finditer(text))
        words = tuple([token[0] for token in tokens])
        lowered = tuple(map(str.lower, words))
        found: dict[int, str] = {}
        for start in [n for n, first in enumerate(lowered) if first in self._lengths]:  # where phrases may begin
            begin = tokens[start].start()
            if not _free_left(text, begin):
                continue
            for length in self._lengths[lowered[start]]:
                end = start + length
                if end > len(words):
                    continue
                hits = self._exact.get(words[start:end], []) + self._folded.get(lowered[start:end], [])
                if hits:
                    finish = tokens[end - 1].end()
                    if _free_right(text, finish) and not _NOT_JOINING.search(text, begin, finish):
                        for number in hits:
                            found.setdefault(number, text[begin:finish])
        return [(self.topics[n].name, found[n]) for n in sorted(found)]


def _free_left(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] != "-"  # `self-supervised` is not `supervised`


def _free_right(text: str, end: int) -> bool:
    return end == len(text) or text[end] != "-"


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

