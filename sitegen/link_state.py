"""What a full link leaves for relink.py: the Site, the link's trace, and counts over every record and author.

A patch decides locally whether a change reaches other papers, people or topics by looking these up: which
titles and identifiers occur, which person each spelling resolves to and how often, which (family, initial)
blocks hold names written with initials and which full names they may be (people._Resolver's registrations),
the publications' order, slugs and topic counts. A patch that succeeds updates them (relink._Patch.commit).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitegen.config import SiteConfig
from sitegen.graph import LinkTrace, _newest_first, _slug
from sitegen.model import Profile, Publication, Site
from sitegen.people import NameParts, name_parts, person_key
from sitegen.publications import MIN_TITLE, identity_keys, title_key

Block = tuple[str, str]  # (family, initial): where a name written with initials looks for full names


@dataclass
class LinkState:
    """The last linked Site, with what a patch needs to follow a change exactly (see `link_state`)."""

    config: SiteConfig
    profiles: list[Profile]
    site: Site
    trace: LinkTrace
    ordered: list[str] = field(default_factory=list)  # publication slugs in site order …
    sort_keys: list[tuple] = field(default_factory=list)  # … and graph._newest_first of each
    slug_bases: Counter = field(default_factory=Counter)  # a title's own slug → publications with that title
    suffixed: dict[str, str] = field(default_factory=dict)  # slug → its title's slug, where they differ
    listing_pub: dict[tuple[str, int], str] = field(default_factory=dict)  # (member, record number) → pub
    title_keys: Counter = field(default_factory=Counter)  # normalised titles long enough to match on
    title_lengths: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # by letters
    identities: Counter = field(default_factory=Counter)  # DOI and arXiv keys of every record
    occurrences: Counter = field(default_factory=Counter)  # (person key, spelling) of every author
    initials: Counter = field(default_factory=Counter)  # Block → authors written with initials
    registered: dict[str, str] = field(default_factory=dict)  # full-name spelling → the key it registers
    blocks: dict[Block, Counter] = field(default_factory=lambda: defaultdict(Counter))  # → keys registered
    holder_blocks: dict[str, set[Block]] = field(default_factory=lambda: defaultdict(set))  # key → blocks
    middles: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # key → middle initials
    written_as_one: Counter = field(default_factory=Counter)  # person_key of every full-name author
    joined_forms: Counter = field(default_factory=Counter)  # `Hsiang Fu Yu` → "hsiangfu yu", every author
    topic_counts: Counter = field(default_factory=Counter)  # topic name → papers (with a page or not)
    topic_slugs: dict[str, str] = field(default_factory=dict)  # topic name → slug, for topics with a page
    member_keys: set[str] = field(default_factory=set)  # members' person keys
    members_of_key: dict[str, list[str]] = field(default_factory=dict)  # full-name key → member slugs
    own_spellings: dict[str, set[str]] = field(default_factory=dict)  # spelling → members it is theirs


def link_state(config: SiteConfig, profiles: list[Profile], site: Site, trace: LinkTrace) -> LinkState:
    """The state after a full link: `build_site_graph(config, profiles, trace=trace)` gave `site`."""
    state = LinkState(config, list(profiles), site, trace)
    state.ordered = list(site.publications)
    state.sort_keys = [_newest_first(pub) for pub in site.publications.values()]
    state.member_keys = {member.person_key for member in site.members if member.person_key}
    members_of_key: dict[str, list[str]] = defaultdict(list)
    own_spellings: dict[str, set[str]] = defaultdict(set)
    person_of = {member.slug: member.person_key for member in site.members}
    for slug, spellings in trace.member_spellings.items():
        for spelling in spellings:
            own_spellings[spelling].add(slug)
            parts = name_parts(spelling)
            if parts and not parts.is_initial and person_of.get(slug):
                if slug not in members_of_key[person_key(parts)]:
                    members_of_key[person_key(parts)].append(slug)
                register(state, person_of[slug], parts, 1)
    state.members_of_key, state.own_spellings = dict(members_of_key), dict(own_spellings)
    for pub in site.publications.values():
        base = _slug(pub.record.title)
        state.slug_bases[base] += 1
        if pub.slug != base:
            state.suffixed[pub.slug] = base
        for listing in trace.listings[pub.slug]:
            state.listing_pub[listing] = pub.slug
        state.topic_counts.update(trace.topic_names[pub.slug])
        for author in pub.authors:
            count_author(state, author.person_key, author.name, 1)
    for member in site.members:
        for record in member.profile.publications:
            count_record(state, record, 1)
    state.topic_slugs = {topic.name: slug for slug, topic in site.topics.items()}
    return state


def count_record(state: LinkState, record: Publication, step: int) -> None:
    key = title_key(record.title)
    if len(key) >= MIN_TITLE:
        state.title_keys[key] += step
        lengths = state.title_lengths[letters(key)]
        lengths.add(key) if state.title_keys[key] > 0 else lengths.discard(key)
    for identity in identity_keys(record):
        state.identities[identity] += step


def count_author(state: LinkState, key: str, spelling: str, step: int) -> None:
    """One author of one paper counted in (step 1) or out (-1), with the full name's registration: a full
    name resolved to someone who is not a member is registered in its block (people._full_name_key)."""
    state.occurrences[(key, spelling)] += step
    parts = name_parts(spelling)
    if parts is None:
        return
    if parts.is_initial:
        state.initials[(parts.family, parts.given)] += step
        return
    state.written_as_one[person_key(parts)] += step
    if parts.joined:
        state.joined_forms[f"{parts.joined} {parts.family}"] += step
    if key in state.member_keys:
        return
    if step > 0 and spelling not in state.registered:
        state.registered[spelling] = key
        register(state, key, parts, 1)
    elif step < 0 and state.occurrences[(key, spelling)] == 0 and state.registered.get(spelling) == key:
        del state.registered[spelling]
        register(state, key, parts, -1)


def register(state: LinkState, key: str, parts: NameParts, step: int) -> None:
    block = (parts.family, parts.given[:1])
    holders, middles = state.blocks[block], state.middles[key]
    holders[key] += step
    middles[parts.middle[:1]] += step
    if holders[key] > 0:
        state.holder_blocks[key].add(block)
    else:
        del holders[key]
        state.holder_blocks[key].discard(block)
    if middles[parts.middle[:1]] <= 0:
        del middles[parts.middle[:1]]


def letters(key: str) -> int:
    return len(key) - key.count(" ")
