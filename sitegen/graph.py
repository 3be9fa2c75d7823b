"""The site graph: profiles linked into members, publications, people and topics.

`build_site_graph` is pure: the same config and profiles always give the same
Site (stable sort orders, no set iteration). Slugs are assigned here, once for
the whole graph, before anything is rendered; a collision gets the year or a
numbered suffix, never an overwrite. Every step is linear in the number of
listings (or blocked by index), so a site of thousands of researchers builds.
"""
from __future__ import annotations

import gc
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from typing import Optional

from slugify import slugify

from sitegen.config import ResearcherConfig, SiteConfig
from sitegen.model import Author, Diagnostic, Member, Profile, Publication, Site, SitePublication, Topic, TopicRef
from sitegen.people import AuthorList, name_parts, resolve_people
from sitegen.publications import match_papers, merge_records, split_versions
from sitegen.topics import CategoryTopic, Vocabulary, publication_topics, site_vocabulary

SLUG_MAX = 60
RELATED_TOPICS = 8


@dataclass(slots=True)
class LinkTrace:
    """What a link found on the way that the Site does not keep: for relink.py, which patches a Site."""

    listings: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # pub slug → (member, record index)
    reasons: dict[str, list[str]] = field(default_factory=dict)  # pub slug → why its records were merged
    topic_names: dict[str, list[str]] = field(default_factory=dict)  # pub slug → every topic name found
    interested: dict[str, list[str]] = field(default_factory=dict)  # topic slug → members listing it as interest
    member_spellings: dict[str, list[str]] = field(default_factory=dict)  # member slug → names they go by
    vocabulary: Optional[Vocabulary] = None
    category_topic: Optional[CategoryTopic] = None


def build_site_graph(config: SiteConfig, profiles: list[Profile],
                     category_topic: CategoryTopic | None = None, trace: LinkTrace | None = None) -> Site:
    """The linked Site; `trace`, when given, is filled in with what relink.py needs to patch it later."""
    with _cycle_collector_paused():
        return _link_graph(config, profiles, category_topic, trace)


