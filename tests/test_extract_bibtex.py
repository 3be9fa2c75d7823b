"""A .bib file becomes one publication per entry: LaTeX decoded, macros and crossrefs resolved,
and a malformed entry costs only itself."""
from __future__ import annotations

import importlib
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.extract import _FORMAT_MODULES, bibtex
from sitegen.model import Link, Origin, to_json

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "bibtex"
SCHEMA = json.loads((ROOT.parent / "shared" / "profile.schema.json").read_text())


def _extract(name: str):
    path = FIXTURES / name
    return bibtex.extract(path.read_text(encoding="utf-8"), path)


def _assert_schema_valid(profile) -> None:
    jsonschema.validate(to_json(profile), SCHEMA)


def _bib(text: str):
    return bibtex.extract(text, Path("refs.bib"))


# --- an al-folio papers.bib ---------------------------------------------------------------

def test_al_folio_entries_become_publications_with_exact_values():
    profile = _extract("papers.bib")
    assert profile.name is None
    assert [p.title for p in profile.publications] == [
        "A Stitch in Time Saves Nine: A Train-Time Regularizing Loss for Improved Neural Network Calibration",
        "Fast GPU Kernels for Müller-Style Sparse Attention in BERT",
        "Renee: End-to-end training of extreme classification models",
        "Calibrated Extreme Classification",
    ]
    stitch = profile.publications[0]
    assert stitch.authors == ["Ramya Hebbalaguppe", "Jatin Prakash", "Neelabh Madan", "Chetan Arora"]
    assert (stitch.venue, stitch.kind, stitch.status, stitch.date, stitch.year) == (
        "CVPR", "conference", "published", "2022-06", 2022)
    assert stitch.venue_full == \
        "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
    assert stitch.selected is True
    assert stitch.notes == ["Oral (top 4.2% papers)"]
    assert stitch.links == [
        Link("https://openaccess.thecvf.com/content/CVPR2022/papers/Hebbalaguppe_A_Stitch_in_Time_CVPR_2022_paper.pdf",
             "pdf", "PDF"),
        Link("https://github.com/mdca-loss/MDCA-Calibration", "code", "Code"),
    ]
    assert stitch.origin == Origin(str(FIXTURES / "papers.bib"), 6, 20)
    _assert_schema_valid(profile)


def test_latex_accents_and_protected_capitals_are_decoded():
    journal = _extract("papers.bib").publications[1]
    assert journal.authors == ["Hans-Jörg Müller", "José García", "Loïc François", "Laurens van der Maaten"]
    assert journal.authors_truncated is True  # `and others`
    assert journal.abstract == "We present kernels that are 3× faster than cuSPARSE for the été dataset."
    assert (journal.venue, journal.venue_full, journal.kind, journal.date) == (
        "JMLR", "Journal of Machine Learning Research", "journal", "2021-09")
    assert journal.doi == "10.5555/3546258.3546399"
    assert journal.keywords == ["sparse attention", "GPU kernels", "transformers"]
    assert journal.links[:2] == [Link("https://doi.org/10.5555/3546258.3546399", "doi", "DOI"),
                                 Link("https://jmlr.org/papers/v22/20-1234.html", "website", "HTML")]
    assert journal.selected is False


def test_misc_with_arxiv_eprint_is_a_preprint():
    renee = _extract("papers.bib").publications[2]
    assert (renee.kind, renee.status, renee.venue, renee.arxiv) == ("preprint", "preprint", "arXiv", "2302.09150")
    assert renee.categories == ["cs.LG"]
    # the `url` is the arXiv page already linked: it is not listed twice
    assert renee.links == [Link("https://arxiv.org/abs/2302.09150", "arxiv", "arXiv"),
                           Link("https://www.youtube.com/watch?v=abc123", "video", "Video")]


