"""Misreads found by red-teaming the CV extractor, each fixed by a general rule."""
from __future__ import annotations

from pathlib import Path

from sitegen.extract import cv
from sitegen.extract.names import parse_authors
from sitegen.extract.venues import find_short_venue


def extract_text(text: str):
    return cv.extract(text, Path("cv.md"))


def papers(profile):
    return [(p.title, p.authors, p.venue, p.year) for p in profile.publications]


# --- authors written family name first, joined by "and" ----------------------------------

def test_family_first_authors_joined_by_and_end_at_their_last_initial():
    profile = extract_text("# Lena Okoro\n\n## Publications\n\n"
                           "Tovandi, M. and Kasu, R. Title of the paper. Venue, 2021.\n\n"
                           "Okoro, L., Tovandi, M. and Kasu, R. J. Another study of sparse things. Journal of Things, 2020.\n")
    assert papers(profile) == [
        ("Title of the paper", ["M. Tovandi", "R. Kasu"], "Venue", 2021),
        ("Another study of sparse things", ["L. Okoro", "M. Tovandi", "R. J. Kasu"], "Journal of Things", 2020)]


def test_wrapped_family_first_citations_in_a_pdf_paste_are_cut_apart():
    profile = extract_text("Lena Okoro\n\nPUBLICATIONS\n\n"
                           "Tovandi, M. and Kasu, R. Sparse sampling of large graphs\n"
                           "with priors. Journal of Things, 12, 2021.\n"
                           "Okoro, L., Tovandi, M. and Kasu, R. Another study of sparse\n"
                           "things. Graph Letters, 3, 2020.\n")
    assert papers(profile) == [
        ("Sparse sampling of large graphs with priors", ["M. Tovandi", "R. Kasu"], "Journal of Things", 2021),
        ("Another study of sparse things", ["L. Okoro", "M. Tovandi", "R. Kasu"], "Graph Letters", 2020)]


def test_initials_outside_ascii_pair_with_their_family_name():
    assert parse_authors("Nygård, A., Lie, Ø., and Mangerud, J.").names == ["A. Nygård", "Ø. Lie", "J. Mangerud"]


# --- a bold title is never the owner ---------------------------------------------------

def test_a_bold_title_that_reads_like_a_name_is_a_title_not_the_owner():
    profile = extract_text("## Publications\n\n"
                           "- **Robust Sampling**\n  Lena Okoro, Ravi Kasu\n  NeurIPS 2021\n\n"
                           "- **Robust Sampling**. Lena Okoro, Ravi Kasu. ICML 2020.\n\n"
                           "- **Graph Priors** Lena Okoro and Ravi Kasu. *Journal of Things*, 2019.\n\n"
                           "## Education\n\n- 2010–2014 PhD in Statistics, University of Somewhere\n")
    assert profile.name is None
    assert [(p.title, p.authors, p.owner_author) for p in profile.publications] == [
        ("Robust Sampling", ["Lena Okoro", "Ravi Kasu"], None),
        ("Robust Sampling", ["Lena Okoro", "Ravi Kasu"], None),
        ("Graph Priors", ["Lena Okoro", "Ravi Kasu"], None)]
    assert not profile.other


def test_the_owner_is_still_the_bold_author_that_recurs():
    profile = extract_text("## Publications\n\n"
                           "- **Robust Sampling**\n  **Lena Okoro**, Ravi Kasu\n  NeurIPS 2021\n\n"
                           "- **Graph Priors**\n  Ravi Kasu, **Lena Okoro**\n  ICML 2020\n")
    assert profile.name == "Lena Okoro"


def test_an_owner_that_is_also_a_papers_title_is_not_taken():
    profile = extract_text("## Publications\n\n"
                           "- **Robust Sampling**. Title Words Here. ICML 2020.\n\n"
                           "- Lena Okoro. Robust Sampling. NeurIPS 2021.\n")
    assert profile.name is None


# --- layouts: year sub-headings, wrapped bullets, <br> lines ---------------------------------

def test_year_subheadings_group_papers_and_are_not_papers():
    profile = extract_text("# A. Reyes\n\n## Publications\n\n### 2023\n\n"
                           "* Reyes A, Patel SK, et al. Resistance in hospitals. *Clin Infect Dis*. 2023;76(4):612-620.\n\n"
                           "### 2019\n\n"
                           "* Burke JP, Reyes A. Blood culture contamination. *Infect Control Hosp Epidemiol*. 2019;40(1):98-101.\n")
    assert papers(profile) == [
        ("Resistance in hospitals", ["A Reyes", "SK Patel"], "Clin Infect Dis", 2023),
        ("Blood culture contamination", ["JP Burke", "A Reyes"], "Infect Control Hosp Epidemiol", 2019)]
    assert profile.publications[0].authors_truncated
    assert not profile.other


