"""A profile page copied from a scholarly site gives its owner and works; site chrome is dropped."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitegen.extract import profile_page
from sitegen.model import to_json

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "profile_page"
SEED = ROOT / "seeds" / "003_173d169bbef03c95.txt"
OTHER_SEEDS = [ROOT / "seeds" / f for f in ("000_9121bb4bcac6bb5d.txt", "001_91e7fc73bf927c9d.txt",
                                          "002_ba398c660f5cbd82.txt", "004_7ad450b07cffd7bd.txt")]
SCHEMA = ROOT.parent / "shared" / "profile.schema.json"


def read(path: Path):
    return profile_page.extract(path.read_text(encoding="utf-8"), path)


def assert_valid(profile) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("profile.schema.json not found")
    jsonschema.validate(to_json(profile), json.loads(SCHEMA.read_text(encoding="utf-8")))


# --- seed 003 ---------------------------------------------------------------------

def test_the_name_is_the_heading_the_next_sentence_repeats():
    profile = read(SEED)
    assert profile.name == "Sanjiv Kumar"
    assert profile.summary == "Sanjiv Kumar contributes to research discovery and scholarly infrastructure."


def test_run_together_work_lines_give_status_year_and_venue():
    pubs = read(SEED).publications
    assert len(pubs) == 20
    first = pubs[0]
    assert first.title == "CoDistill-GRPO: A Co-Distillation Recipe for Efficient Group Relative Policy Optimization"
    assert (first.year, first.venue, first.kind, first.status) == (2026, "arXiv", "preprint", "preprint")
    assert first.abstract.startswith("Group Relative Policy Optimization (GRPO) has emerged")
    assert (first.origin.line, first.origin.end_line) == (55, 59)
    assert pubs[-1].title == "Sampled Softmax with Random Fourier Features" and pubs[-1].year == 2019


def test_works_shown_without_authors_have_an_unknown_author_list():
    assert all(p.authors == [] and p.authors_truncated for p in read(SEED).publications)


def test_site_chrome_is_dropped_and_nothing_else_is():
    profile = read(SEED)
    assert profile.other == [] and profile.warnings == []


# --- another site ------------------------------------------------------------------

def test_a_site_with_spaced_work_lines_and_author_lines():
    profile = read(FIXTURES / "scholar_site.txt")
    assert profile.name == "María José García-López"
    first, second, third = profile.publications
    assert first.title == "Single-cell atlases of the developing cortex"
    assert first.authors == ["María José García-López", "Pedro Álvarez", "Ana Souza"] and first.authors_truncated
    assert (first.year, first.venue, first.kind, first.status) == (2023, "Nature Methods", "journal", "published")
    assert first.abstract == "We build a single-cell atlas of the developing human cortex."  # `Cite`, `Save` dropped
    assert second.authors == ["Pedro Álvarez", "María José García-López"] and not second.authors_truncated
    assert (second.venue, second.kind) == ("ISMB", "conference")
    assert third.authors == [] and third.abstract == "Annotation of cell types is a bottleneck.\nWe compare twelve tools."
    assert [o.lines for o in profile.other] == [["Universidad de Buenos Aires"]]


def test_a_messy_copy_warns_about_missing_titles_and_works():
    profile = read(FIXTURES / "messy.txt")
    assert profile.name == "Wei-Cheng Chang"
    assert [p.title for p in profile.publications] == [
        "PECOS: Prediction for Enormous and Correlated Output Spaces",
        "Extreme Multi-label Learning for Semantic Matching in Product Search",
        "Taming Pretrained Transformers for Extreme Multi-label Text Classification",
    ]
    kdd, untitled_venue = profile.publications[1], profile.publications[2]
    assert (kdd.venue, kdd.status, kdd.kind) == ("KDD", "published", None)
    assert kdd.abstract == "We consider the problem of semantic matching in product search."  # `Show more` dropped
    assert untitled_venue.venue is None and untitled_venue.year == 2020
    messages = [(w.line, w.message) for w in profile.warnings]
    assert (18, "a work line with no title after it: 'accepted2024ICLR'") in messages
    assert (6, "the page says 5 works but 3 were read") in messages
    assert profile.other == []


# --- sniffing ------------------------------------------------------------------

@pytest.mark.parametrize("path", [SEED, *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name)
def test_sniff_is_sure_of_profile_pages(path):
    assert profile_page.sniff(path.read_text(encoding="utf-8"), path) >= 0.9


@pytest.mark.parametrize("path", OTHER_SEEDS, ids=lambda p: p.name)
def test_sniff_is_not_fooled_by_cvs_or_feeds(path):
    assert profile_page.sniff(path.read_text(encoding="utf-8"), path) < 0.2


# --- robustness -----------------------------------------------------------------

@pytest.mark.parametrize("path", [SEED, *sorted(FIXTURES.glob("*.txt"))], ids=lambda p: p.name)
def test_output_matches_the_schema(path):
    assert_valid(read(path))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_a_valid_profile(text):
    assert 0.0 <= profile_page.sniff(text, Path("x.txt")) <= 1.0
    assert_valid(profile_page.extract(text, Path("x.txt")))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 26000), st.integers(0, 200),
                          st.sampled_from(["", "\n", "preprint2024", "2020works", "Follow"]) | st.text(max_size=40)),
                max_size=6))
def test_mutated_pages_give_valid_profiles(edits):
    text = SEED.read_text(encoding="utf-8")
    for at, removed, inserted in edits:
        text = text[:at] + inserted + text[at + removed:]
    profile_page.sniff(text, SEED)
    assert_valid(profile_page.extract(text, SEED))
