"""The search index is built in shards: bounded and stable; a rebuild re-indexes only the shards whose pages changed."""
from __future__ import annotations

import gzip
import json
import random
import shutil
from pathlib import Path

import pytest

from sitegen import search
from sitegen.build import build_site, read_marker
from sitegen.search import BUNDLE_DIR, MANIFEST, assign_shards, build_search_index, searchable_pages, shard_keys

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SMALL = 40  # pages per shard in these tests: the seeds' ~100 searchable pages make several shards

needs_pagefind = pytest.mark.skipif(search.pagefind_executable() is None, reason="Pagefind is not installed")


def synthetic_pages(members: int, publications: int, topics: int, seed: int = 1) -> tuple[list[str], dict[str, str]]:
    """Page paths of a made-up site, and the member each publication page is keyed to."""
    chance = random.Random(seed)
    people = [f"people/member-{n}/index.html" for n in range(members)]
    pubs = [f"publications/paper-{n}/index.html" for n in range(publications)]
    keys = {page: f"member-{chance.randrange(members)}" for page in pubs}
    keys.update({page: page.split("/")[1] for page in people})
    return people + pubs + [f"topics/topic-{n}/index.html" for n in range(topics)], keys


def shard_of(shards: dict[str, list[str]]) -> dict[str, str]:
    return {page: name for name, pages in shards.items() for page in pages}


def indexed_urls(bundle: Path) -> dict[str, list[str]]:
    """Shard name → the URLs its Pagefind index holds, read from its fragments (gzip: `pagefind_dcd` + JSON)."""
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    found = {}
    for shard in manifest["shards"]:
        fragments = (bundle / shard["path"] / "fragment").glob("*.pf_fragment")
        found[shard["name"]] = sorted(json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])["url"]
                                      for f in fragments)
    return found


def shard_folder(bundle: Path, name: str) -> Path:
    [shard] = [s for s in json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))["shards"] if s["name"] == name]
    return bundle / shard["path"]


def entry_inodes(bundle: Path) -> dict[str, int]:
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    return {s["name"]: (bundle / s["path"] / "pagefind-entry.json").stat().st_ino for s in manifest["shards"]}


@pytest.fixture
def small_shards(monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", SMALL)


@pytest.fixture
def site(tmp_path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".sitegen-cache", "_site"))
    return folder


# --- which page goes in which shard ----------------------------------------------------------------------


def test_a_small_site_is_one_shard():
    pages, keys = synthetic_pages(5, 60, 40)
    assert assign_shards(pages, 2000, keys) == {"all": sorted(pages)}
    assert assign_shards([], 2000) == {}


def test_every_page_is_in_exactly_one_shard_of_at_most_the_limit():
    pages, keys = synthetic_pages(300, 4000, 700)
    shards = assign_shards(pages, 500, keys)
    assert all(0 < len(shard) <= 500 for shard in shards.values())
    assert sorted(page for shard in shards.values() for page in shard) == sorted(pages)
    assert len(shards) >= len(pages) / 500


def test_the_assignment_depends_only_on_the_pages_and_keys():
    pages, keys = synthetic_pages(300, 4000, 700)
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    assert assign_shards(shuffled, 500, dict(reversed(list(keys.items())))) == assign_shards(pages, 500, keys)


def test_new_pages_leave_the_others_in_their_shards():
    pages, keys = synthetic_pages(300, 4000, 700)
    before = shard_of(assign_shards(pages, 500, keys))
    more = [f"publications/new-paper-{n}/index.html" for n in range(40)]
    after = shard_of(assign_shards(pages + more, 500, {**keys, **{page: "member-3" for page in more}}))
    assert {page: after[page] for page in pages} == before


def test_a_member_and_the_publications_they_list_share_a_shard():
    pages, keys = synthetic_pages(300, 4000, 700)
    where = shard_of(assign_shards(pages, 500, keys))
    for page, member in keys.items():
        assert where[page] == where[f"people/{member}/index.html"]
    assert all(where[page].startswith("topics") for page in pages if page.startswith("topics/"))


def test_a_member_listing_more_than_a_shard_holds_is_split_by_page():
    pages, keys = synthetic_pages(3, 1500, 10)
    keys.update({page: "member-0" for page in pages if page.startswith("publications/")})  # one member lists all
    shards = assign_shards(pages, 200, keys)
    assert all(len(shard) <= 200 for shard in shards.values())
    assert sorted(page for shard in shards.values() for page in shard) == sorted(pages)


# --- the index the build writes -----------------------------------------------------------------------------


@needs_pagefind
def test_each_shard_indexes_its_pages_and_the_manifest_lists_every_shard(site, tmp_path, small_shards):
    out = tmp_path / "out"
    result = build_site(site, out, use_cache=True)
    bundle = out / BUNDLE_DIR
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["shards"]) >= 3 and manifest["shards"][0]["path"] == ""
    assert sorted(p.name for p in (bundle / "shards").iterdir()) == sorted(s["name"] for s in manifest["shards"][1:])
    by_shard = indexed_urls(bundle)
    assert {name: len(urls) for name, urls in by_shard.items()} == {s["name"]: s["pages"] for s in manifest["shards"]}
    assert all(0 < len(urls) <= SMALL for urls in by_shard.values())
    assert sorted(url for urls in by_shard.values() for url in urls) == \
        sorted("/" + page for page in searchable_pages(out))
    assert sorted(p for p in result.pages if p.startswith(BUNDLE_DIR + "/")) == \
        sorted(p.relative_to(out).as_posix() for p in bundle.rglob("*") if p.is_file())
    assert (bundle / "pagefind.js").is_file()  # the first shard is where the search page loads Pagefind from


