"""A paper feed copied from an arXiv-style listing becomes publications, with nothing invented."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitegen.extract import feed
from sitegen.model import to_json

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "feed"
SEED = ROOT / "seeds" / "001_91e7fc73bf927c9d.txt"
CV_SEEDS = [ROOT / "seeds" / f for f in ("000_9121bb4bcac6bb5d.txt", "002_ba398c660f5cbd82.txt", "004_7ad450b07cffd7bd.txt")]
SCHEMA = ROOT.parent / "shared" / "profile.schema.json"


def read(path: Path):
    return feed.extract(path.read_text(encoding="utf-8"), path)


def assert_valid(profile) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("profile.schema.json not found")
    jsonschema.validate(to_json(profile), json.loads(SCHEMA.read_text(encoding="utf-8")))


# --- the card layout (seed 001) ------------------------------------------------------

def test_card_feed_splits_titles_from_run_together_authors():
    pubs = read(SEED).publications
    assert len(pubs) == 11
    first = pubs[0]
    assert first.title == "ELIAS: End-to-End Learning to Index and Search in Large Output Spaces"
    assert first.authors == ["Nilesh Gupta", "Patrick H. Chen", "Hsiang-Fu Yu"]
    assert first.authors_truncated
    assert (first.date, first.year, first.categories) == ("2022-10-16", 2022, ["LG"])
    assert (first.venue, first.status, first.kind) == ("arXiv", "preprint", "preprint")
    assert first.abstract.startswith("Extreme multi-label classification (XMC)")
    assert (first.origin.line, first.origin.end_line) == (1, 3)


def test_card_feed_reads_titles_with_commas_and_initials_without_a_period():
    pub = read(SEED).publications[4]
    assert pub.title == "Learning, Fast and Slow: Towards LLMs That Adapt Continually"
    assert pub.authors == ["Rishabh Tiwari", "Kusha Sareen", "Lakshya A Agrawal"]


def test_popularity_numbers_and_link_labels_are_not_content():
    pub = read(SEED).publications[4]
    assert pub.categories == ["LG"] and pub.date == "2026-05-12"


def test_year_less_dates_are_the_year_after_the_latest_stated_one_with_a_warning():
    profile = read(SEED)
    assert [p.date for p in profile.publications[2:5]] == ["2026-01-22", "2026-02-12", "2026-05-12"]
    assert any("2026" in w.message and w.line == 7 for w in profile.warnings)


def test_a_feed_names_no_owner():
    assert read(SEED).name is None


def test_a_complete_author_list_is_not_truncated():
    pub = read(SEED).publications[8]
    assert pub.authors == ["Anish Acharya", "Inderjit S Dhillon", "Sujay Sanghavi"]
    assert not pub.authors_truncated


def test_cards_with_spaced_headers_and_authors_on_their_own_line():
    profile = read(FIXTURES / "cards_separate_authors.txt")
    first, second, third = profile.publications
    assert first.title == "Diffusion Models for Video Tokenization"
    assert first.authors == ["Prafulla Dhariwal", "Alex Nichol"]
    assert (first.date, first.categories) == ("2024-03-03", ["cs.CV", "cs.LG"])
    assert second.title == "Attention Is All You Need"
    assert second.authors == ["Ashish Vaswani", "Noam Shazeer"] and second.authors_truncated
    assert second.date == "2025-02-12"
    assert second.abstract == "The dominant sequence transduction models are based on recurrent networks."
    assert (third.title, third.authors) == ("Scaling Laws for GPT-4o", ["Jane Doe"])
    assert profile.other[0].lines == ["Trending papers"]


# --- arXiv listings and search results --------------------------------------------

def test_arxiv_listing_fields():
    profile = read(FIXTURES / "arxiv_listing.txt")
    first, second, third = profile.publications
    assert first.title == "Sparse Mixtures of Experts for Extreme Multi-label Classification"
    assert first.authors == ["Nilesh Gupta", "Inderjit S. Dhillon", "Jan van der Berg"]
    assert not first.authors_truncated
    assert (first.arxiv, first.date, first.categories) == ("2401.01234", "2024-01", ["cs.LG", "cs.IR"])
    assert first.notes == ["Comments: 12 pages, accepted at ICLR 2024"]
    assert first.abstract.splitlines()[0] == "Extreme multi-label classification asks for the few relevant labels among millions."
    assert first.links[0].url == "https://arxiv.org/abs/2401.01234"
    assert (first.origin.line, first.origin.end_line) == (4, 10)
    assert second.authors == ["Mary O'Brien", "Sean McDonald"]
    assert second.categories == ["stat.ML", "math.OC"]
    assert (third.arxiv, third.date, third.authors) == ("hep-th/9901001", "1999-01", ["J.-P. Dupont"])
    assert profile.other[0].lines == ["Machine Learning (cs.LG)", "New submissions (showing 3 of 3 entries)"]


def test_arxiv_search_results():
    first, second = read(FIXTURES / "arxiv_search.txt").publications
    assert first.title == "Compressing Many-Shots in In-Context Learning"
    assert first.authors[-1] == "Inderjit S. Dhillon" and len(first.authors) == 4
    assert (first.date, first.categories) == ("2023-10-17", ["cs.CL", "cs.LG"])
    assert first.abstract.endswith("We compress the many-shot prompt.")
    assert first.notes == ["Comments: 20 pages"]
    assert second.title == "Alternating Minimization for Matrix Completion, Revisited"
    assert (second.date, second.categories) == ("2021-06", ["math.OC"])


# --- title / author boundary ------------------------------------------------------

@pytest.mark.parametrize("line, title", [
    ("Output SpacesNilesh Gupta, Patrick H. Chen et al.", "Output Spaces"),
    ("Fine-tuning BERTJohn Smith", "Fine-tuning BERT"),
    ("Is Scale All You Need?Jane Doe, Sean McDonald", "Is Scale All You Need?"),
    ("Robust Learning (RL)Ronald McDonald", "Robust Learning (RL)"),
    ("Introducing PyraTok", None),
    ("Learning, Fast and Slow: Towards LLMs That Adapt Continually", None),
    ("Attention, Please Be Careful", None),
])
def test_author_list_start(line, title):
    cut, _ = feed.author_list_start(line)
    assert (line[:cut] if cut is not None else None) == title


def test_a_title_and_authors_split_only_by_a_space_is_a_warned_guess():
    cut, guessed = feed.author_list_start("Deep Sets for Graphs Jane Doe, John Smith, Ann Lee")
    assert guessed and cut == len("Deep Sets for Graphs ")


# --- sniffing -------------------------------------------------------------------

@pytest.mark.parametrize("path", [SEED, *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name)
def test_sniff_is_sure_of_feeds(path):
    assert feed.sniff(path.read_text(encoding="utf-8"), path) >= 0.7


@pytest.mark.parametrize("path", [*CV_SEEDS, ROOT / "seeds" / "003_173d169bbef03c95.txt"], ids=lambda p: p.name)
def test_sniff_is_not_fooled_by_cvs_or_profile_pages(path):
    assert feed.sniff(path.read_text(encoding="utf-8"), path) < 0.2


# --- robustness -----------------------------------------------------------------

@pytest.mark.parametrize("path", [SEED, *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name)
def test_output_matches_the_schema(path):
    assert_valid(read(path))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_a_valid_profile(text):
    assert 0.0 <= feed.sniff(text, Path("x.txt")) <= 1.0
    assert_valid(feed.extract(text, Path("x.txt")))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 17000), st.integers(0, 200), st.text(max_size=40)), max_size=6))
def test_mutated_feeds_give_valid_profiles(edits):
    text = SEED.read_text(encoding="utf-8")
    for at, removed, inserted in edits:
        text = text[:at] + inserted + text[at + removed:]
    feed.sniff(text, SEED)
    assert_valid(feed.extract(text, SEED))
