"""The site graph: profiles linked into members, publications, people and topics.

`build_site_graph` is pure: the same config and profiles always give the same
Site (stable sort orders, no set iteration). Slugs are assigned here, once for
the whole graph; a collision gets a numbered suffix, never an overwrite.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable

from slugify import slugify

from sitegen.config import SiteConfig
from sitegen.model import Author, Diagnostic, Member, Profile, Publication, Site, SitePublication, Topic, TopicRef
from sitegen.people import resolve_people
from sitegen.publications import group_same_papers, merge_records
from sitegen.topics import Vocabulary, publication_topics, site_vocabulary

SLUG_MAX = 60


def build_site_graph(config: SiteConfig, profiles: list[Profile],
                     category_name: Callable[[str], str | None] | None = None) -> Site:
    site = Site(title=config.title, description=config.description, base_url=config.base_url,
                language=config.language)
    category_name = category_name or _arxiv_category_name
    site.members = assign_member_slugs(config, profiles, site.warnings)
    listings = [(member, record) for member in site.members for record in member.profile.publications]
    publications = merge_publications(listings)
    people, key_of = resolve_people(
        (name for pub, _ in publications for name in pub.record.authors),
        {m.slug: _member_spellings(m, config) for m in site.members})
    site.people = dict(sorted(people.items()))
    for member in site.members:
        member.person_key = key_of.get(member.profile.name, member.person_key)
    for pub, listed_by in publications:
        pub.authors = [Author(name, key_of.get(name), name in pub.record.equal_contribution)
                       for name in pub.record.authors]
        _link_owner(pub, listed_by, site, key_of)
    ordered = sorted((pub for pub, _ in publications), key=_newest_first)
    slugs = unique_slugs([pub.record.title for pub in ordered], [str(pub.record.year or "") for pub in ordered])
    for pub, slug in zip(ordered, slugs):
        pub.slug = slug
        site.publications[slug] = pub
    for pub in ordered:
        for author in pub.authors:
            if author.person_key:
                site.people[author.person_key].publication_slugs.append(pub.slug)
    for member in site.members:
        member.publication_slugs = [p.slug for p in ordered if member.slug in p.listed_by]
    vocabulary = site_vocabulary([(t.name, t.synonyms) for t in config.topics])
    site.topics = derive_topics(site, vocabulary, category_name, config.min_papers)
    return site


def assign_member_slugs(config: SiteConfig, profiles: list[Profile], warnings: list[Diagnostic]) -> list[Member]:
    by_name = {r.name: r for r in config.researchers if r.name}
    wanted = []
    for profile in profiles:
        researcher = by_name.get(profile.name)
        wanted.append(researcher.slug if researcher and researcher.slug else slugify(profile.name or "researcher"))
    slugs = unique_slugs(wanted, [""] * len(wanted), warnings=warnings, what="researcher")
    return [Member(slug=slug, profile=profile, person_key="") for slug, profile in zip(slugs, profiles)]


Listing = tuple[Member, Publication]  # a member's source lists this record


def merge_publications(listings: list[Listing]) -> list[tuple[SitePublication, list[Listing]]]:
    """One SitePublication per real paper, with the listings it was merged from."""
    records = [record for _, record in listings]
    merged = []
    for group in group_same_papers(records):
        listed_by = list(dict.fromkeys(listings[i][0].slug for i in group))
        record = merge_records([records[i] for i in group])
        origins = [records[i].origin for i in group if records[i].origin]
        pub = SitePublication(slug="", record=record, listed_by=listed_by, sources=origins)
        pub.record.owner_author = None
        merged.append((pub, [(listings[i][0], records[i]) for i in group]))
    return merged


def _member_spellings(member: Member, config: SiteConfig) -> list[str]:
    """The names a member goes by: profile name, config aliases, and their own bold author spellings."""
    researcher = next((r for r in config.researchers if r.name == member.profile.name), None)
    spellings = [member.profile.name, *(researcher.aliases if researcher else [])]
    spellings += [r.owner_author for r in member.profile.publications if r.owner_author]
    return list(dict.fromkeys(s for s in spellings if s))


def _link_owner(pub: SitePublication, listed_by, site: Site, key_of: dict[str, str]) -> None:
    """An author a member's own source marked as the owner is that member, whatever the spelling."""
    for member, record in listed_by:
        if record.owner_author:
            for author in pub.authors:
                if author.name == record.owner_author:
                    author.person_key = member.person_key or key_of.get(member.profile.name)


def _newest_first(pub: SitePublication):
    record = pub.record
    return (-(record.year or 0), _negated_date(record.date), record.title.lower())


def _negated_date(date: str | None) -> str:
    # Later dates sort first: compare the complement of each digit.
    digits = (date or "").replace("-", "").ljust(8, "0")
    return "".join(str(9 - int(c)) if c.isdigit() else "9" for c in digits)


def unique_slugs(titles: list[str], qualifiers: list[str], warnings: list[Diagnostic] | None = None,
                 what: str = "") -> list[str]:
    """A unique, stable slug for each title; a clash adds the qualifier (e.g. the year), then a number."""
    bases = [slugify(t, max_length=SLUG_MAX, word_boundary=True) or "untitled" for t in titles]
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


def derive_topics(site: Site, vocabulary: Vocabulary, category_name, min_papers: int) -> dict[str, Topic]:
    """Topic pages: from publications' codes, keywords and vocabulary matches, and members' interests."""
    papers: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)
    for pub in site.publications.values():
        for name, reasons in publication_topics(pub.record, vocabulary, category_name).items():
            pub.topics.append(TopicRef(name, reasons))
            papers[name].append(pub.slug)
    interested: dict[str, list[str]] = defaultdict(list)
    for member in site.members:
        for interest in member.profile.interests:
            interested[vocabulary.canonical_name(interest)].append(member.slug)
    kept = sorted(name for name in set(papers) | set(interested)
                  if len(papers[name]) >= min_papers or interested[name])
    slugs = dict(zip(kept, unique_slugs(kept, [""] * len(kept))))
    topics = {}
    for name in kept:
        for slug in papers[name]:
            members[name].extend(s for s in site.publications[slug].listed_by if s not in members[name])
        members[name].extend(s for s in interested[name] if s not in members[name])
        topics[slugs[name]] = Topic(slugs[name], name, papers[name], members[name])
    for pub in site.publications.values():  # from names to slugs; drop topics without a page
        pub.topics = [TopicRef(slugs[ref.slug], ref.reasons) for ref in pub.topics if ref.slug in slugs]
    for member in site.members:
        counts = Counter(ref.slug for s in member.publication_slugs for ref in site.publications[s].topics)
        for interest in member.profile.interests:
            slug = slugs.get(vocabulary.canonical_name(interest))
            if slug:
                counts[slug] += 0  # an interest is a topic even before a paper shows it
        member.topic_slugs = [slug for slug, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return topics


def _arxiv_category_name(code: str) -> str | None:
    from sitegen.extract import arxiv_categories

    return arxiv_categories.category_name(code)

