"""The CV extractor reads CVs in the layouts people write them, and never crashes on any text."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.extract import cv
from sitegen.model import to_json

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "cv"
SEEDS = ROOT / "seeds"
SCHEMA_PATH = ROOT.parent / "shared" / "profile.schema.json"


def read(path: Path):
    return cv.extract(path.read_text(encoding="utf-8"), path)


def titles(items, key="title"):
    return [getattr(item, key) for item in items]


# --- fixtures in layouts the seeds do not have ----------------------------------------

def test_markdown_cv_with_bold_titles_and_italic_venues():
    profile = read(FIXTURES / "markdown_site.md")
    assert profile.name == "Jane Q. Doe"
    assert profile.headline == "Assistant Professor, University of Toronto"
    assert [(link.url, link.kind) for link in profile.links] == [
        ("https://janedoe.example.org", "website"), ("https://github.com/janedoe", "github"),
        ("mailto:jane.doe@example.org", "email")]
    assert profile.interests == ["Probabilistic machine learning", "Causal inference", "Computational biology"]
    phd, bsc = profile.education
    assert (phd.institution, phd.degree, phd.field, phd.start, phd.end) == ("Stanford University", "Ph.D.", "Statistics", "2015", "2020")
    assert (bsc.institution, bsc.location) == ("McGill University", "Montreal, Canada")
    professor, postdoc = profile.positions
    assert (professor.organization, professor.role, professor.unit, professor.start, professor.end) == (
        "University of Toronto", "Assistant Professor", "Department of Statistical Sciences", "2021-07", "present")
    assert (postdoc.organization, postdoc.location) == ("Broad Institute", "Cambridge, MA")
    first, second, third = profile.publications
    assert first.authors == ["Jane Q. Doe", "Wei Zhang", "Maria Garcia"]
    assert (first.venue, first.year, first.status) == ("NeurIPS", 2022, "published")
    assert second.owner_author == "Jane Q. Doe" and second.venue == "Nature Methods"
    assert (third.venue, third.status, third.arxiv) == ("arXiv", "preprint", "2301.01234")
    assert [(a.title, a.year, a.details) for a in profile.awards] == [
        ("Sloan Research Fellowship", 2023, None), ("Best Paper Award", 2019, "UAI 2019")]


def test_plain_text_cv_with_capital_headings_and_comma_citations():
    profile = read(FIXTURES / "plain_caps.txt")
    assert profile.name == "Ravi Kumar"
    assert [(e.institution, e.degree, e.field, e.end) for e in profile.education] == [
        ("Indian Institute of Science", "M.Tech", "Computer Science", "2014"),
        ("Anna University", "B.E.", "Electronics", "2012")]
    assert [(p.organization, p.role, p.start, p.end, p.location) for p in profile.positions] == [
        ("Adobe Research", "Senior Research Scientist", "2019", "present", "Bangalore, India"),
        ("Samsung Research", "Research Engineer", "2014", "2019", "Seoul, South Korea")]
    assert [(p.title, p.authors, p.venue, p.year) for p in profile.publications] == [
        ("Learning to Rank with Partial Labels", ["Ravi Kumar", "Anita Rao"], "ACL", 2021),
        ("Efficient Attention for Long Documents", ["Anita Rao", "Ravi Kumar", "Peter Lin"], "EMNLP", 2020)]
    assert [(g.category, g.items) for g in profile.skills] == [
        ("Languages", ["Python", "C++", "Go"]), ("Tools", ["PyTorch", "Docker", "Kubernetes"])]
    assert [(o.heading, o.lines) for o in profile.other] == [("HOBBIES", ["Chess, trekking"])]
    assert any("HOBBIES" in w.message and w.line == 25 for w in profile.warnings)


def test_underlined_headings_and_date_columns():
    profile = read(FIXTURES / "underlined.txt")
    assert profile.name == "Maria Lopez"
    assert [(e.institution, e.degree, e.field, e.start, e.end) for e in profile.education] == [
        ("University of Cambridge", "Ph.D.", "Physics", "2016", "2021"),
        ("Universidad de Buenos Aires", "B.S.", "Physics", "2012", "2016")]
    assert [(p.organization, p.role, p.end) for p in profile.positions] == [
        ("Max Planck Institute for Quantum Optics", "Research Associate", "2023"),
        ("University of Edinburgh", "Lecturer", "present")]
    lattice, rydberg = profile.publications
    assert (lattice.title, lattice.authors, lattice.venue, lattice.year) == (
        "Cold atoms in optical lattices", ["M. Lopez", "K. Schmidt"], "Physical Review Letters", 2022)
    assert rydberg.authors == ["M. Lopez", "R. Patel", "Y. Chen"] and rydberg.venue == "Nature Physics"
    assert profile.other == []  # the `=====` rules are decoration, not content


def test_academic_cv_with_honors_talks_teaching_and_service():
    profile = read(FIXTURES / "academic.txt")
    assert profile.headline == "Professor of Computer Science, ETH Zurich"
    assert [(link.url, link.kind) for link in profile.links] == [
        ("mailto:tbecker@example.ch", "email"), ("https://orcid.org/0000-0002-1825-0097", "orcid")]
    assert [(a.title, a.year) for a in profile.awards] == [
        ("ERC Consolidator Grant", 2021), ("ACM Doctoral Dissertation Award, Honorable Mention", 2017)]
    assert [(t.title, t.date) for t in profile.talks] == [
        ("Verified Compilers at Scale", "2023"), ("Proof Engineering in Practice", "2020")]
    assert [(t.course, t.role, t.institution, t.start) for t in profile.teaching] == [
        ("Program Verification", "Lecturer", "ETH Zurich", "2022"),
        ("Compiler Design", "Teaching Assistant", "TU Munich", "2019")]
    assert [o.heading for o in profile.other] == ["Service"]


def test_apa_citations():
    profile = read(FIXTURES / "apa.md")
    assert profile.name == "Aisha Bello"
    sleep, memory, thesis = profile.publications
    assert (sleep.title, sleep.authors, sleep.year, sleep.venue, sleep.kind) == (
        "Sleep and memory consolidation in adolescents", ["A. Bello", "C. Okafor"], 2021,
        "Journal of Sleep Research", "journal")
    assert memory.authors == ["C. Okafor", "A. Bello", "J. R. Smith"] and memory.venue == "Psychological Bulletin"
    assert (thesis.title, thesis.kind, thesis.year) == ("Attention in the wild", "thesis", 2017)
    assert [(a.title, a.year) for a in profile.awards] == [("British Academy Small Grant", 2020)]


# --- the seeds' hard cases --------------------------------------------------------------

@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_dates_split_over_lines_and_bold_owner():
    profile = read(SEEDS / "000_9121bb4bcac6bb5d.txt")
    fellow = profile.positions[0]
    assert (fellow.organization, fellow.role, fellow.start, fellow.end) == ("Microsoft Research", "Research Fellow", "2022-07", "present")
    paper = profile.publications[3]
    assert paper.authors_truncated and paper.owner_author == "Jatin Prakash"
    assert (paper.status, paper.venue, paper.year) == ("under-review", "ICLR", 2024)
    assert "Jatin Prakash" in paper.equal_contribution
    assert profile.publications[0].notes == ["Oral (top 4.2% papers)"]
    assert profile.links == []  # placeholder `(#)` links are not links


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_name_from_bold_author_and_open_date_range():
    profile = read(SEEDS / "004_7ad450b07cffd7bd.txt")
    assert profile.name == "Shashank Rajput"
    assert (profile.positions[0].organization, profile.positions[0].end) == ("Databricks", "present")
    assert profile.publications[0].status == "accepted"
    assert profile.publications[0].venue_full == "Neural Information Processing Systems"


@pytest.mark.skipif(not SEEDS.exists(), reason="seeds not present")
def test_headline_without_name_and_labelled_links():
    profile = read(SEEDS / "002_ba398c660f5cbd82.txt")
    assert profile.name is None and profile.headline == "Research Software Engineer, IBM Research"
    assert [link.kind for link in profile.links] == ["website", "email", "github", "linkedin", "scholar"]
    assert profile.publications[-1].kind == "patent"


def test_items_record_where_they_came_from():
    profile = read(FIXTURES / "plain_caps.txt")
    origin = profile.publications[0].origin
    assert (origin.path, origin.line, origin.end_line) == (str(FIXTURES / "plain_caps.txt"), 17, 17)


# --- sniffing ---------------------------------------------------------------------------

def test_sniff_is_moderate_for_cvs_and_low_for_other_text():
    assert 0.5 <= cv.sniff((FIXTURES / "markdown_site.md").read_text(), Path("cv.md")) <= 0.9
    assert cv.sniff("Dear Sam,\n\nThanks for the notes on the draft.\n", Path("letter.txt")) < 0.2


# --- robustness -------------------------------------------------------------------------

_CV_WORDS = st.sampled_from(["Education", "## Publications", "- ", "**", "*", "July'22–", "Present", "2019 - 2023",
                             "Under review ICLR 2024", "et al.", "[x](#)", "http://a.b", "a@b.co", ",", "\n", "\n\n",
                             "PATENTS", "=====", "Jane Doe*", "(2021).", "Honors", "Interests: a, b", "†", "#### "])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_CV_WORDS, st.text(max_size=12)), max_size=60).map("".join))
def test_any_text_gives_a_valid_profile(text):
    profile = cv.extract(text, Path("random.txt"))
    if SCHEMA_PATH.exists():
        jsonschema.validate(to_json(profile), json.loads(SCHEMA_PATH.read_text()))


# --- rules for how CVs are written everywhere (held-out gaps) ---------------------------

def extract_text(text: str):
    return cv.extract(text, Path("cv.txt"))


def test_degree_letters_after_the_name_are_not_part_of_it():
    profile = extract_text("Priya N. Raman, PhD, MPH\nAssistant Professor, Emory University\n\n"
                           "EDUCATION\n\nMPH, Global Health, Boston University, 2013\n")
    assert profile.name == "Priya N. Raman"
    (mph,) = profile.education
    assert (mph.degree, mph.field, mph.institution, mph.end) == ("MPH", "Global Health", "Boston University", "2013")


def test_wrapped_citations_with_no_blank_line_are_cut_where_one_ends():
    profile = extract_text(
        "Jo Doe\n\nJournal Publications\n"
        "J. Doe, K. Laine, and M. Virtanen, \"Majorana states in planar Joseph-\n"
        "son junctions,\" Phys. Rev. B 109, 045412 (2024).\n"
        "K. Laine and J. Doe, \"Quantum transport in disordered\n"
        "nanowires,\" New J. Phys. 21, 073012 (2019).\n")
    first, second = profile.publications
    assert first.title == "Majorana states in planar Josephson junctions" and first.year == 2024
    assert second.authors == ["K. Laine", "J. Doe"] and second.venue == "New J. Phys"


def test_authors_title_venue_citations_and_vancouver_lists():
    profile = extract_text(
        "Jo Doe\n\nPublications\n\n"
        "K. Nowak, P. Doe, Single-atom Pt on ceria: stability under reduction, ACS Catal. 9 (2019) 8321–8330.\n\n"
        "Doe J, Chen L, Harris KD. Population coding in visual cortex. Neuron 105:412–425.\n")
    chem, vancouver = profile.publications
    assert (chem.title, chem.authors, chem.venue, chem.year) == (
        "Single-atom Pt on ceria: stability under reduction", ["K. Nowak", "P. Doe"], "ACS Catal", 2019)
    assert (vancouver.title, vancouver.authors, vancouver.venue) == (
        "Population coding in visual cortex", ["J Doe", "L Chen", "KD Harris"], "Neuron")


def test_apa_talks_italic_venues_and_book_headings():
    profile = extract_text(
        "Jo Doe\n\nBooks\n\nDoe, Jo. Lagoon Capital. Athens: Ohio University Press, 2021.\n\n"
        "Publications\n\n- **A genome assembly**  \n  **Jo Doe**, Ana Reis  \n  *bioRxiv* preprint, 2024\n\n"
        "- **Hybrid zone movement**  \n  **Jo Doe**  \n  *Proceedings of the Royal Society B*, 2021\n\n"
        "Invited Talks\n\nDoe, J. (2023, March). Climate and pregnancy. Grand Rounds, Yale School of Medicine.\n")
    book, preprint, journal = profile.publications
    assert book.kind == "book"
    assert (preprint.venue, preprint.status) == ("bioRxiv", "preprint")
    assert journal.venue == "Proceedings of the Royal Society B"
    (talk,) = profile.talks
    assert (talk.title, talk.venue, talk.date) == ("Climate and pregnancy", "Grand Rounds, Yale School of Medicine", "2023-03")


def test_unlabelled_lists_take_their_heading_as_category():
    profile = extract_text("Jo Doe\n\nLanguages\nFinnish (native), English (fluent)\n\n"
                           "Skills\nProgramming | Python, Julia\n")
    assert [(g.category, g.items) for g in profile.skills] == [
        ("Languages", ["Finnish (native)", "English (fluent)"]), ("Programming", ["Python", "Julia"])]


def test_europass_dates_day_first_and_capitalised_entries():
    profile = extract_text(
        "Europass Curriculum Vitae\n\nKasia Nowak\nEmail address: k@chem.example.pl | Website: https://kn.example.pl\n\n"
        "WORK EXPERIENCE\n\nASSISTANT PROFESSOR – 01/10/2019 – CURRENT\nUNIVERSITY OF WARSAW – WARSAW, POLAND\n\n"
        "EDUCATION AND TRAINING\n\nDOCTOR OF PHILOSOPHY IN CHEMISTRY – 01/10/2012 – 15/12/2016\n"
        "Polish Academy of Sciences – Warsaw, Poland\n")
    assert profile.name == "Kasia Nowak"
    assert [(link.url, link.kind) for link in profile.links] == [
        ("mailto:k@chem.example.pl", "email"), ("https://kn.example.pl", "website")]
    (job,) = profile.positions
    assert (job.organization, job.role, job.start, job.end) == ("UNIVERSITY OF WARSAW", "ASSISTANT PROFESSOR", "2019-10-01", "present")
    (phd,) = profile.education
    assert (phd.institution, phd.degree, phd.field, phd.start, phd.end) == (
        "Polish Academy of Sciences", "DOCTOR OF PHILOSOPHY", "CHEMISTRY", "2012-10-01", "2016-12-15")


def test_alfolio_education_is_a_bold_date_line_over_a_bold_degree():
    profile = extract_text("Jo Doe\n\n## Education\n\n**2016 – 2021**\n**PhD in Evolutionary Biology**\n"
                           "University of Edinburgh, Edinburgh, UK\n- Advisor: Prof. R. Calder\n\n"
                           "**2013 – 2015**\n**MSc in Ecology**\nUniversity of Lisbon, Lisbon, Portugal\n")
    assert [(e.institution, e.degree, e.field, e.start, e.end) for e in profile.education] == [
        ("University of Edinburgh", "PhD", "Evolutionary Biology", "2016", "2021"),
        ("University of Lisbon", "MSc", "Ecology", "2013", "2015")]


def test_a_bold_owner_opening_a_one_line_citation_is_an_author_not_the_title():
    text = ("Jane Doe\n\n## Publications\n\n"
            "- **Jane Doe**, Richard Roe. Quantum Widgets at Scale. In Proc. of QC 2021.\n"
            "- **Jane Doe**. A Solo Paper About Things. Journal of Stuff, 2019.\n"
            "- **Deep Widgets**. Jane Doe, Bo Li. NeurIPS 2020.\n")
    pubs = cv.extract(text, Path("cv.md")).publications
    assert [(p.title, p.authors, p.year) for p in pubs] == [
        ("Quantum Widgets at Scale", ["Jane Doe", "Richard Roe"], 2021),
        ("A Solo Paper About Things", ["Jane Doe"], 2019),
        ("Deep Widgets", ["Jane Doe", "Bo Li"], 2020)]
    assert [p.owner_author for p in pubs[:2]] == ["Jane Doe", "Jane Doe"]
