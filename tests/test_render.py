"""Rendering a Site: every page is written, pages link to each other, untrusted text stays text."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitegen import urls
from sitegen.model import (Author, Education, Link, Member, NewsItem, OtherSection, Person, Position, Profile,
                           Publication, Site, SitePublication, Topic, TopicReason, TopicRef)
from sitegen.render import render_site


def small_site(title: str = "Calibration Lab") -> Site:
    """Two members who share a paper, one co-author who is not a member, two topics."""
    ada = Member("ada-lovelace", Profile(
        name="Ada Lovelace", headline="Research Fellow", affiliation="Analytical Engines Lab",
        links=[Link("ada@example.org", "email"), Link("https://github.com/ada", "github"),
               Link("javascript:alert(1)", "website")],
        interests=["Machine Learning", "Poetry"],
        education=[Education("University of London", degree="B.Sc.", field="Mathematics", start="1830", end="1833")],
        positions=[Position("Analytical Engines Lab", role="Research Fellow", start="2022-07", end="present")],
        news=[NewsItem("Paper accepted at <b>NeurIPS</b>", date="2024-09")],
        other=[OtherSection("Languages", ["English", "French"])]),
        person_key="ada lovelace", publication_slugs=["calibration", "engines"], topic_slugs=["machine-learning"])
    grace = Member("grace-hopper", Profile(name="Grace Hopper", headline="Professor"),
                   person_key="grace hopper", publication_slugs=["calibration"], topic_slugs=["machine-learning"])
    calibration = SitePublication(
        "calibration",
        Publication(title="A Stitch in Time <script>alert('x')</script>", authors=["Ada Lovelace", "Grace Hopper", "Alan Turing"],
                    year=2024, venue="CVPR", status="published", arxiv="2401.01234", doi="10.1000/xyz",
                    links=[Link("https://example.org/paper.pdf", "pdf"), Link("data:text/html,hi", "code")]),
        authors=[Author("Ada Lovelace", "ada lovelace", equal_contribution=True),
                 Author("Grace Hopper", "grace hopper", equal_contribution=True),
                 Author("Alan Turing", "alan turing")],
        listed_by=["ada-lovelace", "grace-hopper"],
        topics=[TopicRef("machine-learning", [TopicReason("title", 'matched "calibration"')])])
    engines = SitePublication(
        "engines", Publication(title="Notes on the Analytical Engine", authors=["Ada Lovelace"], year=2023,
                               status="under-review"),
        authors=[Author("Ada Lovelace", "ada lovelace")], listed_by=["ada-lovelace"],
        topics=[TopicRef("computing", [])])
    people = {
        "ada lovelace": Person("ada lovelace", "Ada Lovelace", member_slug="ada-lovelace"),
        "grace hopper": Person("grace hopper", "Grace Hopper", member_slug="grace-hopper"),
        "alan turing": Person("alan turing", "Alan Turing"),
    }
    topics = {
        "Computing": Topic("computing", "Computing", ["engines"], ["ada-lovelace"]),
        "Machine Learning": Topic("machine-learning", "Machine Learning", ["calibration"],
                                  ["ada-lovelace", "grace-hopper"]),
    }
    return Site(title=title, description="People who make machines think.", members=[ada, grace],
                publications={"calibration": calibration, "engines": engines}, topics=topics, people=people)


class Page(HTMLParser):
    """A parsed page: its links, its text, its elements with attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self.json_ld: list[str] = []
        self._in_script = False
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict((k, v or "") for k, v in attrs)))
        self._in_script = tag == "script"
        self._in_json_ld = self._in_script and dict(attrs).get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_script = self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)
        else:
            (self.script_bodies if self._in_script else self.text).append(data)

    def links(self) -> list[str]:
        return [a["href"] for tag, a in self.elements if tag == "a" and "href" in a]

    def assets(self) -> list[str]:
        found = [a.get("href") or a.get("src") for tag, a in self.elements if tag in ("link", "script")]
        return [url for url in found if url and not url.startswith(("http:", "https:"))]

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def read(out: Path, path: str) -> Page:
    return Page((out / path).read_text(encoding="utf-8"))


