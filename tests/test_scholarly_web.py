"""The scholarly web: what crawlers, reference managers and feed readers read from a built site."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pybtex.database import parse_string

from sitegen import citations, structured_data
from sitegen.model import Author, Publication, SitePublication
from sitegen.render import render_site
from test_render import Page, small_site

ATOM = "{http://www.w3.org/2005/Atom}"
PUB = "publications/calibration/index.html"
MEMBER = "people/ada-lovelace/index.html"


def build(tmp_path: Path, base_url: str | None = "https://lab.example.org/site", site_dir: Path | None = None,
          site=None) -> Path:
    site = site or small_site()
    site.base_url = base_url
    out = tmp_path / "_site"
    out.mkdir()
    render_site(site, out, site_dir)
    return out


def meta(page: Page, key: str) -> list[str]:
    return [a["content"] for tag, a in page.elements if tag == "meta" and key in (a.get("name"), a.get("property"))]


def json_ld(page: Page) -> dict:
    (body,) = page.json_ld
    return json.loads(body)


def test_publication_page_has_highwire_tags_in_author_order(tmp_path):
    page = Page((build(tmp_path) / PUB).read_text())
    assert meta(page, "citation_title") == ["A Stitch in Time <script>alert('x')</script>"]
    assert meta(page, "citation_author") == ["Ada Lovelace", "Grace Hopper", "Alan Turing"]
    assert meta(page, "citation_publication_date") == ["2024"]
    assert meta(page, "citation_doi") == ["10.1000/xyz"]
    assert meta(page, "citation_arxiv_id") == ["2401.01234"]
    assert meta(page, "citation_pdf_url") == ["https://example.org/paper.pdf"]


def test_journal_and_conference_titles_follow_the_kind():
    def tags(kind):
        pub = SitePublication("p", Publication("T", ["A B"], year=2020, date="2020-05-03", venue="JMLR", kind=kind),
                              authors=[Author("A B")])
        return {t.key: t.content for t in structured_data.highwire_tags(pub)}
    assert tags("journal")["citation_journal_title"] == "JMLR"
    assert tags("conference")["citation_conference_title"] == "JMLR"
    assert tags("conference")["citation_publication_date"] == "2020/05/03"
    assert "citation_journal_title" not in tags("preprint")


def test_publication_json_ld_is_a_scholarly_article(tmp_path):
    data = json_ld(Page((build(tmp_path) / PUB).read_text()))
    assert data["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in data["author"]] == ["Ada Lovelace", "Grace Hopper", "Alan Turing"]
    assert data["author"][0]["url"] == "https://lab.example.org/site/people/ada-lovelace/"
    assert data["datePublished"] == "2024"
    assert data["isPartOf"]["name"] == "CVPR"
    assert {i["propertyID"] for i in data["identifier"]} == {"DOI", "arXiv"}
    assert "https://doi.org/10.1000/xyz" in data["sameAs"]
    assert data["url"] == "https://lab.example.org/site/publications/calibration/"


def test_json_ld_cannot_close_its_script_element():
    text = structured_data.json_ld({"name": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & more"


def test_member_json_ld_is_a_profile_page(tmp_path):
    data = json_ld(Page((build(tmp_path) / MEMBER).read_text()))
    assert data["@type"] == "ProfilePage"
    person = data["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Ada Lovelace"
    assert person["affiliation"]["name"] == "Analytical Engines Lab"
    assert person["sameAs"] == ["https://github.com/ada"]  # e-mail is not a profile; javascript: is dropped
    assert person["knowsAbout"] == ["Machine Learning"]


def test_every_page_has_open_graph_twitter_and_canonical(tmp_path):
    out = build(tmp_path)
    for path in out.rglob("*.html"):
        page = Page(path.read_text())
        relative = path.relative_to(out).as_posix()
        assert meta(page, "og:title") and meta(page, "twitter:card"), relative
        canonical = [a["href"] for tag, a in page.elements if tag == "link" and a.get("rel") == "canonical"]
        if relative not in ("404.html",):
            assert canonical and canonical[0].startswith("https://lab.example.org/site/"), relative
            assert meta(page, "og:url") == canonical
    assert meta(Page((out / "index.html").read_text()), "og:url") == ["https://lab.example.org/site/"]


def test_without_base_url_no_absolute_url_is_invented(tmp_path):
    out = build(tmp_path, base_url=None)
    for path in out.rglob("*.html"):
        page = Page(path.read_text())
        assert not [a for tag, a in page.elements if tag == "link" and a.get("rel") == "canonical"]
        assert not meta(page, "og:url")
    assert not (out / "sitemap.xml").exists()
    assert "Sitemap:" not in (out / "robots.txt").read_text()
    feed = ET.parse(out / "feed.xml").getroot()
    links = [e.get("href") for e in feed.iter(f"{ATOM}link")]
    assert "publications/calibration/index.html" in links
    assert all(e.text.startswith("urn:uuid:") for e in feed.iter(f"{ATOM}id"))


def test_sitemap_and_robots_with_base_url(tmp_path):
    out = build(tmp_path)
    root = ET.parse(out / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://lab.example.org/site/" in locs
    assert "https://lab.example.org/site/publications/calibration/" in locs
    assert not any("404" in loc or "search" in loc for loc in locs)
    assert "Sitemap: https://lab.example.org/site/sitemap.xml" in (out / "robots.txt").read_text()


def test_atom_feeds_for_the_site_and_each_member(tmp_path):
    out = build(tmp_path)
    site_feed = ET.parse(out / "feed.xml").getroot()
    assert site_feed.tag == f"{ATOM}feed"
    titles = [e.find(f"{ATOM}title").text for e in site_feed.iter(f"{ATOM}entry")]
    assert titles == ["A Stitch in Time <script>alert('x')</script>", "Notes on the Analytical Engine"]
    assert site_feed.find(f"{ATOM}updated").text == "2024-01-01T00:00:00Z"
    grace = ET.parse(out / "people/grace-hopper/feed.xml").getroot()
    entries = list(grace.iter(f"{ATOM}entry"))
    assert len(entries) == 1
    assert entries[0].find(f"{ATOM}link").get("href") == "https://lab.example.org/site/publications/calibration/"
    page = Page((out / "people/grace-hopper/index.html").read_text())
    feeds = [a["href"] for tag, a in page.elements if tag == "link" and a.get("type") == "application/atom+xml"]
    assert "feed.xml" in feeds and "../../feed.xml" in feeds


def test_bibtex_downloads_parse_back_with_pybtex(tmp_path):
    out = build(tmp_path)
    everything = parse_string((out / "people/ada-lovelace/publications.bib").read_text(), "bibtex")
    assert len(everything.entries) == 2
    one = parse_string((out / "publications/calibration/cite.bib").read_text(), "bibtex")
    (entry,) = one.entries.values()
    assert entry.type == "misc" and entry.fields["howpublished"] == "CVPR"  # no kind given: @misc
    assert [str(p) for p in entry.persons["author"]] == ["Lovelace, Ada", "Hopper, Grace", "Turing, Alan"]
    assert entry.fields["doi"] == "10.1000/xyz" and entry.fields["eprint"] == "2401.01234"
    assert entry.fields["url"] == "https://lab.example.org/site/publications/calibration/"


@pytest.mark.parametrize("title", ["Braces {unbalanced and 100% of $x_1$ & #tags ~ ^", "C:\\path}{", "Ünïcödé — “quotes”"])
def test_bibtex_survives_hostile_titles(title):
    pub = SitePublication("x", Publication(title, ["Jörg Müller", "others"], authors_truncated=True, year=2021),
                          authors=[Author("Jörg Müller")])
    text = citations.bibtex_file([pub, pub])
    entries = parse_string(text, "bibtex").entries
    assert len(entries) == 2  # the second gets a distinct key
    assert len({*entries.keys()}) == 2


def test_apa_citation():
    pub = SitePublication("x", Publication("Deep Things.", ["Inderjit S. Dhillon", "Jean-Paul Sartre", "Plato"],
                                           year=2022, venue="NeurIPS", doi="10.1/abc"),
                          authors=[Author("Inderjit S. Dhillon"), Author("Jean-Paul Sartre"), Author("Plato")])
    assert str(citations.apa_citation(pub)) == (
        "Dhillon, I. S., Sartre, J.-P., &amp; Plato (2022). Deep Things. <i>NeurIPS</i>. https://doi.org/10.1/abc")


def test_publication_page_has_a_cite_box_with_copy_button(tmp_path):
    page = Page((build(tmp_path) / PUB).read_text())
    pre = [a for tag, a in page.elements if tag == "pre" and a.get("id") == "bibtex"]
    button = [a for tag, a in page.elements if tag == "button" and a.get("data-copy") == "bibtex"]
    assert pre and button and "hidden" in button[0]  # shown by the script only, where copying works
    assert "@misc{lovelace2024stitch," in page.all_text()
    assert "Lovelace, A., Hopper, G., & Turing, A. (2024)." in page.all_text()
