"""The site's search index: Pagefind, run on the written pages in shards, before the build is swapped in.

Pagefind (shipped as a binary inside the `pagefind[bin]` wheel) reads the HTML
and writes a static index and a small JS API; the theme's search page loads that
on demand, so search needs no server of its own. Only elements marked
`data-pagefind-body` are indexed (members, publications, topics).

Pagefind holds a whole index in memory and cannot add to one, so the searchable
pages are split into shards of at most SHARD_PAGES pages, each indexed by its own
Pagefind run: memory is bounded by the shard, and a rebuild runs Pagefind only for
the shards whose pages changed. The first shard is the bundle in `pagefind/`
itself (a small site has only that one, in Pagefind's usual layout); the others
are in `pagefind/shards/NAME/`. `pagefind/shards.json` lists them with a digest of
their pages, and the search page merges them (Pagefind's multisite `mergeIndex`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable, Collection, Mapping, Optional

from sitegen import urls
from sitegen.model import Diagnostic, Site

BUNDLE_DIR = "pagefind"
MANIFEST = "shards.json"  # inside BUNDLE_DIR
SHARDS_DIR = "shards"  # inside BUNDLE_DIR: every shard but the first
SHARD_PAGES = 2000  # pages per Pagefind run: ~100 MB of Pagefind memory, ~2 s
TIMEOUT = 120  # seconds per Pagefind run; a full shard takes a few
# The searchable pages: those whose <main> has data-pagefind-body (see changes.searchable).
PAGE_PATTERNS = (urls.member_path("*"), urls.publication_path("*"), urls.topic_path("*"))
TOPICS_DIR = urls.topic_path("*").split("*")[0]  # topics/
_SHARD_PATH = re.compile(rf"{SHARDS_DIR}/[a-z0-9-]+/")

OnProgress = Optional[Callable[[int, int], None]]  # (shards done, shards to index)


def pagefind_executable() -> Path | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except FileNotFoundError:
        return None


def searchable_pages(site_dir: Path) -> list[str]:
    """The member, publication and topic pages written in `site_dir` (site-relative paths)."""
    found = []
    for pattern in PAGE_PATTERNS:
        folder, _, name = pattern.partition("/*/")
        try:
            with os.scandir(site_dir / folder) as entries:
                slugs = sorted(entry.name for entry in entries if entry.is_dir())
        except FileNotFoundError:
            continue
        found += [f"{folder}/{slug}/{name}" for slug in slugs if (site_dir / folder / slug / name).is_file()]
    return found


def shard_keys(site: Site) -> dict[str, str]:
    """Page → the member it is indexed with: a member's page and the publications they list (the first of their
    listers, by slug) share a shard, so a changed CV re-indexes few shards rather than every one."""
    keys = {urls.member_path(member.slug): member.slug for member in site.members}
    for slug, publication in site.publications.items():
        if publication.listed_by:
            keys[urls.publication_path(slug)] = min(publication.listed_by)
    return keys


def assign_shards(pages: list[str], shard_pages: int = SHARD_PAGES, keys: Mapping[str, str] | None = None
                  ) -> dict[str, list[str]]:
    """Shard name → its pages. A site of at most `shard_pages` pages is one shard, `all`. A larger one has member
    shards (people and publication pages, grouped by their `keys`: see `shard_keys`) and topic shards, each kind
    split by a hash of the key into 2, 4, 8… buckets until none holds more than `shard_pages`. A page keeps its
    shard while its key does, until its kind's bucket count doubles."""
    if shard_pages < 1:
        raise ValueError("a shard holds at least one page")
    if len(pages) <= shard_pages:
        return {"all": sorted(pages)} if pages else {}
    keys = keys or {}
    by_kind: dict[str, list[tuple[str, str]]] = {"members": [], "topics": []}
    for page in sorted(pages):
        slug = page.split("/")[1]
        by_kind["topics" if page.startswith(TOPICS_DIR) else "members"].append((page, keys.get(page, slug)))
    shards = {}
    for kind, keyed in by_kind.items():
        sizes = Counter(key for _, key in keyed)
        # a key holding more pages than a shard (a member listing thousands) is split by page
        hashes = [(page, _hash(key if sizes[key] <= shard_pages else page)) for page, key in keyed]
        count = 1
        while True:
            buckets: dict[int, list[str]] = {}
            for page, value in hashes:
                buckets.setdefault(value % count, []).append(page)
            if not buckets or max(map(len, buckets.values())) <= shard_pages:
                break
            count *= 2
        for number in sorted(buckets):
            shards[kind if count == 1 else f"{kind}-{number + 1}of{count}"] = buckets[number]
    return shards


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def shard_digest(pages: list[str], fingerprints: Mapping[str, str]) -> str | None:
    """A digest of the shard's pages and their fingerprints; None when a page has none (never reused)."""
    if not pages or any(page not in fingerprints for page in pages):
        return None
    text = "\n".join(f"{page}\t{fingerprints[page]}" for page in pages)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def build_search_index(site_dir: Path, *, previous: Path | None = None, fingerprints: Mapping[str, str] | None = None,
                       rendered: Collection[str] = (), keys: Mapping[str, str] | None = None, jobs: int = 1,
                       shard_pages: int | None = None, progress: OnProgress = None) -> list[str]:
    """Index the searchable pages of `site_dir` into `site_dir/pagefind`; return its files (site-relative), [] without
    Pagefind.

    `previous` is the previous build's bundle and `fingerprints` this build's (page → digest of its inputs): a
    shard whose pages and fingerprints are those of a previous shard, none of its pages `rendered` again (rather
    than linked from the previous build), is linked from there instead of being indexed. `keys` group pages into
    shards (see `assign_shards`); up to `jobs` Pagefind runs at a time; `shard_pages` defaults to SHARD_PAGES.
    """
    executable = pagefind_executable()
    if executable is None:
        return []
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)  # written afresh: no file of another index may linger
    bundle.mkdir()
    shards = assign_shards(searchable_pages(site_dir), shard_pages or SHARD_PAGES, keys)
    reusable = _previous_shards(previous) if previous is not None and fingerprints else {}
    rendered = rendered if isinstance(rendered, (set, frozenset)) else set(rendered)
    entries, todo = [], []
    for number, (name, pages) in enumerate(shards.items()):
        path = "" if number == 0 else f"{SHARDS_DIR}/{name}/"
        digest = shard_digest(pages, fingerprints or {})
        entries.append({"name": name, "path": path, "pages": len(pages), "digest": digest})
        source = reusable.get(digest) if digest and rendered.isdisjoint(pages) else None
        if source is not None:
            _link_shard(previous, source, bundle / path)
        else:
            todo.append((pages, bundle / path))
    _index_shards(executable, site_dir, todo, jobs, progress)
    manifest = {"about": "sitegen's search index: one Pagefind index per shard, merged by the search page",
                "shard_pages": shard_pages or SHARD_PAGES, "shards": entries}
    (bundle / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return sorted(p.relative_to(site_dir).as_posix() for p in bundle.rglob("*") if p.is_file())


def read_manifest(bundle: Path) -> dict | None:
    """The bundle's shards.json, or None when there is none or it cannot be read."""
    try:
        manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("shards"), list) else None


