"""PDF CVs are read from their text layer; a scan, a damaged file or a missing pypdf is a clear error."""
from __future__ import annotations

import builtins
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.extract import pdf_cv
from sitegen.model import Profile, to_json
from sitegen.sources import SourceError, extract_profile

pytest.importorskip("pypdf")
canvas = pytest.importorskip("reportlab.pdfgen.canvas")

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "shared" / "profile.schema.json"
PAGE_WIDTH, PAGE_HEIGHT = 595, 842


def write_pdf(path: Path, pages: list[list[tuple[float, float, str, str]]]) -> Path:
    """A PDF whose pages hold (x, y from the top, font, text) runs, as a CV typeset by a word processor would."""
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for runs in pages:
        for x, y, font, text in runs:
            pdf.setFont(font, 14 if font.endswith("Bold") and x < 60 and y < 60 else 10)
            pdf.drawString(x, PAGE_HEIGHT - y, text)
        pdf.showPage()
    pdf.save()
    return path


def rows(spec: str, x: float = 50, y: float = 50, step: float = 14) -> list[tuple[float, float, str, str]]:
    """One run per line of `spec`; `# ` lines are bold headings, `¦` splits a line into a date column and text."""
    runs = []
    for line in spec.strip("\n").split("\n"):
        if line.strip():
            font = "Helvetica-Bold" if line.startswith("# ") else "Helvetica"
            date, _, text = line.removeprefix("# ").rpartition("¦") if "¦" in line else ("", "", line.removeprefix("# "))
            runs += [(x, y, font, date.strip())] if date.strip() else []
            runs.append((x + (90 if date.strip() else 0), y, font, text.strip()))
        y += step
    return runs


CLEAN = """
# Priya N. Raman
Research Scientist, Allen Institute for AI
Email: priya.raman@example.org | Website: https://priyaraman.example.org

# Education
2014 – 2019 ¦ Ph.D. in Computer Science, University of Washington, Seattle, WA
2010 – 2014 ¦ B.Tech. in Computer Science, IIT Bombay, Mumbai, India

# Experience
2019 – present ¦ Research Scientist, Allen Institute for AI, Seattle, WA
2017 ¦ Research Intern, Microsoft Research, Redmond, WA

# Publications
P. N. Raman, L. Zettlemoyer. Efficient Retrieval for Open-Domain QA. ACL, 2021.
P. N. Raman, A. Smith. Calibrated Question Answering. EMNLP, 2020.

# Awards
2018 ¦ Best Paper Award, EMNLP
"""
SIDEBAR = """
# Contact
kenji.tanaka@example.org
github.com/ktanaka

# Skills
Python, PyTorch, JAX
Rust, CUDA

# Languages
Japanese, English
"""
MAIN = """
# Education
2012 – 2017 ¦ Ph.D. in Informatics, Kyoto University, Kyoto, Japan
2008 – 2012 ¦ B.Eng. in Information Science, Osaka University, Osaka, Japan

# Experience
2017 – present ¦ Research Scientist, Preferred Networks, Tokyo, Japan
"""
MAIN_PAGE_TWO = """
# Publications
K. Tanaka, Y. Sato. Differentiable Physics for Robot Grasping. ICRA, 2022.
K. Tanaka. Learning to Stack Blocks. CoRL, 2019.
"""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    two_columns = [[(50, 40, "Helvetica-Bold", "Kenji Tanaka"), (50, 56, "Helvetica", "Research Scientist, Preferred Networks"),
                    *rows(SIDEBAR, x=50, y=100), *rows(MAIN, x=200, y=100),
                    (260, 820, "Helvetica", "Kenji Tanaka - Curriculum Vitae 1/2")],
                   [*rows(MAIN_PAGE_TWO, x=50, y=50), (260, 820, "Helvetica", "Kenji Tanaka - Curriculum Vitae 2/2")]]
    scanned = canvas.Canvas(str(folder / "scanned.pdf"), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for line in range(40):  # what a scan holds: marks on the page, no text
        scanned.rect(50, 800 - line * 18, 300 + (line * 37) % 200, 9, fill=1)
    scanned.save()
    return {"clean": write_pdf(folder / "clean.pdf", [rows(CLEAN)]),
            "two-columns": write_pdf(folder / "two-columns.pdf", two_columns),
            "scanned": folder / "scanned.pdf"}


def test_a_clean_pdf_cv_with_a_date_column(pdfs):
    profile = extract_profile(pdfs["clean"])
    assert profile.sources[0].format == "pdf-cv"
    assert profile.name == "Priya N. Raman"
    assert profile.headline == "Research Scientist, Allen Institute for AI"
    assert {link.url for link in profile.links} >= {"mailto:priya.raman@example.org", "https://priyaraman.example.org"}
    assert [(e.degree, e.institution, e.start, e.end) for e in profile.education] == [
        ("Ph.D.", "University of Washington", "2014", "2019"), ("B.Tech.", "IIT Bombay", "2010", "2014")]
    assert [(p.role, p.organization, p.end) for p in profile.positions] == [
        ("Research Scientist", "Allen Institute for AI", "present"), ("Research Intern", "Microsoft Research", "2017")]
    titles = [p.title for p in profile.publications]
    assert titles == ["Efficient Retrieval for Open-Domain QA", "Calibrated Question Answering"]
    assert [(a.title, a.year) for a in profile.awards] == [("Best Paper Award", 2018)]


def test_a_two_column_pdf_reads_each_column_whole_and_drops_page_footers(pdfs):
    profile = extract_profile(pdfs["two-columns"])
    assert profile.name == "Kenji Tanaka"
    assert [(e.degree, e.institution, e.start) for e in profile.education] == [
        ("Ph.D.", "Kyoto University", "2012"), ("B.Eng.", "Osaka University", "2008")]
    assert [(p.role, p.organization) for p in profile.positions] == [("Research Scientist", "Preferred Networks")]
    assert [s.items for s in profile.skills][:2] == [["Python", "PyTorch", "JAX"], ["Rust", "CUDA"]]
    assert "mailto:kenji.tanaka@example.org" in [link.url for link in profile.links]
    assert [p.title for p in profile.publications] == ["Differentiable Physics for Robot Grasping", "Learning to Stack Blocks"]
    assert not any("Curriculum Vitae" in line for other in profile.other for line in other.lines)


def test_layout_rows_keep_a_date_column_and_split_a_sidebar():
    dated = ["2015 – 2020          Ph.D. in Statistics, Stanford University",
             "2011 – 2015          B.Sc. in Mathematics, McGill University",
             "2009                 Exchange student, ETH Zurich"]
    assert pdf_cv.join_pages(["\n".join(dated)])[0].split("\n")[:3] == [
        "2015 – 2020 Ph.D. in Statistics, Stanford University", "2011 – 2015 B.Sc. in Mathematics, McGill University",
        "2009 Exchange student, ETH Zurich"]
    sidebar = ["Skills                    Education", "Python, R                 2015 – 2020 Ph.D., Stanford",
               "Stan                      2011 – 2015 B.Sc., McGill", "Languages                 Awards"]
    text, pages = pdf_cv.join_pages(["\n".join(sidebar)])
    assert [line for line in text.split("\n") if line] == [
        "Skills", "Python, R", "Stan", "Languages", "Education", "2015 – 2020 Ph.D., Stanford",
        "2011 – 2015 B.Sc., McGill", "Awards"]
    assert set(pages) == {1}


def test_a_scanned_pdf_says_it_has_no_text_layer(pdfs):
    with pytest.raises(SourceError) as caught:
        extract_profile(pdfs["scanned"])
    diagnostic = caught.value.diagnostic
    assert diagnostic.message == "this PDF has no text layer (it is a scan)"
    assert diagnostic.hint == "copy the text into a .txt file or run OCR" and diagnostic.path == str(pdfs["scanned"])


def test_a_damaged_pdf_is_an_error_not_a_traceback(tmp_path, pdfs):
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdfs["clean"].read_bytes()[:300])
    with pytest.raises(SourceError) as caught:
        extract_profile(path)
    assert caught.value.diagnostic.level == "error" and caught.value.diagnostic.hint


