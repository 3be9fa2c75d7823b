"""The people half of a patch (relink.py): the added papers' authors resolved, and the people they change.

Each rule is people.resolve_people's, read for one paper: full names and members' own names in a first pass,
names with initials in a second; a full name is registered under its (family, initial) block, where names
with initials look for it; several candidates are decided by co-authors, which a patch cannot follow (it
gives up when a change could alter that evidence). A person's spellings are kept in the order the full
resolution meets them, with the reason given where each first occurs.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Optional

from sitegen.graph import _position_of
from sitegen.link_state import Block
from sitegen.model import Author, Person
from sitegen.people import NameParts, _fullness, fold, name_parts, person_key


class Unfollowed(Exception):
    """The change reaches further than a patch follows: link the whole graph."""


class PeopleSteps:
    """Mixed into relink._Patch, whose attributes these steps read (state, member, new_pubs, pubs, …)."""

    def _resolve_people(self) -> None:
        """The added papers' authors resolved as people.resolve_people would (full names, then initials), and
        the checks that no other paper's authors would resolve differently."""
        state = self.state
        self.delta: Counter = Counter()  # (person key, spelling) → change in occurrences
        for pub_slug in self.removed_slugs:
            for author in self.old.publications[pub_slug].authors:
                self.delta[(author.person_key, author.name)] -= 1
        added = [(pub, record) for pub, record in zip(self.new_pubs, (self.profile.publications[j] for j in self.added))]
        parsed = [(spelling, name_parts(spelling)) for _, record in added for spelling in record.authors]
        removed_parsed = [(spelling, name_parts(spelling)) for (_, spelling), step in self.delta.items()
                          for _ in range(-step)]
        initials = Counter(state.initials)
        written = Counter(state.written_as_one)
        for names, step in ((parsed, 1), (removed_parsed, -1)):
            for _, parts in names:
                if parts and parts.is_initial:
                    initials[(parts.family, parts.given)] += step
                elif parts:
                    written[person_key(parts)] += step
        for key in {person_key(p) for _, p in parsed + removed_parsed if p and not p.is_initial}:
            if (written[key] > 0) != (state.written_as_one[key] > 0) and state.joined_forms[key] > 0:
                raise Unfollowed("a name written as one word appears or goes (hyphenated names)")
        self.initials_after = initials
        blocks: dict[Block, Counter] = {}
        middles: dict[str, Counter] = {}

        def holders(block: Block) -> Counter:
            return blocks.setdefault(block, Counter(state.blocks.get(block, {})))

        def key_middles(key: str) -> Counter:
            return middles.setdefault(key, Counter(state.middles.get(key, {})))

        def register(key: str, parts: NameParts, step: int) -> None:
            block = (parts.family, parts.given[:1])
            before = (key in holders(block), set(key_middles(key)))
            holders(block)[key] += step
            key_middles(key)[parts.middle[:1]] += step
            for counter in (holders(block), key_middles(key)):
                for item in [k for k, n in counter.items() if n <= 0]:
                    del counter[item]
            if before != (key in holders(block), set(key_middles(key))) and initials[block] > 0:
                raise Unfollowed("the full names that names with initials may be change")

        self.registrations: dict[str, str] = {}
        self.keys: list[list[tuple[str, Optional[str]]]] = []
        pending: list[list[Optional[tuple[str, Optional[str]]]]] = []
        for pub, record in added:
            owners = {}
            if record.owner_author and (position := _position_of(record.owner_author, record.authors)) is not None:
                owners[position] = self.member.slug
            keys: list[Optional[tuple[str, Optional[str]]]] = []
            for position, spelling in enumerate(record.authors):
                parts = name_parts(spelling)
                if position in owners and self.member.person_key:
                    key = self.member.person_key
                    keys.append((key, None if parts and person_key(parts) == key
                                 else f"marked as {self.member.slug}'s own name in their source"))
                elif parts is None:
                    keys.append(("name " + (fold(spelling) or spelling), None))
                elif parts.is_initial:
                    keys.append(None)
                else:
                    key = self._full_name_key(parts, written)
                    if key not in state.member_keys:
                        known = state.registered.get(spelling, self.registrations.get(spelling))
                        if known is None:
                            self.registrations[spelling] = key
                            register(key, parts, 1)
                        elif known != key:
                            raise Unfollowed("a spelling that resolves to two keys")
                    keys.append((key, None))
            pending.append(keys)
        for (key, spelling), step in self.delta.items():  # the last paper with a registered spelling went
            if step < 0 and state.occurrences[(key, spelling)] + step == 0 and state.registered.get(spelling) == key:
                register(key, name_parts(spelling), -1)
        self.second_pass = [[found is None for found in keys] for keys in pending]
        for (pub, record), keys in zip(added, pending):
            self.keys.append([found or self._initial_key(spelling, holders, key_middles)
                              for spelling, found in zip(record.authors, keys)])
            for spelling, (key, _) in zip(record.authors, self.keys[-1]):
                self.delta[(key, spelling)] += 1
        for key in {key for key, _ in self.delta}:  # whose co-authors change
            for block in state.holder_blocks.get(key, ()):
                if len(holders(block)) >= 2 and initials[block] > 0:
                    raise Unfollowed("co-authors that decide between full names for initials change")

    def _full_name_key(self, parts: NameParts, written: Counter) -> str:
        key = person_key(parts)
        if parts.joined and written[f"{parts.joined} {parts.family}"] > 0:
            key = f"{parts.joined} {parts.family}"  # `Hsiang Fu Yu` where `Hsiang-Fu Yu` occurs
        members = self.state.members_of_key.get(key, [])
        if len(members) > 1:  # two members share this name: the one whose list has the paper
            members = [self.member.slug] if self.member.slug in members else []
        if len(members) == 1:
            return self.members[members[0]].person_key
        return key

    def _initial_key(self, spelling: str, holders, key_middles) -> tuple[str, Optional[str]]:
        parts = name_parts(spelling)
        if self.member.slug in self.state.own_spellings.get(spelling, ()) and self.member.person_key:
            return self.member.person_key, "their own spelling, on a paper they list"
        candidates = [key for key in holders((parts.family, parts.given))
                      if not parts.middle or not (set(key_middles(key)) - {""})
                      or parts.middle[:1] in key_middles(key)]
        if not candidates:
            return person_key(parts), None
        if len(candidates) == 1:
            return candidates[0], (f"the only person with family name “{parts.family}” "
                                   f"and initial {parts.given.upper()}")
        raise Unfollowed("a name with initials that several people could be")

    def _apply_people(self) -> None:
        """New Person objects for the people whose papers changed."""
        self.people = dict(self.old.people)
        self.whys = {pub.slug: [why for _, why in keys] for pub, keys in zip(self.new_pubs, self.keys)}
        for pub, keys in zip(self.new_pubs, self.keys):
            equal = set(pub.record.equal_contribution)
            pub.authors = [Author(name, key, name in equal) for name, (key, _) in zip(pub.record.authors, keys)]
        papers: dict[str, list[tuple[str, int]]] = defaultdict(list)  # person key → (pub slug, ±1)
        for pub_slug in self.removed_slugs:
            for key in dict.fromkeys(a.person_key for a in self.old.publications[pub_slug].authors if a.person_key):
                papers[key].append((pub_slug, -1))
        for pub in self.new_pubs:
            for key in dict.fromkeys(a.person_key for a in pub.authors if a.person_key):
                papers[key].append((pub.slug, 1))
        new_keys = False
        for key, changes in papers.items():
            person = self.people.get(key)
            new_keys |= person is None
            person = replace(person) if person else Person(key=key, name="")
            removed = {pub_slug for pub_slug, step in changes if step < 0}
            person.publication_slugs = [s for s in person.publication_slugs if s not in removed]
            for pub_slug, step in changes:
                if step > 0:
                    self._insert(person.publication_slugs, pub_slug)
            self._spellings(person, removed)
            if person.variants or person.member_slug:
                self.people[key] = person
            else:
                del self.people[key]
        if new_keys:
            self.people = dict(sorted(self.people.items()))

    def _spellings(self, person: Person, removed: set[str]) -> None:
        """A person's spellings in the order people.resolve_people meets them: a member's own names first, then
        each spelling where it first occurs (full names in a first pass over the papers, in site order, names
        with initials in a second), with the reason given there; the name is the fullest spelling."""
        own = self.state.trace.member_spellings.get(person.member_slug, []) if person.member_slug else []
        first: dict[str, tuple] = {}  # spelling → (pass, paper order, position, pub slug)
        for pub_slug in person.publication_slugs:
            pub, order = self.pubs[pub_slug], self._first_listing(pub_slug)
            owners = self._owners(pub_slug)
            for position, author in enumerate(pub.authors):
                if author.person_key == person.key and author.name not in own:
                    parts = name_parts(author.name)
                    second = bool(parts and parts.is_initial and position not in owners)
                    seen = (second, order, position, pub_slug)
                    if author.name not in first or seen < first[author.name]:
                        first[author.name] = seen
        ordered = sorted(first, key=first.__getitem__)
        known = {s for s in person.variants if s not in own}  # whose reasons the person holds
        because = {}
        for spelling in ordered:
            second, _, position, pub_slug = first[spelling]
            if pub_slug in self.whys:  # an added paper: its reason is known
                why = self.whys[pub_slug][position]
            elif spelling in known and not self._first_went(person, spelling, removed):
                why = person.resolved_because.get(spelling)
            elif second or position in self._owners(pub_slug):
                raise Unfollowed("a spelling's first paper went, and the reason given there is not kept")
            else:
                why = None  # a full name resolves as it is written: no reason
            if why:
                because[spelling] = why
        person.variants = [*own, *ordered] if person.member_slug else ordered
        person.resolved_because = because
        if not person.member_slug and person.variants:
            person.name = max(person.variants, key=_fullness)

    def _first_went(self, person: Person, spelling: str, removed: set[str]) -> bool:
        """Whether a removed paper had `spelling` (it may have been where the spelling first occurred)."""
        return any(author.person_key == person.key and author.name == spelling
                   for pub_slug in removed for author in self.old.publications[pub_slug].authors)

    def _first_listing(self, pub_slug: str) -> tuple[int, int]:
        """Where a paper first occurs in the listings (members in order, each one's records in order): the
        order in which the full link meets papers."""
        if pub_slug in self.whys:
            return self.number[self.member.slug], self.added[[p.slug for p in self.new_pubs].index(pub_slug)]
        listings = self.listings.get(pub_slug) or self.state.trace.listings[pub_slug]
        return min((self.number[m], n) for m, n in listings)

    def _owners(self, pub_slug: str) -> dict[int, str]:
        """graph._owners: the author positions members' own sources marked as theirs."""
        if pub_slug in self.whys:
            pub = next(p for p in self.new_pubs if p.slug == pub_slug)
            listings = [(self.member.slug, self._first_listing(pub_slug)[1])]
        else:
            pub = self.pubs[pub_slug]
            listings = self.listings.get(pub_slug) or self.state.trace.listings[pub_slug]
        owners: dict[int, str] = {}
        for member_slug, number in sorted(listings, key=lambda listing: (self.number[listing[0]], listing[1])):
            record = self._record(member_slug, number)
            if record.owner_author and (position := _position_of(record.owner_author, pub.record.authors)) is not None:
                owners.setdefault(position, member_slug)
        return owners
