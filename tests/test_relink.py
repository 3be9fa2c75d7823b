"""A patched Site (relink.py) is the Site a full link gives, for random edits of one researcher's papers."""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.config import ResearcherConfig, SiteConfig
from sitegen.graph import LinkTrace, build_site_graph
from sitegen.model import Origin, Profile, Publication
from sitegen.link_state import link_state
from sitegen.relink import relink

GIVEN = ["Ana", "Bo", "Jatin", "Jaya", "Hsiang-Fu", "Tomás", "Lena", "Marc", "Priya", "Wei", "Xin", "Yuki"]
FAMILY = ["Silva", "Chen", "Prakash", "Yu", "Ruiz", "Okafor", "Wang", "Müller", "Tanaka", "Novak"]
WORDS = ["graph", "neural", "networks", "reinforcement", "learning", "robust", "sparse", "retrieval", "protein",
         "folding", "language", "models", "causal", "inference", "neighbour", "federated", "optimisation",
         "kernel", "methods", "fairness", "vision", "transformers", "bandits", "privacy"]
VENUES = ["NeurIPS", "ICML", "ICLR", "arXiv", "JMLR", "Nature", None]


def spelling(rng: random.Random, given: str, family: str) -> str:
    """One of the ways sources write a person: full, initial, `Family, Given`, with a middle initial."""
    return rng.choice([f"{given} {family}", f"{given} {family}", f"{given[0]}. {family}", f"{family}, {given}",
                       f"{given} {rng.choice('ABS')}. {family}", f"{given.replace('-', ' ')} {family}"])


def random_paper(rng: random.Random, people: list[tuple[str, str]], owner: tuple[str, str] | None,
                 number: int) -> Publication:
    authors = rng.sample(people, rng.randint(1, 4))
    if owner and owner not in authors:
        authors.insert(rng.randrange(len(authors) + 1), owner)
    names = [spelling(rng, *person) for person in authors]
    title = " ".join(rng.sample(WORDS, rng.randint(3, 6))).capitalize() + f" {number}" * rng.choice([0, 1])
    venue = rng.choice(VENUES)
    return Publication(
        title=title, authors=names, year=rng.randint(2016, 2025), venue=venue,
        doi=f"10.1000/x{number}" if rng.random() < 0.3 else None,
        arxiv=f"2401.{number:05d}" if venue == "arXiv" or rng.random() < 0.2 else None,
        keywords=rng.sample(["graph learning", "privacy", "protein design", "bandits"], rng.randint(0, 2)),
        categories=rng.sample(["cs.LG", "cs.CL", "q-bio.BM", "stat.ML"], rng.randint(0, 1)),
        owner_author=names[authors.index(owner)] if owner and rng.random() < 0.5 else None)


def with_origins(records: list[Publication], path: str, first_line: int = 10) -> list[Publication]:
    return [replace(r, origin=Origin(path, first_line + 2 * n, first_line + 1 + 2 * n)) for n, r in enumerate(records)]


def all_people(dense: bool) -> list[tuple[str, str]]:
    """Dense: few family names, so initials could be several people and most papers are shared (the hard
    cases). Sparse: as in most departments, a family name and initial are mostly one person's."""
    if dense:
        return [(g, f) for g in GIVEN for f in FAMILY]
    return [(g, f"{f}{n}") for n, g in enumerate(GIVEN) for f in FAMILY]


def random_site(seed: int, dense: bool = True) -> tuple[SiteConfig, list[Profile], random.Random]:
    rng = random.Random(seed)
    people = [person for person in all_people(dense) if rng.random() < 0.25]
    members = rng.sample(people, 6)
    pool = [replace(random_paper(rng, people, rng.choice(members), n), owner_author=None)
            for n in range(40 if dense else 120)]
    profiles = []
    for given, family in members:
        name = f"{given} {family}"
        mine = [p for p in pool if any(family in a for a in p.authors) and rng.random() < 0.8]
        mine += rng.sample(pool, 2)  # listed by someone not among the authors as written
        records = [replace(p, venue=rng.choice([p.venue, "arXiv"]), title=rng.choice([p.title, p.title + "."]),
                           owner_author=next((a for a in p.authors if family in a and rng.random() < 0.5), None))
                   for p in mine]
        profiles.append(Profile(name=name, headline="Researcher", interests=rng.sample(["Privacy", "Bandits"], 1),
                                publications=with_origins(records, f"cv/{family}.md")))
    config = SiteConfig(path=Path("site.yaml"), min_papers=rng.choice([1, 2]),
                        researchers=[ResearcherConfig(sources=[], line=n + 1, name=p.name) for n, p in enumerate(profiles)])
    return config, profiles, rng


