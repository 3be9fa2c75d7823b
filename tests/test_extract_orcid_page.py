"""An ORCID record page copied from a browser is read as the record it shows."""
from __future__ import annotations

from pathlib import Path

from sitegen.extract import orcid_page
from sitegen.sources import sniff_format

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
PAGE = HELDOUT / "016_orcid_page_soil.txt"


def read():
    return orcid_page.extract(PAGE.read_text(encoding="utf-8"), PAGE)


def test_the_page_is_recognised_and_no_other_document_is_taken_for_one():
    assert sniff_format(PAGE.read_text(encoding="utf-8"), PAGE) is orcid_page
    fixtures = Path(__file__).parent / "fixtures"
    others = [p for p in fixtures.rglob("*") if p.is_file() and p != PAGE and p.suffix in (".txt", ".md")]
    assert others and all(orcid_page.sniff(p.read_text(encoding="utf-8", errors="replace"), p) == 0.0 for p in others)


def test_person_links_and_keywords():
    profile = read()
    assert profile.name == "Yusuf Adebayo-Lind"
    assert [(link.url, link.kind) for link in profile.links] == [
        ("https://orcid.org/0000-0001-8822-4410", "orcid"), ("https://soilecology.example.se", "website"),
        ("mailto:yusuf.adebayo-lind@slu.example.se", "email")]
    assert profile.interests == ["soil microbiology", "nitrogen cycling", "boreal forests"]


def test_affiliations_and_funding():
    profile = read()
    assert [(p.organization, p.role, p.unit, p.start, p.end, p.location) for p in profile.positions][0] == (
        "Swedish University of Agricultural Sciences", "Researcher", "Department of Soil and Environment",
        "2020-01-01", "present", "Uppsala, SE")
    assert [(e.institution, e.degree, e.field) for e in profile.education] == [
        ("Wageningen University & Research", "PhD", "Soil Biology"), ("University of Ibadan", "BSc", "Microbiology")]
    assert [(a.title, a.year) for a in profile.awards] == [("Microbial controls on nitrogen retention in warming boreal soils", 2021)]


def test_works_with_and_without_contributors():
    works = read().publications
    assert [(w.title, w.kind, w.status, w.date) for w in works] == [
        ("Nitrogen-fixing bacteria in boreal forest soils respond to experimental warming", "journal", "published", "2023-03"),
        ("Root exudates shape the rhizosphere diazotroph community of Norway spruce", "journal", "published", "2021-11-04"),
        ("Soil nitrogen cycling under long-term fertilisation: a meta-analysis", "preprint", "preprint", "2020-06-12"),
        ("Microbial community assembly in arable soils of the Netherlands", "thesis", None, "2016")]
    assert works[1].authors == ["Karin Ek", "Yusuf Adebayo-Lind"] and works[1].doi == "10.1038/s41396-021-01088-2"
    assert works[2].authors == [] and works[2].authors_truncated  # the page does not say who wrote it


def test_any_text_is_read_without_raising():
    for text in ("", "Works (3)\nSource: x", "https://orcid.org/0000-0001-8822-4410\nWorks (1)\nEmployment (1)\n"
                 "Org\n| \nSource: a\nTitle\n2020 | Journal article\nContributors: ;\nSource: b"):
        orcid_page.extract(text, Path("x.txt"))
