"""Which outputs a change touches: each page and download's dependencies, as digests of the model it shows.

An output's fingerprint is a digest of everything it is made from: the site's
settings and theme (`site`), and the members, publications, people and topics
it shows. A rebuild re-renders only the outputs whose fingerprint differs from
the previous build's; the others are linked from the previous output folder.

Digests are of the model objects' `repr` (dataclasses of strings, numbers and
lists: deterministic), split into what a link or a card shows (`card:`,
`chip:`, `person:`) and the whole object (`member:`, `pub:`, `topic:`), so a
line added to one CV re-renders that member's page, not every page naming them.
A publication in a list shows its record, its authors' links and its topics:
`listed:SLUG` is one digest of those, so a page listing 10,000 papers depends
on 10,000 ids, not on every author and topic of each.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

from sitegen.model import Site
from sitegen.views import SiteIndex


def digest(*parts: object) -> str:
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=12).hexdigest()


def entity_digests(site: Site, index: SiteIndex, settings: str) -> dict[str, str]:
    """A digest per model object a page can show, by id (`member:SLUG`, `pub:SLUG`, …), plus aggregates."""
    found = {"site": digest(settings, site.title, site.description, site.base_url, site.language)}
    for member in site.members:
        profile = member.profile
        found[f"card:{member.slug}"] = digest(member.slug, member.person_key, profile.name, profile.headline,
                                              profile.affiliation, len(member.publication_slugs),
                                              index.photos.get(member.slug))
        found[f"member:{member.slug}"] = digest(repr(member), found[f"card:{member.slug}"])
    for key, person in site.people.items():
        linked = index.members_by_person.get(key)
        found[f"person:{key}"] = digest(person.name, person.member_slug,
                                        found[f"card:{linked.slug}"] if linked else "")
    for slug, topic in site.topics.items():
        found[f"chip:{slug}"] = digest(topic.slug, topic.name, len(topic.publication_slugs))
        found[f"topic:{slug}"] = digest(repr(topic))
    for slug, pub in site.publications.items():
        found[f"pub:{slug}"] = digest(repr(pub))
        found[f"listed:{slug}"] = digest(found[f"pub:{slug}"], *(
            found.get(f"person:{a.person_key}", "") for a in pub.authors if a.person_key), *(
            found.get(f"chip:{ref.slug}", "") for ref in pub.topics))
    found["topic-names"] = digest(*(f"{t.name.casefold()}={t.slug}" for t in site.topics.values()))
    for prefix, group in (("card:", "all-cards"), ("pub:", "all-pubs"), ("person:", "all-people"),
                          ("chip:", "all-chips")):
        found[group] = digest(*(value for key, value in found.items() if key.startswith(prefix)))
    return found


def _publications_shown(site: Site, slugs: Iterable[str]) -> set[str]:
    """A list of publications shows each one's record, its authors (and their member pages) and topics."""
    return {f"listed:{slug}" for slug in slugs if slug in site.publications}


def output_dependencies(site: Site, pages: list[tuple[str, str, str]], downloads: list[tuple[str, str, str]]
                        ) -> dict[str, set[str]]:
    """Output path → the entity ids it is made from; `pages`/`downloads` are (path, kind, key)."""
    deps: dict[str, set[str]] = {}
    members = {m.slug: m for m in site.members}
    everything = {"all-cards", "all-pubs", "all-people", "all-chips"}
    for path, kind, key in pages:
        if kind == "member":
            member = members[key]
            needs = {f"member:{key}", "topic-names", *(f"chip:{t}" for t in member.topic_slugs)}
            needs |= _publications_shown(site, member.publication_slugs)
        elif kind == "publication":
            pub = site.publications[key]
            needs = _publications_shown(site, [key]) | {f"card:{m}" for m in pub.listed_by}
        elif kind == "topic":
            topic = site.topics[key]
            needs = {f"topic:{key}", *(f"chip:{t}" for t in topic.related),
                     *(f"card:{m}" for m in topic.member_slugs)}
            needs |= _publications_shown(site, topic.publication_slugs)
        elif kind in ("index", "publications", "topics"):
            needs = set(everything)
        else:  # search, 404: the site's settings only
            needs = set()
        deps[path] = needs | {"site"}
    page_list = digest(*(path for path, _, _ in pages))
    for path, kind, key in downloads:
        if kind in ("member-bibtex", "member-feed"):
            needs = {f"member:{key}"} | _publications_shown(site, members[key].publication_slugs)
        elif kind == "cite":
            needs = {f"pub:{key}"}
        elif kind == "sitemap":
            needs = {f"pages:{page_list}"}
        elif kind == "robots":
            needs = set()
        else:  # the site's feed
            needs = {"all-pubs", "all-chips"}
        deps[path] = needs | {"site"}
    return deps


def fingerprints(dependencies: dict[str, set[str]], digests: dict[str, str]) -> dict[str, str]:
    """Output path → one digest of everything it depends on (an id with no digest stands for itself)."""
    return {path: digest(*(f"{d}={digests.get(d, '')}" for d in sorted(needs)))
            for path, needs in dependencies.items()}


def outputs_to_rebuild(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """The outputs whose inputs changed since the previous build (or that are new), in output order."""
    return [path for path, fingerprint in current.items() if previous.get(path) != fingerprint]


def pages_to_rebuild(dependencies: dict[str, set[str]], changed: set[str]) -> list[str]:
    """A change (the ids of the model objects that changed) → the outputs that show one of them."""
    return [path for path, needs in dependencies.items() if needs & changed]


def changed_entities(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Ids whose digest differs, or that appeared or went."""
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
