"""Profiles: one Profile per researcher, merged from their sources and the config.

Sources are merged in the order site.yaml lists them: the first value of a
single field wins, list sections are joined, a paper listed by two sources of
the same researcher is one record. The config's `name` and `overrides` win over
anything extracted.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from sitegen.config import ResearcherConfig, SiteConfig
from sitegen.model import SECTIONS, Diagnostic, Profile, profile_from_json
from sitegen.orcid_fetch import orcid_sources
from sitegen.publications import group_same_papers, merge_records
from sitegen.sources import SourceError, extract_profile

if TYPE_CHECKING:
    from sitegen.cache import ProfileCache

SINGLE_FIELDS = ("name", "headline", "affiliation", "summary")

# How one source becomes a profile; the build passes a cached version.
Extractor = Callable[[Path, str | None], Profile]


def build_profiles(config: SiteConfig, extract: Extractor = extract_profile) -> tuple[list[Profile], list[Diagnostic]]:
    """Every researcher's merged profile, in site.yaml order, and what went wrong reading them."""
    profiles, diagnostics = [], []
    for researcher in config.researchers:
        profile, problems = build_profile(researcher, config, extract)
        diagnostics.extend(problems)
        if profile is not None:
            profiles.append(profile)
    return profiles, diagnostics


def build_profile(researcher: ResearcherConfig, config: SiteConfig,
                  extract: Extractor = extract_profile) -> tuple[Profile | None, list[Diagnostic]]:
    """One researcher's profile, or None when none of their sources could be read."""
    extracted = []
    cached, problems = orcid_sources(researcher, config)
    for source in researcher.sources + cached:
        try:
            extracted.append(extract(source, researcher.name))
        except SourceError as err:
            problems.append(err.diagnostic)
        except Exception as err:  # a bug in one extractor must not cost every other researcher their page
            problems.append(Diagnostic(
                f"sitegen failed while reading this source ({type(err).__name__}: {err})", str(source),
                level="error", hint="this is a bug in sitegen: please report it with the file"))
    if not extracted:
        return None, problems
    profile = merge_profiles(extracted)
    profile = apply_overrides(profile, researcher, config, problems)
    if not profile.name:
        problems.append(Diagnostic(
            "no name for this researcher: the documents do not state it", str(config.path), researcher.line,
            level="error", hint="add `name: Full Name` to this entry"))
        return None, problems
    return profile, problems


def merge_profiles(profiles: list[Profile]) -> Profile:
    """Several sources of one researcher as one profile."""
    if len(profiles) == 1:
        return profiles[0]
    merged = Profile()
    for field in SINGLE_FIELDS:
        setattr(merged, field, next((getattr(p, field) for p in profiles if getattr(p, field)), None))
    for p in profiles:
        merged.links.extend(link for link in p.links if link.url not in {x.url for x in merged.links})
        merged.interests.extend(i for i in p.interests if i.lower() not in {x.lower() for x in merged.interests})
        for section in SECTIONS:
            getattr(merged, section).extend(getattr(p, section))
        merged.sources.extend(p.sources)
        merged.warnings.extend(p.warnings)
    records = merged.publications
    merged.publications = [merge_records([records[i] for i in group]) for group in group_same_papers(records)]
    return merged


def apply_overrides(profile: Profile, researcher: ResearcherConfig, config: SiteConfig,
                    problems: list[Diagnostic]) -> Profile:
    """The profile with the config entry's `name` and `overrides` put over what was extracted."""
    changes = {}
    if researcher.name:
        changes["name"] = researcher.name
    if researcher.overrides:
        try:
            given = profile_from_json(researcher.overrides)
        except (ValueError, TypeError) as err:
            problems.append(Diagnostic(f"overrides: {err}", str(config.path), researcher.line, level="error",
                                       hint="overrides take the fields `sitegen extract` prints"))
        else:
            changes.update({key: getattr(given, key) for key in researcher.overrides})
    return replace(profile, **changes) if changes else profile


def prepared_extractor(config: SiteConfig, cache: Optional["ProfileCache"] = None, jobs: int = 1) -> Extractor:
    """An extractor for `build_profiles` that has read every source already: from the cache, else in `jobs` processes.

    A source that fails is left to the returned extractor, which reads it again and reports it as usual.
    """
    wanted = list(dict.fromkeys((source, r.name) for r in config.researchers for source in r.sources))
    ready: dict[tuple[Path, Optional[str]], Profile] = {}
    keys, missing = {}, []
    for item in wanted:
        keys[item] = cache.key(*item) if cache else None
        profile = cache.load(keys[item]) if keys[item] else None
        if profile is None:
            missing.append(item)
        else:
            ready[item] = profile
    for item, profile in zip(missing, _extract_many(missing, jobs)):
        if profile is not None:
            ready[item] = profile
            if cache and keys[item]:
                cache.store(keys[item], profile)

    def extract(path: Path, name: Optional[str]) -> Profile:
        profile = ready.pop((path, name), None)  # each profile is handed out once: later stages may change it
        return profile if profile is not None else extract_profile(path, name)
    return extract


MIN_PARALLEL = 16  # sources: fewer are read faster than worker processes start


def _extract_many(items: list[tuple[Path, Optional[str]]], jobs: int) -> list[Optional[Profile]]:
    """Each source's profile, or None where it failed; in the order given, whatever the number of processes."""
    if jobs <= 1 or len(items) < MIN_PARALLEL:
        return [_try_extract(item) for item in items]
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_try_extract, items, chunksize=max(1, len(items) // (jobs * 8))))


def _try_extract(item: tuple[Path, Optional[str]]) -> Optional[Profile]:
    try:
        return extract_profile(*item)
    except Exception:  # noqa: BLE001 — reported when build_profile reads it again
        return None