def test_thesis_in_preparation_and_relative_file_links_are_reported():
    profile = _extract("papers.bib")
    thesis = profile.publications[3]
    assert (thesis.kind, thesis.status, thesis.venue) == (
        "thesis", "in-preparation", "Indian Institute of Technology Delhi")
    assert [w.message for w in profile.warnings] == [
        "1 link(s) are file names, not addresses (e.g. 'slides/mueller2021.pdf'); kept as written"]


# --- a messy file -------------------------------------------------------------------------

def test_malformed_entries_are_reported_and_the_good_ones_around_them_kept():
    profile = _extract("messy.bib")
    shown = str(FIXTURES / "messy.bib")
    assert [p.title for p in profile.publications] == [
        "ELIAS: End-to-End Learning to Index and Search in Large Output Spaces",
        "Kernel Methods Revisited",
        "Label Variance Reduction for Tail Labels",
        "Small Models, Big Labels",
    ]
    errors = [(w.level, w.path, w.line, w.message) for w in profile.warnings]
    assert errors == [
        ("error", shown, 14, "BibTeX entry 'broken2021' could not be read: a '{' or '\"' is never closed"),
        ("error", shown, 21, "BibTeX entry 'Dhillon:2023a' repeats the key of the entry on line 5; "
                             "this second entry was not read"),
    ]
    _assert_schema_valid(profile)


def test_string_macros_with_concatenation_and_month_macros():
    elias = _extract("messy.bib").publications[0]
    assert elias.authors == ["Nilesh Gupta", "Patrick H. Chen", "Hsiang-Fu Yu", "Inderjit S. Dhillon"]
    assert (elias.venue, elias.venue_full) == ("NeurIPS", "Advances in Neural Information Processing Systems 35")
    assert (elias.date, elias.kind, elias.status) == ("2022-12", "conference", "published")


def test_crossref_fills_venue_and_date_and_the_proceedings_is_not_a_paper():
    kernel = _extract("messy.bib").publications[1]
    assert kernel.authors == ["Bernhard Schölkopf", "Inderjit S. Dhillon", "Łukasz Kaiser"]
    assert kernel.owner_author == "Inderjit S. Dhillon"  # \textbf{...}
    assert (kernel.venue, kernel.venue_full) == (
        "ICML", "Proceedings of the 40th International Conference on Machine Learning (ICML)")
    assert (kernel.date, kernel.year) == ("2023-07", 2023)


def test_status_from_note_and_pubstate():
    profile = _extract("messy.bib")
    under, workshop = profile.publications[2], profile.publications[3]
    assert (under.kind, under.status, under.venue, under.arxiv) == ("preprint", "under-review", "arXiv", "2401.01234")
    assert under.notes == ["Under review at ICLR 2024"]
    # a workshop keeps its own name: `ICML` is the host conference, not the venue
    assert (workshop.kind, workshop.status, workshop.venue) == (
        "workshop", "accepted", "ICML 2022 Workshop on Efficient Systems for Foundation Models")


# --- small cases --------------------------------------------------------------------------

def test_an_extra_closing_brace_is_reported_and_the_entry_kept():
    profile = _bib("@article{a,\n  title = {One}},\n  year = 2020\n}\n@article{b, title={Two}, year=2021}\n")
    assert [(p.title, p.year) for p in profile.publications] == [("One", None), ("Two", 2021)]
    assert [(w.line, w.message) for w in profile.warnings] == [
        (1, "BibTeX entry 'a' ends before its last field (an extra '}'?); the rest was not read")]


def test_an_undefined_string_macro_is_a_warning_and_the_entry_kept():
    profile = _bib("@article{a, title={T}, journal=jmlr, year=2020}\n")
    assert [(p.title, p.venue, p.year) for p in profile.publications] == [("T", None, 2020)]
    assert [(w.level, w.line, w.message) for w in profile.warnings] == [
        ("warning", 1, "BibTeX entry 'a' uses @string 'jmlr', which is not defined; read as empty")]


