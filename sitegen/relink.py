"""Patching the linked Site after one researcher's profile changed, instead of linking every profile again.

`sitegen serve` links the graph again after every save, and at 1,000 researchers a full link takes over a
second. Most saves touch one researcher's own papers: a paper added, removed or corrected, lines moved, a
headline edited. `relink` applies such a change to the previous Site and returns what `build_site_graph`
returns for the new profiles, or None when the change reaches further than a patch follows: a new paper
whose identifier or title another paper shares (or nearly: a spelling apart), a known person's new
spelling, a name with initials that two people could be, a topic that appears or goes, an address two
papers would share, a researcher's new name or interests. The caller then links the whole graph.

The Site returned shares every entity the change did not touch with the previous one (the same Member,
SitePublication, Topic and Person objects); what changed is a new object and nothing is changed in place,
so the render stage can tell what changed by identity.

To decide locally, a LinkState (link_state.py) keeps what the Site does not hold: the full link's trace
and counts over every record, author and topic. Each rule is the full link's, read for one paper (the
people's rules are in relink_people.py); tests/test_relink.py checks on random edits that a patch and a
full link give the same Site.

Known limit: which titles the full link compares for spelling differences (title_spelling's blocking by
rare words) depends on the words of every title. A new title is compared here with every other title, so
a patch never misses its near-duplicates; one title more or less is assumed not to change which *other*
titles the blocking compares.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Optional

from sitegen.config import SiteConfig
from sitegen.graph import RELATED_TOPICS, _member_spellings, _newest_first, _researchers_by_name, _slug, merged_publication
from sitegen.link_state import LinkState, count_author, count_record, letters
from sitegen.model import Member, Profile, Publication, Site, SitePublication, Topic, TopicRef
from sitegen.publications import MIN_TITLE, identity_keys, title_key
from sitegen.relink_people import PeopleSteps, Unfollowed
from sitegen.title_spelling import LENGTH_CHANGE, _spelling_difference
from sitegen.topics import publication_topics

def relink(state: LinkState, config: SiteConfig, profiles: list[Profile]) -> Optional[Site]:
    """The Site for `profiles`, patched from `state.site`, or None: link the whole graph. A patch updates
    `state` to describe the new Site; None leaves it as it was."""
    if config is not state.config or len(profiles) != len(state.profiles):
        return None
    changed = [i for i, (old, new) in enumerate(zip(state.profiles, profiles)) if old is not new]
    if not changed:
        return state.site
    if len(changed) > 1:
        return None
    try:
        patch = _Patch(state, changed[0], profiles[changed[0]])
        site = patch.site()
    except Unfollowed:
        return None
    patch.commit(site)
    return site


def _without_origin(record: Publication) -> Publication:
    return replace(record, origin=None) if record.origin else record


def _align(old: list[Publication], new: list[Publication]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Old and new records of one researcher: (kept pairs, removed old numbers, added new numbers). A record
    that moved to another line is kept; one whose content changed is removed and added."""
    matcher = SequenceMatcher(None, [repr(_without_origin(r)) for r in old], [repr(_without_origin(r)) for r in new],
                              autojunk=False)
    kept, removed, added = [], [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept += zip(range(i1, i2), range(j1, j2))
        else:
            removed += range(i1, i2)
            added += range(j1, j2)
    return kept, removed, added


class _Patch(PeopleSteps):
    """One researcher's new profile applied to the last Site: worked out and checked first, committed last."""

    def __init__(self, state: LinkState, index: int, profile: Profile):
        self.state, self.index, self.profile = state, index, profile
        self.old = state.site
        self.member = self.old.members[index]
        old_profile = self.member.profile
        if profile.name != old_profile.name or profile.interests != old_profile.interests:
            raise Unfollowed("the researcher's name or interests")
        researcher = _researchers_by_name(state.config).get(profile.name)
        if _member_spellings(Member(self.member.slug, profile, ""), researcher) \
                != state.trace.member_spellings[self.member.slug]:
            raise Unfollowed("the names the researcher goes by")
        self.kept, self.removed, self.added = _align(old_profile.publications, profile.publications)
        self.members = {member.slug: member for member in self.old.members}
        self.number = {member.slug: number for number, member in enumerate(self.old.members)}

    def site(self) -> Site:
        self.pubs = dict(self.old.publications)  # slug → publication, reordered by _place
        self._remove_papers()
        self._refresh_kept()
        self._check_added_are_new()
        self.new_pubs = [merged_publication([(self.member, self.profile.publications[j])], []) for j in self.added]
        self._resolve_people()
        self._place()
        self._apply_people()
        topics = self._topics()
        members = list(self.old.members)
        members[self.index] = self._member(topics)
        return replace(self.old, members=members, publications=self.pubs, people=self.people, topics=topics)

    # --- papers -----------------------------------------------------------------------------

    def _remove_papers(self) -> None:
        state, slug = self.state, self.member.slug
        self.removed_slugs = []
        for number in self.removed:
            pub_slug = state.listing_pub[(slug, number)]
            if state.trace.listings[pub_slug] != [(slug, number)]:
                raise Unfollowed("a removed record was one of a paper's several listings")
            self.removed_slugs.append(pub_slug)
            del self.pubs[pub_slug]

    def _refresh_kept(self) -> None:
        """Kept records that moved (another line, another place in the list): their paper is merged again
        from its records, and must come out the same but for where its records come from."""
        state, slug = self.state, self.member.slug
        old_records = self.member.profile.publications
        self.listings: dict[str, list[tuple[str, int]]] = {}  # pub slug → its new listings, where they changed
        remerge = set()
        for old_number, new_number in self.kept:
            pub_slug = state.listing_pub[(slug, old_number)]
            group = self.listings.setdefault(pub_slug, list(state.trace.listings[pub_slug]))
            group[group.index((slug, old_number))] = (slug, new_number)
            if old_records[old_number] != self.profile.publications[new_number]:
                remerge.add(pub_slug)
        for group in self.listings.values():
            group.sort(key=lambda listing: (self.number[listing[0]], listing[1]))  # site order
        for pub_slug in remerge:
            group = self.listings[pub_slug]
            old_pub = self.pubs[pub_slug]
            pub = merged_publication([(self.members[m], self._record(m, n)) for m, n in group],
                                     state.trace.reasons[pub_slug])
            pub.slug, pub.authors, pub.topics = old_pub.slug, old_pub.authors, old_pub.topics
            if _comparable(pub) != _comparable(old_pub):
                raise Unfollowed("a moved record merges differently")
            self.pubs[pub_slug] = pub

    def _record(self, member_slug: str, number: int) -> Publication:
        profile = self.profile if member_slug == self.member.slug else self.members[member_slug].profile
        return profile.publications[number]

    def _check_added_are_new(self) -> None:
        """Each added record is a paper of its own: no other record has its DOI, arXiv id or title, or a title
        a spelling apart (the full link would weigh those records' agreement, in site order)."""
        state = self.state
        old_records = self.member.profile.publications
        gone_titles = Counter(title_key(old_records[i].title) for i in self.removed)
        gone_ids = Counter(key for i in self.removed for key in identity_keys(old_records[i]))
        titles: list[str] = []
        ids: set[str] = set()
        for number in self.added:
            record = self.profile.publications[number]
            for key in identity_keys(record):
                if state.identities[key] - gone_ids[key] > 0 or key in ids:
                    raise Unfollowed("an added record's identifier is another record's")
                ids.add(key)
            key = title_key(record.title)
            if len(key) < MIN_TITLE:
                continue
            if state.title_keys[key] - gone_titles[key] > 0 or key in titles:
                raise Unfollowed("an added record's title is another record's")
            size = letters(key)
            others = [other for near in range(size - LENGTH_CHANGE, size + LENGTH_CHANGE + 1)
                      for other in state.title_lengths.get(near, ()) if state.title_keys[other] > gone_titles[other]]
            if any(_spelling_difference(key, other) or _spelling_difference(other, key) for other in [*others, *titles]):
                raise Unfollowed("an added record's title is another's but for spelling")
            titles.append(key)

    # --- order and addresses ----------------------------------------------------------------

    def _place(self) -> None:
        """The added papers' places in site order (newest first) and their slugs; the publications dict is
        rebuilt in that order."""
        state = self.state
        gone = set(self.removed_slugs)
        ordered = [s for s in state.ordered if s not in gone] if gone else list(state.ordered)
        sort_keys = [k for s, k in zip(state.ordered, state.sort_keys) if s not in gone] if gone else list(state.sort_keys)
        bases = Counter(state.slug_bases)
        for pub_slug in self.removed_slugs:
            base = _slug(self.old.publications[pub_slug].record.title)
            if pub_slug != base or bases[base] != 1 or self._skipped_by_another(pub_slug):
                raise Unfollowed("a removed paper's address was another's first choice")
            bases[base] -= 1
        taken = set(ordered)
        for pub in self.new_pubs:
            base = _slug(pub.record.title)
            if bases[base] or base in taken or self._skipped_by_another(base):
                raise Unfollowed("an added paper's address is another's")
            bases[base] += 1
            taken.add(base)
            pub.slug = base
            key = _newest_first(pub)
            at = bisect_right(sort_keys, key)
            if (at and sort_keys[at - 1] == key) or (at < len(sort_keys) and sort_keys[at] == key):
                raise Unfollowed("an added paper sorts level with another")
            ordered.insert(at, pub.slug)
            sort_keys.insert(at, key)
        self.ordered, self.sort_keys, self.bases = ordered, sort_keys, bases
        self.position = {slug: number for number, slug in enumerate(ordered)}
        new = {pub.slug: pub for pub in self.new_pubs}
        self.pubs = {slug: new.get(slug) or self.pubs[slug] for slug in ordered}

    def _skipped_by_another(self, slug: str) -> bool:
        """A paper whose slug is suffixed (`x-2020`, `x-2`) may have passed over `slug` on the way."""
        return any(slug.startswith(base + "-") for base in self.state.suffixed.values())

    def _insert(self, slugs: list[str], pub_slug: str) -> None:
        """`pub_slug` into a list of publication slugs in site order."""
        position = self.position
        at = bisect_right([position[s] for s in slugs], position[pub_slug])
        slugs.insert(at, pub_slug)

    # --- topics and the member --------------------------------------------------------------

    def _topics(self) -> dict[str, Topic]:
        state, trace, config = self.state, self.state.trace, self.state.config
        counts = Counter(state.topic_counts)
        self.topic_names: dict[str, list[str]] = {}
        touched: dict[str, list[tuple[str, int]]] = defaultdict(list)  # topic slug → (pub slug, ±1)
        for pub_slug in self.removed_slugs:
            for name in trace.topic_names[pub_slug]:
                counts[name] -= 1
                if name in state.topic_slugs:
                    touched[state.topic_slugs[name]].append((pub_slug, -1))
        for pub in self.new_pubs:
            found = publication_topics(pub.record, trace.vocabulary, trace.category_topic)
            self.topic_names[pub.slug] = list(found)
            counts.update(list(found))
            pub.topics = [TopicRef(state.topic_slugs[name], reasons) for name, reasons in found.items()
                          if name in state.topic_slugs]
            for ref in pub.topics:
                touched[ref.slug].append((pub.slug, 1))
        names = {name for pub_slug in self.removed_slugs for name in trace.topic_names[pub_slug]}
        names.update(name for found in self.topic_names.values() for name in found)
        for name in names:
            slug = state.topic_slugs.get(name)
            kept = counts[name] >= config.min_papers or bool(slug and trace.interested.get(slug))
            if kept != (slug is not None):
                raise Unfollowed("a topic appears or goes")
        self.counts = counts
        topics = dict(self.old.topics)
        for slug, changes in touched.items():
            removed = {pub_slug for pub_slug, step in changes if step < 0}
            slugs = [s for s in topics[slug].publication_slugs if s not in removed]
            for pub_slug, step in changes:
                if step > 0:
                    self._insert(slugs, pub_slug)
            topics[slug] = replace(topics[slug], publication_slugs=slugs)
        for slug in touched:
            topics[slug].member_slugs = self._topic_members(topics[slug])
            topics[slug].related = self._related(topics[slug], topics)
        return topics

    def _topic_members(self, topic: Topic) -> list[str]:
        """graph._link_members for one topic: members with papers in it (most first) or it as an interest."""
        counts: Counter = Counter()
        for pub_slug in topic.publication_slugs:
            counts.update(self.pubs[pub_slug].listed_by)
        for member_slug in self.state.trace.interested.get(topic.slug, ()):
            counts[member_slug] += 0
        return [m for _, _, m in sorted((-n, self.number[m], m) for m, n in counts.items())]

    def _related(self, topic: Topic, topics: dict[str, Topic]) -> list[str]:
        """graph._relate for one topic: those sharing most of its publications, then by name."""
        together: Counter = Counter()
        for pub_slug in topic.publication_slugs:
            together.update(ref.slug for ref in self.pubs[pub_slug].topics)
        together.pop(topic.slug, None)
        ranked = sorted(together.items(), key=lambda kv: (-kv[1], topics[kv[0]].name.casefold(), kv[0]))
        return [other for other, _ in ranked[:RELATED_TOPICS]]

    def _member(self, topics: dict[str, Topic]) -> Member:
        member = self.member
        removed = set(self.removed_slugs)
        slugs = [s for s in member.publication_slugs if s not in removed]
        for pub in self.new_pubs:
            self._insert(slugs, pub.slug)
        counts: Counter = Counter()
        for pub_slug in slugs:
            counts.update(ref.slug for ref in self.pubs[pub_slug].topics)
        for slug in member.interest_topic_slugs:
            counts[slug] += 0
        return replace(member, profile=self.profile, publication_slugs=slugs,
                       topic_slugs=[slug for slug, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))])

    # --- committing -------------------------------------------------------------------------

    def commit(self, site: Site) -> None:
        """The state describes `site` from now on."""
        state, trace, slug = self.state, self.state.trace, self.member.slug
        old_records = self.member.profile.publications
        for pub_slug in self.removed_slugs:
            for author in self.old.publications[pub_slug].authors:
                count_author(state, author.person_key, author.name, -1)
            del trace.listings[pub_slug], trace.reasons[pub_slug], trace.topic_names[pub_slug]
        for number in self.removed:
            count_record(state, old_records[number], -1)
        for number in range(len(old_records)):
            state.listing_pub.pop((slug, number), None)
        for pub_slug, group in self.listings.items():
            trace.listings[pub_slug] = group
        for pub, number in zip(self.new_pubs, self.added):
            trace.listings[pub.slug] = [(slug, number)]
            trace.reasons[pub.slug] = []
            trace.topic_names[pub.slug] = self.topic_names[pub.slug]
            count_record(state, self.profile.publications[number], 1)
            for author in pub.authors:
                count_author(state, author.person_key, author.name, 1)
        for pub_slug in site.members[self.index].publication_slugs:
            for listing in trace.listings[pub_slug]:
                if listing[0] == slug:
                    state.listing_pub[listing] = pub_slug
        state.ordered, state.sort_keys, state.slug_bases = self.ordered, self.sort_keys, +self.bases
        state.topic_counts = +self.counts
        state.profiles = [self.profile if number == self.index else profile
                          for number, profile in enumerate(state.profiles)]
        state.site = site


def _comparable(pub: SitePublication) -> SitePublication:
    """A publication without where its records came from (what a moved line changes)."""
    return replace(pub, record=_without_origin(pub.record), sources=[],
                   versions=[_without_origin(v) for v in pub.versions])