def test_without_pypdf_the_message_says_what_to_install(pdfs, monkeypatch):
    real_import = builtins.__import__

    def no_pypdf(name, *args, **kwargs):
        if name.startswith("pypdf"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    with pytest.raises(SourceError) as caught:
        extract_profile(pdfs["clean"])
    assert caught.value.diagnostic.hint == "install sitegen[pdf] to read PDF CVs"


def test_sniffing_and_the_text_contract():
    assert pdf_cv.sniff("%PDF-1.7\n...", Path("cv.pdf")) == 1.0
    assert pdf_cv.sniff("Jane Doe\nEducation\n", Path("cv.pdf")) == 0.0
    (error,) = pdf_cv.extract("Jane Doe\nEducation\n", Path("cv.txt")).warnings
    assert error.level == "error" and "not a PDF" in error.message


# --- no input crashes it -------------------------------------------------------------------

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


def check_bytes(data: bytes) -> None:
    try:
        profile = pdf_cv.extract_bytes(data, Path("fuzz.pdf"))
    except SourceError as err:
        assert err.diagnostic.level == "error" and err.diagnostic.hint
        return
    assert isinstance(profile, Profile)
    data = to_json(profile)
    json.dumps(data)
    if SCHEMA_PATH.exists():
        jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))


@FUZZ
@given(st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b))
def test_random_bytes_after_a_pdf_header_never_crash(data):
    check_bytes(data)


@FUZZ
@given(data=st.data())
def test_damaged_real_pdfs_never_crash(pdfs, data):
    original = pdfs[data.draw(st.sampled_from(sorted(pdfs)))].read_bytes()
    at = data.draw(st.integers(0, len(original)))
    cut = data.draw(st.integers(at, min(len(original), at + 200)))
    check_bytes(original[:at] + data.draw(st.binary(max_size=40)) + original[cut:])


@FUZZ
@given(st.text(max_size=400))
def test_random_text_through_the_text_contract_never_crashes(text):
    profile = pdf_cv.extract(text, Path("fuzz.pdf"))
    assert isinstance(profile, Profile)