@contextmanager
def _cycle_collector_paused():
    """Linking makes a few hundred thousand objects that stay, and no garbage cycles: left running, Python's
    cycle collector scans the whole, growing heap again and again (for 1,000 researchers, half as long again
    as the linking itself). Reference counting still frees what is dropped in the meantime.

    Afterwards the new objects join the oldest generation unscanned (gc.freeze() then gc.unfreeze(), unless
    someone else froze objects): the collector's next full run looks at them, as it would have, instead of
    a first run at once that would scan them all again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _link_graph(config: SiteConfig, profiles: list[Profile], category_topic: CategoryTopic | None,
                trace: LinkTrace | None) -> Site:
    site = Site(title=config.title, description=config.description, base_url=config.base_url,
                language=config.language)
    researchers = _researchers_by_name(config)
    site.members = assign_member_slugs(config, profiles, site.warnings)
    listings = [(member, record) for member in site.members for record in member.profile.publications]
    publications = merge_publications(listings)
    member_spellings = {m.slug: _member_spellings(m, researchers.get(m.profile.name)) for m in site.members}
    link_people(site, publications, member_spellings)
    ordered = sorted((pub for pub, _ in publications), key=_newest_first)
    slugs = unique_slugs([pub.record.title for pub in ordered], [str(pub.record.year or "") for pub in ordered])
    member_papers: dict[str, list[str]] = defaultdict(list)
    for pub, slug in zip(ordered, slugs):
        pub.slug = slug
        site.publications[slug] = pub
        for member_slug in pub.listed_by:
            member_papers[member_slug].append(slug)
        for key in dict.fromkeys(a.person_key for a in pub.authors if a.person_key):
            site.people[key].publication_slugs.append(slug)
    for member in site.members:
        member.publication_slugs = member_papers[member.slug]
    vocabulary = site_vocabulary([(t.name, t.synonyms) for t in config.topics])
    category_topic = category_topic or arxiv_category_topic
    site.topics = derive_topics(site, vocabulary, category_topic, config.min_papers, trace)
    if trace is not None:
        numbers = {id(record): number for member in site.members
                   for number, record in enumerate(member.profile.publications)}
        for pub, group in publications:
            trace.listings[pub.slug] = [(member.slug, numbers[id(record)]) for member, record in group]
            trace.reasons[pub.slug] = pub.merged_because
        trace.member_spellings, trace.vocabulary, trace.category_topic = member_spellings, vocabulary, category_topic
    return site


def _researchers_by_name(config: SiteConfig) -> dict[str, ResearcherConfig]:
    by_name: dict[str, ResearcherConfig] = {}
    for researcher in config.researchers:
        if researcher.name:
            by_name.setdefault(researcher.name, researcher)
    return by_name


def assign_member_slugs(config: SiteConfig, profiles: list[Profile], warnings: list[Diagnostic]) -> list[Member]:
    # Input side: an entry is found by its source path first (two entries may share a name, or give
    # `slug:` without `name:`), and a clash is reported at the entry's site.yaml line.
    by_source = {str(path): r for r in config.researchers for path in r.sources}
    by_name = _researchers_by_name(config)
    entries = [next((by_source[s.path] for s in p.sources if s.path in by_source), by_name.get(p.name))
               for p in profiles]
    wanted = [r.slug if r and r.slug else slugify(p.name or "researcher") for r, p in zip(entries, profiles)]
    slugs = unique_slugs(wanted, [""] * len(wanted))
    holder = {slug: index for index, slug in enumerate(slugs)}
    for index, (slug, want) in enumerate(zip(slugs, wanted)):
        base = unique_slugs([want], [""])[0]
        if slug != base and base in holder:
            warnings.append(_member_slug_clash(config, profiles, entries, index, holder[base], slug))
    return [Member(slug=slug, profile=profile, person_key="") for slug, profile in zip(slugs, profiles)]


def _member_slug_clash(config: SiteConfig, profiles: list[Profile], entries: list, index: int, other: int,
                       slug: str) -> Diagnostic:
    name, other_name = profiles[index].name, profiles[other].name
    line = entries[index].line if entries[index] else None
    other_line = f"line {entries[other].line}" if entries[other] else "another entry"
    if name == other_name:
        return Diagnostic(f"two researchers are named {name!r} (this entry and {other_line}); this one's page is "
                          f"people/{slug}/", str(config.path), line,
                          hint="if they are one person, list all their sources under one entry; if not, "
                               "give each a `slug:`")
    return Diagnostic(f"{name!r} would have the same address as {other_name!r} ({other_line}); this one's page is "
                      f"people/{slug}/", str(config.path), line, hint="set `slug:` in site.yaml to choose")


Listing = tuple[Member, Publication]  # a member's source lists this record


def merge_publications(listings: list[Listing]) -> list[tuple[SitePublication, list[Listing]]]:
    """One SitePublication per real paper, with the listings it was merged from.

    The record combines every listing; a preprint of a published paper (or a retitled
    arXiv version) is also kept in `versions`, newest first, so its page can show both.
    """
    records = [record for _, record in listings]
    merged = []
    for match in match_papers(records):
        group = [listings[i] for i in match.indexes]
        merged.append((merged_publication(group, match.reasons), group))
    return merged


def merged_publication(group: list[Listing], reasons: list[str]) -> SitePublication:
    """The publication of one paper's listings (in site order); slug, authors and topics are set later."""
    records = [record for _, record in group]
    if len(records) == 1:  # listed once (most papers): one version, the record itself
        record, others = records[0], []
    else:
        versions = split_versions(records)
        record = merge_records(records, lead_from=[records[i] for i in versions[0]])
        others = [merge_records([records[i] for i in version]) for version in versions[1:]]
    return SitePublication(
        slug="", record=_version(record), listed_by=list(dict.fromkeys(member.slug for member, _ in group)),
        sources=[r.origin for r in records if r.origin], versions=[_version(v) for v in others],
        merged_because=list(reasons))


