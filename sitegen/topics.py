"""Topics: research areas derived from what sources say, each with its reason.

A publication's topics come from its subject codes (arXiv `LG` → Machine
Learning), its keywords, and the vocabulary matched against its title and
abstract. A member's stated interests are topics too. Every attachment keeps a
TopicReason so pages and `sitegen check` can say why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from sitegen.model import Publication, TopicReason


@dataclass(frozen=True, slots=True)
class VocabularyTopic:
    name: str
    phrases: tuple[str, ...]
    pattern: re.Pattern | None  # case-insensitive phrases
    acronyms: re.Pattern | None  # phrases in capitals, matched as written


@dataclass(slots=True)
class Vocabulary:
    topics: list[VocabularyTopic]

    def canonical_name(self, text: str) -> str:
        """The vocabulary's name for `text` when it is a topic name or synonym, else `text`."""
        folded = text.strip().lower()
        for topic in self.topics:
            if folded == topic.name.lower() or folded in (p.lower() for p in topic.phrases):
                return topic.name
        return text.strip()

    def match(self, text: str) -> list[tuple[str, str]]:
        """(topic name, phrase found) for every topic whose phrases occur in `text`."""
        found = []
        for topic in self.topics:
            hit = (topic.acronyms and topic.acronyms.search(text)) or (topic.pattern and topic.pattern.search(text))
            if hit:
                found.append((topic.name, hit.group(0)))
        return found


def make_vocabulary(entries: list[tuple[str, list[str]]]) -> Vocabulary:
    topics = []
    for name, synonyms in entries:
        phrases = tuple(dict.fromkeys([name, *synonyms]))
        acronyms = [p for p in phrases if p.isupper()]
        words = [p for p in phrases if not p.isupper()]
        topics.append(VocabularyTopic(name, phrases, _phrase_pattern(words, re.I), _phrase_pattern(acronyms, 0)))
    return Vocabulary(topics)


def _phrase_pattern(phrases: list[str], flags: int) -> re.Pattern | None:
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"[\s-]+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    text = resources.files("sitegen").joinpath("data/topics.yaml").read_text(encoding="utf-8")
    return tuple((item["name"], tuple(item.get("synonyms") or ())) for item in yaml.safe_load(text))


def site_vocabulary(extra: list[tuple[str, list[str]]] = ()) -> Vocabulary:
    """The shipped vocabulary with a site's own topics added (a site topic of the same name replaces it)."""
    own = {name.lower() for name, _ in extra}
    entries = [(n, list(s)) for n, s in shipped_entries() if n.lower() not in own]
    return make_vocabulary(entries + [(n, list(s)) for n, s in extra])


def publication_topics(record: Publication, vocabulary: Vocabulary, category_name) -> dict[str, list[TopicReason]]:
    """Topic name → reasons, for one publication. `category_name(code)` names a subject code or None."""
    topics: dict[str, list[TopicReason]] = {}

    def attach(name: str, reason: TopicReason) -> None:
        reasons = topics.setdefault(name, [])
        if reason not in reasons:
            reasons.append(reason)

    for code in record.categories:
        name = category_name(code)
        if name:
            attach(vocabulary.canonical_name(name), TopicReason("category", f"subject code {code}"))
    for keyword in record.keywords:
        attach(vocabulary.canonical_name(keyword), TopicReason("keywords", f"keyword “{keyword}”"))
    for name, phrase in vocabulary.match(record.title):
        attach(name, TopicReason("title", f"“{phrase}” in the title"))
    if record.abstract:
        for name, phrase in vocabulary.match(record.abstract):
            attach(name, TopicReason("abstract", f"“{phrase}” in the abstract"))
    return topics
