"""Section headings are found by shape and named by what CVs call them."""
from __future__ import annotations

import pytest

from sitegen.extract.sections import classify_section, find_headings, publication_defaults


@pytest.mark.parametrize("name, kind", [
    ("ACADEMIC DETAILS", "education"), ("Research Experience", "positions"), ("Teaching Experience", "teaching"),
    ("Scholastic Achievements", "awards"), ("Services and Selected Awards", "awards"), ("Research in News", "news"),
    ("Invited Talks and Panel Discussions", "talks"), ("Real World Deployments", "projects"),
    ("Selected Research Projects", "projects"), ("Software Engineering Experience", "positions"),
    ("### TECHNICAL SKILLS", "skills"), ("Research Interests", "interests"), ("PATENTS", "publications"),
    ("Preprints", "publications"), ("Honors", "awards"), ("Work Experience:", "positions"),
    ("Extra Curricular", None), ("Relevant Courses Taken", None), ("COURSES UNDERTAKEN", None), ("Service", None),
])
def test_section_names(name, kind):
    assert classify_section(name) == kind


def test_publication_defaults():
    assert publication_defaults("Patents") == ("patent", None)
    assert publication_defaults("Preprints") == (None, "preprint")
    assert publication_defaults("Journal Articles") == ("journal", None)
    assert publication_defaults("Publications") == (None, None)


def test_unknown_heading_is_a_section_only_when_written_like_the_known_ones():
    lines = ["## PUBLICATIONS", "", "## EdgeEGG - A system for things", "", "- x", "",
             "## COURSES UNDERTAKEN", "", "Calculus"]
    found = [(h.text, h.kind) for h in find_headings(lines)]
    assert found == [("PUBLICATIONS", "publications"), ("COURSES UNDERTAKEN", None)]


def test_underlined_headings_open_sections_even_when_unknown():
    lines = ["Jane Doe", "", "Education", "---------", "2019 B.S.", "", "Hobbies", "=======", "Chess"]
    assert [(h.index, h.text, h.kind, h.style) for h in find_headings(lines)] == [
        (2, "Education", "education", "underline"), (6, "Hobbies", None, "underline")]


def test_plain_unknown_line_is_a_section_only_in_a_plain_heading_cv():
    plain_cv = ["Education", "", "- 2019 B.S.", "", "Extra Curricular", "", "- Chess"]
    assert [h.text for h in find_headings(plain_cv)] == ["Education", "Extra Curricular"]
    markdown_cv = ["## EDUCATION", "", "- 2019 B.S.", "", "COVID-ASSIST", "", "IBM Research, 2021"]
    assert [h.text for h in find_headings(markdown_cv)] == ["EDUCATION"]


def test_the_header_name_is_not_a_section():
    lines = ["Jatin Prakash", "", "Education", "", "- 2016–2018 School"]
    assert [h.text for h in find_headings(lines)] == ["Education"]