def _version(record: Publication) -> Publication:
    """A record as the site shows it: the owner mark belongs to one member's source, not to the paper."""
    return replace(record, owner_author=None) if record.owner_author else record


def link_people(site: Site, publications: list[tuple[SitePublication, list[Listing]]],
                member_names: dict[str, list[str]]) -> None:
    """Every author of every publication resolved to a person; members get their person key."""
    author_lists = [AuthorList(list(pub.record.authors), list(pub.listed_by), _owners(pub.record.authors, listings))
                    for pub, listings in publications]
    people, keys = resolve_people(author_lists, member_names)
    site.people = dict(sorted(people.items()))
    by_member = {person.member_slug: key for key, person in people.items() if person.member_slug}
    for member in site.members:
        member.person_key = by_member.get(member.slug, "")
    for (pub, _), paper_keys in zip(publications, keys):
        equal = set(pub.record.equal_contribution)
        pub.authors = [Author(name, key, name in equal) for name, key in zip(pub.record.authors, paper_keys)]


def _owners(authors: list[str], listings: list[Listing]) -> dict[int, str]:
    """Author positions that a member's own source marked as theirs (the bold author)."""
    owners: dict[int, str] = {}
    for member, record in listings:
        if record.owner_author:
            position = _position_of(record.owner_author, authors)
            if position is not None:
                owners.setdefault(position, member.slug)
    return owners


def _position_of(spelling: str, authors: list[str]) -> Optional[int]:
    if spelling in authors:
        return authors.index(spelling)
    wanted = name_parts(spelling)
    if wanted is None:
        return None
    found = [i for i, name in enumerate(authors)
             if (parts := name_parts(name)) and parts.family == wanted.family
             and parts.given[:1] == wanted.given[:1]
             and (parts.is_initial or wanted.is_initial or parts.given == wanted.given)]
    return found[0] if len(found) == 1 else None


def _member_spellings(member: Member, researcher: ResearcherConfig | None) -> list[str]:
    """The names a member goes by: profile name, config aliases, and their own bold author spellings."""
    spellings = [member.profile.name, *(researcher.aliases if researcher else [])]
    spellings += [r.owner_author for r in member.profile.publications if r.owner_author]
    return list(dict.fromkeys(s for s in spellings if s))


def _newest_first(pub: SitePublication):
    record = pub.record
    return (-(record.year or 0), _negated_date(record.date), record.title.lower(), record.title)


@lru_cache(maxsize=10_000)
def _negated_date(date: str | None) -> str:
    # Later dates sort first: compare the complement of each digit.
    digits = (date or "").replace("-", "").ljust(8, "0")
    return "".join(str(9 - int(c)) if c.isdigit() else "9" for c in digits)


def unique_slugs(titles: list[str], qualifiers: list[str], warnings: list[Diagnostic] | None = None,
                 what: str = "") -> list[str]:
    """A unique, stable slug for each title; a clash adds the qualifier (e.g. the year), then a number."""
    bases = [_slug(t) for t in titles]
    counts = Counter(bases)
    taken: set[str] = set()
    slugs = []
    for base, qualifier in zip(bases, qualifiers):
        slug = f"{base}-{qualifier}" if counts[base] > 1 and qualifier else base
        number = 2
        candidate = slug
        while candidate in taken:
            candidate = f"{slug}-{number}"
            number += 1
        if candidate != base and warnings is not None and what:
            warnings.append(Diagnostic(f"two {what}s would share the address '{base}'; this one is '{candidate}'",
                                       hint="set `slug:` in site.yaml to choose"))
        taken.add(candidate)
        slugs.append(candidate)
    return slugs


@lru_cache(maxsize=100_000)
def _slug(title: str) -> str:
    """A title's address (remembered: a member's name is slugged three times, and `serve` links again after edits)."""
    return slugify(title, max_length=SLUG_MAX, word_boundary=True) or "untitled"


