"""build_site's options for `sitegen serve`: keep the previous search index, delete the old output in a thread."""
from __future__ import annotations

import shutil
from pathlib import Path

from sitegen import build
from sitegen.build import build_site
from sitegen.search import BUNDLE_DIR

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".sitegen-cache", "_site"))
    return folder


def _edit_a_source(site: Path) -> None:
    source = sorted(site.glob("*.txt"))[0]
    source.write_text(source.read_text(encoding="utf-8") + "\n- 2001 Community Service Award\n", encoding="utf-8")


def test_search_index_false_keeps_the_previous_index_and_the_old_output_goes(tmp_path):
    site, out = _site(tmp_path), tmp_path / "out"
    build_site(site, out, use_cache=True)
    index = sorted(p for p in (out / BUNDLE_DIR).rglob("*") if p.is_file())
    if not index:  # no Pagefind installed: nothing to keep
        return
    inodes = {p.relative_to(out): p.stat().st_ino for p in index}
    _edit_a_source(site)
    result = build_site(site, out, use_cache=True, search_index=False, cleanup_in_background=True)
    assert result.changed_pages
    assert build.wait_for_cleanup(timeout=60)
    assert {p: (out / p).stat().st_ino for p in inodes} == inodes  # linked, not indexed again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]  # no .old- or .building- folder


def test_search_index_false_without_a_previous_index_indexes(tmp_path):
    site, out = _site(tmp_path), tmp_path / "out"
    fresh = build_site(site, out, use_cache=True, search_index=False)
    assert sorted(p for p in fresh.pages if p.startswith(BUNDLE_DIR + "/")) == \
        sorted(p.relative_to(out).as_posix() for p in (out / BUNDLE_DIR).rglob("*") if p.is_file())
