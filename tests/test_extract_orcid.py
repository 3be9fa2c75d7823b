"""An ORCID record (the public API's JSON, as recorded from /v3.0/{iD}/record and /works) maps into the
profile; work summaries name no authors, so each paper's author list reads as unknown, not empty."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from sitegen.extract import _FORMAT_MODULES, json_resume, orcid
from sitegen.model import Link, to_json
from sitegen.sources import extract_profile

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "orcid"
SCHEMA = json.loads((ROOT.parent / "shared" / "profile.schema.json").read_text())


def _extract(name: str):
    path = FIXTURES / name
    return orcid.extract(path.read_text(encoding="utf-8"), path)


def _works(*summaries_per_group) -> str:
    return json.dumps({"group": [{"work-summary": list(group)} for group in summaries_per_group], "path": "/x/works"})


# --- a full /record response ----------------------------------------------------------------

def test_the_person_gives_name_summary_interests_and_links():
    profile = _extract("record.json")
    assert profile.name == "Meera Iyer"  # given and family names, not the credit name
    assert profile.summary.startswith("I study machine learning for biology")
    assert "\r" not in profile.summary
    assert profile.interests == ["machine learning", "computational biology", "extreme classification"]
    assert profile.links == [
        Link("https://orcid.org/0000-0003-1415-9269", "orcid", "ORCID"),
        Link("https://meera-iyer.github.io", "website", "Personal website"),
        Link("https://github.com/miyer", "github", "GitHub"),
        Link("mailto:meera.iyer@ed.ac.uk", "email", "Email"),
    ]
    assert profile.warnings == []
    jsonschema.validate(to_json(profile), SCHEMA)


def test_affiliations_become_positions_education_awards_projects():
    profile = _extract("record.json")
    lecturer, postdoc = profile.positions
    assert (lecturer.organization, lecturer.role, lecturer.unit, lecturer.start, lecturer.end, lecturer.location) == (
        "University of Edinburgh", "Lecturer", "School of Informatics", "2021-01-04", "present", "Edinburgh, GB")
    assert (postdoc.start, postdoc.end) == ("2019-09", "2020-12")
    assert profile.affiliation == "University of Edinburgh"  # the employment with no end date
    assert [(e.institution, e.degree, e.field, e.start, e.end) for e in profile.education] == [
        ("Massachusetts Institute of Technology", "PhD", "Electrical Engineering and Computer Science", "2014-09", "2019-08"),
        ("Indian Institute of Technology Madras", "BTech", "Computer Science and Engineering", "2010-07", "2014-05")]
    (award,) = profile.awards
    assert (award.title, award.year, award.details) == ("Rising Star in Data Science", 2022, "University of Chicago")
    (project,) = profile.projects
    assert (project.title, project.organization, project.start, project.end) == (
        "Label-efficient learning for spatial omics", "Engineering and Physical Sciences Research Council",
        "2023-04", "2026-03")
    assert [(o.heading, o.lines) for o in profile.other] == [
        ("Memberships", ["Member, Association for Computing Machinery (2020–present)"])]


def test_each_work_group_is_one_publication_with_ids_links_and_kind():
    profile = _extract("record.json")
    preprint, journal, conference, thesis = profile.publications
    assert (preprint.title, preprint.kind, preprint.status, preprint.venue, preprint.arxiv, preprint.doi) == (
        "Calibrated retrieval for long-tail entity linking", "preprint", "preprint", "arXiv", "2402.01733", None)
    assert preprint.date == "2024-02-02" and preprint.year == 2024
    # Two sources' versions of one paper: one record; the first (preferred) version gives the title.
    assert journal.title == "Label-efficient annotation of cell types in spatial transcriptomics"
    assert (journal.kind, journal.venue, journal.doi, journal.date) == (
        "journal", "Nature Communications", "10.1038/s41467-023-38211-4", "2023-05-15")
    assert journal.links == [Link("https://doi.org/10.1038/s41467-023-38211-4", "doi", "DOI"),
                             Link("https://pubmed.ncbi.nlm.nih.gov/37188652/", "other", "PubMed")]  # no ISSN
    assert (conference.kind, conference.venue, conference.venue_full) == (
        "conference", "ICML", "Proceedings of the 40th International Conference on Machine Learning")
    assert Link("https://proceedings.mlr.press/v202/iyer23a.html", "other") in conference.links
    assert (thesis.title, thesis.kind) == ("Learning with structured label spaces: Theory and applications", "thesis")
    assert thesis.links == [Link("https://hdl.handle.net/1721.1/124069", "other")]


def test_work_summaries_name_no_authors_so_the_list_is_marked_truncated():
    for publication in _extract("record.json").publications:
        assert publication.authors == [] and publication.authors_truncated


def test_an_item_points_at_the_line_of_its_put_code():
    path = FIXTURES / "record.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    profile = _extract("record.json")
    items = profile.publications + profile.positions + profile.education + profile.awards + profile.projects
    for item in items:
        assert item.origin.path == str(path)
        assert '"put-code"' in lines[item.origin.line - 1]


# --- a /works response ------------------------------------------------------------------------

def test_a_works_response_gives_the_same_publications_and_no_name():
    works = _extract("works.json")
    record = _extract("record.json")
    assert works.name is None
    assert [(p.title, p.doi, p.arxiv, p.date) for p in works.publications] == [
        (p.title, p.doi, p.arxiv, p.date) for p in record.publications]
    assert {p.origin.line for p in works.publications} == {1}  # the API sends it on one line


def test_a_later_version_fills_what_the_preferred_one_leaves_out():
    text = _works([
        {"put-code": 1, "title": {"title": {"value": "Graph sparsification."}}, "type": "journal-article",
         "publication-date": None, "journal-title": None, "external-ids": {"external-id": []}},
        {"put-code": 2, "title": {"title": {"value": "Graph Sparsification"}}, "type": "journal-article",
         "publication-date": {"year": {"value": "2020"}, "month": {"value": "13"}, "day": None},
         "journal-title": {"value": "SIAM Journal on Computing"},
         "external-ids": {"external-id": [{"external-id-type": "doi", "external-id-value": "https://doi.org/10.1137/x1",
                                           "external-id-relationship": "self"}]}}])
    (publication,) = orcid.extract(text, Path("works.json")).publications
    assert (publication.title, publication.date, publication.venue, publication.doi) == (
        "Graph sparsification", "2020", "SIAM Journal on Computing", "10.1137/x1")  # month 13 is not a month


def test_a_work_without_a_title_is_a_warning_not_a_crash():
    text = _works([{"put-code": 7, "title": None, "type": "other"}], [{"put-code": 8, "title": {"title": {"value": "Kept"}}}])
    profile = orcid.extract(text, Path("works.json"))
    assert [p.title for p in profile.publications] == ["Kept"]
    assert [(w.message, w.line) for w in profile.warnings] == [("a work has no title; it was not read", 1)]


def test_json_that_cannot_be_read_is_an_error_at_its_line():
    profile = orcid.extract('{\n  "orcid-identifier": {\n    "path": "0000"\n  ,}\n}', Path("record.json"))
    (error,) = profile.warnings
    assert (error.level, error.line) == ("error", 4)
    assert orcid.extract("[1, 2]", Path("r.json")).warnings[0].level == "error"


def test_unexpected_shapes_are_read_as_absent():
    text = json.dumps({"orcid-identifier": "odd", "person": [], "activities-summary": {"works": {"group": [None, 3]},
                                                                                       "employments": "x"}})
    profile = orcid.extract(text, Path("record.json"))
    assert (profile.name, profile.publications, profile.positions, profile.warnings) == (None, [], [], [])


# --- recognising the format --------------------------------------------------------------------

def test_sniff_is_sure_for_orcid_and_never_for_a_json_resume():
    for name in ("record.json", "works.json"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        assert orcid.sniff(text, FIXTURES / name) > 0.9
        assert json_resume.sniff(text, FIXTURES / name) < 0.9
    resume = (ROOT / "tests" / "fixtures" / "json_resume" / "resume.json").read_text(encoding="utf-8")
    assert orcid.sniff(resume, Path("resume.json")) == 0.0
    assert orcid.sniff("@article{x, title={T}}", Path("a.bib")) == 0.0


def test_the_registry_lists_orcid_before_json_resume_and_sniffing_picks_it():
    assert _FORMAT_MODULES.index("sitegen.extract.orcid") < _FORMAT_MODULES.index("sitegen.extract.json_resume")
    profile = extract_profile(FIXTURES / "record.json")
    assert profile.sources[0].format == "orcid"
    assert len(profile.publications) == 4
