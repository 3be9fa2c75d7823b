"""LaTeX CVs (moderncv, awesome-cv, plain article) are read with the CV rules, and warnings point at .tex lines."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.extract import latex_cv
from sitegen.model import Profile, to_json
from sitegen.sources import extract_profile, sniff_format

FIXTURES = Path(__file__).parent / "fixtures" / "latex"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "shared" / "profile.schema.json"


def read(path: Path) -> Profile:
    return latex_cv.extract(path.read_text(encoding="utf-8"), path)


def test_moderncv_header_entries_and_the_nocited_bibliography():
    path = FIXTURES / "moderncv.tex"
    profile = read(path)
    assert profile.name == "Tomás Ruiz"
    assert profile.headline == "Postdoctoral Researcher, ETH Zürich"
    assert [(link.url, link.kind) for link in profile.links] == [
        ("mailto:tomas.ruiz@example.org", "email"), ("https://tomasruiz.example.org", "website"),
        ("https://github.com/truiz", "github"), ("https://orcid.org/0000-0002-1825-0097", "orcid")]
    phd, bsc = profile.education
    assert (phd.degree, phd.field, phd.institution, phd.location, phd.start, phd.end) == (
        "Ph.D.", "Statistics", "Universidad de Buenos Aires", "Buenos Aires, Argentina", "2016", "2021")
    assert phd.details == ["Thesis: Kernel Tests for Conditional Independence", "Advisor: Prof. María González"]
    assert (phd.origin.path, phd.origin.line, phd.origin.end_line) == (str(path), 25, 27)
    assert bsc.grade == "GPA 9.1/10"
    postdoc, intern = profile.positions
    assert (postdoc.role, postdoc.organization, postdoc.end) == ("Postdoctoral Researcher", "ETH Zürich", "present")
    assert postdoc.details == ["Developed kernel two-sample tests for high-dimensional data",
                               "Co-supervised three M.Sc. theses"]
    assert (intern.organization, intern.origin.line) == ("Microsoft Research", 36)
    assert [(p.title, p.owner_author, p.origin.path) for p in profile.publications] == [
        ("Kernel Conditional Independence Tests at Scale", "Tomás Ruiz", str(FIXTURES / "publications.bib")),
        ("Robust Estimation under Heavy Tails", "Tomás Ruiz", str(FIXTURES / "publications.bib"))]
    assert [(a.title, a.year, a.origin.line) for a in profile.awards] == [
        ("ETH Postdoctoral Fellowship", 2022, 44), ("Best Student Paper Award", 2019, 45)]
    assert [(s.category, s.items) for s in profile.skills] == [
        ("Programming", ["Python", "R", "C++", "LaTeX"]),
        ("Languages", ["Spanish (native)", "English (fluent)", "German (B1)"])]
    assert profile.interests == ["Causal inference", "kernel methods", "robust statistics"]
    # The address and phone have no field: kept, not lost.
    assert any("+41 44 632 00 00" in line for other in profile.other for line in other.lines)
    assert profile.warnings == []


def test_awesome_cv_argument_order_and_input_files():
    path = FIXTURES / "awesome" / "resume.tex"
    profile = read(path)
    assert profile.name == "Min-jun Kim"
    phd, bs = profile.education
    assert (phd.degree, phd.institution, phd.location, phd.start, phd.end) == (
        "Ph.D.", "Korea Advanced Institute of Science and Technology (KAIST)", "Daejeon, S.Korea", "2015-03", "2020-02")
    assert phd.details == ["Thesis: Sample-Efficient Reinforcement Learning with World Models"]
    education_tex = str(FIXTURES / "awesome" / "resume" / "education.tex")
    assert (phd.origin.path, phd.origin.line, bs.origin.line) == (education_tex, 12, 24)
    scientist, intern = profile.positions
    assert (scientist.role, scientist.organization, scientist.start, scientist.end) == (
        "Research Scientist", "NAVER AI Lab", "2020-03", "present")
    assert len(scientist.details) == 2 and intern.organization == "DeepMind"
    assert [(a.title, a.year) for a in profile.awards] == [
        ("Outstanding Ph.D. Dissertation Award", 2020), ("Best Paper Award", 2019)]
    assert [(s.category, s.items) for s in profile.skills] == [
        ("Programming", ["Python", "C++", "CUDA", "JAX"]), ("Languages", ["Korean", "English"])]
    written, cited = profile.publications
    assert (written.title, written.authors[0], written.origin.path) == (
        "World Models for Sample-Efficient Control", "Min-jun Kim", str(FIXTURES / "awesome" / "resume" / "publications.tex"))
    assert cited.title == "Dreaming of Grasps: Model-Based Grasp Learning"  # the .bib entry not cited is not read
    (missing,) = profile.warnings
    assert (missing.path, missing.line) == (str(path), 35) and "presentation.tex not found" in missing.message


def test_messy_article_cv_with_tables_hfill_and_a_brace_left_open():
    path = FIXTURES / "article_messy.tex"
    profile = read(path)
    assert profile.name == "Aisha Bello"
    assert "mailto:aisha.bello@example.org" in [link.url for link in profile.links]
    assert [(e.degree, e.institution, e.start, e.origin.line) for e in profile.education] == [
        ("Ph.D.", "University of Cambridge", "2015", 19), ("B.Sc. (Hons)", "University of Lagos", "2011", 20)]
    assert [(p.role, p.organization, p.end) for p in profile.positions] == [
        ("Lecturer", "University of Lagos", "present"),
        ("Postdoctoral Research Associate", "Imperial College London", "2021")]
    first, second = profile.publications  # the commented-out \item is not a paper
    assert (first.authors, first.owner_author, first.year) == (["A. Bello", "J. Smith", "K. Okafor"], "A. Bello", 2022)
    assert first.title == "Solvent effects in copper-catalysed C–H activation"
    assert second.owner_author == "A. Bello" and second.origin.line == 33
    assert [t.course for t in profile.teaching] == ["CHM 101: General Chemistry", "Supervision in Organic Chemistry"]
    (outreach,) = profile.other
    assert outreach.heading == "Outreach" and outreach.origin.line == 39
    messages = {(w.line, w.message.split(";")[0]) for w in profile.warnings}
    assert (38, "section 'Outreach' not understood") in messages
    assert (48, "a '{' is never closed") in messages


def test_a_missing_bibliography_is_a_warning_at_its_line(tmp_path):
    path = tmp_path / "cv.tex"
    path.write_text("\\documentclass{article}\n\\begin{document}\nJane Doe\n\n\\section{Publications}\n"
                    "\\nocite{*}\n\\bibliography{papers}\n\\end{document}\n")
    (warning,) = latex_cv.extract(path.read_text(), path).warnings
    assert warning.line == 7 and "'papers' not read" in warning.message and "papers.bib not found" in warning.message


def test_files_outside_the_folder_are_not_read(tmp_path):
    (tmp_path / "secret.tex").write_text("\\section{Education}\n- 2010 MIT\n")
    folder = tmp_path / "site"
    folder.mkdir()
    path = folder / "cv.tex"
    path.write_text("Jane Doe\n\\input{../secret}\n\\bibliography{/etc/passwd}\n\\nocite{*}\n")
    profile = latex_cv.extract(path.read_text(), path)
    assert profile.education == []
    assert [(w.line, "only files in the .tex's folder are read" in w.message) for w in profile.warnings] == [
        (2, True), (3, True)]


def test_tex_files_are_sniffed_as_latex_and_read_through_sources():
    for name in ("moderncv.tex", "awesome/resume.tex", "article_messy.tex"):
        path = FIXTURES / name
        assert sniff_format(path.read_text(encoding="utf-8"), path) is latex_cv
    profile = extract_profile(FIXTURES / "moderncv.tex")
    assert profile.sources[0].format == "latex-cv" and profile.name == "Tomás Ruiz"
    markdown = (Path(__file__).parent / "fixtures" / "cv" / "markdown_site.md")
    assert sniff_format(markdown.read_text(encoding="utf-8"), markdown).NAME == "cv"


# --- no input crashes it -------------------------------------------------------------------

LATEX_BITS = st.sampled_from([
    "\\cventry", "\\cvitem", "\\section", "\\section*", "\\cvsection", "\\begin{itemize}", "\\end{itemize}",
    "\\item", "\\begin{document}", "\\end{document}", "\\begin{tabular}{ll}", "&", "\\\\", "\\textbf", "{\\bf ",
    "\\emph", "\\href", "\\name", "\\social[github]", "\\input{x}", "\\bibliography{x}", "\\nocite{*}", "{", "}",
    "[", "]", "%", "$", "\\'", "\\\"", "~", "--", "\n", "\n\n", "2019--2023", "Education", "Ph.D.", "MIT", "\\",
])
SAMPLES = sorted(FIXTURES.rglob("*.tex"))


def check(text: str) -> None:
    path = FIXTURES / "fuzz.tex"  # \input and \bibliography look next to the fixtures
    assert 0.0 <= latex_cv.sniff(text, path) <= 1.0
    profile = latex_cv.extract(text, path)
    assert isinstance(profile, Profile)
    data = to_json(profile)
    json.dumps(data)
    if SCHEMA_PATH.exists():
        jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))


FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(st.text(max_size=300))
def test_random_text_never_crashes(text):
    check(text)


@FUZZ
@given(st.lists(LATEX_BITS | st.text(max_size=8), max_size=60).map("".join))
def test_random_latex_never_crashes(text):
    check(text)


@FUZZ
@given(st.sampled_from(SAMPLES), st.data())
def test_cut_and_spliced_fixtures_never_crash(sample, data):
    text = sample.read_text(encoding="utf-8")
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(at, min(len(text), at + 400)))
    check(text[:at] + data.draw(st.lists(LATEX_BITS, max_size=5).map("".join)) + text[cut:])


def test_deep_nesting_is_a_warning_not_a_crash():
    check("{" * 5000 + "x" + "}" * 5000)
    check("\\begin{itemize}" * 400 + "\\item x")
