"""The benchmark's synthetic corpus is one sitegen reads: its publications are extracted and its site.yaml loads."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.sources import extract_profile

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_corpus  # noqa: E402

N = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    make_corpus.write_corpus(N, out)
    return out


def test_sitegen_reads_at_least_95_percent_of_the_generated_publications(corpus):
    manifest = json.loads((corpus / "manifest.json").read_text())
    config = load_config(corpus / "site")
    generated = read = 0
    for researcher in config.researchers:
        relative = researcher.sources[0].relative_to(corpus / "site").as_posix()
        profile = extract_profile(researcher.sources[0], researcher.name)
        complete = [p for p in profile.publications if p.title and p.authors and p.year and p.venue]
        generated += manifest["publications_per_source"][relative]
        read += len(complete)
        assert profile.name, relative
    assert generated == manifest["listings"]
    assert read >= 0.95 * generated, f"{read} of {generated} publications read"


def test_site_yaml_lists_every_researcher_with_one_source_and_the_topic_vocabulary(corpus):
    config = load_config(corpus / "site")
    assert len(config.researchers) == N
    assert not [d for d in config.diagnostics if d.level == "error"]
    assert all(len(r.sources) == 1 and r.sources[0].is_file() for r in config.researchers)
    bibtex = [r for r in config.researchers if r.sources[0].suffix == ".bib"]
    assert len(bibtex) == N // 2 and all(r.name for r in bibtex)  # a BibTeX file never names its owner
    assert len(config.topics) == len(make_corpus.topic_vocabulary()) == 200


def test_the_corpus_shares_papers_and_is_the_same_every_time(corpus, tmp_path):
    manifest = json.loads((corpus / "manifest.json").read_text())
    assert 0.2 <= manifest["shared_publications"] / manifest["publications"] <= 0.4
    again = tmp_path / "again"
    make_corpus.write_corpus(N, again)
    for path in sorted((corpus / "site").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (again / "site" / path.relative_to(corpus / "site")).read_bytes(), path
    hugo_pages = list((again / "hugo" / "content").rglob("*.md"))
    assert len(hugo_pages) - 3 == manifest["hugo_content_pages"]  # minus the three section index pages