def test_entry_types_map_to_kinds():
    text = "\n".join(f"@{t}{{k{i}, title={{T{i}}}, year=2020}}" for i, t in enumerate(
        ("article", "inproceedings", "conference", "phdthesis", "mastersthesis", "book", "incollection",
         "inbook", "patent", "techreport", "misc")))
    kinds = [p.kind for p in _bib(text).publications]
    assert kinds == ["journal", "conference", "conference", "thesis", "thesis", "book", "chapter",
                     "chapter", "patent", "other", "other"]


def test_biblatex_fields_and_numeric_month_and_doi_url():
    profile = _bib("@article{x, author={Ada Lovelace and Charles Babbage}, title={Notes.},\n"
                   " journaltitle={Scientific Memoirs}, date={1843-09-05}, doi={https://doi.org/10.1000/xyz}}\n"
                   "@inproceedings{y, title={Y}, booktitle={Proc. of Something (SoMe)}, year={2019}, month={5}}")
    notes, y = profile.publications
    assert (notes.title, notes.authors, notes.date, notes.venue, notes.doi) == (
        "Notes", ["Ada Lovelace", "Charles Babbage"], "1843-09-05", "Scientific Memoirs", "10.1000/xyz")
    assert (y.venue, y.venue_full, y.date) == ("SoMe", "Proc. of Something (SoMe)", "2019-05")


def test_comments_preamble_and_entries_without_title():
    profile = _bib("@comment{ignored}\n@preamble{\"\\newcommand{\\x}{}\"}\n@misc{notitle, year=2020}\n")
    assert profile.publications == []
    assert [(w.line, w.message) for w in profile.warnings] == [
        (3, "BibTeX entry 'notitle' has no title; it was not read")]


def test_latex_to_text():
    assert bibtex.latex_to_text(r"Fran{\c{c}}ois \emph{and} \textbf{Caf\'{e}} --- R\&D 50\%") == \
        "François and Café — R&D 50%"
    assert bibtex.latex_to_text(r"unbalanced {brace") == "unbalanced brace"
    assert bibtex.latex_to_text("\\") == ""


# --- sniffing -----------------------------------------------------------------------------

def test_sniff_is_sure_for_bib_files_and_silent_for_text_cvs():
    for name in ("papers.bib", "messy.bib"):
        assert bibtex.sniff((FIXTURES / name).read_text(), FIXTURES / name) >= 0.9
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        assert bibtex.sniff(seed.read_text(), seed) == 0.0
    assert bibtex.sniff("Contact: me@example.org\n@jatin on Twitter", Path("cv.txt")) == 0.0


@pytest.mark.parametrize("name", ["papers.bib", "messy.bib"])
def test_no_other_format_claims_a_bib_file(name):
    text = (FIXTURES / name).read_text()
    mine = bibtex.sniff(text, FIXTURES / name)
    for module_name in _FORMAT_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:  # a format still being written
            continue
        if module is not bibtex:
            assert module.sniff(text, FIXTURES / name) < mine, module_name


# --- never raises, always schema-valid ----------------------------------------------------

_BIB_PIECES = st.sampled_from(["@article{", "@string{", "@inproceedings(", "@comment{", "key,", "title = ",
                               "author = {", " and ", "others", "{", "}", "(", ")", '"', "#", ",", "=", "\n",
                               "\\\"", "\\'", "{\\c{c}}", "\\", "crossref = {key}", "month = jan", "year = 2020",
                               "doi = ", "eprint", "arXiv", "$", "%", "abbr", "selected = {true}", "x", "é"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.lists(_BIB_PIECES, max_size=60).map("".join)))
def test_any_text_gives_a_schema_valid_profile(text):
    bibtex.sniff(text, Path("x.bib"))
    _assert_schema_valid(_bib(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decoded_as_text_give_a_schema_valid_profile(data):
    _assert_schema_valid(_bib(data.decode("cp1252", errors="replace")))
