"""People: every author name resolved to one Person per real person.

Names are parsed with nameparser (handles `Dhillon, Inderjit`, suffixes, particles).
Two spellings are one person when their family names agree and their given
names agree ignoring accents, dots, hyphens and middle initials. A name given
only as initials (`I. S. Dhillon`) joins a full name only when exactly one
person with that family name and first initial exists; otherwise it stays apart,
so `J. Prakash` is never guessed between `Jatin Prakash` and `Jaya Prakash`.
Work is blocked by family name, so the cost grows with the number of names,
not with its square.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from nameparser import HumanName

from sitegen.model import Person


@dataclass(frozen=True, slots=True)
class NameParts:
    given: str  # normalised first given name, e.g. "inderjit" or "i" for an initial
    family: str  # normalised family name, e.g. "dhillon"

    @property
    def is_initial(self) -> bool:
        return len(self.given) <= 1


def fold(text: str) -> str:
    """Lowercase ASCII letters and digits only: 'Tomás' -> 'tomas', 'Hsiang-Fu' -> 'hsiangfu'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())


def name_parts(name: str) -> NameParts | None:
    """The parts that identify a person, or None for text that is not a personal name."""
    parsed = HumanName(name.strip())
    family = fold(parsed.last)
    given = fold(parsed.first) or fold(parsed.middle)
    if not family:
        return None
    if parsed.first and all(len(part) == 1 for part in re.split(r"[\s.\-]+", parsed.first.strip()) if part):
        given = given[:1]  # `J.`, `J`, `J.-P.`: an initial, whatever its dots
    return NameParts(given, family)


def person_key(parts: NameParts) -> str:
    return f"{parts.given}{'.' if parts.is_initial else ''} {parts.family}".strip()


def resolve_people(names: Iterable[str], member_names: dict[str, list[str]] | None = None
                   ) -> tuple[dict[str, Person], dict[str, str]]:
    """Resolve written author names to people.

    `member_names` maps a member's slug to the names they go by (their profile
    name first, then aliases and the spellings their own documents mark as
    theirs). Returns (people by key, person key of each written name).
    """
    member_names = member_names or {}
    people: dict[str, Person] = {}
    key_of: dict[str, str] = {}
    by_family: dict[str, list[str]] = defaultdict(list)  # family -> keys of full-name people

    def add(name: str, key: str, member_slug: str | None = None) -> None:
        person = people.get(key)
        if person is None:
            person = people[key] = Person(key=key, name=name)
        if name not in person.variants:
            person.variants.append(name)
        if member_slug and not person.member_slug:
            person.member_slug = member_slug
            person.name = name if name == person.variants[0] else person.name
        key_of[name] = key

    # Members first, so their spellings claim their person and their display name.
    for slug, spellings in member_names.items():
        parts = next((p for p in map(name_parts, spellings) if p and not p.is_initial), None)
        if parts is None:
            continue
        key = person_key(parts)
        by_family[parts.family].append(key)
        for spelling in spellings:
            key_of[spelling] = key
            add(spelling, key, slug)
        people[key].name = spellings[0]

    written = sorted(set(names) - set(key_of))
    parsed = {name: name_parts(name) for name in written}
    for name in written:  # full given names: exact identity
        parts = parsed[name]
        if parts and not parts.is_initial:
            key = person_key(parts)
            if key not in by_family[parts.family]:
                by_family[parts.family].append(key)
            add(name, key)
    for name in written:  # initials: only an unambiguous match
        parts = parsed[name]
        if parts is None:
            add(name, "name " + (fold(name) or name))
        elif parts.is_initial:
            candidates = [k for k in by_family[parts.family] if k.startswith(parts.given)]
            add(name, candidates[0] if len(candidates) == 1 else person_key(parts))
    for person in people.values():
        if not person.member_slug:
            person.name = max(person.variants, key=_fullness)
    return people, key_of


def _fullness(name: str) -> tuple[int, int, str]:
    """Prefer the spelling with most written-out parts, then the longest, then a stable order."""
    words = [w for w in re.split(r"[\s,]+", name) if w]
    return (sum(len(w.rstrip(".")) > 1 for w in words), len(name), name)
