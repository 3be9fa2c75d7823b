"""`sitegen import` turns an existing Hugo Blox, al-folio or academicpages site into a site.yaml whose sources
are that site's own files, and `sitegen build` then builds it: each member page lists their publications."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitegen.cli import main
from sitegen.importer import detect_layout

SITES = Path(__file__).resolve().parent / "fixtures" / "import"


class MemberPage(HTMLParser):
    """The page's <h1> and the text of every `a.pub-title` (each paper once, in page order)."""

    def __init__(self, html: str):
        super().__init__()
        self.heading, self.titles, self._in = "", [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "h1" and not self.heading:
            self._in = "h1"
        elif tag == "a" and "pub-title" in classes:
            self._in = "title"
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag in ("a", "h1"):
            self._in = None

    def handle_data(self, data):
        if self._in == "h1":
            self.heading += data.strip()
        elif self._in == "title":
            self.titles[-1] += data

    @property
    def papers(self) -> list[str]:
        return list(dict.fromkeys(" ".join(t.split()) for t in self.titles))


def imported(tmp_path: Path, layout: str, capsys) -> tuple[Path, dict]:
    site = tmp_path / layout
    shutil.copytree(SITES / layout, site)
    assert main(["import", str(site)]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and "next: sitegen build" in out
    return site, yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))


def build(site: Path, capsys) -> Path:
    code = main(["build", str(site), "--out", str(site.parent / "out"), "--offline"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err
    return site.parent / "out"


def member(out: Path, slug: str) -> MemberPage:
    return MemberPage((out / "people" / slug / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("layout, name", [("hugo_blox", "hugo-blox"), ("al_folio", "al-folio"),
                                          ("academicpages", "academicpages")])
def test_each_layout_is_recognised(layout, name):
    assert detect_layout(SITES / layout) == name
    assert detect_layout(SITES) is None


def test_hugo_blox_authors_are_members_with_the_publications_that_name_them(tmp_path, capsys):
    site, config = imported(tmp_path, "hugo_blox", capsys)
    assert config["title"] == "Lindqvist Lab"
    sofia, erik = config["researchers"]
    assert sofia == {"name": "Sofia Lindqvist", "sources": [
        "content/authors/admin/_index.md",
        "content/publication/dialect-corpus/index.md", "content/publication/dialect-corpus/cite.bib",
        "content/publication/subword-morphology/index.md", "content/publication/subword-morphology/cite.bib",
        "content/publication/tokenizer-fairness/index.md"]}
    assert erik == {"name": "Erik Sand", "sources": [
        "content/authors/erik-sand/_index.md",
        "content/publication/subword-morphology/index.md", "content/publication/subword-morphology/cite.bib"]}
    out = build(site, capsys)
    page = member(out, "sofia-lindqvist")
    assert page.heading == "Sofia Lindqvist"
    assert sorted(page.papers) == ["A parallel corpus of Swedish dialects",
                                   "How fair are tokenizers to the languages of Scandinavia?",
                                   "Subword tokenization and morphological generalization in multilingual models"]
    assert member(out, "erik-sand").papers == [
        "Subword tokenization and morphological generalization in multilingual models"]
    assert len(list((out / "publications").glob("*/index.html"))) == 3  # a page and its cite.bib are one paper


def test_al_folio_is_one_member_from_about_config_cv_and_bibliography(tmp_path, capsys):
    site, config = imported(tmp_path, "al_folio", capsys)
    assert config == {"title": "Tomás Herrera", "researchers": [{"name": "Tomás Herrera", "sources": [
        "_pages/about.md", "_config.yml", "_data/cv.yml", "_bibliography/papers.bib"]}]}  # `title: blank`: the name
    page = member(build(site, capsys), "tomas-herrera")
    assert page.heading == "Tomás Herrera"
    assert sorted(page.papers) == ["Marine heatwaves reorganize kelp forest food webs",
                                   "Sea urchin barrens persist after predator recovery",
                                   "Thermal tolerance of giant kelp gametophytes across the California Current"]


def test_academicpages_lists_every_publication_talk_and_course_page(tmp_path, capsys):
    site, config = imported(tmp_path, "academicpages", capsys)
    (researcher,) = config["researchers"]
    assert (config["title"], researcher["name"]) == ("Lena Okafor", "Lena Okafor")
    assert researcher["sources"] == [
        "_pages/about.md", "_config.yml", "_pages/cv.md",
        "_publications/2019-11-02-savings-groups-neudc.md", "_publications/2021-03-01-mobile-money-savings.md",
        "_publications/2024-05-20-commitment-demand.md",
        "_talks/2022-06-14-talk-csae.md", "_talks/2023-01-07-assa-poster.md", "_teaching/2022-fall-econ-340.md"]
    out = build(site, capsys)
    page = member(out, "lena-okafor")
    assert page.papers == ["The Demand for Commitment among Market Traders",
                           "Mobile Money and Household Savings: Evidence from Rural Ghana",
                           "Savings Groups and Risk Sharing"]
    html = (out / "people" / "lena-okafor" / "index.html").read_text(encoding="utf-8")
    text = _text(html)
    assert "Savings groups and the demand for commitment" in text  # a talk
    assert "ECON 340: Development Economics" in text  # a course


def _text(html: str) -> str:
    parser = HTMLParser()
    parts: list[str] = []
    parser.handle_data = parts.append
    parser.feed(html)
    return " ".join(" ".join(parts).split())


# --- where site.yaml goes -------------------------------------------------------------------

def test_an_existing_site_yaml_is_never_overwritten(tmp_path, capsys):
    site = tmp_path / "al_folio"
    shutil.copytree(SITES / "al_folio", site)
    (site / "site.yaml").write_text("title: mine\n", encoding="utf-8")
    assert main(["import", str(site)]) == 1
    assert "already exists; refusing to overwrite it" in capsys.readouterr().err
    assert (site / "site.yaml").read_text(encoding="utf-8") == "title: mine\n"


def test_out_above_the_site_gets_paths_through_its_folder(tmp_path, capsys):
    site = tmp_path / "sites" / "academicpages"
    shutil.copytree(SITES / "academicpages", site)
    assert main(["import", str(site), "--out", str(tmp_path / "sites")]) == 0
    config = yaml.safe_load((tmp_path / "sites" / "site.yaml").read_text(encoding="utf-8"))
    assert config["researchers"][0]["sources"][0] == "academicpages/_pages/about.md"
    capsys.readouterr()
    assert main(["build", str(tmp_path / "sites"), "--out", str(tmp_path / "out")]) == 0


def test_out_beside_the_site_is_refused_and_a_plain_folder_is_not_a_site(tmp_path, capsys):
    site = tmp_path / "al_folio"
    shutil.copytree(SITES / "al_folio", site)
    (tmp_path / "elsewhere").mkdir()
    assert main(["import", str(site), "--out", str(tmp_path / "elsewhere" / "site.yaml")]) == 1
    assert "must be in the site's folder or a folder above it" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "elsewhere")]) == 1
    assert "not a Hugo Blox, al-folio or academicpages site" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere" / "site.yaml").exists()
