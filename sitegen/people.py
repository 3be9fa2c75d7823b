"""People: every author name resolved to one Person per real person.

Names are parsed with nameparser (handles `Dhillon, Inderjit`, suffixes, particles);
plain `Given [Middle] Family` names take a fast path that gives the same parts.
Two spellings are one person when their family names agree and their first
given names agree ignoring accents, dots, hyphens and middle initials (`Hsiang-Fu Yu` is
`Hsiang Fu Yu` and `Hsiangfu Yu`).

A name written with initials (`I. S. Dhillon`) is resolved where it stands, on
its paper: it joins the one full name with that family name and initial (and
no contradicting middle initial). When several exist (`Jatin Prakash`, `Jaya
Prakash`), evidence decides: the paper is on that member's own list, or it
shares co-authors with that person's other papers. Without evidence it stays a
person of its own; a surname and an initial alone never choose between two people.

Work is blocked by (family name, initial), so the cost grows with the number
of names, not with its square.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from nameparser import HumanName

from sitegen.model import Person

# Words that make a name need the full parser: particles, titles and suffixes.
_HARD_WORDS = {"van", "von", "de", "da", "del", "della", "di", "du", "la", "le", "der", "den", "ter", "ten",
               "bin", "ibn", "al", "el", "dos", "das", "do", "st", "jr", "sr", "ii", "iii", "iv", "dr", "prof",
               "phd", "mr", "ms", "mrs", "sir"}


@dataclass(frozen=True, slots=True)
class NameParts:
    given: str  # normalised first given name, e.g. "inderjit" or "i" for an initial
    family: str  # normalised family name, e.g. "dhillon"
    middle: str = ""  # initials of middle names, e.g. "s"
    joined: str = ""  # first and one middle name written as one, e.g. "hsiangfu" for `Hsiang Fu`

    @property
    def is_initial(self) -> bool:
        return len(self.given) <= 1


@dataclass(slots=True)
class AuthorList:
    """One publication's author names, with who lists the paper and which author is a member's own."""

    names: list[str]
    listed_by: list[str] = field(default_factory=list)  # member slugs whose sources list the paper
    owners: dict[int, str] = field(default_factory=dict)  # position → member slug (the bold author)


_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]")
_NAME_BREAK = re.compile(r"[\s.\-]+")


def fold(text: str) -> str:
    """Lowercase letters and digits only: 'Tomás' -> 'tomas', 'Hsiang-Fu' -> 'hsiangfu'."""
    if not text.isascii():  # ASCII has nothing to decompose and no combining marks
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_LETTER_OR_DIGIT.sub("", text.lower())


@lru_cache(maxsize=200_000)
def name_parts(name: str) -> NameParts | None:
    """The parts that identify a person, or None for text that is not a personal name."""
    first, middle, last = _split_name(name.strip())
    family = fold(last)
    if not family:
        return None
    pieces = [p for p in _NAME_BREAK.split(first.strip()) if p]
    initials = [p for p in _NAME_BREAK.split(middle) if p]
    if pieces and all(len(p) == 1 for p in pieces):  # `J.`, `J`, `I.S.`, `J.-P.`: initials, whatever the dots
        given, initials = fold(pieces[0])[:1], pieces[1:] + initials
    else:
        given = fold(first) or (fold(initials.pop(0)) if initials else "")
    # `Hsiang Fu Yu` may be `Hsiang-Fu Yu` (given "hsiangfu"): keep that reading to look up.
    joined = given + fold(initials[0]) if len(initials) == 1 and len(initials[0]) > 1 and len(given) > 1 else ""
    return NameParts(given, family, "".join(fold(p)[:1] for p in initials), joined)


def _split_name(name: str) -> tuple[str, str, str]:
    words = name.split()
    simple = ("," not in name and len(words) >= 2 and all(w[:1].isupper() for w in words)
              and not any(w.strip(".").lower() in _HARD_WORDS for w in words))
    if simple:
        return words[0], " ".join(words[1:-1]), words[-1]
    parsed = HumanName(name)
    return parsed.first, parsed.middle, parsed.last


def person_key(parts: NameParts) -> str:
    return f"{parts.given}{'.' if parts.is_initial else ''} {parts.family}".strip()


def resolve_people(papers: list[AuthorList], member_names: dict[str, list[str]] | None = None
                   ) -> tuple[dict[str, Person], list[list[str]]]:
    """Resolve every author of every paper to a person.

    `member_names` maps a member's slug to the names they go by (their profile
    name first, then aliases and the spellings their own documents mark as
    theirs). Returns (people by key, the person key of each author of each paper).
    """
    resolver = _Resolver(member_names or {})
    resolver.learn_hyphenations(name for paper in papers for name in paper.names)
    keys = [resolver.resolve_full_names(number, paper) for number, paper in enumerate(papers)]
    resolver.all_keys = keys
    for number, paper in enumerate(papers):
        resolver.resolve_initials(number, paper, keys[number])
    return resolver.finish(), keys


def resolve_names(names: Iterable[str], member_names: dict[str, list[str]] | None = None
                  ) -> tuple[dict[str, Person], dict[str, str]]:
    """Names seen without a paper (each its own one-author list): people and the key of each name."""
    names = list(dict.fromkeys(names))
    people, keys = resolve_people([AuthorList([name]) for name in names], member_names)
    key_of = {spelling: person.key for person in people.values() if person.member_slug for spelling in person.variants}
    key_of.update((name, paper_keys[0]) for name, paper_keys in zip(names, keys))
    return people, key_of


class _Resolver:
    def __init__(self, member_names: dict[str, list[str]]):
        self.people: dict[str, Person] = {}
        self.member_key: dict[str, str] = {}  # member slug -> person key
        self.members_of_key: dict[str, list[str]] = defaultdict(list)  # full-name key -> member slugs
        self.own_spellings: dict[str, set[str]] = defaultdict(set)  # spelling -> member slugs it is theirs
        self.by_initial: dict[tuple[str, str], list[str]] = defaultdict(list)  # (family, initial) -> full keys
        self.middles: dict[str, set[str]] = defaultdict(set)  # full key -> middle initials seen
        self.spaced_form: dict[str, str] = {}  # "hsiang yu" -> "hsiangfu yu" when `Hsiang-Fu Yu` occurs
        self.papers_of: dict[str, list[int]] = defaultdict(list)  # person key -> paper numbers
        self.all_keys: list[list[str]] = []  # every paper's author keys, once full names are resolved
        self._coauthors: dict[str, set[str]] = {}
        self._full_key_of: dict[str, str] = {}  # spelling -> its full-name key, once spaced forms are known
        self._registered: set[str] = set()  # spellings already in `by_initial` and `middles`
        for slug, spellings in member_names.items():
            self._add_member(slug, spellings)

    def _add_member(self, slug: str, spellings: list[str]) -> None:
        parsed = [(s, name_parts(s)) for s in spellings]
        main = next((p for _, p in parsed if p and not p.is_initial), None)
        if main is None:
            return
        key = person_key(main)
        if key in self.people and self.people[key].member_slug:  # two members with one name
            key = f"{key} ({slug})"
        self.member_key[slug] = key
        self.people[key] = Person(key=key, name=spellings[0], member_slug=slug)
        for spelling, parts in parsed:
            self.own_spellings[spelling].add(slug)
            if spelling not in self.people[key].variants:
                self.people[key].variants.append(spelling)
            if parts and not parts.is_initial:
                self._register(key, parts)
                if slug not in self.members_of_key[person_key(parts)]:
                    self.members_of_key[person_key(parts)].append(slug)
                self.middles[key].add(parts.middle[:1])

    def learn_hyphenations(self, names: Iterable[str]) -> None:
        """`Hsiang Fu Yu` is `Hsiang-Fu Yu` / `Hsiangfu Yu` when that spelling occurs too: key the spaced form to it."""
        parsed = [p for p in map(name_parts, set(names)) if p and not p.is_initial]
        written_as_one = {person_key(p) for p in parsed}
        for parts in sorted(parsed, key=person_key):
            joined = f"{parts.joined} {parts.family}"
            if parts.joined and joined in written_as_one:
                self.spaced_form[person_key(parts)] = joined

    def _register(self, key: str, parts: NameParts) -> None:
        block = self.by_initial[(parts.family, parts.given[:1])]
        if key not in block:  # blocks are small: one family name and one initial
            block.append(key)

    def _add(self, key: str, spelling: str, paper: int, why: str | None = None) -> str:
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = Person(key=key, name=spelling)
        if spelling not in person.variants:
            person.variants.append(spelling)
            if why:
                person.resolved_because[spelling] = why
        if not self.papers_of[key] or self.papers_of[key][-1] != paper:
            self.papers_of[key].append(paper)
        return key

    def resolve_full_names(self, number: int, paper: AuthorList) -> list[str]:
        """Keys for the full names (and owners) of a paper; initials are left "" for the second pass."""
        keys = []
        for position, spelling in enumerate(paper.names):
            owner = paper.owners.get(position)
            parts = name_parts(spelling)
            if owner in self.member_key:
                key = self.member_key[owner]
                why = None if parts and person_key(parts) == key else f"marked as {owner}'s own name in their source"
                keys.append(self._add(key, spelling, number, why))
            elif parts is None:
                keys.append(self._add("name " + (fold(spelling) or spelling), spelling, number))
            elif parts.is_initial:
                keys.append("")
            else:
                keys.append(self._add(self._full_name_key(spelling, parts, paper), spelling, number))
        return keys

    def _full_name_key(self, spelling: str, parts: NameParts, paper: AuthorList) -> str:
        key = self._full_key_of.get(spelling)
        if key is None:  # the same for every paper: names are written the same way many times
            key = self._full_key_of[spelling] = self.spaced_form.get(person_key(parts), person_key(parts))
        members = self.members_of_key.get(key, [])
        if len(members) > 1:  # two members share this name: the one whose list has the paper
            listing = [m for m in members if m in paper.listed_by]
            members = listing if len(listing) == 1 else []
        if len(members) == 1:
            return self.member_key[members[0]]
        if spelling not in self._registered:  # registering again would change nothing
            self._registered.add(spelling)
            self._register(key, parts)
            self.middles[key].add(parts.middle[:1])
        return key

    def resolve_initials(self, number: int, paper: AuthorList, keys: list[str]) -> None:
        for position, spelling in enumerate(paper.names):
            if not keys[position]:
                key, why = self._initial_key(name_parts(spelling), spelling, paper, keys)
                keys[position] = self._add(key, spelling, number, why)

    def _initial_key(self, parts: NameParts, spelling: str, paper: AuthorList, keys: list[str]
                     ) -> tuple[str, str | None]:
        candidates = [k for k in self.by_initial.get((parts.family, parts.given), [])
                      if not parts.middle or not (self.middles[k] - {""}) or parts.middle[:1] in self.middles[k]]
        own = [slug for slug in self.own_spellings.get(spelling, ()) if slug in paper.listed_by]
        if len(own) == 1 and own[0] in self.member_key:
            return self.member_key[own[0]], "their own spelling, on a paper they list"
        if not candidates:
            return person_key(parts), None
        if len(candidates) == 1:
            return candidates[0], (f"the only person with family name “{parts.family}” "
                                   f"and initial {parts.given.upper()}")
        scored = []
        for candidate in candidates:
            person = self.people[candidate]
            listed = person.member_slug in paper.listed_by if person.member_slug else False
            shared = sorted(self._coauthors_of(candidate) & {k for k in keys if k and k != candidate})
            scored.append((int(listed), len(shared), candidate, shared))
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        best = scored[0]
        if (best[0], best[1]) > (0, 0) and (best[0], best[1]) != (scored[1][0], scored[1][1]):
            if best[0]:
                return best[2], f"the paper is on {self.people[best[2]].member_slug}'s own list"
            names = ", ".join(self.people[k].name for k in best[3][:3])
            return best[2], f"shares co-authors ({names}) with {self.people[best[2]].name}"
        return person_key(parts), None

    def _coauthors_of(self, key: str) -> set[str]:
        if key not in self._coauthors:
            self._coauthors[key] = {k for n in self.papers_of.get(key, []) for k in self.all_keys[n]
                                    if k and k != key}
        return self._coauthors[key]

    def finish(self) -> dict[str, Person]:
        for person in self.people.values():
            if not person.member_slug and person.variants:
                person.name = max(person.variants, key=_fullness)
        return {key: person for key, person in self.people.items() if person.variants or person.member_slug}


def _fullness(name: str) -> tuple[int, int, str]:
    """Prefer the spelling with most written-out parts, then the longest, then a stable order."""
    words = [w for w in re.split(r"[\s,]+", name) if w]
    return (sum(len(w.rstrip(".")) > 1 for w in words), len(name), name)
