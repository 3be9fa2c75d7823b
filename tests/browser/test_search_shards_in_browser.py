"""Search over an index in several shards, on a site served under a sub-path: results come from every shard."""
from __future__ import annotations

import functools
import gzip
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitegen import search
from sitegen.cli import main

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/lab/"


class UnderPrefix(SimpleHTTPRequestHandler):
    """Serves the built folder at /lab/ only, as a host serving the site under a sub-path would."""

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__not_under_the_base_path__")
        return super().translate_path(path[len(PREFIX) - 1:])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory) -> Path:
    if search.pagefind_executable() is None:
        pytest.skip("Pagefind is not installed")
    out = tmp_path_factory.mktemp("sharded") / "_site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", 25)
        assert main(["build", str(ROOT / "seeds"), "--out", str(out), "--quiet",
                     "--base-url", "https://example.org/lab/"]) == 0
    return out


@pytest.fixture(scope="module")
def root_url(sharded_site) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(UnderPrefix, directory=str(sharded_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


def shard_pages(bundle: Path) -> dict[str, list[dict]]:
    """Shard name → its indexed pages (url, title, content), from the fragments Pagefind wrote."""
    found = {}
    for shard in json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))["shards"]:
        fragments = sorted((bundle / shard["path"] / "fragment").glob("*.pf_fragment"))
        found[shard["name"]] = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):]) for f in fragments]
    return found


def targets(bundle: Path) -> list[tuple[str, str]]:
    """(path, title) of a member, a publication and a topic, each in a different shard, the first not among them."""
    shards = shard_pages(bundle)
    texts = [page["content"].casefold() for pages in shards.values() for page in pages]
    chosen, used = [], {next(iter(shards))}  # the first shard is the one pagefind.js comes from: merge the others
    for kind in ("people", "publications", "topics"):
        candidates = [(page, name) for name, pages in shards.items() if name not in used for page in pages
                      if page["url"].startswith(f"/{kind}/")]
        # the title fewest pages mention, so that it is among the first results searching for it
        page, name = min(candidates, key=lambda c: sum(c[0]["meta"]["title"].casefold() in t for t in texts))
        chosen.append((page["url"].lstrip("/"), page["meta"]["title"]))
        used.add(name)
    return chosen


def test_a_search_finds_pages_of_every_shard_and_links_under_the_sub_path(browser, sharded_site, root_url):
    assert len(shard_pages(sharded_site / search.BUNDLE_DIR)) >= 3
    context = browser.new_context()
    outside = []
    context.on("request", lambda request: None if request.url.startswith(root_url) else outside.append(request.url))
    page = context.new_page()
    try:
        for path, title in targets(sharded_site / search.BUNDLE_DIR):
            page.goto(root_url + "search/index.html")
            page.fill("#search-q", title)
            page.press("#search-q", "Enter")
            result = page.locator("#search-results a.result-title", has_text=title)
            result.first.wait_for(timeout=10_000)
            assert result.first.get_attribute("href") == PREFIX + path
            result.first.click()
            page.wait_for_url(root_url + path)
            assert page.locator("h1").first.inner_text() == title
    finally:
        context.close()
    assert outside == []
