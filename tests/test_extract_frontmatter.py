"""The files of academic site themes are sources: a front-matter page is one publication, talk or course
(or a profile header), al-folio's _data/cv.yml is a CV, and a Jekyll _config.yml gives the name and links."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from sitegen.extract import alfolio_cv, frontmatter_page, jekyll_config
from sitegen.extract.front_matter import split_front_matter
from sitegen.model import Education, Link, Origin, Talk, Teaching, to_json
from sitegen.sources import extract_profile

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "fixtures" / "import"
SCHEMA = json.loads((ROOT.parent / "shared" / "profile.schema.json").read_text())


def _read(relative: str):
    profile = extract_profile(SITES / relative)
    jsonschema.validate(to_json(profile), SCHEMA)
    return profile


# --- academicpages ------------------------------------------------------------------------

def test_an_academicpages_publication_page_is_one_publication_with_authors_from_its_citation():
    profile = _read("academicpages/_publications/2021-03-01-mobile-money-savings.md")
    assert profile.sources[0].format == "front-matter"
    (pub,) = profile.publications
    assert (pub.title, pub.authors, pub.authors_truncated) == (
        "Mobile Money and Household Savings: Evidence from Rural Ghana", ["L. Okafor", "K. Mensah"], False)
    assert (pub.date, pub.year, pub.venue, pub.kind, pub.status) == (
        "2021-03-01", 2021, "Journal of Development Economics", "journal", "published")
    assert pub.abstract == "We study how access to mobile money changes the savings of rural households."
    assert pub.links == [Link("https://lokafor.github.io/files/okafor-mensah-2021.pdf", "pdf", "Paper"),
                         Link("https://lokafor.github.io/files/slides-mobile-money.pdf", "slides", "Slides")]


def test_the_category_and_the_paper_url_give_kind_and_doi():
    (conference,) = _read("academicpages/_publications/2019-11-02-savings-groups-neudc.md").publications
    assert (conference.kind, conference.venue, conference.authors) == ("conference", "NEUDC", ["L. Okafor"])
    (journal,) = _read("academicpages/_publications/2024-05-20-commitment-demand.md").publications
    assert journal.doi == "10.1257/app.20220571"
    assert journal.authors == ["E. Asante", "L. Okafor", "F. Boateng"]
    assert [link.kind for link in journal.links] == ["doi"]  # the paper URL is the DOI address


def test_talk_and_teaching_pages():
    assert _read("academicpages/_talks/2022-06-14-talk-csae.md").talks == [
        Talk("Savings groups and the demand for commitment", "CSAE Conference, University of Oxford, Oxford, UK",
             "2022-06-14", _origin("academicpages/_talks/2022-06-14-talk-csae.md"))]
    assert _read("academicpages/_teaching/2022-fall-econ-340.md").teaching == [
        Teaching("ECON 340: Development Economics", "Undergraduate course", "University of Ghana, Department of Economics",
                 "2022-09-01", origin=_origin("academicpages/_teaching/2022-fall-econ-340.md"))]


def _origin(relative: str) -> Origin:
    return Origin(str(SITES / relative), 1)


def test_home_pages_give_the_biography():
    about = _read("academicpages/_pages/about.md")
    assert about.summary.startswith("I am an assistant professor of economics at the University of Ghana. ")
    assert "\n\nMost of my work" in about.summary  # paragraphs kept, link reduced to its words
    al_folio = _read("al_folio/_pages/about.md")
    assert al_folio.headline == "University of California, Santa Cruz. Long Marine Laboratory."
    assert "Universidad de Chile, on sea urchin barrens" in al_folio.summary  # HTML tags gone


# --- Hugo Blox ------------------------------------------------------------------------------

def test_a_hugo_blox_publication_names_its_authors_by_their_profiles():
    (pub,) = _read("hugo_blox/content/publication/subword-morphology/index.md").publications
    assert pub.authors == ["Erik Sand", "Sofia Lindqvist", "Marta Kowalska"]  # `admin` read from its _index.md
    assert (pub.date, pub.kind, pub.status, pub.venue, pub.doi, pub.selected) == (
        "2023-07-09", "conference", "published", "ACL", "10.18653/v1/2023.acl-long.512", True)
    assert pub.venue_full == "Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics"
    assert pub.keywords == ["Tokenization", "Morphology"]
    assert [link.kind for link in pub.links] == ["doi", "pdf", "code"]


def test_old_numeric_types_csl_types_and_arxiv_ids():
    (journal,) = _read("hugo_blox/content/publication/dialect-corpus/index.md").publications
    assert (journal.kind, journal.venue, journal.date) == ("journal", "Language Resources and Evaluation", "2021-03-15")
    assert journal.links == [Link("https://spraakbanken.gu.se/en/resources/dialect-parallel", "other", "Corpus")]
    (preprint,) = _read("hugo_blox/content/publication/tokenizer-fairness/index.md").publications
    assert (preprint.kind, preprint.status, preprint.venue, preprint.arxiv) == ("preprint", "preprint", "arXiv", "2401.11911")


def test_an_author_page_is_a_profile_header():
    profile = _read("hugo_blox/content/authors/admin/_index.md")
    assert (profile.name, profile.headline, profile.affiliation) == (
        "Sofia Lindqvist", "Associate Professor of Computational Linguistics", "Uppsala University")
    assert profile.summary.startswith("Sofia Lindqvist is an associate professor")  # the body, not the short bio
    assert profile.interests == ["Multilingual NLP", "Low-resource languages", "Morphology"]
    assert [(e.institution, e.degree, e.end) for e in profile.education] == [
        ("University of Edinburgh", "PhD in Computational Linguistics", "2015"),
        ("Stockholm University", "MA in Linguistics", "2011")]
    assert [(link.url, link.kind) for link in profile.links] == [
        ("mailto:sofia.lindqvist@lingfil.uu.se", "email"),
        ("https://scholar.google.com/citations?user=Pq9xLmAAAAAJ", "scholar"),
        ("https://github.com/slindqvist", "github")]
    bare = _read("hugo_blox/content/authors/erik-sand/_index.md")
    assert (bare.name, bare.summary) == ("Erik Sand", "Erik works on tokenization for morphologically rich languages.")


# --- problems are diagnostics -----------------------------------------------------------------

def test_front_matter_that_cannot_be_read_is_an_error_at_its_line():
    text = "---\ntitle: A paper\nauthors: [admin\n---\nBody\n"
    profile = frontmatter_page.extract(text, Path("_publications/a.md"))
    (error,) = profile.warnings
    assert (error.level, error.line) == ("error", 4)
    assert profile.publications == []


def test_a_page_without_a_title_or_a_kind_is_reported():
    untitled = frontmatter_page.extract("---\ndate: 2020-01-01\n---\n", Path("_talks/x.md"))
    assert [w.message for w in untitled.warnings] == ["the talk has no `title:`; it was not read"]
    unknown = frontmatter_page.extract("---\ntitle: Blog post\n---\nText\n", Path("x.md"))
    assert unknown.warnings[0].level == "error"


def test_front_matter_keeps_file_lines_and_reads_toml():
    page = split_front_matter("---\ntitle: T\nvenue: V\n---\n\nBody\n", Path("p.md"))
    assert (page.data.key_lines, page.body_line) == ({"title": 2, "venue": 3}, 5)
    toml = split_front_matter('+++\ntitle = "T"\ndate = 2021-05-01\n+++\nBody\n', Path("p.md"))
    assert toml.data["title"] == "T" and toml.body == "Body\n"
    assert split_front_matter("---\ntitle: T\n", Path("p.md")).problem.line == 1  # never closed


@pytest.mark.parametrize("relative, score", [
    ("academicpages/_publications/2019-11-02-savings-groups-neudc.md", 0.95),
    ("hugo_blox/content/authors/admin/_index.md", 0.95),
    ("al_folio/_pages/about.md", 0.95),
    ("academicpages/_pages/cv.md", 0.0),  # a CV page is the CV reader's
])
def test_sniff_knows_the_theme_pages_and_leaves_others(relative, score):
    path = SITES / relative
    assert frontmatter_page.sniff(path.read_text(encoding="utf-8"), path) == score


# --- al-folio's _data/cv.yml and the Jekyll _config.yml ---------------------------------------------

def test_al_folio_cv_sections_map_into_the_profile():
    profile = _read("al_folio/_data/cv.yml")
    assert profile.sources[0].format == "al-folio-cv"
    assert profile.name == "Tomás Herrera"
    phd, bsc = profile.education
    assert (phd.institution, phd.degree, phd.start, phd.end) == ("Universidad de Chile, Santiago, Chile", "PhD in Ecology",
                                                                 "2016", "2021")
    assert phd.details == ["Thesis: Sea urchin barrens on the central Chilean coast", "Advisor: Juan Carlos Castilla"]
    assert [(p.role, p.organization, p.end) for p in profile.positions] == [
        ("Postdoctoral Researcher", "University of California, Santa Cruz", "present"),
        ("Field Technician", "Instituto de Fomento Pesquero", "2016")]
    assert [(a.title, a.year) for a in profile.awards] == [
        ("Early Career Fellowship, Ecological Society of America", 2022), ("Best Student Talk, Chilean Ecology Society", 2020)]
    assert profile.interests == []  # `Other Interests` are hobbies: kept, not made topics
    assert [(o.heading, o.lines) for o in profile.other] == [
        ("General Information", ["Languages: Spanish, English"]),
        ("Other Interests", ["Hobbies: Free diving, underwater photography"])]
    assert alfolio_cv.sniff("- title: x\n  type: list\n  contents: []\n", Path("cv.yml")) == 0.7
    assert alfolio_cv.extract("{a: 1}", Path("cv.yml")).warnings[0].level == "error"


def test_jekyll_configs_give_the_name_and_profile_links():
    al_folio = _read("al_folio/_config.yml")
    assert al_folio.name == "Tomás Herrera"
    assert [link.url for link in al_folio.links] == [
        "https://therrera.github.io", "mailto:therrera@ucsc.edu", "https://github.com/therrera",
        "https://scholar.google.com/citations?user=Kf3pQwAAAAAJ", "https://orcid.org/0000-0002-1825-0097"]
    pages = _read("academicpages/_config.yml")
    assert (pages.name, pages.headline, pages.affiliation) == (
        "Lena Okafor", "Assistant Professor of Economics", "University of Ghana")
    assert Link("https://www.linkedin.com/in/lena-okafor", "linkedin", "LinkedIn") in pages.links
    assert jekyll_config.sniff("title: x\n", Path("_config.yml")) == 0.0
    assert jekyll_config.sniff("first_name: A\n", Path("other.yml")) == 0.0


def test_education_items_keep_their_lines():
    profile = _read("hugo_blox/content/authors/admin/_index.md")
    assert all(isinstance(e, Education) and e.origin.line for e in profile.education)