@needs_pagefind
def test_one_changed_publication_page_reindexes_only_its_shard(site, tmp_path, monkeypatch):
    out = tmp_path / "out"
    built = build_site(site, out, use_cache=True)
    fingerprints, keys = dict(read_marker(out)["outputs"]), shard_keys(built.site)
    build_search_index(out, fingerprints=fingerprints, keys=keys, shard_pages=SMALL)
    before = indexed_urls(out / BUNDLE_DIR)
    page = "publications/looped-transformers-as-programmable-computers/index.html"
    [home] = [name for name, urls in before.items() if "/" + page in urls]

    copy = tmp_path / "copy"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    html = (copy / page).read_text(encoding="utf-8")
    (copy / page).write_text(html.replace("data-pagefind-body>", "data-pagefind-body><p>Quokkaesque</p>", 1),
                             encoding="utf-8")
    runs = []
    run_pagefind = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda exe, pages, output: (runs.append(output),
                                                                             run_pagefind(exe, pages, output)))
    build_search_index(copy, previous=out / BUNDLE_DIR, fingerprints={**fingerprints, page: "edited"},
                       rendered={page}, keys=keys, shard_pages=SMALL)

    assert len(runs) == 1 and indexed_urls(copy / BUNDLE_DIR) == before
    old, new = entry_inodes(out / BUNDLE_DIR), entry_inodes(copy / BUNDLE_DIR)
    assert [name for name in new if new[name] != old[name]] == [home]
    assert any(b"Quokkaesque" in gzip.decompress(f.read_bytes())
               for f in (shard_folder(copy / BUNDLE_DIR, home) / "fragment").glob("*.pf_fragment"))


@needs_pagefind
def test_a_page_rendered_again_is_indexed_again_though_its_fingerprint_is_the_same(site, tmp_path):
    out = tmp_path / "out"
    built = build_site(site, out, use_cache=True)
    fingerprints, keys = dict(read_marker(out)["outputs"]), shard_keys(built.site)
    build_search_index(out, fingerprints=fingerprints, keys=keys, shard_pages=SMALL)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    page = "people/shashank-rajput/index.html"  # a site's own template may change a page its fingerprint misses
    build_search_index(copy, previous=out / BUNDLE_DIR, fingerprints=fingerprints, rendered={page}, keys=keys,
                       shard_pages=SMALL)
    old, new = entry_inodes(out / BUNDLE_DIR), entry_inodes(copy / BUNDLE_DIR)
    changed = [name for name in new if new[name] != old[name]]
    assert len(changed) == 1 and "/" + page in indexed_urls(copy / BUNDLE_DIR)[changed[0]]


def rebuild_and_compare(site: Path, out: Path, edit) -> tuple[dict, dict, set[str]]:
    """Build, `edit(site)`, build again: the shards' URLs before and after, and the shards indexed again.

    Checks on the way that a shard is reused exactly when its pages are those of the previous build, unchanged."""
    build_site(site, out, use_cache=True)
    before, inodes = indexed_urls(out / BUNDLE_DIR), entry_inodes(out / BUNDLE_DIR)
    edit(site)
    result = build_site(site, out, use_cache=True)
    after, now = indexed_urls(out / BUNDLE_DIR), entry_inodes(out / BUNDLE_DIR)
    assert sorted(url for urls in after.values() for url in urls) == sorted("/" + p for p in searchable_pages(out))
    changed = {"/" + page for page in result.changed_pages}
    for name, urls in after.items():
        unchanged = before.get(name) == urls and not changed & set(urls)
        assert (now[name] == inodes.get(name)) == unchanged, name
    return before, after, {name for name in now if now[name] != inodes.get(name)}


@needs_pagefind
def test_an_award_added_to_one_cv_reindexes_only_that_members_shard(site, tmp_path, small_shards):
    def add_an_award(folder: Path) -> None:
        source = folder / "000_9121bb4bcac6bb5d.txt"
        source.write_text(source.read_text(encoding="utf-8") + "\n- 2001 Community Service Award\n", encoding="utf-8")

    _, after, indexed = rebuild_and_compare(site, tmp_path / "out", add_an_award)
    assert len(after) >= 3
    assert sorted(indexed) == [name for name, urls in after.items() if "/people/jatin-prakash/index.html" in urls]


@needs_pagefind
def test_a_publication_taken_out_of_a_cv_leaves_the_index(site, tmp_path, small_shards):
    def remove_a_paper(folder: Path) -> None:
        source = folder / "003_173d169bbef03c95.txt"
        lines = source.read_text(encoding="utf-8").split("\n")
        start = lines.index("Does label smoothing mitigate label noise?")  # title, abstract, venue: one paper
        end = next(n for n in range(start, len(lines)) if lines[n].startswith("preprint2020"))
        source.write_text("\n".join(lines[:start] + lines[end + 2:]), encoding="utf-8")

    before, after, indexed = rebuild_and_compare(site, tmp_path / "out", remove_a_paper)
    gone = "/publications/does-label-smoothing-mitigate-label-noise/index.html"
    [home] = [name for name, urls in before.items() if gone in urls]
    assert home in indexed and not any(gone in urls for urls in after.values())


@needs_pagefind
def test_a_site_without_searchable_pages_has_an_empty_index(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><main>Nothing to search</main></body></html>")
    assert build_search_index(tmp_path) == [f"{BUNDLE_DIR}/{MANIFEST}"]
    assert json.loads((tmp_path / BUNDLE_DIR / MANIFEST).read_text())["shards"] == []
