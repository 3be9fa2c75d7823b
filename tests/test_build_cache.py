"""The profile cache, --jobs and progress lines: faster builds of the same bytes."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from sitegen import profiles, render
from sitegen.build import build_site
from sitegen.cache import CACHE_DIR, PROFILES, ProfileCache
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.progress import Progress
from sitegen.sources import extract_profile

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def test_a_cached_profile_is_the_profile_extraction_gives(site_dir):
    config = load_config(site_dir)
    first = ProfileCache(site_dir)
    profiles.prepared_extractor(config, first)
    assert first.misses == len(config.researchers) and first.hits == 0
    again = ProfileCache(site_dir)
    extract = profiles.prepared_extractor(config, again)
    assert again.hits == len(config.researchers) and again.misses == 0
    for researcher in config.researchers:
        source = researcher.sources[0]
        assert extract(source, researcher.name) == extract_profile(source, researcher.name)


def test_the_cache_lives_in_the_site_folder_and_no_cache_bypasses_it(site_dir, tmp_path, files_of):
    assert main(["build", str(site_dir), "--out", str(tmp_path / "a"), "--no-cache", "--offline", "-q"]) == 0
    assert not (site_dir / CACHE_DIR / PROFILES).exists()
    assert main(["build", str(site_dir), "--out", str(tmp_path / "b"), "--offline", "-q"]) == 0
    assert len(list((site_dir / CACHE_DIR / PROFILES).iterdir())) == len(load_config(site_dir).researchers)
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


def test_a_cache_that_cannot_be_written_is_a_warning(site_dir, tmp_path):
    (site_dir / CACHE_DIR).write_text("not a folder")
    result = build_site(site_dir, tmp_path / "out", use_cache=True)
    assert not result.has_errors
    assert any("profile cache cannot be written" in d.message for d in result.diagnostics)
    assert (tmp_path / "out" / "index.html").exists()


def test_more_jobs_write_the_same_bytes(site_dir, tmp_path, monkeypatch, files_of):
    monkeypatch.setattr(render, "BATCH", 7)  # the seeds are small: make several batches
    monkeypatch.setattr(profiles, "MIN_PARALLEL", 1)
    build_site(site_dir, tmp_path / "one", jobs=1, use_cache=False)
    build_site(site_dir, tmp_path / "two", jobs=2, use_cache=False)
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_a_slow_build_shows_its_stages_and_a_quick_one_nothing(site_dir, tmp_path):
    slow, quick = io.StringIO(), io.StringIO()
    build_site(site_dir, tmp_path / "slow", progress=Progress(slow, show_after=0), use_cache=False)
    build_site(site_dir, tmp_path / "quick", progress=Progress(quick, show_after=3600), use_cache=False)
    lines = slow.getvalue().splitlines()
    assert any(line.startswith("reading 5 sources… ") and line.endswith(" s") for line in lines)
    assert any(line.startswith("rendering ") for line in lines)
    assert quick.getvalue() == ""


def test_jobs_must_be_a_positive_number(site_dir, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(site_dir), "--jobs", "0"])
    assert stopped.value.code == 2