def _previous_shards(previous: Path) -> dict[str, str]:
    """Digest → folder (relative to `previous`) of the previous bundle's shards that are complete."""
    manifest = read_manifest(previous) or {"shards": []}
    found = {}
    for entry in manifest["shards"]:
        digest, path = (entry.get("digest"), entry.get("path")) if isinstance(entry, dict) else (None, None)
        if isinstance(digest, str) and (path == "" or isinstance(path, str) and _SHARD_PATH.fullmatch(path)) \
                and (previous / path / "pagefind-entry.json").is_file():
            found[digest] = path
    return found


def _shard_files(bundle: Path, path: str) -> list[str]:
    """The files of the shard in `bundle/path`, relative to that folder (the main shard's leave the others out)."""
    folder = bundle / path
    files = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    if path:
        return sorted(files)
    return sorted(f for f in files if f != MANIFEST and not f.startswith(f"{SHARDS_DIR}/"))


def _link_shard(previous: Path, path: str, target: Path) -> None:
    from sitegen.render import link_previous

    for name in _shard_files(previous, path):
        link_previous(previous / path, target, name)


def _index_shards(executable: Path, site_dir: Path, todo: list[tuple[list[str], Path]], jobs: int,
                  progress: OnProgress) -> None:
    """Run Pagefind for each (pages, output folder), `jobs` at a time: memory grows with the shard, not the site."""
    if jobs <= 1 or len(todo) <= 1:
        for done, (pages, output) in enumerate(todo):
            _index_shard(executable, site_dir, pages, output)
            if progress:
                progress(done + 1, len(todo))
        return
    from concurrent.futures import ThreadPoolExecutor, as_completed

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = [pool.submit(_index_shard, executable, site_dir, pages, output) for pages, output in todo]
        for done, run in enumerate(as_completed(runs)):
            run.result()
            if progress:
                progress(done + 1, len(todo))


def _index_shard(executable: Path, site_dir: Path, pages: list[str], output: Path) -> None:
    """Pagefind over a temporary folder of hard links to the shard's pages (their site paths are their URLs)."""
    from sitegen.render import link_previous

    folder = Path(tempfile.mkdtemp(prefix=".search-pages-", dir=site_dir))
    try:
        for page in pages:
            link_previous(site_dir, folder, page)
        _run_pagefind(executable, folder, output)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_pagefind(executable: Path, pages_dir: Path, output: Path) -> None:
    command = [str(executable), "--site", str(pages_dir), "--output-path", str(output), "--keep-index-url", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        problem = None if done.returncode == 0 else (done.stderr or done.stdout).strip()[-2000:]
    except (OSError, subprocess.TimeoutExpired) as err:
        problem = str(err)
    if problem is not None:
        from sitegen.build import OutputError  # the build reports it like any other output problem

        raise OutputError(Diagnostic(f"the search index could not be built: {problem}", str(executable), level="error",
                                     hint="reinstall sitegen's dependencies: pip install 'pagefind[bin]'"))
