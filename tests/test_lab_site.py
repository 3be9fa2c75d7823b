"""A lab of four members builds into exactly the intended graph: one page per paper, one person per person."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.cli import main

LAB = Path(__file__).resolve().parent / "fixtures" / "lab"


class Node:
    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.children, self.parts = tag, attrs, [], []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def text(self) -> str:
        return " ".join("".join(p if isinstance(p, str) else p.text for p in self.parts).split())

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                found.append(child)
            found.extend(child.find_all(tag, cls))
        return found


class Tree(HTMLParser):
    VOID = {"meta", "link", "img", "br", "hr", "input", "source"}

    def __init__(self, html: str):
        super().__init__()
        self.root = Node("root", {})
        self.stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        self.stack[-1].parts.append(data)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("lab") / "lab"
    shutil.copytree(LAB, site_dir)
    result = build_site(site_dir, site_dir.parent / "out")
    return result


def page(lab, path: str) -> Node:
    return Tree((lab.out_dir / path / "index.html").read_text(encoding="utf-8")).root


def authors(root: Node) -> list[tuple[str, str | None]]:
    """(name, link or 'self') for each author of the publication page's head."""
    head = root.find_all(cls="publication-head")[0]
    out = []
    for span in head.find_all("span", "authors")[0].children:  # one span per author, then maybe "et al."
        if span.tag != "span" or "title" in span.attrs:
            continue
        link = span.find_all("a")
        out.append((span.text.rstrip("*").strip(), link[0].attrs["href"] if link else None))
    return out


def test_one_page_per_real_paper(lab):
    assert sorted(p.name for p in (lab.out_dir / "publications").iterdir() if p.is_dir()) == [
        "calibrated-extreme-classifiers-for-rare-labels", "deep-nets-for-extreme-classification",
        "learning-with-noisy-labels", "learning-with-noisy-labels-a-survey",
        "renee-training-extreme-classifiers-end-to-end", "sparse-retrieval-for-long-documents",
        "tail-labels-in-extreme-classification"]


def test_the_paper_three_members_list_is_one_page_that_names_them(lab):
    root = page(lab, "publications/deep-nets-for-extreme-classification")
    facts = root.find_all("dl", "facts")[0]
    listed = [a.text for a in facts.find_all("a")]
    assert listed == ["Ana Silva", "Tomás Ruiz", "Priya Nair"]
    assert authors(root) == [("Ana Silva", "../../people/ana-silva/index.html"),
                             ("Tomás Ruiz", "../../people/tomas-ruiz/index.html"),
                             ("Priya Nair", "../../people/priya-nair/index.html")]


def test_a_preprint_and_its_published_version_are_one_page(lab):
    pub = lab.site.publications["sparse-retrieval-for-long-documents"]
    assert (pub.record.venue, pub.record.year, pub.record.arxiv) == ("NeurIPS", 2024, "2305.01234")
    assert [(v.venue, v.year) for v in pub.versions] == [("arXiv", 2023)]
    root = page(lab, "publications/sparse-retrieval-for-long-documents")
    assert authors(root)[:2] == [("Tomás Ruiz", "../../people/tomas-ruiz/index.html"),
                                 ("Ana Silva", "../../people/ana-silva/index.html")]
    assert authors(root)[2] == ("Jatin Prakash", "../../people/jatin-prakash/index.html")


def test_last_first_and_initials_link_to_the_member_and_namesakes_do_not(lab):
    root = page(lab, "publications/calibrated-extreme-classifiers-for-rare-labels")
    assert authors(root) == [("Nair, Priya", "../../people/priya-nair/index.html"),
                             ("J. Prakash", "../../people/jatin-prakash/index.html")]
    root = page(lab, "publications/learning-with-noisy-labels")
    assert authors(root) == [("Ana Silva", "../../people/ana-silva/index.html"), ("Rahul Nair", None),
                             ("Jaya Prakash", None)]


def test_the_owner_is_highlighted_on_their_own_page_and_co_authors_are_counted(lab):
    root = page(lab, "people/priya-nair")
    assert [s.text for s in root.find_all("strong", "self")] == ["Priya Nair", "Nair, Priya"]
    section = root.find_all("section", None)
    co_authors = next(s for s in section if s.attrs.get("id") == "co-authors")
    assert [(a.text, a.attrs["href"]) for a in co_authors.find_all("a")] == [
        ("Ana Silva", "../ana-silva/index.html"), ("Jatin Prakash", "../jatin-prakash/index.html"),
        ("Tomás Ruiz", "../tomas-ruiz/index.html")]


def test_topics_respect_min_papers_and_interests(lab):
    assert sorted(lab.site.topics) == ["extreme-classification", "information-retrieval", "learning-with-noisy-labels"]
    topic = lab.site.topics["extreme-classification"]
    assert topic.member_slugs == ["jatin-prakash", "priya-nair", "ana-silva", "tomas-ruiz"]
    assert topic.publication_slugs[0] == "tail-labels-in-extreme-classification"  # newest first


def test_check_json_explains_merges_people_and_topics(lab, capsys):
    code = main(["check", str(lab.out_dir.parent / "lab"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [m["slug"] for m in report["members"]] == ["ana-silva", "tomas-ruiz", "priya-nair", "jatin-prakash"]
    ana = report["members"][0]
    assert [(Path(s["path"]).name, s["format"]) for s in ana["sources"]] == [("ana.md", "cv")]
    assert ana["counts"] == {"publications": 4} and ana["warnings"] == []
    merges = {m["publication"]: m for m in ana["merged_publications"]}
    assert set(merges) == {"deep-nets-for-extreme-classification", "sparse-retrieval-for-long-documents"}
    shared = merges["deep-nets-for-extreme-classification"]
    assert (shared["records"], shared["also_listed_by"]) == (3, ["tomas-ruiz", "priya-nair"])
    assert shared["because"] == ["same title, shared authors nair, ruiz, silva, year 2023"]
    assert merges["sparse-retrieval-for-long-documents"]["versions"] == ["arXiv 2023: Sparse Retrieval for Long Documents"]
    people = {p["person"]: p for p in report["people_resolved"]}
    assert people["Tomás Ruiz"]["variants"] == ["Tomás Ruiz", "Tomas Ruiz"]
    assert people["Jatin Prakash"]["because"] == {"J. Prakash": "marked as jatin-prakash's own name in their source"}
    assert people["Priya Nair"]["variants"] == ["Priya Nair", "Nair, Priya"]
    assert "Rahul Nair" not in people and "Jaya Prakash" not in people
    topics = {t["topic"]: t for t in report["topics"]}
    assert set(topics) == {"Extreme Classification", "Information Retrieval", "Learning with Noisy Labels"}
    deep = next(p for p in report["publications"] if p["slug"] == "deep-nets-for-extreme-classification")
    assert deep["topics"] == [{"topic": "Extreme Classification",
                               "reasons": ["keyword “extreme multi-label”", "“extreme classification” in the title"]}]
    assert [t["listed_in_interests"] for t in ana["topics"] if t["topic"] == "Information Retrieval"] == [True]


def test_the_same_inputs_give_the_same_bytes_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "sitegen.cli", "build", str(LAB), "--out", str(out)],
                       env=env, check=True, capture_output=True)
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