@pytest.fixture
def built(tmp_path) -> tuple[Path, list[str]]:
    out = tmp_path / "_site"
    out.mkdir()
    return out, render_site(small_site(), out)


def test_every_page_is_written(built):
    out, written = built
    expected = ["index.html", "404.html", "publications/index.html", "topics/index.html",
                "people/ada-lovelace/index.html", "people/grace-hopper/index.html",
                "publications/calibration/index.html", "publications/engines/index.html",
                "topics/machine-learning/index.html", "topics/computing/index.html",
                "static/style.css", "static/theme.js"]
    for path in expected:
        assert path in written
        assert (out / path).is_file(), path


def test_every_internal_link_resolves_to_a_file(built):
    out, written = built
    for path in written:
        if not path.endswith(".html") or path == "404.html":
            continue
        page = read(out, path)
        for href in page.links() + page.assets():
            parts = urlsplit(href)
            if parts.scheme or href.startswith("#"):
                continue
            target = (out / path).parent / unquote(parts.path)
            assert target.resolve().is_file(), f"{path} links to missing {href}"
            assert target.resolve().is_relative_to(out.resolve())


def test_links_are_relative_and_name_index_html(built):
    out, _ = built
    links = read(out, "people/ada-lovelace/index.html").links()
    assert "../../publications/calibration/index.html" in links
    assert "../../index.html" in links
    assert not any(href.startswith("/") for href in links)


def test_members_are_linked_from_author_lists(built):
    out, _ = built
    page = read(out, "publications/calibration/index.html")
    links = page.links()
    assert "../../people/ada-lovelace/index.html" in links
    assert "../../people/grace-hopper/index.html" in links
    assert "Alan Turing" in page.all_text()  # a co-author who is not a member: named, not linked
    assert not any("alan" in href for href in links)


def test_member_page_highlights_the_member_and_marks_equal_contribution(built):
    out, _ = built
    html = (out / "people/ada-lovelace/index.html").read_text()
    page = Page(html)
    strong = [a for tag, a in page.elements if tag == "strong" and "self" in a.get("class", "")]
    assert strong, "the member's own name is highlighted"
    assert any(tag == "sup" for tag, _ in page.elements)
    assert "Equal contribution." in page.all_text()


def test_member_page_sections_in_cv_order(built):
    out, _ = built
    page = read(out, "people/ada-lovelace/index.html")
    headings = [a.get("id") for tag, a in page.elements if tag == "h2"]
    order = ["education-heading", "positions-heading", "publications-heading", "news-heading",
             "other-1-heading", "co-authors-heading"]
    assert [h for h in headings if h in order] == order
    text = page.all_text()
    assert "Languages" in text and "French" in text
    assert "Jul 2022 – Present" in text


def test_publications_grouped_by_year_newest_first(built):
    out, _ = built
    page = read(out, "publications/index.html")
    years = [a["id"] for tag, a in page.elements if tag == "h2" and a.get("id", "").startswith("y")]
    assert years == ["y2024", "y2023"]


def test_script_in_a_title_is_text_not_markup(built):
    out, _ = built
    for path in ("publications/calibration/index.html", "index.html", "people/ada-lovelace/index.html"):
        page = read(out, path)
        assert not any("alert" in body for body in page.script_bodies), path
        assert not any("<" in body for body in page.json_ld), path  # `</script>` in JSON-LD is \u003c/script\u003e
        assert "<script>alert('x')</script>" in page.all_text(), path
    assert "<b>NeurIPS</b>" in read(out, "people/ada-lovelace/index.html").all_text()


def test_unsafe_urls_are_dropped(built):
    out, _ = built
    for path in ("people/ada-lovelace/index.html", "publications/calibration/index.html"):
        links = read(out, path).links()
        assert not any(href.lower().startswith(("javascript:", "data:")) for href in links)
    pub_links = read(out, "publications/calibration/index.html").links()
    assert "https://arxiv.org/abs/2401.01234" in pub_links
    assert "https://doi.org/10.1000/xyz" in pub_links
    assert "mailto:ada@example.org" in read(out, "people/ada-lovelace/index.html").links()