def edited(rng: random.Random, profile: Profile, people: list[tuple[str, str]], number: int) -> tuple[Profile, str]:
    """The profile after one random edit, and what the edit was."""
    records = [replace(r, origin=None) for r in profile.publications]
    given, family = profile.name.split(" ", 1)
    kind = rng.choice(["add", "add", "add", "remove", "retitle", "year", "move", "shift", "headline", "copy"])
    first_line = 10
    if kind == "shift":  # a line added above the publications: every record's origin moves
        first_line = profile.publications[0].origin.line + 1 if profile.publications else 11
    if kind == "add" or not records:
        records.insert(rng.randrange(len(records) + 1), random_paper(rng, people, (given, family), 1000 + number))
    elif kind == "remove":
        records.pop(rng.randrange(len(records)))
    elif kind == "retitle":
        at = rng.randrange(len(records))
        records[at] = replace(records[at], title=" ".join(rng.sample(WORDS, 4)).capitalize() + f" v{number}")
    elif kind == "year":
        at = rng.randrange(len(records))
        records[at] = replace(records[at], year=rng.randint(2010, 2026))
    elif kind == "move":
        records.insert(rng.randrange(len(records) + 1), records.pop(rng.randrange(len(records))))
    elif kind == "copy":  # another researcher's paper, as they wrote it: must merge with theirs
        records.insert(0, replace(rng.choice(records), venue="ICML"))
    headline = f"Researcher {number}" if kind == "headline" else profile.headline
    return replace(profile, headline=headline,
                   publications=with_origins(records, f"cv/{family}.md", first_line)), kind


def full_link(config: SiteConfig, profiles: list[Profile]):
    trace = LinkTrace()
    site = build_site_graph(config, profiles, trace=trace)
    return site, trace


@pytest.mark.parametrize("seed", range(16))
def test_a_patched_site_is_the_site_a_full_link_gives(seed):
    dense = seed % 2 == 0
    config, profiles, rng = random_site(seed, dense)
    people = all_people(dense)
    site, trace = full_link(config, profiles)
    state = link_state(config, profiles, site, trace)
    for number in range(25):
        index = rng.randrange(len(profiles))
        new_profile, kind = edited(rng, profiles[index], people, number)
        profiles = [new_profile if n == index else p for n, p in enumerate(profiles)]
        before = repr(state.site)
        patched = relink(state, config, profiles)
        expected, trace = full_link(config, profiles)
        if patched is None:
            assert repr(state.site) == before, "a patch that gave up must leave the state as it was"
            state = link_state(config, profiles, expected, trace)
        else:
            assert repr(patched) == repr(expected), f"edit {number} ({kind}) patched differently"
        assert state.site is patched or patched is None


def test_most_edits_are_patched_and_share_what_did_not_change():
    """Over many sites and edits, a new paper, lines moved down and a headline edited are patched (a paper
    another researcher lists too, reordered, is a full link); a patch keeps the objects it did not change."""
    tried, followed = Counter(), Counter()
    people = all_people(dense=False)
    for seed in range(12):
        config, profiles, rng = random_site(seed, dense=False)
        site, trace = full_link(config, profiles)
        state = link_state(config, profiles, site, trace)
        for number in range(10):
            index = rng.randrange(len(profiles))
            new_profile, kind = edited(rng, profiles[index], people, number)
            profiles = [new_profile if n == index else p for n, p in enumerate(profiles)]
            previous = state.site
            patched = relink(state, config, profiles)
            tried[kind] += 1
            if patched is None:
                site, trace = full_link(config, profiles)
                state = link_state(config, profiles, site, trace)
                continue
            followed[kind] += 1
            others = [m for n, m in enumerate(patched.members) if n != index]
            assert all(a is b for a, b in zip(others, [m for n, m in enumerate(previous.members) if n != index]))
            assert patched.members[index] is not previous.members[index]
            unchanged = [slug for slug in patched.publications if slug not in patched.members[index].publication_slugs]
            assert all(patched.publications[s] is previous.publications[s] for s in unchanged if s in previous.publications)
    assert followed["headline"] == tried["headline"] > 0
    assert followed["shift"] == tried["shift"] > 0
    assert followed["add"] >= tried["add"] * 0.7, (followed, tried)
    assert followed["copy"] == 0  # another's paper merges with theirs: always a full link


def test_nothing_changed_is_the_same_site():
    config, profiles, _ = random_site(1)
    site, trace = full_link(config, profiles)
    state = link_state(config, profiles, site, trace)
    assert relink(state, config, list(profiles)) is site


def test_another_config_or_two_changed_profiles_link_in_full():
    config, profiles, rng = random_site(2)
    site, trace = full_link(config, profiles)
    state = link_state(config, profiles, site, trace)
    assert relink(state, replace(config), profiles) is None
    two = [replace(p, headline="changed") if n < 2 else p for n, p in enumerate(profiles)]
    assert relink(state, config, two) is None
