"""A site built for a base URL with a path works when served under that path: no link is broken."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from sitegen.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BASE_URL = "https://example.org/lab/"


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


class UnderPrefix(http.server.SimpleHTTPRequestHandler):
    """Serves the built folder at /lab/ only, as a host serving the site under a sub-path would."""

    def translate_path(self, path):
        if not path.startswith("/lab/"):
            return str(Path(self.directory) / "__not_under_the_base_path__")
        return super().translate_path(path[len("/lab"):])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    for source in SEEDS.glob("*.txt"):
        shutil.copy(source, site / source.name)
    config = (SEEDS / "site.yaml").read_text(encoding="utf-8")
    (site / "site.yaml").write_text(f"base_url: {BASE_URL}\n" + config, encoding="utf-8")
    out = site / "_site"
    assert main(["build", str(site), "--out", str(out), "--quiet"]) == 0
    handler = functools.partial(UnderPrefix, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield out, f"http://127.0.0.1:{server.server_address[1]}/lab/"
    finally:
        server.shutdown()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_every_link_on_every_page_works_under_the_base_path(served):
    out, root = served
    checked: dict[str, int] = {}
    broken = []
    for page in sorted(out.rglob("*.html")):
        page_url = root + page.relative_to(out).as_posix()
        parser = LinkParser()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            url = urljoin(page_url, link.replace(BASE_URL, root, 1) if link.startswith(BASE_URL) else link)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(root).netloc:
                continue  # another site (DOI, arXiv, GitHub) or mailto:
            target = url.split("#")[0]
            if target not in checked:
                checked[target] = status(target)
            if checked[target] != 200:
                broken.append(f"{page.relative_to(out)} -> {link} ({checked[target]})")
    assert len(checked) > 100
    assert broken == []


def test_absolute_urls_use_the_base_url(served):
    out, _ = served
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE_URL}people/jatin-prakash/" in sitemap
    page = (out / "people" / "jatin-prakash" / "index.html").read_text(encoding="utf-8")
    assert f'rel="canonical" href="{BASE_URL}people/jatin-prakash/' in page
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert BASE_URL in feed


def test_base_url_on_the_command_line_replaces_the_configs(tmp_path):
    for source in SEEDS.glob("00[04]_*.txt"):
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "site.yaml").write_text("base_url: https://old.example.org/\nresearchers:\n"
                                        "  - sources: [000_9121bb4bcac6bb5d.txt]\n"
                                        "  - sources: [004_7ad450b07cffd7bd.txt]\n", encoding="utf-8")
    out = tmp_path / "_site"
    assert main(["build", str(tmp_path), "--out", str(out), "--quiet", "--base-url", "https://new.example.org/x/"]) == 0
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://new.example.org/x/people/" in sitemap and "old.example.org" not in sitemap
    assert main(["build", str(tmp_path), "--out", str(out), "--quiet"]) == 0  # a different base URL rebuilds
    assert "https://old.example.org/people/" in (out / "sitemap.xml").read_text(encoding="utf-8")