def test_publication_page_explains_its_topics(built):
    out, _ = built
    page = read(out, "publications/calibration/index.html")
    chips = [a for tag, a in page.elements if tag == "a" and a.get("href") == "../../topics/machine-learning/index.html"]
    assert chips and 'matched "calibration"' in chips[0].get("title", "")
    assert any(tag == "details" for tag, _ in page.elements)


def test_pages_are_accessible_landmarks(built):
    out, _ = built
    page = read(out, "index.html")
    tags = [tag for tag, _ in page.elements]
    assert ("html", {"lang": "en"}) in page.elements
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in tags
    assert page.links()[0] == "#main"  # the skip link comes first
    assert tags.count("h1") == 1


def test_a_site_template_overrides_the_theme(tmp_path):
    site_dir = tmp_path / "mysite"
    (site_dir / "templates" / "partials").mkdir(parents=True)
    (site_dir / "templates" / "partials" / "member_card.html").write_text(
        '<li class="my-card"><a href="{{ url(card.member) }}">{{ card.name }}</a></li>\n')
    (site_dir / "static").mkdir()
    (site_dir / "static" / "style.css").write_text("body { color: red }\n")
    out = tmp_path / "_site"
    out.mkdir()
    render_site(small_site(), out, site_dir)
    page = read(out, "index.html")
    assert any(tag == "li" and a.get("class") == "my-card" for tag, a in page.elements)
    assert (out / "static" / "style.css").read_text() == "body { color: red }\n"
    assert (out / "static" / "theme.js").is_file()


def test_a_site_template_can_extend_the_theme_original(tmp_path):
    site_dir = tmp_path / "mysite"
    (site_dir / "templates").mkdir(parents=True)
    (site_dir / "templates" / "404.html").write_text(
        '{% extends "theme/404.html" %}{% block title %}Lost · {{ site.title }}{% endblock %}\n')
    out = tmp_path / "_site"
    out.mkdir()
    render_site(small_site(), out, site_dir)
    assert "Lost · Calibration Lab" in read(out, "404.html").all_text()


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a", "https://example.org/a"),
    ("mailto:a@b.org", "mailto:a@b.org"),
    ("../paper.pdf", "../paper.pdf"),
    ("javascript:alert(1)", None),
    ("  JaVa\tScRiPt:alert(1)", None),
    ("data:text/html,x", None),
    ("vbscript:x", None),
    ("#", None),
    ("", None),
])
def test_safe_url(url, expected):
    assert urls.safe_url(url) == expected


@pytest.mark.parametrize("src, dst, expected", [
    ("index.html", "people/a/index.html", "people/a/index.html"),
    ("people/a/index.html", "publications/b/index.html", "../../publications/b/index.html"),
    ("people/a/index.html", "people/a/index.html", "index.html"),
    ("topics/index.html", "static/style.css", "../static/style.css"),
    ("people/a/index.html", "publications/index.html#y2024", "../../publications/index.html#y2024"),
])
def test_relative_url(src, dst, expected):
    assert urls.relative_url(src, dst) == expected


def test_an_empty_site_still_renders(tmp_path):
    out = tmp_path / "_site"
    out.mkdir()
    written = render_site(Site(title="Empty"), out)
    assert {"index.html", "publications/index.html", "topics/index.html", "404.html"} <= set(written)
    assert "No publications yet." in read(out, "publications/index.html").all_text()


def test_a_member_without_a_name_or_sections_gets_a_page(tmp_path):
    site = Site(title="One", members=[Member("anon", Profile(), person_key="anon")])
    out = tmp_path / "_site"
    out.mkdir()
    render_site(site, out)
    page = read(out, "people/anon/index.html")
    assert [a for tag, a in page.elements if tag == "h1"]


def test_the_404_page_uses_the_base_url_when_known(tmp_path):
    site = small_site()
    site.base_url = "https://lab.example.org/site"
    out = tmp_path / "_site"
    out.mkdir()
    render_site(site, out)
    page = read(out, "404.html")
    assert ("base", {"href": "https://lab.example.org/site/"}) in page.elements


def test_two_pages_with_one_path_is_an_error(tmp_path):
    site = small_site()
    site.topics["Again"] = Topic("computing", "Again")
    with pytest.raises(ValueError, match="topics/computing/index.html"):
        render_site(site, tmp_path)