def test_a_bullet_wrapped_onto_indented_lines_is_one_entry():
    profile = extract_text(
        "Henrik Solberg\n\nEMPLOYMENT\n"
        "• Senior Scientist, Department of Earth Sciences, ETH Zürich          Jan. 2019 – Present\n"
        "• Postdoctoral Researcher, Institute of Geological Sciences, University of Bern\n"
        "                                                          Sept. 2015 – Dec. 2018\n\n"
        "PUBLICATIONS\n"
        "• Solberg, H., Keller, A., and Brunner, M. (2023). Rapid deglaciation of the Rhône\n"
        "  valley constrained by cosmogenic 36Cl. Quaternary Science Reviews, 301, 107921.\n"
        "• Keller, A., and Solberg, H. (2021). Erosion rates beneath temperate glaciers.\n"
        "  Journal of Quaternary Science, 9, 1123–1141.\n")
    assert [(p.organization, p.role, p.start, p.end) for p in profile.positions] == [
        ("ETH Zürich", "Senior Scientist", "2019-01", "present"),
        ("University of Bern", "Postdoctoral Researcher", "2015-09", "2018-12")]
    assert papers(profile) == [
        ("Rapid deglaciation of the Rhône valley constrained by cosmogenic 36Cl", ["H. Solberg", "A. Keller", "M. Brunner"],
         "Quaternary Science Reviews", 2023),
        ("Erosion rates beneath temperate glaciers", ["A. Keller", "H. Solberg"], "Journal of Quaternary Science", 2021)]


def test_html_line_breaks_separate_title_authors_and_venue():
    profile = extract_text("## Publications\n\n"
                           "* [Learning case morphology](https://example.org/a.pdf)<br>\n"
                           "  Saara Lindroos, Tobias Brenner<br>\n  *Cognitive Science*, 2024\n"
                           "* [Segmentation without words](https://example.org/b.pdf)<br>Tobias Brenner<br>*arXiv preprint*, 2020\n")
    assert papers(profile) == [("Learning case morphology", ["Saara Lindroos", "Tobias Brenner"], "Cognitive Science", 2024),
                               ("Segmentation without words", ["Tobias Brenner"], "arXiv", 2020)]


# --- smaller fields ---------------------------------------------------------------------

def test_a_one_word_journal_name_inside_a_longer_name_is_not_that_journal():
    assert find_short_venue("Journal of Quaternary Science, 29(5), 450–462") is None
    assert find_short_venue("Science Advances, 2020") is None
    assert find_short_venue("In Science 372(6541)").venue == "Science"
    assert find_short_venue("Nature, 601, 1-5").venue == "Nature"


def test_a_city_after_the_organisation_is_not_the_organisation():
    profile = extract_text("Ana Ruiz\n\nEXPERIENCE\n\n- 2011–2012 Research Assistant, Norwegian Geological Survey (NGU), Trondheim\n")
    assert [(p.organization, p.role) for p in profile.positions] == [("Norwegian Geological Survey (NGU)", "Research Assistant")]


def test_interests_wrapped_onto_a_second_line_stay_whole():
    profile = extract_text("Ana Ruiz\n\nRESEARCH INTERESTS\nGlacial geomorphology, landscape evolution of high mountain\n"
                           "regions, and numerical models of glacial erosion.\n\nEDUCATION\n\n- 2010 PhD, University of Bergen\n")
    assert profile.interests == ["Glacial geomorphology", "landscape evolution of high mountain regions",
                                 "numerical models of glacial erosion"]


def test_a_teaching_role_in_brackets_with_its_date():
    profile = extract_text("# Ana Ruiz\n\n## Teaching\n\n* LING 08012 Computational Linguistics (Lecturer, 2023–)\n"
                           "* LEL2A Language Acquisition (Tutor, 2020)\n")
    assert [(t.course, t.role, t.start) for t in profile.teaching] == [
        ("LING 08012 Computational Linguistics", "Lecturer", "2023"), ("LEL2A Language Acquisition", "Tutor", "2020")]


def test_a_site_pages_front_matter_is_not_part_of_the_cv():
    profile = extract_text("---\npermalink: /about/\ntitle: \"About\"\n---\n\nI study morphology.\n\n"
                           "## Publications\n\n* Saara Lindroos. A paper title. *Cognitive Science*, 2024.\n")
    assert all("permalink" not in line for section in profile.other for line in section.lines)