def derive_topics(site: Site, vocabulary: Vocabulary, category_topic: CategoryTopic,
                  min_papers: int, trace: LinkTrace | None = None) -> dict[str, Topic]:
    """Topic pages: from publications' codes, keywords and vocabulary matches, and members' interests."""
    papers: dict[str, list[str]] = defaultdict(list)  # topic name -> publication slugs, newest first
    found = [publication_topics(pub.record, vocabulary, category_topic) for pub in site.publications.values()]
    for pub, names in zip(site.publications.values(), found):
        for name in names:
            papers[name].append(pub.slug)
    interested: dict[str, list[str]] = defaultdict(list)
    for member in site.members:
        for interest in member.profile.interests:
            name = vocabulary.canonical_name(interest)
            if member.slug not in interested[name]:
                interested[name].append(member.slug)
    kept = sorted(name for name in set(papers) | set(interested)
                  if len(papers[name]) >= min_papers or interested[name])
    slugs = dict(zip(kept, unique_slugs(kept, [""] * len(kept))))
    for pub, names in zip(site.publications.values(), found):  # topics with a page, by slug
        pub.topics = [TopicRef(slugs[name], reasons) for name, reasons in names.items() if name in slugs]
    topics = {slugs[name]: Topic(slugs[name], name, papers[name]) for name in kept}
    interested_by_slug = {slugs[n]: m for n, m in interested.items() if n in slugs}
    _link_members(site, topics, interested_by_slug)
    _relate(site, topics)
    if trace is not None:
        trace.topic_names = {pub.slug: list(names) for pub, names in zip(site.publications.values(), found)}
        trace.interested = interested_by_slug
    return topics


def _link_members(site: Site, topics: dict[str, Topic], interested: dict[str, list[str]]) -> None:
    """Members active in each topic (most papers first), and each member's topics (most papers first)."""
    active: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # topic -> (-papers, site order, member)
    interests: dict[str, list[str]] = defaultdict(list)  # member -> topics, in the order of `interested`
    for slug, names in interested.items():
        for name in names:
            interests[name].append(slug)
    topics_of = {slug: [ref.slug for ref in pub.topics] for slug, pub in site.publications.items()}
    for number, member in enumerate(site.members):
        counts: Counter[str] = Counter(chain.from_iterable(topics_of[s] for s in member.publication_slugs))
        member.interest_topic_slugs = interests.get(member.slug, [])
        for slug in member.interest_topic_slugs:
            counts[slug] += 0  # an interest is a topic even before a paper shows it
        member.topic_slugs = [slug for slug, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        for slug, count in counts.items():
            active[slug].append((-count, number, member.slug))
    for slug, topic in topics.items():
        topic.member_slugs = [member for _, _, member in sorted(active[slug])]


def _relate(site: Site, topics: dict[str, Topic]) -> None:
    """Related topics: those sharing most publications with a topic, then by name."""
    topic_lists: dict[str, list[list[str]]] = defaultdict(list)  # topic -> the topics of each of its publications
    for pub in site.publications.values():
        slugs = [ref.slug for ref in pub.topics]  # each once
        for slug in slugs:
            topic_lists[slug].append(slugs)
    for slug, topic in topics.items():
        together = Counter(chain.from_iterable(topic_lists[slug]))
        together.pop(slug, None)
        ranked = sorted(together.items(), key=lambda kv: (-kv[1], topics[kv[0]].name.casefold(), kv[0]))
        topic.related = [other for other, _ in ranked[:RELATED_TOPICS]]


@lru_cache(maxsize=10_000)
def arxiv_category_topic(code: str) -> tuple[str, str] | None:
    """The topic a subject code names and how to say so: `LG` → ("Machine Learning", "arXiv category cs.LG")."""
    from sitegen.extract import arxiv_categories

    name = arxiv_categories.category_name(code)
    if not name:
        return None
    return name, f"arXiv category {arxiv_categories.full_category(code) or code}"
