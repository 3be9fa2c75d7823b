"""A JSON Resume (comments and trailing commas allowed) maps into the profile; sections the
model has no place for are kept under a heading, never dropped."""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.extract import _FORMAT_MODULES, json_resume
from sitegen.model import Link, Origin, OtherSection, to_json

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "json_resume"
SCHEMA = json.loads((ROOT.parent / "shared" / "profile.schema.json").read_text())


def _extract(name: str):
    path = FIXTURES / name
    return json_resume.extract(path.read_text(encoding="utf-8"), path)


def _resume(data) -> object:
    return json_resume.extract(json.dumps(data) if not isinstance(data, str) else data, Path("resume.json"))


# --- a complete resume.json ---------------------------------------------------------------

def test_basics_become_name_headline_summary_and_links():
    profile = _extract("resume.json")
    assert (profile.name, profile.headline) == ("Shashank Rajput", "Research Software Engineer, IBM Research")
    assert profile.summary == "I work on efficient training of large language models."
    assert profile.links == [
        Link("mailto:shashank@example.org", "email", "Email"),
        Link("https://shashank.example.org", "website", "Website"),
        Link("tel:+1 (608) 555-0123", "other", "Phone"),
        Link("https://github.com/srajput", "github", "GitHub"),
        Link("https://www.linkedin.com/in/shashank-rajput", "linkedin", "LinkedIn"),
        Link("https://scholar.google.com/citations?user=abc123", "scholar", "Google Scholar"),
        Link("https://orcid.org/0000-0002-1825-0097", "orcid", "ORCID"),
        Link("https://x.com/srajput_ml", "twitter", "X"),  # no url: made from the username
    ]
    assert profile.warnings == []
    jsonschema.validate(to_json(profile), SCHEMA)


def test_work_education_awards_publications_projects():
    profile = _extract("resume.json")
    shown = str(FIXTURES / "resume.json")
    ibm, msr = profile.positions
    assert (ibm.organization, ibm.role, ibm.start, ibm.end) == (
        "IBM Research", "Research Software Engineer", "2023-07-01", "present")  # no endDate: current
    assert ibm.details == ["Foundation model training infrastructure.", "Cut checkpointing time by 40%",
                           "Maintainer of the data loader", "Website: https://research.ibm.com"]
    assert ibm.origin == Origin(shown, 25)
    assert (msr.start, msr.end, msr.location) == ("2021-05", "2021-08", "Redmond, WA")
    phd = profile.education[0]
    assert (phd.institution, phd.degree, phd.field, phd.start, phd.end, phd.grade) == (
        "University of Wisconsin-Madison", "Ph.D.", "Computer Sciences", "2018-09", "2023-05", "3.9/4.0")
    assert phd.details == ["CS760 Machine Learning", "CS861 Theoretical Foundations of ML",
                           "Website: https://www.wisc.edu"]
    award = profile.awards[0]
    assert (award.title, award.year, award.details) == (
        "Best Paper Award", 2022, "ICML Workshop on Hardware Aware Efficient Training; For work on sparse training.")
    paper = profile.publications[0]
    assert (paper.title, paper.authors, paper.venue, paper.date, paper.year, paper.status) == (
        "Finding Everything within Random Binary Networks", [], "AISTATS", "2022-03", 2022, "published")
    assert paper.abstract == "Random binary networks contain every target network."
    assert paper.links == [Link("https://proceedings.mlr.press/v151/sreenivasan22a.html", "other")]
    project = profile.projects[0]
    assert (project.title, project.start, project.end) == ("sparse-train", "2020-01", "2022")
    assert project.details == ["A library for training sparse networks.", "1.2k GitHub stars",
                               "Website: https://github.com/srajput/sparse-train"]


def test_skills_and_interests():
    profile = _extract("resume.json")
    assert [(s.category, s.items) for s in profile.skills] == [
        ("Machine Learning (Expert)", ["PyTorch", "JAX", "distributed training"]),
        (None, ["Rust (Intermediate)"]),
    ]
    assert profile.interests == ["Efficient deep learning", "sparsity", "quantization"]


def test_sections_without_a_home_are_kept_under_a_heading():
    profile = _extract("resume.json")
    shown = str(FIXTURES / "resume.json")
    assert profile.other == [
        OtherSection("Basics", ["location: city: Madison", "location: region: Wisconsin", "location: countryCode: US"],
                     Origin(shown, 3)),
        OtherSection("Volunteering", ["organization: ICML 2023 · position: Reviewer · startDate: 2023-01 · "
                                      "endDate: 2023-03 · summary: Reviewed six papers."], Origin(shown, 41)),
        OtherSection("Certificates", ["name: AWS Certified Machine Learning · date: 2021-11-01 · issuer: Amazon · "
                                      "url: https://aws.example/cert/1"], Origin(shown, 65)),
        OtherSection("Languages", ["language: English · fluency: Fluent",
                                   "language: Hindi · fluency: Native speaker"], Origin(shown, 81)),
        OtherSection("References", ["name: Dimitris Papailiopoulos · reference: Shashank is a careful and creative "
                                    "researcher."], Origin(shown, 88)),
    ]


