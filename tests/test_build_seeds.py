"""End to end: the example site in seeds/ builds into a complete, linked site."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from sitegen.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA = json.loads((ROOT.parent / "shared" / "profile.schema.json").read_text()) \
    if (ROOT.parent / "shared" / "profile.schema.json").exists() else None


class PageParser(HTMLParser):
    """Collects links, headings and text of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[name])
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h1:
            self.h1.append(data.strip())


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "_site"
    assert main(["build", str(SEEDS), "--out", str(out)]) == 0
    return out


def test_every_member_has_a_page(built):
    pages = sorted(p.parent.name for p in (built / "people").glob("*/index.html"))
    assert pages == ["inderjit-s-dhillon", "jatin-prakash", "mayank-mishra", "sanjiv-kumar", "shashank-rajput"]
    assert parse(built / "people" / "mayank-mishra" / "index.html").h1 == ["Mayank Mishra"]


def test_publication_and_topic_pages(built):
    assert len(list((built / "publications").glob("*/index.html"))) >= 55
    assert len(list((built / "topics").glob("*/index.html"))) >= 5
    for page in ("index.html", "publications/index.html", "topics/index.html", "404.html"):
        assert (built / page).is_file(), page


def test_jatin_prakash_lists_five_publications(built):
    page = parse(built / "people" / "jatin-prakash" / "index.html")
    linked = {link for link in page.links if "/publications/" in link and not link.endswith("publications/index.html")}
    assert len(linked) == 5


def test_feed_publication_pages_show_their_authors(built):
    page = parse(built / "publications" / "geometric-median-gm-matching-for-robust-data-pruning" / "index.html")
    text = " ".join(page.text)
    for author in ("Anish Acharya", "Sujay Sanghavi"):
        assert author in text
    # the member is linked from the author list, the namesake co-author is not a member
    assert any(link.endswith("people/inderjit-s-dhillon/index.html") for link in page.links)
    pyra = parse(next((built / "publications").glob("pyratok*/index.html")))
    assert "Tushar Prakash" in " ".join(pyra.text)
    assert not any("people/jatin-prakash" in link for link in pyra.links)


def test_every_internal_link_resolves(built):
    broken = []
    for page in built.rglob("*.html"):
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "//", "mailto:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built)} -> {link}")
    assert broken == []


def test_static_assets_are_copied(built):
    assert list((built / "static").glob("*.css"))


@pytest.mark.skipif(SCHEMA is None, reason="../shared/profile.schema.json is not beside the checkout")
@pytest.mark.parametrize("source", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_extract_prints_schema_valid_json(source, capsys):
    assert main(["extract", str(SEEDS / source), "--name", "Some Body", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    assert data["publications"]
