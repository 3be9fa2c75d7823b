"""A researcher's profile: several sources merged, the config's name and overrides win."""
from __future__ import annotations

from pathlib import Path

from sitegen.config import ResearcherConfig, SiteConfig
from sitegen.model import Link, Profile, Publication, SourceRef
from sitegen.profiles import build_profile, merge_profiles
from sitegen.sources import SourceError
from sitegen.model import Diagnostic


def test_two_sources_merge_without_duplicating_a_paper():
    cv = Profile(name="Ana Silva", headline="Professor", links=[Link("https://ana.example")],
                 publications=[Publication("Deep Nets for Fish", ["Ana Silva"], year=2021, venue="ICML")],
                 sources=[SourceRef("cv.md", "cv")])
    bib = Profile(links=[Link("https://ana.example"), Link("https://github.com/ana", "github")],
                  publications=[Publication("Deep nets for fish.", ["Ana Silva", "Bo Chen"], year=2021,
                                            abstract="Fish."),
                                Publication("Another Paper", ["Ana Silva"], year=2020)],
                  sources=[SourceRef("papers.bib", "bibtex")])
    merged = merge_profiles([cv, bib])
    assert merged.name == "Ana Silva" and merged.headline == "Professor"
    assert [link.url for link in merged.links] == ["https://ana.example", "https://github.com/ana"]
    assert [p.title for p in merged.publications] == ["Deep Nets for Fish", "Another Paper"]
    assert merged.publications[0].authors == ["Ana Silva", "Bo Chen"]
    assert merged.publications[0].abstract == "Fish."
    assert [s.format for s in merged.sources] == ["cv", "bibtex"]


def config_with(**entry) -> tuple[ResearcherConfig, SiteConfig]:
    researcher = ResearcherConfig(sources=[Path("a.txt"), Path("b.txt")], line=3, **entry)
    return researcher, SiteConfig(path=Path("site.yaml"), researchers=[researcher])


def test_overrides_replace_extracted_fields():
    researcher, config = config_with(name="Ana Silva", overrides={"headline": "Dean", "interests": ["Fish"]})
    profile, problems = build_profile(researcher, config, lambda path, name: Profile(name="A. Silva", headline="Prof"))
    assert (profile.name, profile.headline, profile.interests) == ("Ana Silva", "Dean", ["Fish"])
    assert problems == []


def test_a_bad_override_is_reported_with_the_entry_line():
    researcher, config = config_with(name="Ana Silva", overrides={"awards": "lots"})
    profile, problems = build_profile(researcher, config, lambda path, name: Profile(name="Ana Silva"))
    (problem,) = problems
    assert problem.line == 3 and "'awards' must be a list" in problem.message


def test_an_unreadable_source_is_reported_and_the_others_kept():
    def extract(path, name):
        if path.name == "a.txt":
            raise SourceError(Diagnostic("the file is empty", str(path), level="error"))
        return Profile(name="Ana Silva", publications=[Publication("Kept", ["Ana Silva"])])

    researcher, config = config_with()
    profile, problems = build_profile(researcher, config, extract)
    assert [p.title for p in profile.publications] == ["Kept"]
    assert [p.message for p in problems] == ["the file is empty"]


def test_a_researcher_without_any_name_is_an_error():
    researcher, config = config_with()
    profile, problems = build_profile(researcher, config, lambda path, name: Profile())
    assert profile is None
    assert problems[0].line == 3 and "add `name: Full Name`" in problems[0].hint


def test_a_crash_in_an_extractor_is_an_error_on_that_source_and_the_others_kept():
    def extract(path, name):
        if path.name == "a.txt":
            raise IndexError("list index out of range")
        return Profile(name="Ana Silva", publications=[Publication("Kept", ["Ana Silva"])])

    researcher, config = config_with()
    profile, problems = build_profile(researcher, config, extract)
    assert [p.title for p in profile.publications] == ["Kept"]
    (problem,) = problems
    assert (problem.path, problem.level) == ("a.txt", "error")
    assert "IndexError" in problem.message and "bug in sitegen" in problem.hint