# --- a messy JSONC resume -------------------------------------------------------------------

def test_jsonc_comments_and_trailing_commas_are_read_with_lines():
    profile = _extract("messy.jsonc")
    shown = str(FIXTURES / "messy.jsonc")
    assert (profile.name, profile.headline) == ("Tomás Ruiz", "PhD student // NLP")
    assert profile.links == [Link("mailto:tomas@example.edu", "email", "Email"),
                             Link("https://twitter.com/tomasruiz", "twitter", "Twitter"),
                             Link("https://sigmoid.social/@tomas", "other", "Mastodon")]
    ai2, freelance = profile.positions
    assert (ai2.organization, ai2.role, ai2.start, ai2.end, ai2.details) == (
        "Allen Institute for AI", "Predoctoral Young Investigator", "2020-09", "2022-08",
        ["Website: https://allenai.org"])
    assert (freelance.organization, freelance.role, freelance.start, freelance.end) == (
        "Freelance translator", None, "2018", None)
    assert [(w.line, w.message) for w in profile.warnings] == [
        (21, "'endDate' 'sometime' is not a date (use 2019, 2019-05 or 2019-05-01); left out")]
    assert (profile.education[0].institution, profile.education[0].end, profile.education[0].origin) == (
        "Universidad de Chile", "2020", Origin(shown, 24))
    assert profile.other == [OtherSection("Hobbies", ["climbing", "chess"], Origin(shown, 27))]
    jsonschema.validate(to_json(profile), SCHEMA)


def test_strip_jsonc_keeps_strings_and_line_numbers():
    text = '{\n  "a": "x // y /* z */", // c\n  "b": [1, /* q */ 2,\n  ],\n}'
    stripped = json_resume.strip_jsonc(text)
    assert json.loads(stripped) == {"a": "x // y /* z */", "b": [1, 2]}
    assert stripped.count("\n") == text.count("\n")


def test_invalid_json_is_an_error_at_its_line():
    profile = _resume('{\n  "basics": {"name": "A"}\n  "work": []\n}')
    assert [(w.level, w.line) for w in profile.warnings] == [("error", 3)]
    assert profile.warnings[0].message.startswith("not valid JSON: Expecting ','")


def test_odd_shapes_are_kept_not_crashed_on():
    profile = _resume({"basics": "Jane", "work": {"name": "Solo Org"}, "skills": ["Python"],
                       "awards": [{"date": "2020"}]})
    assert [p.organization for p in profile.positions] == ["Solo Org"]
    assert [(a.title, a.year) for a in profile.awards] == [("Award", 2020)]
    assert [(o.heading, o.lines) for o in profile.other] == [("Basics", ["Jane"]), ("Skills", ["Python"])]


# --- sniffing -------------------------------------------------------------------------------

def test_sniff_is_sure_for_resumes_and_silent_for_others():
    for name in ("resume.json", "messy.jsonc"):
        assert json_resume.sniff((FIXTURES / name).read_text(), FIXTURES / name) == 0.95
    profile_json = json.dumps({"name": "A", "publications": [], "education": [], "positions": []})
    assert json_resume.sniff(profile_json, Path("a.json")) == 0.0
    for seed in sorted(p for p in (ROOT / "seeds").glob("*") if p.is_file()):  # not the build cache folder
        assert json_resume.sniff(seed.read_text(), seed) == 0.0


@pytest.mark.parametrize("name", ["resume.json", "messy.jsonc"])
def test_no_other_format_claims_a_resume(name):
    text = (FIXTURES / name).read_text()
    mine = json_resume.sniff(text, FIXTURES / name)
    for module_name in _FORMAT_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:  # a format still being written
            continue
        if module is not json_resume:
            assert module.sniff(text, FIXTURES / name) < mine, module_name


# --- never raises, always schema-valid ----------------------------------------------------

_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["basics", "name", "label", "profiles", "network", "url", "username", "work", "position", "startDate",
         "endDate", "education", "institution", "awards", "title", "date", "publications", "releaseDate", "skills",
         "keywords", "level", "interests", "projects", "highlights", "volunteer", "languages", "meta", "x"]),
        inner, max_size=5)), max_leaves=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["basics", "work", "education", "awards", "publications", "skills",
                                        "interests", "projects", "volunteer", "references", "extra"]), _JSON))
def test_any_resume_shape_gives_a_schema_valid_profile(data):
    text = json.dumps(data)
    json_resume.sniff(text, Path("resume.json"))
    jsonschema.validate(to_json(_resume(text)), SCHEMA)


_JSONC_PIECES = st.sampled_from(['{', '}', '[', ']', '"', '"basics"', ':', ',', '//', '/*', '*/', '\n', '\\',
                                 '"name"', '"x"', '1', 'null', ' '])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(_JSONC_PIECES, max_size=60).map("".join),
                 st.binary(max_size=300).map(lambda b: b.decode("cp1252", errors="replace"))))
def test_any_text_gives_a_schema_valid_profile(text):
    json_resume.sniff(text, Path("resume.json"))
    jsonschema.validate(to_json(_resume(text)), SCHEMA)
