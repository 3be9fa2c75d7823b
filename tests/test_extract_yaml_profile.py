"""A YAML profile is sitegen's own form: what `sitegen extract --format yaml` prints reads back
to the same profile, and a hand-edited one is checked field by field with file:line errors."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.extract import _FORMAT_MODULES, bibtex, json_resume, yaml_profile
from sitegen.model import Origin, SourceRef, to_json
from sitegen.sources import MIN_SNIFF, read_source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "yaml"
SCHEMA = json.loads((ROOT.parent / "shared" / "profile.schema.json").read_text())


def _extract(name: str):
    path = FIXTURES / name
    return yaml_profile.extract(path.read_text(encoding="utf-8"), path)


def _yaml(text: str):
    return yaml_profile.extract(text, Path("me.yaml"))


def _importable_formats():
    modules = []
    for name in _FORMAT_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError:  # a format still being written
            continue
    return modules


def _as_cli_prints(profile) -> str:
    """What `sitegen extract SOURCE --format yaml` writes (cli._run_extract)."""
    return yaml.safe_dump(to_json(profile), sort_keys=False, allow_unicode=True, width=100)


# --- round trip -------------------------------------------------------------------------------

ROUND_TRIP_SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + [
    ROOT / "tests" / "fixtures" / "bibtex" / "papers.bib",
    ROOT / "tests" / "fixtures" / "bibtex" / "messy.bib",
    ROOT / "tests" / "fixtures" / "json_resume" / "resume.json",
    ROOT / "tests" / "fixtures" / "json_resume" / "messy.jsonc",
    FIXTURES / "person.yaml",
]


@pytest.mark.parametrize("source", ROUND_TRIP_SOURCES, ids=lambda p: p.name)
def test_printed_yaml_reads_back_to_the_same_profile(source, tmp_path):
    text = read_source(source).text
    module = max(_importable_formats(), key=lambda m: m.sniff(text, source))
    if module.sniff(text, source) <= MIN_SNIFF:
        pytest.skip(f"the extractor for {source.name} is not written yet")
    first = module.extract(text, source)
    first.sources = [SourceRef(str(source), module.NAME)]
    saved = tmp_path / "profile.yaml"
    saved.write_text(_as_cli_prints(first), encoding="utf-8")

    printed = saved.read_text(encoding="utf-8")
    assert yaml_profile.sniff(printed, saved) >= 0.9
    assert all(m.sniff(printed, saved) < 0.9 for m in _importable_formats() if m is not yaml_profile)
    second = yaml_profile.extract(printed, saved)

    assert second.warnings == []  # the first run's warnings are not read again
    assert second.sources == [SourceRef(str(saved), "yaml")]
    expected, got = to_json(first), to_json(second)
    for data in (expected, got):
        del data["sources"], data["warnings"]
    assert got == expected


# --- a hand-written profile ----------------------------------------------------------------

def test_hand_written_profile_with_exact_values():
    profile = _extract("person.yaml")
    shown = str(FIXTURES / "person.yaml")
    assert profile.warnings == []
    assert profile.sources == [SourceRef(shown, "yaml")]
    assert (profile.name, profile.headline, profile.affiliation) == (
        "Jatin Prakash", "Research Fellow, Microsoft Research India", "Microsoft Research")
    assert profile.summary == "I work on extreme classification and calibration of neural networks."
    assert profile.interests == ["Extreme classification", "Calibration"]
    education = profile.education[0]
    assert (education.start, education.end, education.grade) == ("2018", "2022", "CGPA: 8.88/10")
    position = profile.positions[0]
    assert (position.start, position.end, position.origin) == ("2022-07", "present", Origin(shown, 21))
    renee, tail = profile.publications
    assert (renee.venue, renee.year, renee.selected, renee.arxiv) == ("MLSys", 2023, True, "2302.09150")
    assert renee.links[0].kind == "arxiv"
    assert (tail.date, tail.status, tail.authors_truncated) == ("2024-01-16", "under-review", True)
    assert tail.equal_contribution == ["Anirudh Buvanesh", "Rahul Chand"]
    assert tail.origin == Origin(shown, 38)
    assert (profile.awards[0].title, profile.awards[0].year) == ("Best Undergraduate Thesis", 2022)
    assert (profile.news[0].date, profile.news[0].text) == ("2023-05", "Renee accepted at MLSys 2023.")
    jsonschema.validate(to_json(profile), SCHEMA)


def test_wrong_fields_are_errors_at_their_line_and_the_rest_is_kept():
    profile = _extract("messy.yaml")
    shown = str(FIXTURES / "messy.yaml")
    assert [(w.level, w.path) for w in profile.warnings] == [("error", shown)] * len(profile.warnings)
    assert [(w.line, w.message) for w in profile.warnings] == [
        (28, "duplicate key 'awards'"),
        (2, "'headline' must be text, got a list"),
        (3, "'interests' must be a list, got str"),
        (4, "unknown profile field 'emali'"),
        (8, "'start' must be a date like 2019, 2019-05, 2019-05-01 or present, got 'last spring'"),
        (10, "unknown field 'team' in an item of 'positions'"),
        (11, "an item of 'positions' has no 'organization' (item 2 of 'positions' was left out)"),
        (21, "'authors' must be a list, got str"),
        (22, "'year' must be a whole number, got 'twenty-twenty-four'"),
        (24, "each item of 'publications' must be a mapping, got str (item 2 of 'publications' was left out)"),
    ]
    assert profile.name == "Mayank Mishra"
    assert profile.headline is None and profile.interests == []
    position = profile.positions[0]
    assert (position.organization, position.role, position.start, position.end) == (
        "IBM Research", "Research Engineer", None, "present")
    granite = profile.publications[0]
    assert (granite.title, granite.authors, granite.year, granite.venue) == ("Granite Code Models", [], None, "arXiv")
    assert profile.education[0].grade == "9.1"
    assert [a.title for a in profile.awards] == ["Dean's list"]  # YAML keeps the last of a repeated key
    jsonschema.validate(to_json(profile), SCHEMA)


def test_invalid_yaml_and_wrong_top_level_are_errors_not_crashes():
    broken = _yaml("name: A\npublications:\n\t- title: x\n")
    assert (broken.warnings[0].level, broken.warnings[0].line) == ("error", 3)
    assert broken.warnings[0].hint == "YAML indents with spaces, not tabs"
    listed = _yaml("- name: A\n")
    assert [(w.line, w.message) for w in listed.warnings] == [
        (1, "a profile must be a mapping of fields (`name: …`, `publications: …`)")]
    assert [w.message for w in _yaml("# nothing yet\n").warnings] == ["the profile is empty"]


def test_dates_written_by_hand_are_normalised():
    profile = _yaml("positions:\n  - organization: X\n    start: 2019-05-01\n    end: Sep 2021\n"
                    "talks:\n  - title: T\n    date: 2020\n")
    assert (profile.positions[0].start, profile.positions[0].end) == ("2019-05-01", "2021-09")
    assert profile.talks[0].date == "2020"


def test_origin_given_in_the_file_is_kept():
    profile = _yaml("publications:\n  - title: T\n    authors: []\n"
                    "    origin: {path: cv.txt, line: 12, end_line: 13}\n")
    assert profile.publications[0].origin == Origin("cv.txt", 12, 13)


def test_json_form_is_read_too():
    text = json.dumps({"name": "A B", "publications": [{"title": "T", "authors": ["A B"]}]}, indent="\t")
    profile = yaml_profile.extract(text, Path("me.json"))
    assert (profile.name, profile.publications[0].title, profile.warnings) == ("A B", "T", [])
    assert yaml_profile.sniff(text, Path("me.json")) >= 0.9


# --- sniffing -------------------------------------------------------------------------------

def test_site_yaml_is_not_a_profile():
    site = ROOT / "seeds" / "site.yaml"
    assert yaml_profile.sniff(site.read_text(), site) == 0.0
    assert yaml_profile.sniff("title: Lab\nresearchers:\n  - sources: [a.txt]\n", Path("lab.yaml")) == 0.0


def test_sniff_is_sure_for_profiles_and_silent_for_other_formats():
    for name in ("person.yaml",):
        assert yaml_profile.sniff((FIXTURES / name).read_text(), FIXTURES / name) == 0.9
    others = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "bibtex").glob("*")) \
        + sorted((ROOT / "tests" / "fixtures" / "json_resume").glob("*"))
    for path in others:
        assert yaml_profile.sniff(path.read_text(), path) == 0.0, path.name


@pytest.mark.parametrize("name", ["person.yaml", "messy.yaml"])
def test_no_other_format_claims_a_yaml_profile(name):
    text = (FIXTURES / name).read_text()
    mine = yaml_profile.sniff(text, FIXTURES / name)
    for module in _importable_formats():
        if module not in (yaml_profile,):
            assert module.sniff(text, FIXTURES / name) < mine, module.NAME


# --- never raises, always schema-valid ----------------------------------------------------

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=False), st.text(max_size=12),
                     st.sampled_from(["2019", "2019-05", "May 2019", "present", "2019-13-40", "yes"]))
_KEYS = st.sampled_from(["name", "headline", "links", "interests", "education", "positions", "publications",
                         "awards", "talks", "skills", "other", "news", "title", "authors", "institution",
                         "organization", "start", "end", "date", "year", "url", "kind", "items", "heading", "lines",
                         "origin", "path", "line", "selected", "sources", "warnings", "bogus"])
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(_KEYS, inner, max_size=5)), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_any_mapping_gives_a_schema_valid_profile(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    yaml_profile.sniff(text, Path("me.yaml"))
    jsonschema.validate(to_json(_yaml(text)), SCHEMA)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary(max_size=300).map(lambda b: b.decode("cp1252", errors="replace"))))
def test_any_text_gives_a_schema_valid_profile(text):
    yaml_profile.sniff(text, Path("me.yaml"))
    jsonschema.validate(to_json(_yaml(text)), SCHEMA)


def test_formats_do_not_import_each_other():
    formats = "bibtex|json_resume|yaml_profile|cv|feed|profile_page"
    for module in (bibtex, json_resume, yaml_profile):
        source = Path(module.__file__).read_text()
        assert not re.search(rf"sitegen\.extract\.(?:{formats})\b|from sitegen\.extract import (?:{formats})\b", source)
